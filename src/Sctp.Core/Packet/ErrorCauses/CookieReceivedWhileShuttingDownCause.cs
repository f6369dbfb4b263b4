namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Cookie Received While Shutting Down (RFC 9260 section 3.3.10.10): a COOKIE ECHO arrived while its
/// receiver was in the SHUTDOWN-ACK-SENT state; it is sent in an ERROR chunk with a fresh SHUTDOWN ACK.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.10"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Cause Code = 10        |       Cause Length = 4        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class CookieReceivedWhileShuttingDownCause : EmptyErrorCause
{
    private CookieReceivedWhileShuttingDownCause()
    {
    }

    /// <summary>The cause; it has no fields, so one instance serves every use.</summary>
    public static CookieReceivedWhileShuttingDownCause Instance { get; } = new();

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.CookieReceivedWhileShuttingDown;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded), returning
    /// <see cref="Instance"/>. Never throws; the error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out CookieReceivedWhileShuttingDownCause cause, out ParseError error) =>
        TryParseEmpty(bytes, Instance, out cause, out error);
}
