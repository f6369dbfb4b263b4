using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class SupportedExtensionsParameterTests : ChunkTypeListParameterTests<SupportedExtensionsParameter>
{
    private protected override ParameterType Type => ParameterType.SupportedExtensions;

    private protected override TlvParser<SupportedExtensionsParameter> Parser => SupportedExtensionsParameter.TryParse;

    private protected override SupportedExtensionsParameter Create(IEnumerable<ChunkType> chunkTypes) => new(chunkTypes);

    private protected override bool Lists(SupportedExtensionsParameter parameter, ChunkType chunkType) => parameter.Supports(chunkType);

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("80 08 00 08 82 c0 40 c2"),
            new SupportedExtensionsParameter([ChunkType.ReConfig, ChunkType.ForwardTsn, ChunkType.IData, ChunkType.IForwardTsn]).ToArray());

    [Fact]
    public void ParsesWhatAWebRtcPeerSends()
    {
        // RE-CONFIG, FORWARD TSN, I-DATA, I-FORWARD TSN and the RFC 5061 ASCONF pair, unpadded last.
        Assert.True(SupportedExtensionsParameter.TryParse(Hex.Parse("80 08 00 0a 82 c0 40 c2 80 c1"), out var parsed, out _));
        Assert.True(parsed.Supports(ChunkType.IData));
        Assert.True(parsed.Supports(ChunkType.Asconf));
        Assert.False(parsed.Supports(ChunkType.Auth));
        Assert.Equal(6, parsed.ChunkTypes.Count);
    }
}
