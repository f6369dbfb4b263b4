using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public sealed class HeartbeatAckChunkTests : HeartbeatChunkBaseTests<HeartbeatAckChunk>
{
    private protected override ChunkType Type => ChunkType.HeartbeatAck;

    private protected override HeartbeatAckChunk Create(ReadOnlySpan<byte> info) => new(info);

    [Fact]
    public void IsNotEqualToAHeartbeatWithTheSameInfo() =>
        Assert.NotEqual<Chunk>(new HeartbeatChunk([1]), Create([1]));
}
