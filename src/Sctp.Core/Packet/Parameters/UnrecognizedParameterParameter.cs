using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Unrecognized Parameter (RFC 9260 section 3.3.3.1): in an INIT ACK, one parameter of the INIT that the
/// responder did not recognize and whose type asked to be reported, copied whole (type, length, value).
/// Named so as not to collide with <see cref="ParameterType.UnrecognizedParameter"/>.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 8            |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                    Unrecognized Parameter                     /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The bytes are kept exactly as received. Some implementations copy the reported parameter with its
/// padding, so up to 3 bytes may follow the inner parameter's own length; more is malformed.
/// </remarks>
public sealed class UnrecognizedParameterParameter : OpaqueParameter
{
    private const int InnerLengthOffset = 2;

    /// <summary>Creates the parameter from the wire bytes of the parameter to report.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="parameterBytes"/> is not one parameter: shorter than its 4-byte header, a length
    /// field below 4 or beyond the bytes given, more than 3 bytes after it, or too long to wrap.
    /// </exception>
    public UnrecognizedParameterParameter(ReadOnlySpan<byte> parameterBytes)
        : base(parameterBytes, nameof(parameterBytes))
    {
        if (!IsOneParameter(parameterBytes, out _, out _))
        {
            throw new ArgumentException(
                "The bytes must be exactly one parameter: a 4-byte header whose length field (at least 4) covers them, padding excepted.",
                nameof(parameterBytes));
        }
    }

    /// <summary>Creates the parameter reporting <paramref name="parameter"/> (written without its padding).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is too long to wrap.</exception>
    public UnrecognizedParameterParameter(Parameter parameter)
        : this(Serialize(parameter))
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.UnrecognizedParameter;

    /// <summary>The reported parameter's bytes (type, length, value, and any padding copied with it).</summary>
    public ReadOnlyMemory<byte> ParameterBytes => Data;

    /// <summary>The type of the reported parameter.</summary>
    public ParameterType UnrecognizedType => (ParameterType)BinaryPrimitives.ReadUInt16BigEndian(Data.Span);

    /// <summary>
    /// Parses the reported parameter with <see cref="ParameterCodec"/>. Error offsets are relative to this
    /// parameter's first byte. Never throws.
    /// </summary>
    public bool TryParseReported(out Parameter parameter, out ParseError error)
    {
        var bytes = Data.Span;
        int innerLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[InnerLengthOffset..]);
        if (ParameterCodec.TryParse(bytes[..innerLength], out parameter, out error))
        {
            return true;
        }

        error = error.Shift(RawTlv.HeaderSize);
        return false;
    }

    /// <summary>
    /// Parses the parameter; its value must hold exactly one parameter, as described in the remarks.
    /// Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnrecognizedParameterParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.UnrecognizedParameter, RawTlv.HeaderSize, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        if (!IsOneParameter(value, out var kind, out int offset))
        {
            // Bytes left over after the reported parameter put this parameter's own length at fault;
            // the other faults are in the reported parameter's header.
            int errorOffset = kind == ParseErrorKind.InvalidLength ? ParameterWire.LengthOffset : RawTlv.HeaderSize + offset;
            error = ParameterWire.Error(ParameterType.UnrecognizedParameter, kind, errorOffset);
            return false;
        }

        parameter = new UnrecognizedParameterParameter(value);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(type=0x{(ushort)UnrecognizedType:x4}, length={ValueLength})";

    /// <summary>
    /// True when <paramref name="value"/> is one parameter (RFC 9260 section 3.3.3.1: the field holds the
    /// unrecognized parameter complete with type, length and value), tolerating the padding some senders
    /// copy along. On failure, says why and where in <paramref name="value"/>.
    /// </summary>
    private static bool IsOneParameter(ReadOnlySpan<byte> value, out ParseErrorKind kind, out int offset)
    {
        offset = 0;
        if (value.Length < RawTlv.HeaderSize)
        {
            kind = ParseErrorKind.Truncated;
            return false;
        }

        int innerLength = BinaryPrimitives.ReadUInt16BigEndian(value[InnerLengthOffset..]);
        offset = InnerLengthOffset;
        if (innerLength < RawTlv.HeaderSize)
        {
            kind = ParseErrorKind.LengthTooSmall;
            return false;
        }

        if (innerLength > value.Length)
        {
            kind = ParseErrorKind.LengthExceedsBuffer;
            return false;
        }

        if (value.Length > Wire.Pad4(innerLength))
        {
            kind = ParseErrorKind.InvalidLength;
            return false;
        }

        kind = ParseErrorKind.None;
        offset = 0;
        return true;
    }

    private static byte[] Serialize(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ParameterWire.ThrowIfValueTooLong(parameter.Length, nameof(parameter));
        byte[] bytes = new byte[parameter.SerializedSize];
        parameter.WriteTo(bytes);
        return bytes[..parameter.Length];
    }
}
