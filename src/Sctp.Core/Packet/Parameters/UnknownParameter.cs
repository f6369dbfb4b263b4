namespace Sctp.Packet.Parameters;

/// <summary>
/// A parameter kept as its raw type and value: a type this codec does not interpret. The association
/// applies the rule of the type's upper two bits to it (RFC 9260 section 3.2.1), and can echo its bytes
/// back in an Unrecognized Parameter.
/// </summary>
public sealed class UnknownParameter : Parameter
{
    private readonly byte[] _value;

    /// <summary>Creates a raw parameter.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than the 65,531 bytes a parameter length field allows.</exception>
    public UnknownParameter(ParameterType type, ReadOnlySpan<byte> value)
    {
        ParameterWire.ThrowIfValueTooLong(value.Length, nameof(value));
        Type = type;
        _value = value.ToArray();
    }

    /// <inheritdoc/>
    public override ParameterType Type { get; }

    /// <summary>The value, unpadded.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <inheritdoc/>
    public override int ValueLength => _value.Length;

    /// <summary>Keeps any well-framed parameter as raw bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnknownParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (bytes.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var type = (ParameterType)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes);
        if (!TryCheckHeader(bytes, type, 0, out error))
        {
            return false;
        }

        parameter = new UnknownParameter(type, bytes[RawTlv.HeaderSize..]);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => _value.CopyTo(destination);
}
