namespace Sctp.Packet;

/// <summary>
/// Checks a received SCTP packet as a whole (RFC 9260 sections 3 and 6.8): the common header, the
/// CRC32c, and that its chunks are well framed. Chunk contents are parsed later, by type.
/// </summary>
public static class SctpPacket
{
    /// <summary>The smallest packet: a common header and one empty chunk.</summary>
    public const int MinimumSize = CommonHeader.Size + RawChunk.HeaderSize;

    /// <summary>
    /// Validates <paramref name="packet"/>: at least a header and one chunk, a matching CRC32c (or, when
    /// <paramref name="acceptZeroChecksum"/>, a zero checksum as RFC 9653 allows), and chunks whose lengths
    /// and padding fit exactly. Never throws; the error's offset is relative to the packet's first byte.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> packet, out CommonHeader header, out ParseError error, bool acceptZeroChecksum = false)
    {
        if (!CommonHeader.TryRead(packet, out header))
        {
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        if (packet.Length == CommonHeader.Size)
        {
            error = new ParseError(ParseErrorKind.NoChunks, CommonHeader.Size);
            return false;
        }

        bool zeroAccepted = acceptZeroChecksum && header.Checksum == 0;
        if (!zeroAccepted && !Crc32c.Verify(packet))
        {
            error = new ParseError(ParseErrorKind.BadChecksum, 8);
            return false;
        }

        var reader = new ChunkReader(packet[CommonHeader.Size..]);
        while (reader.TryReadNext(out _, out error))
        {
        }

        return !error.IsError;
    }

    /// <summary>A reader over the chunks of a packet whose header has been read.</summary>
    public static ChunkReader GetChunks(ReadOnlySpan<byte> packet) =>
        new(packet.Length > CommonHeader.Size ? packet[CommonHeader.Size..] : default);
}
