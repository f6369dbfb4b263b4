using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class ChunkListParameterTests : ChunkTypeListParameterTests<ChunkListParameter>
{
    private protected override ParameterType Type => ParameterType.ChunkList;

    private protected override TlvParser<ChunkListParameter> Parser => ChunkListParameter.TryParse;

    private protected override ChunkListParameter Create(IEnumerable<ChunkType> chunkTypes) => new(chunkTypes);

    private protected override bool Lists(ChunkListParameter parameter, ChunkType chunkType) => parameter.RequiresAuthentication(chunkType);

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("80 03 00 06 00 03 00 00"), new ChunkListParameter([ChunkType.Data, ChunkType.Sack]).ToArray());

    [Fact]
    public void KeepsChunkTypesTheReceiverMustIgnore()
    {
        // RFC 4895 section 3.2: INIT, INIT ACK, SHUTDOWN COMPLETE and AUTH are ignored if listed, not fatal.
        Assert.True(ChunkListParameter.TryParse(Hex.Parse("80 03 00 08 01 02 0e 0f"), out var parsed, out _));
        Assert.Equal(new[] { ChunkType.Init, ChunkType.InitAck, ChunkType.ShutdownComplete, ChunkType.Auth }, parsed.ChunkTypes);
    }
}
