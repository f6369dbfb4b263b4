using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class UnrecognizedChunkTypeCauseTests
{
    [Theory]
    [InlineData("4a 00 00 04", 0)]
    [InlineData("4a 00 00 05 01", 3)]
    [InlineData("4a 00 00 06 01 02", 2)]
    [InlineData("4a 00 00 07 01 02 03", 1)]
    [InlineData("ff 07 00 08 01 02 03 04", 0)]
    public void RoundTripsChunksOfEveryLength(string chunk, int padding)
    {
        byte[] bytes = Hex.Parse(chunk);
        var parsed = CauseAssert.RoundTrip(new UnrecognizedChunkTypeCause(bytes), UnrecognizedChunkTypeCause.TryParse);
        Assert.Equal(bytes, parsed.UnrecognizedChunk.ToArray());
        Assert.Equal((ChunkType)bytes[0], parsed.ChunkType);
        Assert.Equal(padding, parsed.SerializedSize - parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new UnrecognizedChunkTypeCause(Hex.Parse("4a 00 00 05 01")), "00 06 00 09 4a 00 00 05 01 00 00 00", UnrecognizedChunkTypeCause.TryParse);

    [Fact]
    public void ParsesUsrsctpsEchoOfAChunkWithItsPadding()
    {
        // From errors-probe.txt: the probe sent chunk 0x4a of length 9; usrsctp counted its 3 padding bytes.
        var cause = CauseAssert.Parses<UnrecognizedChunkTypeCause>("00 06 00 10 4a 00 00 09 01 02 03 04 05 00 00 00", UnrecognizedChunkTypeCause.TryParse);
        Assert.Equal((ChunkType)0x4A, cause.ChunkType);
        Assert.Equal(12, cause.UnrecognizedChunk.Length);
    }

    [Fact]
    public void RejectsLessThanAChunkHeader() =>
        Assert.Throws<ArgumentException>(() => new UnrecognizedChunkTypeCause(Hex.Parse("4a 00 00")));

    [Theory]
    [InlineData("00 06 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 06 00 07 4a 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 06 00 09 4a 00 00 05", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 06 00 08 4a 00 00 04 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 08 00 08 4a 00 00 04", ParseErrorKind.UnexpectedType)]
    [InlineData("00 06", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<UnrecognizedChunkTypeCause>(hex, kind, UnrecognizedChunkTypeCause.TryParse);
}
