using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class HeartbeatInfoParameterTests : OpaqueParameterTests<HeartbeatInfoParameter>
{
    private protected override ParameterType Type => ParameterType.HeartbeatInfo;

    private protected override TlvParser<HeartbeatInfoParameter> Parser => HeartbeatInfoParameter.TryParse;

    private protected override HeartbeatInfoParameter Create(ReadOnlySpan<byte> data) => new(data);

    private protected override ReadOnlyMemory<byte> DataOf(HeartbeatInfoParameter parameter) => parameter.Info;

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("00 01 00 0d 00 00 00 00 00 00 00 2a 07 00 00 00"), new HeartbeatInfoParameter([0, 0, 0, 0, 0, 0, 0, 42, 7]).ToArray());
}
