using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Request to Delete Source IP Address (RFC 5061 section 4.3.3): an ASCONF asked to delete the very
/// address it was sent from, and was refused.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc5061#section-4.3.3"/>
/// The ASCONF parameter is kept as raw bytes (RFC 5061 calls it TLV-Copied-From-ASCONF);
/// <see cref="TlvErrorCause.TryParseParameters"/> gives it typed.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Cause Code = 0x00A2      |    Cause Length = Variable    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                     TLV-Copied-From-ASCONF                    /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class DeleteSourceAddressCause : TlvErrorCause
{
    /// <summary>Creates the cause carrying the refused ASCONF parameter: its bytes (type, length, value; copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="asconfParameter"/> is not exactly one well-framed parameter.</exception>
    public DeleteSourceAddressCause(ReadOnlySpan<byte> asconfParameter)
        : base(asconfParameter, single: true, nameof(asconfParameter))
    {
    }

    /// <summary>Creates the cause carrying the refused ASCONF parameter, serialized.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="asconfParameter"/> is null.</exception>
    public DeleteSourceAddressCause(Parameter asconfParameter)
        : this(Serialize(asconfParameter))
    {
    }

    /// <summary>
    /// The ASCONF request parameter that was refused (a Delete IP Address, with its correlation ID), as
    /// copied from the ASCONF: type, length, value.
    /// </summary>
    public ReadOnlyMemory<byte> AsconfParameter => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.DeleteSourceAddress;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out DeleteSourceAddressCause cause, out ParseError error) =>
        TryParseTlvs(
            bytes,
            ErrorCauseCode.DeleteSourceAddress,
            single: true,
            static value => new DeleteSourceAddressCause(value),
            out cause,
            out error);
}
