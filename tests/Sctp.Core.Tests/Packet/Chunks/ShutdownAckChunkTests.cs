using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class ShutdownAckChunkTests
{
    [Fact]
    public void RoundTrips() => Assert.Same(ShutdownAckChunk.Instance, WireAssert.RoundTrip(ShutdownAckChunk.Instance));

    [Fact]
    public void WritesRfcLayout() => Assert.Equal(Hex.Parse("08 00 00 04"), ShutdownAckChunk.Instance.ToArray());

    [Theory]
    [InlineData("08 ff 00 04")]
    [InlineData("08 00 00 08 01020304")]
    [InlineData("08 00 00 05 01")]
    public void IgnoresFlagsAndValue(string hex)
    {
        Assert.True(ShutdownAckChunk.TryParse(Hex.Parse(hex), out var chunk, out var error), error.ToString());
        Assert.Equal(Hex.Parse("08 00 00 04"), chunk.ToArray());
    }

    [Theory]
    [InlineData("08 00", ParseErrorKind.Truncated)]
    [InlineData("08 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("08 00 00 04 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("08 00 00 08 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("07 00 00 04", ParseErrorKind.UnexpectedType)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) => WireAssert.Rejects<ShutdownAckChunk>(hex, kind);
}
