using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class ShutdownCompleteChunkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTrips(bool tagReflected)
    {
        var parsed = WireAssert.RoundTrip(ShutdownCompleteChunk.Get(tagReflected));
        Assert.Equal(tagReflected, parsed.TagReflected);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        Assert.Equal(Hex.Parse("0e 00 00 04"), ShutdownCompleteChunk.Instance.ToArray());
        Assert.Equal(Hex.Parse("0e 01 00 04"), ShutdownCompleteChunk.Reflected.ToArray());
    }

    [Fact]
    public void InstancesMatchTheirTBit()
    {
        Assert.False(ShutdownCompleteChunk.Instance.TagReflected);
        Assert.True(ShutdownCompleteChunk.Reflected.TagReflected);
        Assert.NotEqual(ShutdownCompleteChunk.Instance, ShutdownCompleteChunk.Reflected);
    }

    [Theory]
    [InlineData("0e fe 00 04", false)]
    [InlineData("0e 03 00 04", true)]
    [InlineData("0e 01 00 08 01020304", true)]
    [InlineData("0e 00 00 06 0102", false)]
    public void ReadsTheTBitAndIgnoresReservedFlagsAndValue(string hex, bool tagReflected)
    {
        Assert.True(ShutdownCompleteChunk.TryParse(Hex.Parse(hex), out var chunk, out var error), error.ToString());
        Assert.Equal(tagReflected, chunk.TagReflected);
        Assert.Equal(4, chunk.Length);
    }

    [Theory]
    [InlineData("0e", ParseErrorKind.Truncated)]
    [InlineData("0e 00 00 02", ParseErrorKind.InvalidLength)]
    [InlineData("0e 00 00 04 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("0e 00 00 08", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("0b 00 00 04", ParseErrorKind.UnexpectedType)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) => WireAssert.Rejects<ShutdownCompleteChunk>(hex, kind);
}
