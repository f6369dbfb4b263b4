using Sctp.Packet;

namespace Sctp.Tests.Packet;

public class ChunkReaderTests
{
    [Fact]
    public void ReadsChunksWithPaddingAndReportsOffsets()
    {
        byte[] chunks = Hex.Parse("0b 00 00 04  09 00 00 05 ff 00 00 00  0e 01 00 04");
        var reader = new ChunkReader(chunks);
        Assert.True(reader.TryReadNext(out var first, out _));
        Assert.Equal(12, first.Offset);
        Assert.True(reader.TryReadNext(out var second, out _));
        Assert.Equal(16, second.Offset);
        Assert.Equal(5, second.Length);
        Assert.Equal(new byte[] { 0xff }, second.Value.ToArray());
        Assert.True(reader.TryReadNext(out var third, out _));
        Assert.Equal(ChunkType.ShutdownComplete, third.Type);
        Assert.Equal(1, third.Flags);
        Assert.False(reader.TryReadNext(out _, out var error));
        Assert.False(error.IsError);
    }

    [Theory]
    [InlineData("00 00 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 00 00 03", ParseErrorKind.LengthTooSmall)]
    [InlineData("0b 00 00 08 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("09 00 00 05 ff", ParseErrorKind.MissingPadding)]
    [InlineData("0b 00", ParseErrorKind.Truncated)]
    public void StopsOnMalformedChunk(string hex, ParseErrorKind kind)
    {
        var reader = new ChunkReader(Hex.Parse(hex));
        Assert.False(reader.TryReadNext(out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(CommonHeader.Size, error.Offset);
        Assert.False(reader.TryReadNext(out _, out var again));
        Assert.Equal(kind, again.Kind);
    }

    [Fact]
    public void NonZeroPaddingIsTolerated()
    {
        var reader = new ChunkReader(Hex.Parse("09 00 00 05 ff ee dd cc 0b 00 00 04"));
        Assert.True(reader.TryReadNext(out var chunk, out _));
        Assert.Equal(1, chunk.Value.Length);
        Assert.True(reader.TryReadNext(out var next, out _));
        Assert.Equal(ChunkType.CookieAck, next.Type);
    }

    [Theory]
    [InlineData(ChunkType.Data, UnrecognizedAction.Stop)]
    [InlineData((ChunkType)0x40, UnrecognizedAction.StopAndReport)]
    [InlineData((ChunkType)0x80, UnrecognizedAction.Skip)]
    [InlineData((ChunkType)0xC0, UnrecognizedAction.SkipAndReport)]
    public void UpperTwoBitsGiveTheAction(ChunkType type, UnrecognizedAction action) =>
        Assert.Equal(action, type.GetUnrecognizedAction());
}
