namespace Sctp.Packet.Parameters;

/// <summary>
/// Supported Address Types (RFC 9260 section 3.3.2.1): in an INIT, the address types the sender can use,
/// each given as the parameter type of that address (IPv4 Address 5, IPv6 Address 6, Host Name Address 11).
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 12           |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Address Type #1        |        Address Type #2        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            ......                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// An odd value length is malformed. Types are kept as received, including ones that are not address
/// types; judging them is the association's business.
/// </remarks>
public sealed class SupportedAddressTypesParameter : UInt16ListParameter<ParameterType>
{
    /// <summary>Creates the parameter listing <paramref name="addressTypes"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="addressTypes"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many types for one parameter.</exception>
    public SupportedAddressTypesParameter(IEnumerable<ParameterType> addressTypes)
        : base(addressTypes, nameof(addressTypes))
    {
    }

    private SupportedAddressTypesParameter(ParameterType[] addressTypes)
        : base(addressTypes)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.SupportedAddressTypes;

    /// <summary>The supported address types, in wire order.</summary>
    public IReadOnlyList<ParameterType> AddressTypes => Codes;

    /// <summary>True when <paramref name="addressType"/> is listed.</summary>
    public bool Supports(ParameterType addressType) => ContainsCode(addressType);

    /// <summary>Parses the parameter; the value must be a whole number of 16-bit types. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out SupportedAddressTypesParameter parameter, out ParseError error)
    {
        bool ok = TryReadCodes(bytes, ParameterType.SupportedAddressTypes, out var types, out error);
        parameter = ok ? new SupportedAddressTypesParameter(types) : null!;
        return ok;
    }
}
