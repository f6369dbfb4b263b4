using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class CookiePreservativeParameterTests : UInt32ValueParameterTests<CookiePreservativeParameter>
{
    private protected override ParameterType Type => ParameterType.CookiePreservative;

    private protected override TlvParser<CookiePreservativeParameter> Parser => CookiePreservativeParameter.TryParse;

    private protected override CookiePreservativeParameter Create(uint value) => new(value);

    private protected override uint ValueOf(CookiePreservativeParameter parameter) => parameter.SuggestedIncrementMilliseconds;

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("00 09 00 08 00 00 03 e8"), new CookiePreservativeParameter(1000).ToArray());

    [Fact]
    public void ExposesTheIncrementAsATimeSpan() =>
        Assert.Equal(TimeSpan.FromSeconds(1.5), new CookiePreservativeParameter(1500).SuggestedIncrement);
}
