using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Chunks;

public class ReConfigChunkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(12)]
    public void RoundTripsOneParameter(int valueLength)
    {
        var parsed = WireAssert.RoundTrip(new ReConfigChunk(TestItems.Parameter(valueLength)));
        var parameter = Assert.IsType<UnknownParameter>(Assert.Single(parsed.Parameters));
        Assert.Equal(TestItems.Bytes(valueLength), parameter.Value.ToArray());
        Assert.Equal(8 + valueLength, parsed.Length);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(4, 4)]
    public void RoundTripsTwoParameters(int firstValueLength, int lastValueLength)
    {
        var parsed = WireAssert.RoundTrip(new ReConfigChunk(TestItems.Parameter(firstValueLength), TestItems.Parameter(lastValueLength, (ParameterType)0x3F02)));
        Assert.Equal(2, parsed.Parameters.Count);
        Assert.Equal(4 + 8 + 4 + lastValueLength, parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        // Outgoing SSN Reset Request: request 1, response 2, last TSN 3, streams 1 and 2.
        var outgoing = new UnknownParameter(ParameterType.OutgoingSsnResetRequest, Hex.Parse("00000001 00000002 00000003 0001 0002"));
        Assert.Equal(Hex.Parse("82 00 00 18 000d 0014 00000001 00000002 00000003 0001 0002"), new ReConfigChunk(outgoing).ToArray());
    }

    [Fact]
    public void WritesAndParsesTwoParametersWithPaddingBetween()
    {
        // Outgoing SSN Reset Request for stream 5 (18 bytes, padded to 20), then Incoming SSN Reset Request 4 for all streams.
        byte[] bytes = Hex.Parse("82 00 00 20 000d 0012 00000001 00000002 00000003 0005 0000 000e 0008 00000004");
        var chunk = new ReConfigChunk(
            new UnknownParameter(ParameterType.OutgoingSsnResetRequest, Hex.Parse("00000001 00000002 00000003 0005")),
            new UnknownParameter(ParameterType.IncomingSsnResetRequest, Hex.Parse("00000004")));
        Assert.Equal(bytes, chunk.ToArray());

        Assert.True(ReConfigChunk.TryParse(bytes, out var parsed, out var error), error.ToString());
        Assert.Equal(new[] { ParameterType.OutgoingSsnResetRequest, ParameterType.IncomingSsnResetRequest }, parsed.Parameters.Select(p => p.Type));
        Assert.True(parsed.HasAllowedCombination);
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    [InlineData(16, true)]
    [InlineData(17, true)]
    [InlineData(18, true)]
    [InlineData(1, false)]
    [InlineData(12, false)]
    [InlineData(19, false)]
    [InlineData(0x3F01, false)]
    public void ReportsAllowedSingleParameters(int type, bool allowed) =>
        Assert.Equal(allowed, new ReConfigChunk(new UnknownParameter((ParameterType)type, [])).HasAllowedCombination);

    [Theory]
    [InlineData(13, 14, true)]
    [InlineData(14, 13, true)]
    [InlineData(17, 18, true)]
    [InlineData(18, 17, true)]
    [InlineData(16, 13, true)]
    [InlineData(13, 16, true)]
    [InlineData(16, 16, true)]
    [InlineData(13, 13, false)]
    [InlineData(14, 14, false)]
    [InlineData(15, 16, false)]
    [InlineData(13, 17, false)]
    [InlineData(16, 14, false)]
    [InlineData(16, 0x3F01, false)]
    public void ReportsAllowedPairs(int first, int second, bool allowed) =>
        Assert.Equal(
            allowed,
            new ReConfigChunk(new UnknownParameter((ParameterType)first, []), new UnknownParameter((ParameterType)second, [])).HasAllowedCombination);

    [Fact]
    public void GetParameterReturnsTheFirstOfTheType()
    {
        var marker = new MarkerParameter(7);
        var chunk = new ReConfigChunk(TestItems.Parameter(1), marker);
        Assert.Same(marker, chunk.GetParameter<MarkerParameter>());
        Assert.Null(new ReConfigChunk(TestItems.Parameter(1)).GetParameter<MarkerParameter>());
    }

    [Fact]
    public void RejectsAChunkWithoutParameters()
    {
        var error = WireAssert.Rejects<ReConfigChunk>("82 00 00 04", ParseErrorKind.InvalidField);
        Assert.Equal(4, error.Offset);
        Assert.Equal(ChunkType.ReConfig, error.Chunk);
    }

    [Theory]
    [InlineData("82 00 00 10 3f01 0004 3f02 0004 3f03 0004", 12)]
    [InlineData("82 00 00 15 3f01 0005 aa000000 3f02 0004 3f03 0005 bb", 16)]
    public void RejectsMoreThanTwoParametersAtTheThird(string hex, int offset)
    {
        var error = WireAssert.Rejects<ReConfigChunk>(hex, ParseErrorKind.InvalidField);
        Assert.Equal(offset, error.Offset);
        Assert.Equal((ushort)0x3F03, error.ItemType);
    }

    [Theory]
    [InlineData("82 00", ParseErrorKind.Truncated)]
    [InlineData("82 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("82 00 00 08 3f01 0004 0000", ParseErrorKind.InvalidLength)]
    [InlineData("82 00 00 0c 3f01 0004", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("c1 00 00 08 3f01 0004", ParseErrorKind.UnexpectedType)]
    public void RejectsMalformedFraming(string hex, ParseErrorKind kind) => WireAssert.Rejects<ReConfigChunk>(hex, kind);

    [Theory]
    [InlineData("82 00 00 0a 3f01 0008 aabb", ParseErrorKind.LengthExceedsBuffer, 4)]
    [InlineData("82 00 00 08 3f01 0001", ParseErrorKind.LengthTooSmall, 4)]
    [InlineData("82 00 00 0a 3f01 0004 3f02", ParseErrorKind.Truncated, 8)]
    public void RejectsParametersOverrunningTheChunk(string hex, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<ReConfigChunk>(hex, kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(ChunkType.ReConfig, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsWrongCounts()
    {
        Assert.Throws<ArgumentException>("parameters", () => new ReConfigChunk());
        Assert.Throws<ArgumentException>("parameters", () => new ReConfigChunk(TestItems.Parameter(1), TestItems.Parameter(1), TestItems.Parameter(1)));
        Assert.Throws<ArgumentException>("parameters", () => new ReConfigChunk([null!]));
        Assert.Throws<ArgumentException>("parameters", () => new ReConfigChunk(TestItems.Parameter(40_000), TestItems.Parameter(40_000)));
    }
}
