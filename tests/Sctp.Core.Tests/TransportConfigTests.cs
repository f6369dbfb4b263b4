namespace Sctp.Tests;

public class TransportConfigTests
{
    [Fact]
    public void DefaultsAreValidAndFollowRfc9260Section16()
    {
        var config = new TransportConfig();
        config.Validate();
        Assert.Equal(TimeSpan.FromSeconds(1), config.RtoInitial);
        Assert.Equal(TimeSpan.FromSeconds(60), config.RtoMax);
        Assert.Equal(8, config.MaxInitRetransmits);
        Assert.Equal(10, config.AssociationMaxRetransmits);
        Assert.Equal(5, config.PathMaxRetransmits);
        Assert.Equal(4, config.MaxBurst);
        Assert.Equal(TimeSpan.FromSeconds(60), config.CookieLifetime);
    }

    [Theory]
    [InlineData(nameof(TransportConfig.Mtu))]
    [InlineData(nameof(TransportConfig.ReceiveWindow))]
    [InlineData(nameof(TransportConfig.MaxMessageSize))]
    [InlineData(nameof(TransportConfig.RtoInitial))]
    [InlineData(nameof(TransportConfig.DelayedAckTime))]
    [InlineData(nameof(TransportConfig.MaxBurst))]
    [InlineData(nameof(TransportConfig.OutboundStreams))]
    public void InvalidValuesAreNamed(string setting)
    {
        var config = setting switch
        {
            nameof(TransportConfig.Mtu) => new TransportConfig { Mtu = 100 },
            nameof(TransportConfig.ReceiveWindow) => new TransportConfig { ReceiveWindow = 1000, MaxMessageSize = 500 },
            nameof(TransportConfig.MaxMessageSize) => new TransportConfig { MaxMessageSize = 2 * 1024 * 1024 },
            nameof(TransportConfig.RtoInitial) => new TransportConfig { RtoInitial = TimeSpan.FromMilliseconds(10) },
            nameof(TransportConfig.DelayedAckTime) => new TransportConfig { DelayedAckTime = TimeSpan.FromSeconds(1) },
            nameof(TransportConfig.MaxBurst) => new TransportConfig { MaxBurst = 0 },
            _ => new TransportConfig { OutboundStreams = 0 },
        };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(setting, error.ParamName);
    }
}
