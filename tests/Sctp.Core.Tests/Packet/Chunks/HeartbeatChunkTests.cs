using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public sealed class HeartbeatChunkTests : HeartbeatChunkBaseTests<HeartbeatChunk>
{
    private protected override ChunkType Type => ChunkType.Heartbeat;

    private protected override HeartbeatChunk Create(ReadOnlySpan<byte> info) => new(info);

    [Fact]
    public void CreateAckEchoesTheInfo()
    {
        var ack = new HeartbeatChunk([9, 8, 7, 6, 5]).CreateAck();
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, ack.Info.ToArray());
        Assert.Equal(Hex.Parse("05 00 00 0d 0001 0009 0908070605 000000"), ack.ToArray());
    }
}
