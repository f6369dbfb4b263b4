namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Base of the error causes whose information is a run of bytes of variable length, kept exactly as
/// received or given: an abort reason, diagnostic text, a chunk or parameters echoed back to their
/// sender. The bytes are copied on construction, so the cause owns them.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Cause Code          |         Cause Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                    Cause-Specific Information                 /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class OpaqueErrorCause : ErrorCause
{
    /// <summary>The most bytes a cause can carry: the 16-bit length field's maximum less the 4-byte header.</summary>
    public const int MaxValueLength = ushort.MaxValue - RawTlv.HeaderSize;

    private readonly byte[] _value;

    /// <summary>Copies <paramref name="value"/>; <paramref name="paramName"/> names it in exceptions.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than <see cref="MaxValueLength"/>.</exception>
    private protected OpaqueErrorCause(ReadOnlySpan<byte> value, string paramName)
    {
        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException($"An error cause carries at most {MaxValueLength} bytes; got {value.Length}.", paramName);
        }

        _value = value.ToArray();
    }

    /// <inheritdoc/>
    public sealed override int ValueLength => _value.Length;

    /// <summary>The cause-specific information, unpadded; subclasses expose it under the RFC's name.</summary>
    private protected ReadOnlyMemory<byte> RawValue => _value;

    /// <summary>
    /// Parses a cause of code <paramref name="code"/> with a value of at least
    /// <paramref name="minValueLength"/> bytes, handing the value to <paramref name="create"/> (a static
    /// lambda, so that nothing is allocated but the cause). Never throws.
    /// </summary>
    private protected static bool TryParseOpaque<T>(
        ReadOnlySpan<byte> bytes,
        ErrorCauseCode code,
        int minValueLength,
        Func<ReadOnlySpan<byte>, T> create,
        out T cause,
        out ParseError error)
        where T : OpaqueErrorCause
    {
        if (!TryCheckHeader(bytes, code, minValueLength, out error))
        {
            cause = null!;
            return false;
        }

        cause = create(bytes[RawTlv.HeaderSize..]);
        return true;
    }

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) => _value.CopyTo(destination);
}
