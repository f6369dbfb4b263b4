using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class StateCookieParameterTests : OpaqueParameterTests<StateCookieParameter>
{
    private protected override ParameterType Type => ParameterType.StateCookie;

    private protected override TlvParser<StateCookieParameter> Parser => StateCookieParameter.TryParse;

    private protected override StateCookieParameter Create(ReadOnlySpan<byte> data) => new(data);

    private protected override ReadOnlyMemory<byte> DataOf(StateCookieParameter parameter) => parameter.Cookie;

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("00 07 00 0a de ad be ef 01 02 00 00"), new StateCookieParameter([0xde, 0xad, 0xbe, 0xef, 1, 2]).ToArray());
}
