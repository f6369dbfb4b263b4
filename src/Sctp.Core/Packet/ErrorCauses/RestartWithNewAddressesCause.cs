using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Restart of an Association with New Addresses (RFC 9260 section 3.3.10.11): an INIT that would restart
/// the association listed addresses the association did not have; the ABORT refusing it lists them.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.11"/>
/// The parameters are kept as raw bytes; <see cref="TlvErrorCause.TryParseParameters"/> gives them typed.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Cause Code = 11        |    Cause Length = Variable    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                        New Address TLVs                       /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class RestartWithNewAddressesCause : TlvErrorCause
{
    /// <summary>Creates the cause carrying the new address parameters: their bytes, as in a chunk (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="newAddresses"/> is not one or more well-framed parameters.</exception>
    public RestartWithNewAddressesCause(ReadOnlySpan<byte> newAddresses)
        : base(newAddresses, single: false, nameof(newAddresses))
    {
    }

    /// <summary>Creates the cause carrying the new address parameters, serialized as in a chunk.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="newAddresses"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="newAddresses"/> is empty.</exception>
    public RestartWithNewAddressesCause(IReadOnlyList<Parameter> newAddresses)
        : this(Serialize(newAddresses))
    {
    }

    /// <summary>
    /// The new address parameters (IPv4 or IPv6 Address), each with type, length and value, padded to 4
    /// bytes between one another.
    /// </summary>
    public ReadOnlyMemory<byte> NewAddresses => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.RestartWithNewAddresses;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out RestartWithNewAddressesCause cause, out ParseError error) =>
        TryParseTlvs(
            bytes,
            ErrorCauseCode.RestartWithNewAddresses,
            single: false,
            static value => new RestartWithNewAddressesCause(value),
            out cause,
            out error);
}
