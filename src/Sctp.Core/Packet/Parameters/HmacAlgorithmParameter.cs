namespace Sctp.Packet.Parameters;

/// <summary>
/// Requested HMAC Algorithm (RFC 4895 section 3.3): the HMAC algorithms the sender accepts for AUTH
/// chunks, most preferred first. This implementation does not do SCTP-AUTH; it parses the parameter so
/// that it can skip it knowingly.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4895#section-3.3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8004   |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       HMAC Identifier 1       |      HMAC Identifier 2        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                                                               /
/// \                              ...                              \
/// /                                                               /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        HMAC Identifier n      |           Padding             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// An odd value length is malformed; identifiers are kept as received.
/// </remarks>
public sealed class HmacAlgorithmParameter : UInt16ListParameter<HmacIdentifier>
{
    /// <summary>Creates the parameter listing <paramref name="identifiers"/>, most preferred first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="identifiers"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many identifiers for one parameter.</exception>
    public HmacAlgorithmParameter(IEnumerable<HmacIdentifier> identifiers)
        : base(identifiers, nameof(identifiers))
    {
    }

    private HmacAlgorithmParameter(HmacIdentifier[] identifiers)
        : base(identifiers)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.HmacAlgorithm;

    /// <summary>The HMAC identifiers, most preferred first.</summary>
    public IReadOnlyList<HmacIdentifier> Identifiers => Codes;

    /// <summary>Parses the parameter; the value must be a whole number of 16-bit identifiers. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HmacAlgorithmParameter parameter, out ParseError error)
    {
        bool ok = TryReadCodes(bytes, ParameterType.HmacAlgorithm, out var identifiers, out error);
        parameter = ok ? new HmacAlgorithmParameter(identifiers) : null!;
        return ok;
    }
}
