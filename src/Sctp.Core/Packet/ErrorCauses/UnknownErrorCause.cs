namespace Sctp.Packet.ErrorCauses;

/// <summary>An error cause kept as its raw code and value: a code this codec does not interpret.</summary>
public sealed class UnknownErrorCause : ErrorCause
{
    private readonly byte[] _value;

    /// <summary>Creates a raw error cause.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than <see cref="OpaqueErrorCause.MaxValueLength"/>.</exception>
    public UnknownErrorCause(ErrorCauseCode code, ReadOnlySpan<byte> value)
    {
        if (value.Length > OpaqueErrorCause.MaxValueLength)
        {
            throw new ArgumentException($"An error cause carries at most {OpaqueErrorCause.MaxValueLength} bytes; got {value.Length}.", nameof(value));
        }

        Code = code;
        _value = value.ToArray();
    }

    /// <inheritdoc/>
    public override ErrorCauseCode Code { get; }

    /// <summary>The cause-specific information, unpadded.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <inheritdoc/>
    public override int ValueLength => _value.Length;

    /// <summary>Keeps any well-framed error cause as raw bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnknownErrorCause cause, out ParseError error)
    {
        cause = null!;
        if (bytes.Length < RawTlv.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var code = (ErrorCauseCode)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes);
        if (!TryCheckHeader(bytes, code, 0, out error))
        {
            return false;
        }

        cause = new UnknownErrorCause(code, bytes[RawTlv.HeaderSize..]);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => _value.CopyTo(destination);
}
