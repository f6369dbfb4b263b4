using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class ForwardTsnSupportedParameterTests : EmptyParameterTests<ForwardTsnSupportedParameter>
{
    private protected override ForwardTsnSupportedParameter Instance => ForwardTsnSupportedParameter.Instance;

    private protected override TlvParser<ForwardTsnSupportedParameter> Parser => ForwardTsnSupportedParameter.TryParse;

    [Fact]
    public void WritesRfcLayout() => Assert.Equal(Hex.Parse("c0 00 00 04"), ForwardTsnSupportedParameter.Instance.ToArray());

    [Fact]
    public void IsSkippedAndReportedWhenUnknown() =>
        Assert.Equal(UnrecognizedAction.SkipAndReport, ParameterType.ForwardTsnSupported.GetUnrecognizedAction());
}
