using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class SsnTsnResetRequestParameterTests : UInt32ValueParameterTests<SsnTsnResetRequestParameter>
{
    private protected override ParameterType Type => ParameterType.SsnTsnResetRequest;

    private protected override TlvParser<SsnTsnResetRequestParameter> Parser => SsnTsnResetRequestParameter.TryParse;

    private protected override SsnTsnResetRequestParameter Create(uint value) => new(new ReconfigRequestSequenceNumber(value));

    private protected override uint ValueOf(SsnTsnResetRequestParameter parameter) => parameter.RequestSequenceNumber.Value;

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 0f 00 08 00 00 00 2a"),
            new SsnTsnResetRequestParameter(new ReconfigRequestSequenceNumber(42)).ToArray());
}
