using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// One chunk as it stands in a packet, before its type is interpreted (RFC 9260 section 3.2). Chunks of
/// types the association does not act on are kept in this form, so that the rule of the type's upper two
/// bits can be applied to them instead of dropping the whole packet.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                          Chunk Value                          /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RawChunk
{
    /// <summary>The size of the chunk header (type, flags, length).</summary>
    public const int HeaderSize = 4;

    /// <summary>Creates a view of a chunk.</summary>
    public RawChunk(ReadOnlySpan<byte> bytes, int offset)
    {
        Bytes = bytes;
        Offset = offset;
    }

    /// <summary>The chunk's bytes, header included, as long as its length field says (padding excluded).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The chunk's offset in the packet.</summary>
    public int Offset { get; }

    /// <summary>The chunk type.</summary>
    public ChunkType Type => (ChunkType)Bytes[0];

    /// <summary>The chunk flags.</summary>
    public byte Flags => Bytes[1];

    /// <summary>The chunk length field: header and value, padding excluded.</summary>
    public int Length => Bytes.Length;

    /// <summary>The chunk value (what follows the 4-byte header).</summary>
    public ReadOnlySpan<byte> Value => Bytes[HeaderSize..];

    /// <summary>
    /// Checks the chunk header at the start of <paramref name="buffer"/>: the length is at least 4, fits
    /// in the buffer, and so does its padding. On success <paramref name="consumed"/> is the padded size.
    /// Padding bytes are not checked for zero: they are tolerated but never read.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, int offset, out RawChunk chunk, out int consumed, out ParseError error)
    {
        chunk = default;
        consumed = 0;
        if (buffer.Length < HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, offset);
            return false;
        }

        var type = (ChunkType)buffer[0];
        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if (length < HeaderSize)
        {
            error = new ParseError(ParseErrorKind.LengthTooSmall, offset, type);
            return false;
        }

        if (length > buffer.Length)
        {
            error = new ParseError(ParseErrorKind.LengthExceedsBuffer, offset, type);
            return false;
        }

        int padded = Wire.Pad4(length);
        if (padded > buffer.Length)
        {
            error = new ParseError(ParseErrorKind.MissingPadding, offset, type);
            return false;
        }

        chunk = new RawChunk(buffer[..length], offset);
        consumed = padded;
        error = ParseError.None;
        return true;
    }
}

/// <summary>
/// Walks the chunks of a packet (or any run of chunks) without allocating. Stops at the first malformed
/// chunk and reports why; never reads past the input and never loops on a zero length.
/// </summary>
public ref struct ChunkReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Reads the chunks in <paramref name="chunks"/>, whose first byte is at <paramref name="baseOffset"/> in the packet.</summary>
    public ChunkReader(ReadOnlySpan<byte> chunks, int baseOffset = CommonHeader.Size)
    {
        _buffer = chunks;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>
    /// Reads the next chunk. Returns false at the end (with <paramref name="error"/> equal to
    /// <see cref="ParseError.None"/>) or on a malformed chunk (with the error set); after an error the
    /// reader stays at the faulty chunk.
    /// </summary>
    public bool TryReadNext(out RawChunk chunk, out ParseError error)
    {
        if (IsAtEnd)
        {
            chunk = default;
            error = ParseError.None;
            return false;
        }

        if (!RawChunk.TryRead(_buffer[_position..], _baseOffset + _position, out chunk, out int consumed, out error))
        {
            return false;
        }

        _position += consumed;
        return true;
    }
}
