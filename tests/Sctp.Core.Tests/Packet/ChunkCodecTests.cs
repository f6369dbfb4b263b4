using CsCheck;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Packet.Chunks;

namespace Sctp.Tests.Packet;

public class ChunkCodecTests
{
    /// <summary>One chunk of every type with a class parser in this codec.</summary>
    public static TheoryData<Chunk> ControlChunks => new()
    {
        new InitChunk(new VerificationTag(1), 1500, 10, 10, new Tsn(5), TestItems.Parameter(3)),
        new InitAckChunk(new VerificationTag(2), 1500, 10, 10, new Tsn(6), TestItems.Parameter(9)),
        new HeartbeatChunk([1, 2, 3]),
        new HeartbeatAckChunk([4, 5]),
        new AbortChunk(true, TestItems.Cause(1)),
        new ShutdownChunk(new Tsn(77)),
        ShutdownAckChunk.Instance,
        new ErrorChunk(TestItems.Cause(6)),
        new CookieEchoChunk([9, 9, 9, 9, 9]),
        CookieAckChunk.Instance,
        ShutdownCompleteChunk.Reflected,
        new ReConfigChunk(TestItems.Parameter(2), TestItems.Parameter(2)),
        new ForwardTsnChunk(new Tsn(9), [new ForwardTsnStream(new StreamId(1), new Ssn(2))]),
        new IForwardTsnChunk(new Tsn(9), [new IForwardTsnStream(new StreamId(1), true, new Mid(3))]),
        new PadChunk(13),
    };

    [Theory]
    [MemberData(nameof(ControlChunks))]
    public void DispatchesEachControlChunkToItsParser(Chunk chunk)
    {
        byte[] bytes = chunk.ToArray();
        Assert.True(ChunkCodec.TryParseControl(bytes.AsSpan(0, chunk.Length), out var parsed, out var error), error.ToString());
        Assert.IsType(chunk.GetType(), parsed);
        Assert.Equal(chunk, parsed);
    }

    [Theory]
    [InlineData(ChunkType.Ecne)]
    [InlineData(ChunkType.Cwr)]
    [InlineData(ChunkType.Auth)]
    [InlineData(ChunkType.NrSack)]
    [InlineData(ChunkType.Asconf)]
    [InlineData(ChunkType.AsconfAck)]
    [InlineData(ChunkType.PktDrop)]
    [InlineData((ChunkType)0x3F)]
    [InlineData((ChunkType)0xFF)]
    public void KeepsTypesWithoutAParserAsUnknownChunks(ChunkType type)
    {
        byte[] bytes = [(byte)type, 0xA5, 0x00, 0x07, 0x01, 0x02, 0x03];
        Assert.True(ChunkCodec.TryParseControl(bytes, out var parsed, out var error), error.ToString());
        var unknown = Assert.IsType<UnknownChunk>(parsed);
        Assert.Equal(type, unknown.Type);
        Assert.Equal(0xA5, unknown.Flags);
        Assert.Equal(new byte[] { 1, 2, 3 }, unknown.Value.ToArray());
    }

    [Fact]
    public void UnknownChunkConstructorRejectsAValueTooLongForTheLengthField()
    {
        // It used to accept it and fail only when written.
        Assert.Throws<ArgumentException>(() => new UnknownChunk((ChunkType)0x3F, 0, new byte[ushort.MaxValue - 3]));
        var largest = new UnknownChunk((ChunkType)0x3F, 0, new byte[ushort.MaxValue - 4]);
        Assert.Equal(ushort.MaxValue, largest.Length);
        Assert.Equal(ushort.MaxValue + 1, largest.ToArray().Length);
    }

    [Theory]
    [InlineData(ChunkType.Data)]
    [InlineData(ChunkType.IData)]
    [InlineData(ChunkType.Sack)]
    public void RejectsDataPathChunks(ChunkType type)
    {
        Assert.False(ChunkCodec.TryParseControl([(byte)type, 0, 0, 4], out _, out var error));
        Assert.Equal(ParseErrorKind.UnexpectedType, error.Kind);
        Assert.Equal(type, error.Chunk);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("01 00 00")]
    public void RejectsTruncatedHeaders(string hex)
    {
        Assert.False(ChunkCodec.TryParseControl(Hex.Parse(hex), out _, out var error));
        Assert.Equal(ParseErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void ReportsTheChunkParsersError()
    {
        Assert.False(ChunkCodec.TryParseControl(Hex.Parse("01 00 00 14 00000000 00001000 0001 0001 00000000"), out _, out var error));
        Assert.Equal(new ParseError(ParseErrorKind.InvalidField, 4, ChunkType.Init), error);

        Assert.False(ChunkCodec.TryParseControl(Hex.Parse("06 00 00 08 3f01 0009"), out _, out error));
        Assert.Equal(new ParseError(ParseErrorKind.LengthExceedsBuffer, 4, ChunkType.Abort, 0x3F01), error);

        Assert.False(ChunkCodec.TryParseControl(Hex.Parse("0c 00 00 09 00000000"), out _, out error));
        Assert.Equal(ParseErrorKind.LengthExceedsBuffer, error.Kind);
    }

    [Fact]
    public void ParsesEveryChunkOfAPacketBody()
    {
        Chunk[] chunks = [new CookieEchoChunk([1, 2, 3]), new HeartbeatAckChunk([7]), new AbortChunk(false, new UnknownErrorCause(ErrorCauseCode.OutOfResource, []))];
        byte[] body = [.. chunks.SelectMany(c => c.ToArray())];

        var parsed = new List<Chunk>();
        var reader = new ChunkReader(body, 0);
        while (reader.TryReadNext(out var raw, out var readError))
        {
            Assert.True(ChunkCodec.TryParseControl(raw.Bytes, out var chunk, out var error), error.ToString());
            parsed.Add(chunk);
        }

        Assert.Equal(chunks, parsed);
    }

    [Fact]
    public void NeverThrowsOnArbitraryBytes() =>
        Gen.Byte.Array[0, 48].Sample(
            bytes =>
            {
                if (ChunkCodec.TryParseControl(bytes, out var chunk, out _))
                {
                    Assert.Equal(bytes.Length, (bytes[2] << 8) | bytes[3]);
                    _ = chunk.ToArray();
                }
            },
            iter: 20_000,
            threads: 1);

    [Fact]
    public void NeverThrowsOnWellFramedChunksAndReparsesWhatItAccepts()
    {
        byte[] types = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 14, 130, 12, 0, 3];
        var gen = Gen.Select(Gen.Int[0, types.Length - 1], Gen.Byte, Gen.Byte.Array[0, 60]);
        gen.Sample(
            (typeIndex, flags, value) =>
            {
                // A header whose length matches the bytes, so the parsers get past the framing and into the value.
                byte[] bytes = [types[typeIndex], flags, (byte)((value.Length + 4) >> 8), (byte)(value.Length + 4), .. value];
                if (ChunkCodec.TryParseControl(bytes, out var chunk, out _))
                {
                    byte[] written = chunk.ToArray();
                    Assert.True(ChunkCodec.TryParseControl(written.AsSpan(0, chunk.Length), out var again, out var error), error.ToString());
                    Assert.Equal(chunk, again);
                }
            },
            iter: 20_000,
            threads: 1);
    }
}
