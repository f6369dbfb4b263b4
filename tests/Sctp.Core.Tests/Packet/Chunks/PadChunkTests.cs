using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class PadChunkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1184)]
    [InlineData(PadChunk.MaxPaddingLength)]
    public void RoundTrips(int paddingLength)
    {
        var parsed = WireAssert.RoundTrip(new PadChunk(paddingLength));
        Assert.Equal(paddingLength, parsed.PaddingLength);
        Assert.Equal(4 + paddingLength, parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        Assert.Equal(Hex.Parse("84 00 0004"), new PadChunk(0).ToArray());
        Assert.Equal(Hex.Parse("84 00 0009 0000000000 000000"), new PadChunk(5).ToArray());
    }

    [Fact]
    public void AcceptsAnyContentAndFlagsAndKeepsOnlyTheLength()
    {
        Assert.True(PadChunk.TryParse(Hex.Parse("84 ff 0007 deadbe"), out var chunk, out var error), error.ToString());
        Assert.Equal(3, chunk.PaddingLength);
        Assert.Equal(Hex.Parse("84 00 0007 000000 00"), chunk.ToArray());

        // Equality is on the regenerated (zero) bytes: the received content does not count.
        Assert.Equal(new PadChunk(3), chunk);
        Assert.True(PadChunk.TryParse(Hex.Parse("84 00 0007 010203"), out var other, out _));
        Assert.Equal(other, chunk);
        Assert.NotEqual(new PadChunk(4), chunk);
    }

    [Theory]
    [InlineData("84 00 0003", ParseErrorKind.InvalidLength)]
    [InlineData("84 00 0000", ParseErrorKind.InvalidLength)]
    [InlineData("84 00 0008 0000", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("85 00 0004", ParseErrorKind.UnexpectedType)]
    [InlineData("84", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) => WireAssert.Rejects<PadChunk>(hex, kind);

    [Fact]
    public void ConstructorChecksTheLength()
    {
        Assert.Equal(65531, PadChunk.MaxPaddingLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PadChunk(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PadChunk(PadChunk.MaxPaddingLength + 1));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(1200)]
    [InlineData(65532)]
    public void ForSerializedSizeTakesExactlyThatSize(int size)
    {
        var chunk = PadChunk.ForSerializedSize(size);
        Assert.Equal(size, chunk.SerializedSize);
        Assert.Equal(size, chunk.ToArray().Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(65536)]
    public void ForSerializedSizeRejectsImpossibleSizes(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PadChunk.ForSerializedSize(size));

    [Fact]
    public void ToStringShowsTheLength() => Assert.Equal("PAD(bytes=12)", new PadChunk(12).ToString());
}
