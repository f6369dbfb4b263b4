using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Chunks;

public sealed class InitAckChunkTests : InitChunkBaseTests<InitAckChunk>
{
    private protected override ChunkType Type => ChunkType.InitAck;

    private protected override InitAckChunk Create(VerificationTag tag, uint window, ushort outbound, ushort inbound, Tsn tsn, params IEnumerable<Parameter> parameters) =>
        new(tag, window, outbound, inbound, tsn, parameters);

    [Fact]
    public void IsWrittenWithTypeTwo() => Assert.Equal(2, Create(new VerificationTag(1), 0, 1, 1, default).ToArray()[0]);

    [Fact]
    public void InitAndInitAckWithTheSameFieldsAreNotEqual()
    {
        var ack = Create(new VerificationTag(1), 0, 1, 1, default);
        Assert.NotEqual<Chunk>(new InitChunk(new VerificationTag(1), 0, 1, 1, default), ack);
    }
}
