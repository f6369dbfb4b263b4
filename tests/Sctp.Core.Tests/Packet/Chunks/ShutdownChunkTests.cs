using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class ShutdownChunkTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0xFFFF_FFFFu)]
    public void RoundTrips(uint tsn)
    {
        var parsed = WireAssert.RoundTrip(new ShutdownChunk(new Tsn(tsn)));
        Assert.Equal(new Tsn(tsn), parsed.CumulativeTsnAck);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("07 00 00 08 12 34 56 78"), new ShutdownChunk(new Tsn(0x12345678)).ToArray());

    [Theory]
    [InlineData("07 00 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("07 00 00 0c 00 00 00 01 00 00 00 02", ParseErrorKind.InvalidLength)]
    [InlineData("07 00 00 08 00 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("08 00 00 08 00 00 00 01", ParseErrorKind.UnexpectedType)]
    [InlineData("07 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) => WireAssert.Rejects<ShutdownChunk>(hex, kind);
}
