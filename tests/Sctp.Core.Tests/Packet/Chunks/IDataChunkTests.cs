using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class IDataChunkTests
{
    public static TheoryData<byte> AllFlagCombinations => new(Enumerable.Range(0, 16).Select(f => (byte)f));

    private static byte FlagsOf<T>(T chunk) where T : IChunk, allows ref struct => chunk.Flags;

    private static byte[] RoundTrip(IDataChunk chunk) =>
        RefChunkAssert.RoundTrip(chunk, IDataChunk.HeaderSize + chunk.Payload.Length, static (a, b) => a.ContentEquals(b));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1184)]
    [InlineData(65515)]
    public void RoundTripsPayloadSizes(int size)
    {
        byte[] payload = RefChunkAssert.Payload(size);
        var first = new IDataChunk(new Tsn(0x8000_0001), new StreamId(7), new Mid(300), new Ppid(53), payload, DataChunkFlags.Beginning);
        byte[] bytes = RoundTrip(first);
        Assert.Equal(IDataChunk.GetSerializedSize(size), bytes.Length);
        Assert.True(IDataChunk.TryParse(bytes.AsSpan(0, IDataChunk.HeaderSize + size), out var parsed, out _));
        Assert.Equal(payload, parsed.Payload.ToArray());
        Assert.Equal(new Ppid(53), parsed.Ppid);
        Assert.Equal(new Fsn(0), parsed.Fsn);

        var later = new IDataChunk(new Tsn(0x8000_0002), new StreamId(7), new Mid(300), new Fsn(1), payload, DataChunkFlags.End);
        bytes = RoundTrip(later);
        Assert.True(IDataChunk.TryParse(bytes.AsSpan(0, IDataChunk.HeaderSize + size), out parsed, out _));
        Assert.Equal(payload, parsed.Payload.ToArray());
        Assert.Equal(new Fsn(1), parsed.Fsn);
        Assert.Equal(Ppid.Unspecified, parsed.Ppid);
    }

    [Fact]
    public void MaximumPayloadFillsTheLengthField()
    {
        Assert.Equal(65515, IDataChunk.MaxPayloadLength);
        var chunk = new IDataChunk(default, default, default, default(Ppid), RefChunkAssert.Payload(IDataChunk.MaxPayloadLength));
        Assert.Equal(ushort.MaxValue, chunk.Length);
        Assert.Equal(65536, RoundTrip(chunk).Length);
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, default(Ppid), new byte[65519]));
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, default(Fsn), new byte[65516], DataChunkFlags.None));
    }

    [Theory]
    [InlineData(0u, (ushort)0)]
    [InlineData(0xFFFFu, (ushort)0xFFFF)]
    [InlineData(0xFFFF_FFFFu, (ushort)0xFFFF)]
    [InlineData(0xFFFF_FFFFu, (ushort)0)]
    public void RoundTripsBoundaryValues(uint value, ushort streamId)
    {
        byte[] bytes = RoundTrip(new IDataChunk(new Tsn(value), new StreamId(streamId), new Mid(value), new Ppid(value), [0x42]));
        Assert.True(IDataChunk.TryParse(bytes.AsSpan(0, 21), out var parsed, out _));
        Assert.Equal(value, parsed.Tsn.Value);
        Assert.Equal(streamId, parsed.StreamId.Value);
        Assert.Equal(value, parsed.Mid.Value);
        Assert.Equal(value, parsed.Ppid.Value);

        bytes = RoundTrip(new IDataChunk(new Tsn(value), new StreamId(streamId), new Mid(value), new Fsn(value), [0x42], DataChunkFlags.None));
        Assert.True(IDataChunk.TryParse(bytes.AsSpan(0, 21), out parsed, out _));
        Assert.Equal(value, parsed.Fsn.Value);
        Assert.Equal(value, parsed.Mid.Value);
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void RoundTripsEveryFlagCombination(byte bits)
    {
        var flags = (DataChunkFlags)bits;
        bool beginning = (flags & DataChunkFlags.Beginning) != 0;
        var chunk = beginning
            ? new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Ppid(4), [1, 2, 3, 4, 5], flags)
            : new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(4), [1, 2, 3, 4, 5], flags);
        byte[] bytes = RoundTrip(chunk);
        Assert.Equal(bits, bytes[1]);
        Assert.True(IDataChunk.TryParse(bytes.AsSpan(0, 25), out var parsed, out _));
        Assert.Equal(flags, parsed.Flags);
        Assert.Equal(bits, FlagsOf(parsed));
        Assert.Equal((bits & 0x01) != 0, parsed.IsEnding);
        Assert.Equal(beginning, parsed.IsBeginning);
        Assert.Equal((bits & 0x04) != 0, parsed.IsUnordered);
        Assert.Equal((bits & 0x08) != 0, parsed.IsImmediate);
        Assert.Equal(beginning ? new Ppid(4) : Ppid.Unspecified, parsed.Ppid);
        Assert.Equal(beginning ? new Fsn(0) : new Fsn(4), parsed.Fsn);
    }

    [Fact]
    public void WritesRfcLayoutOfAFirstFragment()
    {
        var chunk = new IDataChunk(new Tsn(0x01020304), new StreamId(0x0506), new Mid(0x0a0b0c0d), new Ppid(0x11121314), [0xde, 0xad], DataChunkFlags.Beginning | DataChunkFlags.Immediate);
        byte[] bytes = new byte[chunk.SerializedSize];
        chunk.WriteTo(bytes);
        //                     type flags len   TSN       SID  reserved MID      PPID      user data + padding
        Assert.Equal(Hex.Parse("40   0a    0016  01020304  0506 0000     0a0b0c0d 11121314  dead 0000"), bytes);
    }

    [Fact]
    public void WritesRfcLayoutOfALaterFragment()
    {
        var chunk = new IDataChunk(new Tsn(0x01020305), new StreamId(0x0506), new Mid(0x0a0b0c0d), new Fsn(7), [0xff], DataChunkFlags.End | DataChunkFlags.Unordered);
        byte[] bytes = new byte[chunk.SerializedSize];
        chunk.WriteTo(bytes);
        //                     type flags len   TSN       SID  reserved MID      FSN       user data + padding
        Assert.Equal(Hex.Parse("40   05    0015  01020305  0506 0000     0a0b0c0d 00000007  ff 000000"), bytes);
    }

    [Fact]
    public void ReservedFieldAndFlagBitsAreIgnoredOnReceipt()
    {
        byte[] bytes = Hex.Parse("40 a3 0015 00000001 0002 ffff 00000003 00000033 ee");
        Assert.True(IDataChunk.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(DataChunkFlags.Beginning | DataChunkFlags.End, chunk.Flags);
        Assert.Equal(new Tsn(1), chunk.Tsn);
        Assert.Equal(new StreamId(2), chunk.StreamId);
        Assert.Equal(new Mid(3), chunk.Mid);
        Assert.Equal(new Ppid(51), chunk.Ppid);
        Assert.Equal(new byte[] { 0xee }, chunk.Payload.ToArray());
        byte[] written = new byte[chunk.SerializedSize];
        chunk.WriteTo(written);
        Assert.Equal(Hex.Parse("40 03 0015 00000001 0002 0000 00000003 00000033 ee 000000"), written);
    }

    [Theory]
    [InlineData("40 03 0014 00000001 0002 0000 00000003 00000004", ParseErrorKind.NoUserData, 2)]
    [InlineData("40 03 0013 00000001 0002 0000 00000003 000000", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("40 03 0011 00000001 0002 0003 00000004 aa", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("40 03 0004", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("40 03 0016 00000001 0002 0000 00000003 00000004 aa", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("40 03 0015 00000001 0002 0000 00000003 00000004 aa bb", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 03 0015 00000001 0002 0000 00000003 00000004 aa", ParseErrorKind.UnexpectedType, 0)]
    [InlineData("40", ParseErrorKind.Truncated, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<IDataChunk>(hex, kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(ChunkType.IData, error.Chunk);
    }

    [Fact]
    public void ConstructorsCheckTheBeginningFlagAgainstPpidOrFsn()
    {
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, new Ppid(1), new byte[1], DataChunkFlags.End));
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, new Fsn(1), new byte[1], DataChunkFlags.Beginning));
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, new Ppid(1), ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, new Fsn(1), ReadOnlySpan<byte>.Empty, DataChunkFlags.End));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IDataChunk(default, default, default, new Ppid(1), new byte[1], (DataChunkFlags)0x13));
    }

    [Fact]
    public void WriteToRefusesDefaultAndShortDestinations()
    {
        Assert.Throws<InvalidOperationException>(() => default(IDataChunk).WriteTo(new byte[64]));
        Assert.Throws<ArgumentException>(() => new IDataChunk(default, default, default, default(Ppid), new byte[5]).WriteTo(new byte[27]));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, false)]
    [InlineData(1184, true)]
    public void WriteHeaderLetsTheSenderCopyThePayload(int size, bool first)
    {
        byte[] payload = RefChunkAssert.Payload(size, seed: 5);
        var flags = first ? DataChunkFlags.Beginning : DataChunkFlags.End;
        var chunk = first
            ? new IDataChunk(new Tsn(9), new StreamId(8), new Mid(7), new Ppid(6), payload, flags)
            : new IDataChunk(new Tsn(9), new StreamId(8), new Mid(7), new Fsn(6), payload, flags);
        byte[] expected = new byte[chunk.SerializedSize];
        chunk.WriteTo(expected);

        byte[] actual = Enumerable.Repeat((byte)0xee, IDataChunk.GetSerializedSize(size)).ToArray();
        int header = first
            ? IDataChunk.WriteHeader(actual, size, new Tsn(9), new StreamId(8), new Mid(7), new Ppid(6), flags)
            : IDataChunk.WriteHeader(actual, size, new Tsn(9), new StreamId(8), new Mid(7), new Fsn(6), flags);
        Assert.Equal(IDataChunk.HeaderSize, header);
        payload.CopyTo(actual.AsSpan(header));
        Wire.WritePadding(actual, header + size);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WriteHeaderValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => IDataChunk.WriteHeader(new byte[20], 0, default, default, default, default(Ppid), DataChunkFlags.Beginning));
        Assert.Throws<ArgumentException>(() => IDataChunk.WriteHeader(new byte[20], 1, default, default, default, default(Ppid), DataChunkFlags.End));
        Assert.Throws<ArgumentException>(() => IDataChunk.WriteHeader(new byte[20], 1, default, default, default, default(Fsn), DataChunkFlags.Beginning));
        Assert.Throws<ArgumentException>(() => IDataChunk.WriteHeader(new byte[19], 1, default, default, default, default(Fsn), DataChunkFlags.End));
        Assert.Throws<ArgumentException>(() => IDataChunk.WriteHeader(new byte[20], 65516, default, default, default, default(Fsn), DataChunkFlags.End));
    }

    [Fact]
    public void ContentEqualsComparesEveryField()
    {
        byte[] payload = [1, 2, 3];
        var chunk = new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(4), payload, DataChunkFlags.End);
        Assert.True(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(4), [1, 2, 3], DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(9), new StreamId(2), new Mid(3), new Fsn(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(9), new Mid(3), new Fsn(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(9), new Fsn(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(9), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(4), payload, DataChunkFlags.None)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Fsn(4), [1, 2], DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new IDataChunk(new Tsn(1), new StreamId(2), new Mid(3), new Ppid(4), payload, DataChunkFlags.Beginning | DataChunkFlags.End)));
    }

    [Fact]
    public void ToStringShowsPpidOrFsn()
    {
        Assert.Equal(
            "I-DATA(tsn=10, sid=2, mid=3, ppid=51, flags=BE, bytes=3)",
            new IDataChunk(new Tsn(10), new StreamId(2), new Mid(3), new Ppid(51), [1, 2, 3]).ToString());
        Assert.Equal(
            "I-DATA(tsn=11, sid=2, mid=3, fsn=1, flags=IUE, bytes=1)",
            new IDataChunk(new Tsn(11), new StreamId(2), new Mid(3), new Fsn(1), [1], DataChunkFlags.Immediate | DataChunkFlags.Unordered | DataChunkFlags.End).ToString());
    }
}
