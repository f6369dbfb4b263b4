using Sctp.Packet;

namespace Sctp.Tests.Packet;

public class TlvReaderTests
{
    [Fact]
    public void LastItemMayOmitItsPadding()
    {
        var reader = new TlvReader(Hex.Parse("00 07 00 05 aa 00 00 00 00 07 00 06 bb cc"), 20);
        Assert.True(reader.TryReadNext(out var first, out _));
        Assert.Equal(20, first.Offset);
        Assert.Equal(7, first.Type);
        Assert.Equal(new byte[] { 0xaa }, first.Value.ToArray());
        Assert.True(reader.TryReadNext(out var second, out _));
        Assert.Equal(28, second.Offset);
        Assert.Equal(new byte[] { 0xbb, 0xcc }, second.Value.ToArray());
        Assert.False(reader.TryReadNext(out _, out var error));
        Assert.False(error.IsError);
    }

    [Theory]
    [InlineData("00 07 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 07 00 09 00 00 00 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 07", ParseErrorKind.Truncated)]
    public void RejectsMalformedItems(string hex, ParseErrorKind kind)
    {
        var reader = new TlvReader(Hex.Parse(hex));
        Assert.False(reader.TryReadNext(out _, out var error));
        Assert.Equal(kind, error.Kind);
    }
}
