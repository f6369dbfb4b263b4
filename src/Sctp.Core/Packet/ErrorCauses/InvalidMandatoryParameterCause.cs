namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Invalid Mandatory Parameter (RFC 9260 section 3.3.10.7): a mandatory parameter of an INIT or
/// INIT ACK chunk had an invalid value (a zero initiate tag or zero stream counts, for example).
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.7"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 7        |       Cause Length = 4        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class InvalidMandatoryParameterCause : EmptyErrorCause
{
    private InvalidMandatoryParameterCause()
    {
    }

    /// <summary>The cause; it has no fields, so one instance serves every use.</summary>
    public static InvalidMandatoryParameterCause Instance { get; } = new();

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.InvalidMandatoryParameter;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded), returning
    /// <see cref="Instance"/>. Never throws; the error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out InvalidMandatoryParameterCause cause, out ParseError error) =>
        TryParseEmpty(bytes, Instance, out cause, out error);
}
