using System.Net;

namespace Sctp.Packet.Parameters;

/// <summary>
/// IPv4 Address (RFC 9260 section 3.3.2.1): an IPv4 address of the sender of an INIT or INIT ACK, one of
/// the transport addresses of its endpoint.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 5            |          Length = 8           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         IPv4 Address                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class Ipv4AddressParameter : AddressParameter
{
    private const int AddressSize = 4;

    /// <summary>Creates the parameter for <paramref name="address"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 4-byte IPv4 address (map IPv4-mapped IPv6 addresses with <see cref="IPAddress.MapToIPv4"/> first).</exception>
    public Ipv4AddressParameter(IPAddress address)
        : base(address, AddressSize, "IPv4", nameof(address))
    {
    }

    private Ipv4AddressParameter(ReadOnlySpan<byte> addressBytes)
        : base(addressBytes)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.Ipv4Address;

    /// <summary>Parses the parameter; its value must be exactly 4 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Ipv4AddressParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckAddress(bytes, ParameterType.Ipv4Address, AddressSize, out error))
        {
            return false;
        }

        parameter = new Ipv4AddressParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
