namespace Sctp.Packet.Parameters;

/// <summary>
/// HMAC algorithm identifiers of SCTP-AUTH (RFC 4895 section 3.3 and the IANA "HMAC Identifiers"
/// registry), as listed in a <see cref="HmacAlgorithmParameter"/>. Values not named here are kept as
/// their number.
/// </summary>
public enum HmacIdentifier : ushort
{
    /// <summary>Reserved.</summary>
    Reserved = 0,
    /// <summary>HMAC-SHA-1, which every SCTP-AUTH endpoint supports.</summary>
    Sha1 = 1,
    /// <summary>HMAC-SHA-256.</summary>
    Sha256 = 3,
}
