namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Base of all error causes (RFC 9260 section 3.3.10), carried by ERROR and ABORT chunks. Each concrete
/// type has a static <c>TryParse(ReadOnlySpan&lt;byte&gt;, out T, out ParseError)</c>;
/// <see cref="ErrorCauseCodec"/> picks the one for a cause's code.
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
public abstract class ErrorCause : TlvItem
{
    /// <summary>The cause code.</summary>
    public abstract ErrorCauseCode Code { get; }

    /// <inheritdoc/>
    public sealed override ushort TypeCode => (ushort)Code;

    /// <summary>Checks a cause's header for a parser (code, exact length, minimum value length).</summary>
    protected static bool TryCheckHeader(ReadOnlySpan<byte> bytes, ErrorCauseCode code, int minValueLength, out ParseError error) =>
        TryCheckHeader(bytes, (ushort)code, minValueLength, out error);
}
