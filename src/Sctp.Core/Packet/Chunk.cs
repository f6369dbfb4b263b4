using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// Base of the control chunks: immutable objects that own their data. Equality compares the chunk as it
/// would be written on the wire, so two chunks are equal exactly when they serialize to the same bytes.
/// </summary>
public abstract class Chunk : IChunk, IEquatable<Chunk>
{
    /// <inheritdoc/>
    public abstract ChunkType Type { get; }

    /// <inheritdoc/>
    public virtual byte Flags => 0;

    /// <summary>The value length in bytes (the chunk length field less the 4-byte header).</summary>
    public abstract int ValueLength { get; }

    /// <summary>The chunk length field: header and value, padding excluded.</summary>
    public int Length => RawChunk.HeaderSize + ValueLength;

    /// <inheritdoc/>
    public int SerializedSize => Wire.Pad4(Length);

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination)
    {
        int length = Length;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A {Type} chunk of {length} bytes exceeds the 65,535-byte chunk length limit.");
        }

        int size = Wire.Pad4(length);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the {Type} chunk needs {size}.", nameof(destination));
        }

        destination[0] = (byte)Type;
        destination[1] = Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        WriteValue(destination.Slice(RawChunk.HeaderSize, ValueLength));
        return Wire.WritePadding(destination, length);
    }

    /// <summary>Writes the value: exactly <see cref="ValueLength"/> bytes.</summary>
    protected abstract void WriteValue(Span<byte> destination);

    /// <summary>The chunk's wire bytes (header, value, padding), for tests and diagnostics.</summary>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[SerializedSize];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(Chunk? other) =>
        other is not null
        && (ReferenceEquals(this, other) || (Type == other.Type && ToArray().AsSpan().SequenceEqual(other.ToArray())));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Chunk);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Flags, ValueLength);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(flags=0x{Flags:x2}, length={Length})";

    /// <summary>
    /// Checks the chunk header of <paramref name="bytes"/> for a parser: the type is <paramref name="type"/>,
    /// the length field equals the span's length, and the value is at least <paramref name="minValueLength"/> bytes.
    /// </summary>
    protected internal static bool TryCheckHeader(ReadOnlySpan<byte> bytes, ChunkType type, int minValueLength, out ParseError error)
    {
        if (bytes.Length < RawChunk.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0, type);
            return false;
        }

        if ((ChunkType)bytes[0] != type)
        {
            error = new ParseError(ParseErrorKind.UnexpectedType, 0, type);
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (length != bytes.Length)
        {
            error = new ParseError(length < bytes.Length ? ParseErrorKind.InvalidLength : ParseErrorKind.LengthExceedsBuffer, 2, type);
            return false;
        }

        if (length < RawChunk.HeaderSize + minValueLength)
        {
            error = new ParseError(ParseErrorKind.LengthTooSmall, 2, type);
            return false;
        }

        error = ParseError.None;
        return true;
    }
}
