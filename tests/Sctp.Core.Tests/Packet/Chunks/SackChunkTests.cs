using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class SackChunkTests
{
    private static byte[] RoundTrip(SackChunk chunk) =>
        RefChunkAssert.RoundTrip(
            chunk,
            SackChunk.GetSerializedSize(chunk.GapAckBlockCount, chunk.DuplicateTsnCount),
            static (a, b) => a.ContentEquals(b));

    private static GapAckBlock[] Blocks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new GapAckBlock((ushort)((4 * i) + 2), (ushort)((4 * i) + 3)))];

    private static Tsn[] Duplicates(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Tsn(unchecked((uint)(0xFFFF_FFF0 + (uint)(7 * i)))))];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(16, 0)]
    [InlineData(3, 5)]
    [InlineData(200, 0)]
    [InlineData(0, 500)]
    [InlineData(1000, 1000)]
    [InlineData(16379, 0)]
    [InlineData(0, 16379)]
    [InlineData(8000, 8379)]
    public void RoundTripsConstructedAndParsed(int gaps, int dups)
    {
        GapAckBlock[] blocks = Blocks(gaps);
        Tsn[] duplicates = Duplicates(dups);
        var constructed = new SackChunk(new Tsn(0xFFFF_FFFF), 0x0001_0000, blocks, duplicates);
        Assert.Equal(gaps, constructed.GapAckBlockCount);
        Assert.Equal(dups, constructed.DuplicateTsnCount);
        byte[] bytes = RoundTrip(constructed);
        Assert.Equal(16 + (4 * (gaps + dups)), bytes.Length);

        // The parsed form (raw big-endian source) round-trips too and reads the same entries.
        Assert.True(SackChunk.TryParse(bytes, out var parsed, out var error), error.ToString());
        RoundTrip(parsed);
        Assert.Equal(new Tsn(0xFFFF_FFFF), parsed.CumulativeTsnAck);
        Assert.Equal(0x0001_0000u, parsed.AdvertisedReceiverWindowCredit);
        Assert.Equal(gaps, parsed.GapAckBlockCount);
        Assert.Equal(dups, parsed.DuplicateTsnCount);
        for (int i = 0; i < gaps; i++)
        {
            Assert.Equal(blocks[i], parsed.GetGapAckBlock(i));
        }

        for (int i = 0; i < dups; i++)
        {
            Assert.Equal(duplicates[i], parsed.GetDuplicateTsn(i));
        }
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(0xFFFFu, 0xFFFFu)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu)]
    public void RoundTripsBoundaryValues(uint tsn, uint window)
    {
        GapAckBlock[] blocks = [new(0, 0), new(0xFFFF, 0xFFFF), new(1, 0xFFFF)];
        Tsn[] duplicates = [new(0), new(0xFFFF), new(0xFFFF_FFFF)];
        byte[] bytes = RoundTrip(new SackChunk(new Tsn(tsn), window, blocks, duplicates));
        Assert.True(SackChunk.TryParse(bytes, out var parsed, out _));
        Assert.Equal(tsn, parsed.CumulativeTsnAck.Value);
        Assert.Equal(window, parsed.AdvertisedReceiverWindowCredit);
        Assert.Equal(new GapAckBlock(0xFFFF, 0xFFFF), parsed.GetGapAckBlock(1));
        Assert.Equal(new Tsn(0xFFFF_FFFF), parsed.GetDuplicateTsn(2));
    }

    [Fact]
    public void DefaultIsAnEmptySack()
    {
        var chunk = default(SackChunk);
        Assert.Equal(0, chunk.GapAckBlockCount);
        Assert.Equal(0, chunk.DuplicateTsnCount);
        Assert.Equal(Hex.Parse("03 00 0010 00000000 00000000 0000 0000"), RoundTrip(chunk));
    }

    [Fact]
    public void WritesRfcLayout()
    {
        var chunk = new SackChunk(new Tsn(0x12345678), 0x0001_0000, [new GapAckBlock(2, 3), new GapAckBlock(5, 5)], [new Tsn(0x12345679)]);
        byte[] bytes = new byte[chunk.SerializedSize];
        Assert.Equal(28, chunk.WriteTo(bytes));
        //                      type flags len  cum TSN ack a_rwnd   N    M    gap 1     gap 2     dup 1
        Assert.Equal(Hex.Parse("03   00    001c 12345678    00010000 0002 0001 0002 0003 0005 0005 12345679"), bytes);
    }

    [Fact]
    public void ParsesRfcLayout()
    {
        byte[] bytes = Hex.Parse("03 00 001c 12345678 00010000 0002 0001 0002 0003 0005 0005 12345679");
        Assert.True(SackChunk.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(new Tsn(0x12345678), chunk.CumulativeTsnAck);
        Assert.Equal(0x0001_0000u, chunk.AdvertisedReceiverWindowCredit);
        Assert.Equal(2, chunk.GapAckBlockCount);
        Assert.Equal(new GapAckBlock(2, 3), chunk.GetGapAckBlock(0));
        Assert.Equal(new GapAckBlock(5, 5), chunk.GetGapAckBlock(1));
        Assert.Equal(new Tsn(0x1234567a), chunk.GetGapAckBlock(0).GetStartTsn(chunk.CumulativeTsnAck));
        Assert.Equal(new Tsn(0x1234567b), chunk.GetGapAckBlock(0).GetEndTsn(chunk.CumulativeTsnAck));
        Assert.Equal(1, chunk.DuplicateTsnCount);
        Assert.Equal(new Tsn(0x12345679), chunk.GetDuplicateTsn(0));
    }

    [Fact]
    public void FlagsAreIgnoredOnReceiptAndWrittenAsZero()
    {
        byte[] bytes = Hex.Parse("03 ff 0010 00000001 00000002 0000 0000");
        Assert.True(SackChunk.TryParse(bytes, out var chunk, out _));
        Assert.Equal(0, chunk.Flags);
        byte[] written = new byte[chunk.SerializedSize];
        chunk.WriteTo(written);
        Assert.Equal(Hex.Parse("03 00 0010 00000001 00000002 0000 0000"), written);
    }

    [Fact]
    public void SemanticallyOddBlocksAreHandedOverAsReceived()
    {
        // Start after end, start 0, out of order, overlapping: the association decides what to make of them.
        byte[] bytes = Hex.Parse("03 00 0020 00000010 00001000 0004 0000 0009 0003 0000 0000 0005 0008 0004 0006");
        Assert.True(SackChunk.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(new GapAckBlock(9, 3), chunk.GetGapAckBlock(0));
        Assert.Equal(new GapAckBlock(0, 0), chunk.GetGapAckBlock(1));
        Assert.Equal(new GapAckBlock(5, 8), chunk.GetGapAckBlock(2));
        Assert.Equal(new GapAckBlock(4, 6), chunk.GetGapAckBlock(3));
        RoundTrip(chunk);
    }

    [Theory]
    // The counts overrun the chunk.
    [InlineData("03 00 0010 00000001 00000002 0001 0000")]
    [InlineData("03 00 0010 00000001 00000002 0000 0001")]
    [InlineData("03 00 0014 00000001 00000002 0001 0001 0001 0002")]
    [InlineData("03 00 0014 00000001 00000002 0000 0002 00000003")]
    [InlineData("03 00 0010 00000001 00000002 ffff ffff")]
    // Bytes are left over after the counted entries.
    [InlineData("03 00 0014 00000001 00000002 0000 0000 00000003")]
    [InlineData("03 00 0018 00000001 00000002 0001 0000 0001 0002 00000003")]
    [InlineData("03 00 0012 00000001 00000002 0000 0000 aabb")]
    [InlineData("03 00 0011 00000001 00000002 0000 0000 aa")]
    public void RejectsCountMismatch(string hex)
    {
        var error = WireAssert.Rejects<SackChunk>(hex, ParseErrorKind.CountMismatch);
        Assert.Equal(12, error.Offset);
        Assert.Equal(ChunkType.Sack, error.Chunk);
    }

    [Theory]
    [InlineData("03 00 000c 00000001 00000002", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("03 00 0004", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("03 00 0014 00000001 00000002 0001 0000", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("03 00 0010 00000001 00000002 0000 0000 00000000", ParseErrorKind.InvalidLength, 2)]
    [InlineData("04 00 0010 00000001 00000002 0000 0000", ParseErrorKind.UnexpectedType, 0)]
    [InlineData("03 00 00", ParseErrorKind.Truncated, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<SackChunk>(hex, kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(ChunkType.Sack, error.Chunk);
    }

    [Fact]
    public void AccessorsCheckTheirIndexForBothSources()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SackChunk(default, 0, Blocks(2), Duplicates(1)).GetGapAckBlock(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SackChunk(default, 0, Blocks(2), Duplicates(1)).GetDuplicateTsn(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SackChunk(default, 0, Blocks(2), Duplicates(1)).GetGapAckBlock(-1));
        byte[] bytes = Hex.Parse("03 00 0018 00000001 00000002 0001 0001 0002 0003 00000004");
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse(bytes).GetGapAckBlock(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse(bytes).GetDuplicateTsn(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse(bytes).GetDuplicateTsn(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse(bytes).GetGapAckBlock(0x4000_0000));

        static SackChunk Parse(byte[] bytes)
        {
            Assert.True(SackChunk.TryParse(bytes, out var chunk, out _));
            return chunk;
        }
    }

    [Fact]
    public void ConstructorRejectsMoreEntriesThanTheLengthFieldHolds()
    {
        Assert.Equal(16379, SackChunk.MaxEntries);
        Assert.Throws<ArgumentException>(() => new SackChunk(default, 0, Blocks(16380)));
        Assert.Throws<ArgumentException>(() => new SackChunk(default, 0, Blocks(8190), Duplicates(8190)));
        Assert.Equal(ushort.MaxValue - 3, new SackChunk(default, 0, Blocks(8190), Duplicates(8189)).Length);
    }

    [Fact]
    public void SerializedSizeCountsEveryEntry()
    {
        Assert.Equal(16, SackChunk.GetSerializedSize(0, 0));
        Assert.Equal(16 + (4 * 16), SackChunk.GetSerializedSize(16, 0));
        Assert.Equal(16 + (4 * 7), SackChunk.GetSerializedSize(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SackChunk.GetSerializedSize(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SackChunk.GetSerializedSize(0, -1));
    }

    [Fact]
    public void WriteToRefusesAShortDestination() =>
        Assert.Throws<ArgumentException>(() => new SackChunk(default, 0, Blocks(1)).WriteTo(new byte[19]));

    [Fact]
    public void ContentEqualsComparesAcrossSources()
    {
        GapAckBlock[] blocks = [new(2, 3), new(5, 9)];
        Tsn[] duplicates = [new(7), new(8)];
        var constructed = new SackChunk(new Tsn(100), 5000, blocks, duplicates);
        byte[] bytes = new byte[constructed.SerializedSize];
        constructed.WriteTo(bytes);
        Assert.True(SackChunk.TryParse(bytes, out var parsed, out _));
        Assert.True(parsed.ContentEquals(constructed));
        Assert.True(constructed.ContentEquals(parsed));

        Assert.False(constructed.ContentEquals(new SackChunk(new Tsn(101), 5000, blocks, duplicates)));
        Assert.False(constructed.ContentEquals(new SackChunk(new Tsn(100), 5001, blocks, duplicates)));
        Assert.False(constructed.ContentEquals(new SackChunk(new Tsn(100), 5000, [new(2, 3)], duplicates)));
        Assert.False(constructed.ContentEquals(new SackChunk(new Tsn(100), 5000, [new(2, 3), new(5, 8)], duplicates)));
        Assert.False(constructed.ContentEquals(new SackChunk(new Tsn(100), 5000, blocks, [new(7)])));
        Assert.False(parsed.ContentEquals(new SackChunk(new Tsn(100), 5000, blocks, [new(7), new(9)])));
        Assert.False(parsed.ContentEquals(new SackChunk(new Tsn(100), 5000, [new(5, 9), new(2, 3)], duplicates)));
    }

    [Fact]
    public void ToStringShowsBlocksAndDuplicates()
    {
        Assert.Equal(
            "SACK(cum_ack=100, a_rwnd=5000, gaps=[2-3, 5-9], dups=[7, 8])",
            new SackChunk(new Tsn(100), 5000, [new(2, 3), new(5, 9)], [new(7), new(8)]).ToString());
        Assert.Equal("SACK(cum_ack=0, a_rwnd=0, gaps=[], dups=[])", default(SackChunk).ToString());
    }
}
