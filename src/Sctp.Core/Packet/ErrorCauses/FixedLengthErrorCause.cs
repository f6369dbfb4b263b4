namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Base of the error causes whose length field has one permitted value: the empty causes and those
/// carrying a single number (a stream identifier, a TSN, a staleness, an HMAC identifier). A received
/// cause of any other length is rejected with <see cref="ParseErrorKind.InvalidLength"/>.
/// </summary>
public abstract class FixedLengthErrorCause : ErrorCause
{
    private protected FixedLengthErrorCause()
    {
    }

    /// <summary>
    /// Parses a cause of code <paramref name="code"/> whose value is exactly <paramref name="valueLength"/>
    /// bytes, handing that value to <paramref name="create"/> (a static lambda, so that nothing is
    /// allocated but the cause). Never throws.
    /// </summary>
    private protected static bool TryParseFixed<T>(
        ReadOnlySpan<byte> bytes,
        ErrorCauseCode code,
        int valueLength,
        Func<ReadOnlySpan<byte>, T> create,
        out T cause,
        out ParseError error)
        where T : FixedLengthErrorCause
    {
        if (!TryCheckFixedLength(bytes, code, valueLength, out error))
        {
            cause = null!;
            return false;
        }

        cause = create(bytes[RawTlv.HeaderSize..]);
        return true;
    }

    /// <summary>Checks a cause's header and that its length field is exactly 4 + <paramref name="valueLength"/>.</summary>
    private protected static bool TryCheckFixedLength(ReadOnlySpan<byte> bytes, ErrorCauseCode code, int valueLength, out ParseError error)
    {
        if (!TryCheckHeader(bytes, code, valueLength, out error))
        {
            return false;
        }

        if (bytes.Length != RawTlv.HeaderSize + valueLength)
        {
            error = new ParseError(ParseErrorKind.InvalidLength, 2, ItemType: (ushort)code);
            return false;
        }

        return true;
    }
}
