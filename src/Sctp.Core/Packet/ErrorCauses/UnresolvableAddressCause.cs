using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Unresolvable Address (RFC 9260 section 3.3.10.5): an address parameter its receiver could not
/// resolve, such as a Host Name Address (deprecated by RFC 9260) or an address family it does not support.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.5"/>
/// The carried parameter is kept as raw bytes; <see cref="TlvErrorCause.TryParseParameters"/> gives it typed.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 5        |    Cause Length = Variable    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                      Unresolvable Address                     /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class UnresolvableAddressCause : TlvErrorCause
{
    /// <summary>Creates the cause carrying the address parameter: its bytes (type, length, value; copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not exactly one well-framed parameter.</exception>
    public UnresolvableAddressCause(ReadOnlySpan<byte> address)
        : base(address, single: true, nameof(address))
    {
    }

    /// <summary>Creates the cause carrying the address parameter, serialized.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public UnresolvableAddressCause(Parameter address)
        : this(Serialize(address))
    {
    }

    /// <summary>
    /// The unresolvable address parameter (IPv4, IPv6 or Host Name Address) as received: type, length,
    /// value, possibly with its padding.
    /// </summary>
    public ReadOnlyMemory<byte> Address => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.UnresolvableAddress;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnresolvableAddressCause cause, out ParseError error) =>
        TryParseTlvs(
            bytes,
            ErrorCauseCode.UnresolvableAddress,
            single: true,
            static value => new UnresolvableAddressCause(value),
            out cause,
            out error);
}
