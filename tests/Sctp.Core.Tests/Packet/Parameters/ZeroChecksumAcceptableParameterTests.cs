using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class ZeroChecksumAcceptableParameterTests : UInt32ValueParameterTests<ZeroChecksumAcceptableParameter>
{
    private protected override ParameterType Type => ParameterType.ZeroChecksumAcceptable;

    private protected override TlvParser<ZeroChecksumAcceptableParameter> Parser => ZeroChecksumAcceptableParameter.TryParse;

    private protected override ZeroChecksumAcceptableParameter Create(uint value) => new(value);

    private protected override uint ValueOf(ZeroChecksumAcceptableParameter parameter) => parameter.ErrorDetectionMethod;

    [Fact]
    public void WritesRfcLayoutForSctpOverDtls() =>
        Assert.Equal(
            Hex.Parse("80 01 00 08 00 00 00 01"),
            new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.SctpOverDtls).ToArray());

    [Fact]
    public void KeepsTheReservedMethodForTheAssociationToRefuse()
    {
        Assert.True(ZeroChecksumAcceptableParameter.TryParse(Hex.Parse("80 01 00 08 00 00 00 00"), out var parsed, out _));
        Assert.Equal(0u, parsed.ErrorDetectionMethod);
    }
}
