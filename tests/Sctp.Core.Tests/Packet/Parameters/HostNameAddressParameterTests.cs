using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class HostNameAddressParameterTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("sctp.example.com")]
    public void RoundTripsEveryPadding(string name)
    {
        var parameter = new HostNameAddressParameter(name);
        Assert.Equal(name.Length + 1, parameter.ValueLength);
        Assert.Equal(ParameterAssert.PaddingFor(4 + name.Length + 1), parameter.SerializedSize - parameter.Length);
        Assert.Equal(name, ParameterAssert.RoundTrip(parameter, HostNameAddressParameter.TryParse).HostName);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("00 0b 00 09 68 6f 73 74 00 00 00 00"), new HostNameAddressParameter("host").ToArray());

    [Fact]
    public void KeepsExtraTerminatorsSoTheParameterCanBeEchoedExactly()
    {
        byte[] bytes = Hex.Parse("00 0b 00 0c 68 6f 73 74 00 00 00 00");
        Assert.True(HostNameAddressParameter.TryParse(bytes, out var parsed, out _));
        Assert.Equal("host", parsed.HostName);
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("host name")]
    [InlineData("h\u00f6st")]
    [InlineData("host\0")]
    public void ConstructorRejectsNamesOutsidePrintableAscii(string name) =>
        Assert.Throws<ArgumentException>(() => new HostNameAddressParameter(name));

    [Fact]
    public void ConstructorRejectsNull() => Assert.Throws<ArgumentNullException>(() => new HostNameAddressParameter(null!));

    [Fact]
    public void ConstructorRejectsANameTooLongForTheLengthField() =>
        Assert.Throws<ArgumentException>(() => new HostNameAddressParameter(new string('a', 65531)));

    [Theory]
    [InlineData("00 0b 00 08 68 6f 73 74", ParseErrorKind.InvalidField, 7)]
    [InlineData("00 0b 00 06 00 00", ParseErrorKind.InvalidField, 4)]
    [InlineData("00 0b 00 07 68 20 00", ParseErrorKind.InvalidField, 5)]
    [InlineData("00 0b 00 07 68 c3 00", ParseErrorKind.InvalidField, 5)]
    [InlineData("00 0b 00 08 68 00 69 00", ParseErrorKind.InvalidField, 6)]
    [InlineData("00 0b 00 05 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 0b 00 04", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 0b 00 09 68 00", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 0c 00 06 68 00", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<HostNameAddressParameter>(hex, HostNameAddressParameter.TryParse, kind, offset);
}
