using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class EcnCapableParameterTests : EmptyParameterTests<EcnCapableParameter>
{
    private protected override EcnCapableParameter Instance => EcnCapableParameter.Instance;

    private protected override TlvParser<EcnCapableParameter> Parser => EcnCapableParameter.TryParse;

    [Fact]
    public void WritesRfcLayout() => Assert.Equal(Hex.Parse("80 00 00 04"), EcnCapableParameter.Instance.ToArray());

    [Fact]
    public void IsSkippedSilentlyWhenUnknown() =>
        Assert.Equal(UnrecognizedAction.Skip, ParameterType.EcnCapable.GetUnrecognizedAction());
}
