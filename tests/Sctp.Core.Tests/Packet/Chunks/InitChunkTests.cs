using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Chunks;

public sealed class InitChunkTests : InitChunkBaseTests<InitChunk>
{
    private protected override ChunkType Type => ChunkType.Init;

    private protected override InitChunk Create(VerificationTag tag, uint window, ushort outbound, ushort inbound, Tsn tsn, params IEnumerable<Parameter> parameters) =>
        new(tag, window, outbound, inbound, tsn, parameters);

    [Fact]
    public void IsWrittenWithTypeOne() => Assert.Equal(1, Create(new VerificationTag(1), 0, 1, 1, default).ToArray()[0]);
}
