namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the parameters whose value is a list of 16-bit codes (Supported Address Types, Requested HMAC
/// Algorithm). The value length is twice the number of codes; an odd length is malformed.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Parameter Type         |  Parameter Length = 4 + 2 * N |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Code 1             |            Code 2             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            Code N             |            Padding            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <typeparam name="T">The code type: an enum on <see cref="ushort"/>.</typeparam>
public abstract class UInt16ListParameter<T> : Parameter
    where T : unmanaged, Enum
{
    private readonly T[] _codes;

    /// <summary>Copies <paramref name="codes"/>; throws when they are null or too many for a parameter.</summary>
    private protected UInt16ListParameter(IEnumerable<T> codes, string paramName)
        : this(ParameterWire.CopyList(codes, paramName))
    {
        ParameterWire.ThrowIfValueTooLong(ValueLength, paramName);
    }

    private protected UInt16ListParameter(T[] codes)
    {
        _codes = codes;
        Codes = Array.AsReadOnly(codes);
    }

    /// <summary>The codes, in wire order.</summary>
    private protected IReadOnlyList<T> Codes { get; }

    /// <inheritdoc/>
    public sealed override int ValueLength => _codes.Length * sizeof(ushort);

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) =>
        ParameterWire.WriteUInt16List<T>(destination, _codes);

    /// <summary>True when <paramref name="code"/> is in the list.</summary>
    private protected bool ContainsCode(T code) => Array.IndexOf(_codes, code) >= 0;

    /// <summary>Reads the codes of a parameter of <paramref name="type"/>.</summary>
    private protected static bool TryReadCodes(ReadOnlySpan<byte> bytes, ParameterType type, out T[] codes, out ParseError error)
    {
        codes = [];
        return TryCheckHeader(bytes, type, 0, out error)
            && ParameterWire.TryReadUInt16List(bytes[RawTlv.HeaderSize..], type, out codes, out error);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({string.Join(", ", _codes)})";
}
