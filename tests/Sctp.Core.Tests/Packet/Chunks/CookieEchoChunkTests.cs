using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class CookieEchoChunkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(300)]
    [InlineData(ushort.MaxValue - 4)]
    public void RoundTrips(int cookieLength)
    {
        var parsed = WireAssert.RoundTrip(new CookieEchoChunk(TestItems.Bytes(cookieLength)));
        Assert.Equal(TestItems.Bytes(cookieLength), parsed.Cookie.ToArray());
        Assert.Equal(4 + cookieLength, parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        Assert.Equal(Hex.Parse("0a 00 00 07 010203 00"), new CookieEchoChunk([1, 2, 3]).ToArray());
        Assert.Equal(Hex.Parse("0a 00 00 08 01020304"), new CookieEchoChunk([1, 2, 3, 4]).ToArray());
    }

    [Fact]
    public void ParsesRfcLayoutIgnoringFlags()
    {
        Assert.True(CookieEchoChunk.TryParse(Hex.Parse("0a ff 00 06 cafe"), out var chunk, out var error), error.ToString());
        Assert.Equal(Hex.Parse("cafe"), chunk.Cookie.ToArray());
        Assert.Equal(0, chunk.Flags);
    }

    [Fact]
    public void OwnsItsCookie()
    {
        byte[] cookie = [1, 2];
        var chunk = new CookieEchoChunk(cookie);
        cookie[0] = 9;
        Assert.Equal(1, chunk.Cookie.Span[0]);
    }

    [Theory]
    [InlineData("0a 00 00", ParseErrorKind.Truncated)]
    [InlineData("0a 00 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("0a 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("0a 00 00 05 01 02", ParseErrorKind.InvalidLength)]
    [InlineData("0a 00 00 09 01 02", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("0b 00 00 05 01", ParseErrorKind.UnexpectedType)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) => WireAssert.Rejects<CookieEchoChunk>(hex, kind);

    [Fact]
    public void ConstructorRejectsEmptyAndOversizedCookies()
    {
        Assert.Throws<ArgumentException>("cookie", () => new CookieEchoChunk([]));
        Assert.Throws<ArgumentException>("cookie", () => new CookieEchoChunk(new byte[ushort.MaxValue - 3]));
    }
}
