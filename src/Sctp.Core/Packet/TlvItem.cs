using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// Base of parameters (RFC 9260 section 3.2.1) and error causes (section 3.3.10), which share one wire
/// shape: a 16-bit type, a 16-bit length that counts type, length and value but not padding, the value,
/// and zero padding to 4 bytes. Items are immutable and own their data; equality compares wire bytes.
/// </summary>
public abstract class TlvItem : IEquatable<TlvItem>
{
    /// <summary>The 16-bit parameter type or error cause code.</summary>
    public abstract ushort TypeCode { get; }

    /// <summary>The value length in bytes (the length field less 4).</summary>
    public abstract int ValueLength { get; }

    /// <summary>The length field: type, length and value, padding excluded.</summary>
    public int Length => RawTlv.HeaderSize + ValueLength;

    /// <summary>The bytes the item takes with its padding.</summary>
    public int SerializedSize => Wire.Pad4(Length);

    /// <summary>Writes the item and its padding; returns <see cref="SerializedSize"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int WriteTo(Span<byte> destination)
    {
        int size = SerializedSize;
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the item needs {size}.", nameof(destination));
        }

        return Wire.WritePadding(destination, WriteUnpadded(destination));
    }

    /// <summary>
    /// Writes the item without its padding; returns <see cref="Length"/>. The last item of a run ends
    /// where its container's value ends, so its padding is the container's to write.
    /// </summary>
    private int WriteUnpadded(Span<byte> destination)
    {
        int length = Length;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"An item of type 0x{TypeCode:x4} and {length} bytes exceeds the 65,535-byte length limit.");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the item needs {length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, TypeCode);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        WriteValue(destination.Slice(RawTlv.HeaderSize, ValueLength));
        return length;
    }

    /// <summary>Writes the value: exactly <see cref="ValueLength"/> bytes.</summary>
    protected abstract void WriteValue(Span<byte> destination);

    /// <summary>The item's wire bytes with padding, for tests and diagnostics.</summary>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[SerializedSize];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(TlvItem? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (GetType() == other.GetType() && TypeCode == other.TypeCode && ToArray().AsSpan().SequenceEqual(other.ToArray())));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TlvItem);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeCode, ValueLength);

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(type=0x{TypeCode:x4}, length={Length})";

    /// <summary>
    /// The length a run of items takes inside a chunk: every item padded except the last, whose padding
    /// is the chunk's own (RFC 9260 section 3.2: the chunk length counts the padding of every parameter
    /// but the last).
    /// </summary>
    public static int GetListLength<T>(IReadOnlyList<T> items) where T : TlvItem
    {
        int length = 0;
        for (int i = 0; i < items.Count; i++)
        {
            length += i == items.Count - 1 ? items[i].Length : items[i].SerializedSize;
        }

        return length;
    }

    /// <summary>
    /// Writes a run of items; returns <see cref="GetListLength{T}"/>. The last item's padding is not
    /// written: it is the container's (a chunk value span ends at the unpadded last item), so
    /// <paramref name="destination"/> needs only <see cref="GetListLength{T}"/> bytes.
    /// </summary>
    public static int WriteList<T>(Span<byte> destination, IReadOnlyList<T> items) where T : TlvItem
    {
        int position = 0;
        for (int i = 0; i < items.Count; i++)
        {
            position += i == items.Count - 1
                ? items[i].WriteUnpadded(destination[position..])
                : items[i].WriteTo(destination[position..]);
        }

        return position;
    }

    /// <summary>
    /// Parses the run of items in <paramref name="region"/> with <paramref name="parse"/>. Offsets in
    /// errors are relative to <paramref name="baseOffset"/>.
    /// </summary>
    public static bool TryParseList<T>(ReadOnlySpan<byte> region, int baseOffset, TlvParser<T> parse, out IReadOnlyList<T> items, out ParseError error)
        where T : TlvItem
    {
        ArgumentNullException.ThrowIfNull(parse);
        items = [];
        if (region.IsEmpty)
        {
            error = ParseError.None;
            return true;
        }

        var list = new List<T>();
        var reader = new TlvReader(region, baseOffset);
        while (reader.TryReadNext(out var raw, out error))
        {
            if (!parse(raw.Bytes, out var item, out var itemError))
            {
                error = itemError.Shift(raw.Offset);
                return false;
            }

            list.Add(item);
        }

        if (error.IsError)
        {
            return false;
        }

        items = list;
        return true;
    }

    /// <summary>
    /// Checks an item's header for a parser: the code is <paramref name="typeCode"/>, the length field
    /// equals the span's length, and the value is at least <paramref name="minValueLength"/> bytes.
    /// </summary>
    protected static bool TryCheckHeader(ReadOnlySpan<byte> bytes, ushort typeCode, int minValueLength, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0, ItemType: typeCode);
            return false;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(bytes) != typeCode)
        {
            error = new ParseError(ParseErrorKind.UnexpectedType, 0, ItemType: typeCode);
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (length != bytes.Length)
        {
            error = new ParseError(length < bytes.Length ? ParseErrorKind.InvalidLength : ParseErrorKind.LengthExceedsBuffer, 2, ItemType: typeCode);
            return false;
        }

        if (length < RawTlv.HeaderSize + minValueLength)
        {
            error = new ParseError(ParseErrorKind.LengthTooSmall, 2, ItemType: typeCode);
            return false;
        }

        error = ParseError.None;
        return true;
    }
}

/// <summary>Parses one item of a run: its bytes as long as its length field, padding excluded.</summary>
public delegate bool TlvParser<T>(ReadOnlySpan<byte> bytes, out T item, out ParseError error);
