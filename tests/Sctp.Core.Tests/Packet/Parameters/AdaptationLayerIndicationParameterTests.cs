using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class AdaptationLayerIndicationParameterTests : UInt32ValueParameterTests<AdaptationLayerIndicationParameter>
{
    private protected override ParameterType Type => ParameterType.AdaptationLayerIndication;

    private protected override TlvParser<AdaptationLayerIndicationParameter> Parser => AdaptationLayerIndicationParameter.TryParse;

    private protected override AdaptationLayerIndicationParameter Create(uint value) => new(value);

    private protected override uint ValueOf(AdaptationLayerIndicationParameter parameter) => parameter.AdaptationCodePoint;

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("c0 06 00 08 00 00 00 01"), new AdaptationLayerIndicationParameter(1).ToArray());
}
