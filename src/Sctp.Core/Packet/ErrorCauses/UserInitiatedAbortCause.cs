namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// User-Initiated Abort (RFC 9260 section 3.3.10.12): the upper layer aborted the association, and may
/// say why in an opaque reason that SCTP passes to the peer's upper layer untouched.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.12"/>
/// The reason may be empty (usrsctp sends it so when a socket is closed with unread data).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 12       |      Cause Length = Variable  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                    Upper Layer Abort Reason                   /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class UserInitiatedAbortCause : OpaqueErrorCause
{
    /// <summary>Creates the cause with an empty reason.</summary>
    public UserInitiatedAbortCause()
        : this([])
    {
    }

    /// <summary>Creates the cause with the upper layer's <paramref name="reason"/> (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is longer than <see cref="OpaqueErrorCause.MaxValueLength"/>.</exception>
    public UserInitiatedAbortCause(ReadOnlySpan<byte> reason)
        : base(reason, nameof(reason))
    {
    }

    /// <summary>The upper layer's reason for the abort, possibly empty, unpadded.</summary>
    public ReadOnlyMemory<byte> Reason => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.UserInitiatedAbort;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UserInitiatedAbortCause cause, out ParseError error) =>
        TryParseOpaque(
            bytes,
            ErrorCauseCode.UserInitiatedAbort,
            minValueLength: 0,
            static value => new UserInitiatedAbortCause(value),
            out cause,
            out error);
}
