using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// One type-length-value item (a parameter, RFC 9260 section 3.2.1, or an error cause, section 3.3.10)
/// before its type is interpreted.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Parameter Type       |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                       Parameter Value                         /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RawTlv
{
    /// <summary>The size of the type and length fields.</summary>
    public const int HeaderSize = 4;

    /// <summary>Creates a view of an item.</summary>
    public RawTlv(ReadOnlySpan<byte> bytes, int offset)
    {
        Bytes = bytes;
        Offset = offset;
    }

    /// <summary>The item's bytes, type and length included, as long as its length field says (padding excluded).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The item's offset relative to the region it was read from.</summary>
    public int Offset { get; }

    /// <summary>The parameter type or error cause code.</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16BigEndian(Bytes);

    /// <summary>The length field: type, length and value, padding excluded.</summary>
    public int Length => Bytes.Length;

    /// <summary>The value (what follows the 4-byte type and length).</summary>
    public ReadOnlySpan<byte> Value => Bytes[HeaderSize..];
}

/// <summary>
/// Walks a run of parameters or error causes without allocating. The last item may stand without its
/// padding (RFC 9260 section 3.2: the chunk length does not count the padding of its last parameter);
/// any other item must be followed by its padding.
/// </summary>
public ref struct TlvReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Reads the items in <paramref name="region"/>, whose first byte is at <paramref name="baseOffset"/>.</summary>
    public TlvReader(ReadOnlySpan<byte> region, int baseOffset = 0)
    {
        _buffer = region;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>
    /// Reads the next item. Returns false at the end (with no error) or on a malformed item (with the
    /// error set, its offset relative to the base offset given to the constructor).
    /// </summary>
    public bool TryReadNext(out RawTlv item, out ParseError error)
    {
        item = default;
        if (IsAtEnd)
        {
            error = ParseError.None;
            return false;
        }

        var rest = _buffer[_position..];
        int offset = _baseOffset + _position;
        if (rest.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, offset);
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(rest);
        int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        if (length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.LengthTooSmall, offset, ItemType: type);
            return false;
        }

        if (length > rest.Length)
        {
            error = new ParseError(ParseErrorKind.LengthExceedsBuffer, offset, ItemType: type);
            return false;
        }

        item = new RawTlv(rest[..length], offset);
        _position += Math.Min(Wire.Pad4(length), rest.Length);
        error = ParseError.None;
        return true;
    }
}
