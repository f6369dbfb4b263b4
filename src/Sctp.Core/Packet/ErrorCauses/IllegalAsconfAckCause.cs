namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Association Aborted Due to Illegal ASCONF-ACK (RFC 5061 section 4.3.4): carried in the ABORT sent
/// when an ASCONF-ACK arrives for a sequence number at or ahead of the next one while no ASCONF is
/// outstanding. Unlike the other RFC 5061 causes it carries no parameter.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc5061#section-4.3.4"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Cause Code = 0x00A3      |       Cause Length = 4        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class IllegalAsconfAckCause : EmptyErrorCause
{
    private IllegalAsconfAckCause()
    {
    }

    /// <summary>The cause; it has no fields, so one instance serves every use.</summary>
    public static IllegalAsconfAckCause Instance { get; } = new();

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.IllegalAsconfAck;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded), returning
    /// <see cref="Instance"/>. Never throws; the error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out IllegalAsconfAckCause cause, out ParseError error) =>
        TryParseEmpty(bytes, Instance, out cause, out error);
}
