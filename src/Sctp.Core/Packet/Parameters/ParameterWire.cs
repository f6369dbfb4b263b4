using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sctp.Packet.Parameters;

/// <summary>Length checks, 16-bit list codecs and error builders shared by the parameter types.</summary>
internal static class ParameterWire
{
    /// <summary>The offset of the length field, where length errors point.</summary>
    public const int LengthOffset = 2;

    /// <summary>The largest value a parameter can carry: the 16-bit length field less the 4-byte header.</summary>
    public const int MaxValueLength = ushort.MaxValue - RawTlv.HeaderSize;

    /// <summary>An error about a parameter of type <paramref name="type"/>.</summary>
    public static ParseError Error(ParameterType type, ParseErrorKind kind, int offset) => new(kind, offset, ItemType: (ushort)type);

    /// <summary>
    /// For fixed-size parameters, after the header check: the value is exactly
    /// <paramref name="valueLength"/> bytes, else <see cref="ParseErrorKind.InvalidLength"/> at the length field.
    /// </summary>
    public static bool CheckExactValueLength(ReadOnlySpan<byte> bytes, ParameterType type, int valueLength, out ParseError error)
    {
        if (bytes.Length != RawTlv.HeaderSize + valueLength)
        {
            error = Error(type, ParseErrorKind.InvalidLength, LengthOffset);
            return false;
        }

        error = ParseError.None;
        return true;
    }

    /// <summary>Throws when a value of <paramref name="valueLength"/> bytes cannot fit in a parameter.</summary>
    public static void ThrowIfValueTooLong(int valueLength, string paramName)
    {
        if (valueLength > MaxValueLength)
        {
            throw new ArgumentException(
                $"The parameter value would be {valueLength} bytes; a parameter holds at most {MaxValueLength}.", paramName);
        }
    }

    /// <summary>
    /// Reads a list of 16-bit big-endian values that fills <paramref name="list"/> (the tail of a
    /// parameter's value), as <typeparamref name="T"/>, a 2-byte value type (an enum on <c>ushort</c> or a
    /// strong type wrapping one). An odd number of bytes cannot be such a list: the length field is wrong.
    /// </summary>
    public static bool TryReadUInt16List<T>(ReadOnlySpan<byte> list, ParameterType type, out T[] values, out ParseError error)
        where T : unmanaged
    {
        Debug.Assert(Unsafe.SizeOf<T>() == sizeof(ushort), "only 2-byte types map onto 16-bit fields");
        if ((list.Length & 1) != 0)
        {
            values = [];
            error = Error(type, ParseErrorKind.InvalidLength, LengthOffset);
            return false;
        }

        values = new T[list.Length / sizeof(ushort)];
        var raw = MemoryMarshal.Cast<T, ushort>(values.AsSpan());
        for (int i = 0; i < raw.Length; i++)
        {
            raw[i] = BinaryPrimitives.ReadUInt16BigEndian(list[(i * sizeof(ushort))..]);
        }

        error = ParseError.None;
        return true;
    }

    /// <summary>Writes <paramref name="values"/> (2-byte value types) as 16-bit big-endian fields.</summary>
    public static void WriteUInt16List<T>(Span<byte> destination, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var raw = MemoryMarshal.Cast<T, ushort>(values);
        for (int i = 0; i < raw.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * sizeof(ushort))..], raw[i]);
        }
    }

    /// <summary>Copies a caller's sequence into an array this parameter owns, rejecting null.</summary>
    public static T[] CopyList<T>(IEnumerable<T> items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        return [.. items];
    }
}
