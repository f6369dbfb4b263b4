using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Operation Refused Due to Resource Shortage (RFC 5061 section 4.3.2): an ASCONF request (typically an
/// Add IP Address) was refused because its receiver lacked the resources to carry it out.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc5061#section-4.3.2"/>
/// The ASCONF parameter is kept as raw bytes (RFC 5061 calls it TLV-Copied-From-ASCONF);
/// <see cref="TlvErrorCause.TryParseParameters"/> gives it typed.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Cause Code = 0x00A1      |    Cause Length = Variable    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                     TLV-Copied-From-ASCONF                    /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class ResourceShortageCause : TlvErrorCause
{
    /// <summary>Creates the cause carrying the refused ASCONF parameter: its bytes (type, length, value; copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="asconfParameter"/> is not exactly one well-framed parameter.</exception>
    public ResourceShortageCause(ReadOnlySpan<byte> asconfParameter)
        : base(asconfParameter, single: true, nameof(asconfParameter))
    {
    }

    /// <summary>Creates the cause carrying the refused ASCONF parameter, serialized.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="asconfParameter"/> is null.</exception>
    public ResourceShortageCause(Parameter asconfParameter)
        : this(Serialize(asconfParameter))
    {
    }

    /// <summary>
    /// The ASCONF request parameter that was refused, as copied from the ASCONF: type, length, value.
    /// </summary>
    public ReadOnlyMemory<byte> AsconfParameter => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.ResourceShortage;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ResourceShortageCause cause, out ParseError error) =>
        TryParseTlvs(
            bytes,
            ErrorCauseCode.ResourceShortage,
            single: true,
            static value => new ResourceShortageCause(value),
            out cause,
            out error);
}
