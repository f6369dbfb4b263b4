using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class DataChunkTests
{
    public static TheoryData<byte> AllFlagCombinations => new(Enumerable.Range(0, 16).Select(f => (byte)f));

    private static byte FlagsOf<T>(T chunk) where T : IChunk, allows ref struct => chunk.Flags;

    private static byte[] RoundTrip(DataChunk chunk) =>
        RefChunkAssert.RoundTrip(chunk, DataChunk.HeaderSize + chunk.Payload.Length, static (a, b) => a.ContentEquals(b));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1184)]
    [InlineData(65519)]
    public void RoundTripsPayloadSizes(int size)
    {
        byte[] payload = RefChunkAssert.Payload(size);
        var chunk = new DataChunk(new Tsn(0x8000_0001), new StreamId(7), new Ssn(300), new Ppid(53), payload);
        byte[] bytes = RoundTrip(chunk);
        Assert.Equal(DataChunk.GetSerializedSize(size), bytes.Length);

        Assert.True(DataChunk.TryParse(bytes.AsSpan(0, DataChunk.HeaderSize + size), out var parsed, out _));
        Assert.Equal(payload, parsed.Payload.ToArray());
        Assert.Equal(new Tsn(0x8000_0001), parsed.Tsn);
        Assert.Equal(new StreamId(7), parsed.StreamId);
        Assert.Equal(new Ssn(300), parsed.Ssn);
        Assert.Equal(new Ppid(53), parsed.Ppid);
        Assert.Equal(DataChunkFlags.Beginning | DataChunkFlags.End, parsed.Flags);
    }

    [Fact]
    public void MaximumPayloadFillsTheLengthField()
    {
        Assert.Equal(65519, DataChunk.MaxPayloadLength);
        var chunk = new DataChunk(default, default, default, default, RefChunkAssert.Payload(DataChunk.MaxPayloadLength));
        Assert.Equal(ushort.MaxValue, chunk.Length);
        Assert.Equal(65536, RoundTrip(chunk).Length);
    }

    [Theory]
    [InlineData(0u, (ushort)0)]
    [InlineData(0xFFFFu, (ushort)0xFFFF)]
    [InlineData(0xFFFF_FFFFu, (ushort)0xFFFF)]
    [InlineData(0xFFFF_FFFFu, (ushort)0)]
    public void RoundTripsBoundaryValues(uint value, ushort shortValue)
    {
        var chunk = new DataChunk(new Tsn(value), new StreamId(shortValue), new Ssn(shortValue), new Ppid(value), [0x42]);
        byte[] bytes = RoundTrip(chunk);
        Assert.True(DataChunk.TryParse(bytes.AsSpan(0, 17), out var parsed, out _));
        Assert.Equal(value, parsed.Tsn.Value);
        Assert.Equal(shortValue, parsed.StreamId.Value);
        Assert.Equal(shortValue, parsed.Ssn.Value);
        Assert.Equal(value, parsed.Ppid.Value);
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void RoundTripsEveryFlagCombination(byte bits)
    {
        var flags = (DataChunkFlags)bits;
        var chunk = new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), [1, 2, 3, 4, 5], flags);
        byte[] bytes = RoundTrip(chunk);
        Assert.Equal(bits, bytes[1]);
        Assert.True(DataChunk.TryParse(bytes.AsSpan(0, 21), out var parsed, out _));
        Assert.Equal(flags, parsed.Flags);
        Assert.Equal((bits & 0x01) != 0, parsed.IsEnding);
        Assert.Equal((bits & 0x02) != 0, parsed.IsBeginning);
        Assert.Equal((bits & 0x04) != 0, parsed.IsUnordered);
        Assert.Equal((bits & 0x08) != 0, parsed.IsImmediate);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        var chunk = new DataChunk(new Tsn(0x01020304), new StreamId(0x0506), new Ssn(0x0708), new Ppid(0x090a0b0c), [0xaa, 0xbb, 0xcc]);
        byte[] bytes = new byte[chunk.SerializedSize];
        chunk.WriteTo(bytes);
        //                     type flags len   TSN         SID   SSN   PPID        user data + padding
        Assert.Equal(Hex.Parse("00   03    0013  01020304    0506  0708  090a0b0c    aabbcc 00"), bytes);
    }

    [Fact]
    public void WritesFlagBitsWhereTheRfcPutsThem()
    {
        var chunk = new DataChunk(default, default, default, default, [0xff, 0xfe, 0xfd, 0xfc], DataChunkFlags.Immediate | DataChunkFlags.Unordered);
        byte[] bytes = new byte[chunk.SerializedSize];
        chunk.WriteTo(bytes);
        Assert.Equal(Hex.Parse("00 0c 0014 00000000 0000 0000 00000000 fffefdfc"), bytes);
    }

    [Fact]
    public void ParsesRfcLayout()
    {
        byte[] bytes = Hex.Parse("00 05 0013 fffffffe 0001 fffe 00000033 616263");
        Assert.True(DataChunk.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(new Tsn(0xFFFF_FFFE), chunk.Tsn);
        Assert.Equal(new StreamId(1), chunk.StreamId);
        Assert.Equal(new Ssn(0xFFFE), chunk.Ssn);
        Assert.Equal(new Ppid(51), chunk.Ppid);
        Assert.Equal(DataChunkFlags.Unordered | DataChunkFlags.End, chunk.Flags);
        Assert.True(chunk.IsUnordered);
        Assert.False(chunk.IsBeginning);
        Assert.Equal("abc"u8.ToArray(), chunk.Payload.ToArray());
    }

    [Fact]
    public void PayloadIsASliceOfTheInput()
    {
        byte[] bytes = Hex.Parse("00 03 0011 00000001 0000 0000 00000000 5a");
        Assert.True(DataChunk.TryParse(bytes, out var chunk, out _));
        Assert.True(Unsafe.AreSame(ref bytes[16], ref MemoryMarshal.GetReference(chunk.Payload)));
        Assert.Equal(1, chunk.Payload.Length);
    }

    [Fact]
    public void ReservedFlagBitsAreDroppedOnReceipt()
    {
        byte[] bytes = Hex.Parse("00 f3 0011 00000001 0002 0003 00000004 5a");
        Assert.True(DataChunk.TryParse(bytes, out var chunk, out _));
        Assert.Equal(DataChunkFlags.Beginning | DataChunkFlags.End, chunk.Flags);
        Assert.Equal(0x03, FlagsOf(chunk));
        byte[] written = new byte[chunk.SerializedSize];
        chunk.WriteTo(written);
        Assert.Equal(Hex.Parse("00 03 0011 00000001 0002 0003 00000004 5a 000000"), written);
    }

    [Theory]
    [InlineData("00 03 0010 00000001 0002 0003 00000004", ParseErrorKind.NoUserData, 2)]
    [InlineData("00 03 000f 00000001 0002 0003 000000", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 03 0004", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 03 0000", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 03 0012 00000001 0002 0003 00000004 aa", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 03 0011 00000001 0002 0003 00000004 aa bb", ParseErrorKind.InvalidLength, 2)]
    [InlineData("40 03 0011 00000001 0002 0003 00000004 aa", ParseErrorKind.UnexpectedType, 0)]
    [InlineData("00 03 00", ParseErrorKind.Truncated, 0)]
    [InlineData("", ParseErrorKind.Truncated, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<DataChunk>(hex, kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(ChunkType.Data, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsEmptyOrOversizedPayloadAndReservedFlags()
    {
        Assert.Throws<ArgumentException>(() => new DataChunk(default, default, default, default, ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => new DataChunk(default, default, default, default, new byte[DataChunk.MaxPayloadLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataChunk(default, default, default, default, new byte[1], (DataChunkFlags)0x10));
    }

    [Fact]
    public void WriteToRefusesDefaultAndShortDestinations()
    {
        Assert.Throws<InvalidOperationException>(() => default(DataChunk).WriteTo(new byte[64]));
        Assert.Throws<ArgumentException>(() => new DataChunk(default, default, default, default, new byte[5]).WriteTo(new byte[23]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(1184)]
    public void WriteHeaderLetsTheSenderCopyThePayload(int size)
    {
        byte[] payload = RefChunkAssert.Payload(size, seed: 3);
        var flags = DataChunkFlags.Beginning | DataChunkFlags.Immediate;
        var chunk = new DataChunk(new Tsn(9), new StreamId(8), new Ssn(7), new Ppid(6), payload, flags);
        byte[] expected = new byte[chunk.SerializedSize];
        chunk.WriteTo(expected);

        byte[] actual = Enumerable.Repeat((byte)0xee, DataChunk.GetSerializedSize(size)).ToArray();
        int header = DataChunk.WriteHeader(actual, size, new Tsn(9), new StreamId(8), new Ssn(7), new Ppid(6), flags);
        payload.CopyTo(actual.AsSpan(header));
        Assert.Equal(actual.Length, Wire.WritePadding(actual, header + size));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WriteHeaderValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => DataChunk.WriteHeader(new byte[16], 0, default, default, default, default, DataChunkFlags.None));
        Assert.Throws<ArgumentException>(() => DataChunk.WriteHeader(new byte[16], 65520, default, default, default, default, DataChunkFlags.None));
        Assert.Throws<ArgumentException>(() => DataChunk.WriteHeader(new byte[15], 1, default, default, default, default, DataChunkFlags.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataChunk.WriteHeader(new byte[16], 1, default, default, default, default, (DataChunkFlags)0x80));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataChunk.GetSerializedSize(-1));
    }

    [Fact]
    public void ContentEqualsComparesEveryField()
    {
        byte[] payload = [1, 2, 3];
        var chunk = new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), payload, DataChunkFlags.End);
        Assert.True(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), [1, 2, 3], DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(9), new StreamId(2), new Ssn(3), new Ppid(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(9), new Ssn(3), new Ppid(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(9), new Ppid(4), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(9), payload, DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), payload, DataChunkFlags.Beginning)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), [1, 2, 4], DataChunkFlags.End)));
        Assert.False(chunk.ContentEquals(new DataChunk(new Tsn(1), new StreamId(2), new Ssn(3), new Ppid(4), [1, 2, 3, 0], DataChunkFlags.End)));
    }

    [Fact]
    public void ToStringShowsTheFields()
    {
        var chunk = new DataChunk(new Tsn(10), new StreamId(2), new Ssn(3), new Ppid(51), [1, 2, 3], DataChunkFlags.Unordered | DataChunkFlags.Beginning | DataChunkFlags.End);
        Assert.Equal("DATA(tsn=10, sid=2, ssn=3, ppid=51, flags=UBE, bytes=3)", chunk.ToString());
        Assert.Equal("DATA(tsn=0, sid=0, ssn=0, ppid=0, flags=-, bytes=1)", new DataChunk(default, default, default, default, [0], DataChunkFlags.None).ToString());
    }
}
