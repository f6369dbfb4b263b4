using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// The malformed-input checklist, one named check per test, each on a whole packet with a good CRC32c so
/// that it goes the way a received datagram goes: <see cref="SctpPacket.TryValidate"/> (header, checksum,
/// chunk framing), then the chunk's typed parser. Every refusal is a typed error, never an exception.
/// </summary>
public class MalformedInputTests
{
    private const int FirstChunk = CommonHeader.Size;

    [Theory]
    [InlineData("0b 00 00 00")]
    [InlineData("0b 00 00 01")]
    [InlineData("0b 00 00 02")]
    [InlineData("0b 00 00 03")]
    public void ChunkLengthShorterThanTheChunkHeaderIsRefused(string chunks)
    {
        var error = AssertRefused(Packet(chunks), ParseErrorKind.LengthTooSmall, FirstChunk);
        Assert.Equal(ChunkType.CookieAck, error.Chunk);
    }

    [Theory]
    [InlineData("00 03 00 0c 00000001 0000 0000", ParseErrorKind.LengthTooSmall)] // DATA: 16 bytes at least
    [InlineData("40 03 00 10 00000001 0000 0000 00000000", ParseErrorKind.LengthTooSmall)] // I-DATA: 20
    [InlineData("03 00 00 0c 00000001 00010000", ParseErrorKind.LengthTooSmall)] // SACK: 16
    [InlineData("01 00 00 10 00000001 00010000 0001 0001", ParseErrorKind.LengthTooSmall)] // INIT: 20
    [InlineData("02 00 00 10 00000001 00010000 0001 0001", ParseErrorKind.LengthTooSmall)] // INIT ACK: 20
    [InlineData("07 00 00 04", ParseErrorKind.LengthTooSmall)] // SHUTDOWN: exactly 8
    [InlineData("07 00 00 06 0000 0000", ParseErrorKind.LengthTooSmall)]
    [InlineData("0a 00 00 04", ParseErrorKind.LengthTooSmall)] // COOKIE ECHO: a cookie of at least 1 byte
    [InlineData("04 00 00 04", ParseErrorKind.LengthTooSmall)] // HEARTBEAT: the Heartbeat Info header
    [InlineData("09 00 00 04", ParseErrorKind.LengthTooSmall)] // ERROR: at least one cause header
    [InlineData("c0 00 00 04", ParseErrorKind.LengthTooSmall)] // FORWARD-TSN: 8
    [InlineData("c2 00 00 04", ParseErrorKind.LengthTooSmall)] // I-FORWARD-TSN: 8
    public void ChunkLengthShorterThanItsTypesMinimumIsRefusedByItsParser(string chunk, ParseErrorKind kind)
    {
        // The framing is sound, so the packet validates; the chunk's own parser refuses the length.
        byte[] packet = Packet(chunk);
        Assert.True(SctpPacket.TryValidate(packet, out _, out var framing), framing.ToString());
        var error = AssertChunkRefused(packet, kind);
        Assert.Equal(2, error.Offset);
        Assert.Equal((ChunkType)Hex.Parse(chunk)[0], error.Chunk);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("03")]
    public void ParameterLengthShorterThanItsHeaderIsRefused(string length)
    {
        // INIT, then a parameter (type 0x8000) whose length field is below 4.
        var error = AssertChunkRefused(Packet($"01 00 00 18 00000001 00010000 0001 0001 00000001 8000 00{length}"), ParseErrorKind.LengthTooSmall);
        Assert.Equal(20, error.Offset);
        Assert.Equal((ushort)ParameterType.EcnCapable, error.ItemType);
        Assert.Equal(ChunkType.Init, error.Chunk);
    }

    [Fact]
    public void ErrorCauseLengthShorterThanItsHeaderIsRefused()
    {
        // ABORT with a cause (Out of Resource) whose length field is 2.
        var error = AssertChunkRefused(Packet("06 00 00 08 0004 0002"), ParseErrorKind.LengthTooSmall);
        Assert.Equal(4, error.Offset);
        Assert.Equal((ushort)ErrorCauseCode.OutOfResource, error.ItemType);
    }

    [Theory]
    [InlineData("0a 00 00 09 01020304")]
    [InlineData("0a 00 01 00 01020304")]
    [InlineData("0a 00 ff ff 01020304")]
    public void ChunkLengthLongerThanWhatRemainsIsRefused(string chunks)
    {
        var error = AssertRefused(Packet(chunks), ParseErrorKind.LengthExceedsBuffer, FirstChunk);
        Assert.Equal(ChunkType.CookieEcho, error.Chunk);
    }

    [Fact]
    public void SecondChunkLengthLongerThanWhatRemainsIsRefusedAtThatChunk() =>
        AssertRefused(Packet("0b 00 00 04  0a 00 00 0c 01020304"), ParseErrorKind.LengthExceedsBuffer, FirstChunk + 4);

    [Theory]
    [InlineData("01 00 00 1c 00000001 00010000 0001 0001 00000001 0005 000c 7f000001", 20, 0x0005)] // IPv4 Address says 12, has 8
    [InlineData("01 00 00 20 00000001 00010000 0001 0001 00000001 8000 0004 0007 0010 01020304", 24, 0x0007)] // the last of two overruns
    [InlineData("04 00 00 0c 0001 0010 01020304", 4, 0x0001)] // HEARTBEAT: Heartbeat Info says 16, has 8
    [InlineData("06 00 00 0c 000c 0010 01020304", 4, 0x000c)] // ABORT: a cause says 16, has 8
    [InlineData("82 00 00 0c 0012 0010 00000001", 4, 0x0012)] // RE-CONFIG: a parameter says 16, has 8
    public void ParameterOrCauseOverrunningItsChunkIsRefused(string chunk, int offset, ushort itemType)
    {
        byte[] packet = Packet(chunk);
        Assert.True(SctpPacket.TryValidate(packet, out _, out var framing), framing.ToString());
        var error = AssertChunkRefused(packet, ParseErrorKind.LengthExceedsBuffer);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(itemType, error.ItemType);
    }

    [Fact]
    public void NonZeroChunkPaddingIsTolerated()
    {
        // COOKIE ECHO with a 1-byte cookie and padding ff ff ff, then COOKIE ACK.
        byte[] packet = Packet("0a 00 00 05 2a ffffff  0b 00 00 04");
        Assert.True(SctpPacket.TryValidate(packet, out _, out var error), error.ToString());
        var chunks = ParseAll(packet);
        Assert.Equal([0x2a], Assert.IsType<CookieEchoChunk>(chunks[0]).Cookie.ToArray());
        Assert.IsType<CookieAckChunk>(chunks[1]);

        // Written back with zero padding.
        Assert.Equal(Hex.Format(Packet("0a 00 00 05 2a 000000  0b 00 00 04")), Hex.Format(TypedChunks.Rebuild(packet, out _)));
    }

    [Fact]
    public void NonZeroParameterPaddingIsTolerated()
    {
        // INIT: Supported Extensions (length 7) padded with ee, then Forward-TSN-Supported.
        byte[] packet = Packet("01 00 00 20 00000001 00010000 0001 0001 00000001  8008 0007 c0 82 0f ee  c000 0004");
        var init = Assert.IsType<InitChunk>(Assert.Single(ParseAll(packet)));
        Assert.Equal([ChunkType.ForwardTsn, ChunkType.ReConfig, ChunkType.Auth], init.GetParameter<SupportedExtensionsParameter>()!.ChunkTypes);
        Assert.NotNull(init.GetParameter<ForwardTsnSupportedParameter>());
        Assert.Equal(
            Hex.Format(Packet("01 00 00 20 00000001 00010000 0001 0001 00000001  8008 0007 c0 82 0f 00  c000 0004")),
            Hex.Format(TypedChunks.Rebuild(packet, out _)));
    }

    [Fact]
    public void ChunkLengthNotAMultipleOfFourAtTheEndOfThePacketIsAcceptedWithItsPadding()
    {
        byte[] packet = Packet("0b 00 00 04  0a 00 00 07 010203 00");
        Assert.True(SctpPacket.TryValidate(packet, out _, out var error), error.ToString());
        Assert.Equal([1, 2, 3], Assert.IsType<CookieEchoChunk>(ParseAll(packet)[1]).Cookie.ToArray());
        Assert.Equal(Hex.Format(packet), Hex.Format(TypedChunks.Rebuild(packet, out _)));
    }

    [Theory]
    [InlineData("0b 00 00 04  0a 00 00 07 010203", FirstChunk + 4)]
    [InlineData("0a 00 00 05 01", FirstChunk)]
    [InlineData("0a 00 00 06 0102", FirstChunk)]
    public void ChunkLengthNotAMultipleOfFourAtTheEndOfThePacketIsRefusedWithoutItsPadding(string chunks, int offset)
    {
        // RFC 9260 section 3.2: the sender pads every chunk, the last included, to a multiple of 4.
        var error = AssertRefused(Packet(chunks), ParseErrorKind.MissingPadding, offset);
        Assert.Equal(ChunkType.CookieEcho, error.Chunk);
    }

    [Fact]
    public void ZeroLengthChunkStopsTheWalkWithoutLooping()
    {
        byte[] packet = Packet("0b 00 00 04  00 00 00 00  00 00 00 00  00 00 00 00");
        AssertRefused(packet, ParseErrorKind.LengthTooSmall, FirstChunk + 4);

        // The reader stays on the faulty chunk: asking again neither advances nor succeeds.
        var reader = SctpPacket.GetChunks(packet);
        Assert.True(reader.TryReadNext(out _, out _));
        for (int i = 0; i < 3; i++)
        {
            Assert.False(reader.TryReadNext(out _, out var error));
            Assert.Equal(new ParseError(ParseErrorKind.LengthTooSmall, FirstChunk + 4, ChunkType.Data), error);
        }
    }

    [Fact]
    public void PacketOfZeroBytesStopsAtTheFirstChunk() =>
        AssertRefused(Packet(string.Concat(Enumerable.Repeat("00", 1200))), ParseErrorKind.LengthTooSmall, FirstChunk);

    [Fact]
    public void ZeroLengthParameterStopsTheWalkWithoutLooping()
    {
        // INIT followed by parameters of length 0.
        var error = AssertChunkRefused(Packet("01 00 00 24 00000001 00010000 0001 0001 00000001 0000 0000 0000 0000 0000 0000 0000 0000"), ParseErrorKind.LengthTooSmall);
        Assert.Equal(20, error.Offset);
        Assert.False(ParameterCodec.TryParseList(new byte[64], 0, out _, out error));
        Assert.Equal(new ParseError(ParseErrorKind.LengthTooSmall, 0, ItemType: 0), error);
    }

    [Fact]
    public void DataWithNoUserDataIsRefused()
    {
        // As the usrsctp probe sent it (errors-probe.txt, 009-probe): a DATA chunk of 16 bytes.
        var error = AssertChunkRefused(Packet("00 03 00 10 000003e9 0000 0000 00000000"), ParseErrorKind.NoUserData);
        Assert.Equal(new ParseError(ParseErrorKind.NoUserData, 2, ChunkType.Data), error);
    }

    [Fact]
    public void IDataWithNoUserDataIsRefused()
    {
        var error = AssertChunkRefused(Packet("40 03 00 14 000003e9 0000 0000 00000000 00000000"), ParseErrorKind.NoUserData);
        Assert.Equal(new ParseError(ParseErrorKind.NoUserData, 2, ChunkType.IData), error);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    public void InitWithZeroInitiateTagIsRefused(string type) =>
        Assert.Equal(4, AssertChunkRefused(Packet($"{type} 00 00 14 00000000 00010000 000a 000a 00000001"), ParseErrorKind.InvalidField).Offset);

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    public void InitWithZeroOutboundStreamsIsRefused(string type) =>
        Assert.Equal(12, AssertChunkRefused(Packet($"{type} 00 00 14 01020304 00010000 0000 000a 00000001"), ParseErrorKind.InvalidField).Offset);

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    public void InitWithZeroInboundStreamsIsRefused(string type) =>
        Assert.Equal(14, AssertChunkRefused(Packet($"{type} 00 00 14 01020304 00010000 000a 0000 00000001"), ParseErrorKind.InvalidField).Offset);

    [Theory]
    [InlineData("03 00 00 14 00000001 00010000 0002 0000 00020003")] // two gap blocks, room for one
    [InlineData("03 00 00 10 00000001 00010000 0001 0000")] // one gap block, room for none
    [InlineData("03 00 00 14 00000001 00010000 0001 0001 00020003")] // a gap block and a duplicate, room for one
    [InlineData("03 00 00 14 00000001 00010000 0000 0002 00000005")] // two duplicates, room for one
    [InlineData("03 00 00 14 00000001 00010000 ffff ffff 00020003")] // the largest counts
    [InlineData("03 00 00 14 00000001 00010000 0000 0000 00020003")] // bytes the counts do not account for
    public void SackWhoseGapOrDuplicateCountsDoNotMatchTheChunkIsRefused(string chunk)
    {
        var error = AssertChunkRefused(Packet(chunk), ParseErrorKind.CountMismatch);
        Assert.Equal(new ParseError(ParseErrorKind.CountMismatch, 12, ChunkType.Sack), error);
    }

    /// <summary>A packet with a fixed header, the given chunk bytes and a good CRC32c.</summary>
    private static byte[] Packet(string chunks)
    {
        byte[] packet = Hex.Parse("1388 1389 00000001 00000000 " + chunks);
        Crc32c.Stamp(packet);
        return packet;
    }

    /// <summary>Asserts that validation refuses the packet with <paramref name="kind"/> at <paramref name="offset"/>.</summary>
    private static ParseError AssertRefused(byte[] packet, ParseErrorKind kind, int offset)
    {
        Assert.False(SctpPacket.TryValidate(packet, out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(offset, error.Offset);
        return error;
    }

    /// <summary>Asserts that the packet validates and its only (or first refused) chunk's typed parser refuses it with <paramref name="kind"/>.</summary>
    private static ParseError AssertChunkRefused(byte[] packet, ParseErrorKind kind)
    {
        Assert.True(SctpPacket.TryValidate(packet, out _, out var framing), framing.ToString());
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            if (!TypedChunks.TryParse(raw.Bytes, out var error))
            {
                Assert.Equal(kind, error.Kind);
                return error;
            }
        }

        Assert.Fail("every chunk parsed");
        return default;
    }

    /// <summary>The control chunks of a packet that validates, each parsed.</summary>
    private static List<Chunk> ParseAll(byte[] packet)
    {
        var chunks = new List<Chunk>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            Assert.True(ChunkCodec.TryParseControl(raw.Bytes, out var chunk, out var error), error.ToString());
            chunks.Add(chunk);
        }

        return chunks;
    }
}
