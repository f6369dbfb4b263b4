namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Out of Resource (RFC 9260 section 3.3.10.4): its sender ran out of a resource, typically while
/// handling an INIT or COOKIE ECHO, and usually aborts the association with it.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.4"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 4        |       Cause Length = 4        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class OutOfResourceCause : EmptyErrorCause
{
    private OutOfResourceCause()
    {
    }

    /// <summary>The cause; it has no fields, so one instance serves every use.</summary>
    public static OutOfResourceCause Instance { get; } = new();

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.OutOfResource;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded), returning
    /// <see cref="Instance"/>. Never throws; the error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out OutOfResourceCause cause, out ParseError error) =>
        TryParseEmpty(bytes, Instance, out cause, out error);
}
