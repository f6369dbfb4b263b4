using System.Net;

namespace Sctp.Packet.Parameters;

/// <summary>
/// IPv6 Address (RFC 9260 section 3.3.2.1): an IPv6 address of the sender of an INIT or INIT ACK, one of
/// the transport addresses of its endpoint.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 6            |          Length = 20          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                         IPv6 Address                          |
/// |                                                               |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// An IPv4-mapped IPv6 address is an IPv6 address here; its scope id is not carried.
/// </remarks>
public sealed class Ipv6AddressParameter : AddressParameter
{
    private const int AddressSize = 16;

    /// <summary>Creates the parameter for <paramref name="address"/> (its scope id is dropped).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a 16-byte IPv6 address.</exception>
    public Ipv6AddressParameter(IPAddress address)
        : base(address, AddressSize, "IPv6", nameof(address))
    {
    }

    private Ipv6AddressParameter(ReadOnlySpan<byte> addressBytes)
        : base(addressBytes)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.Ipv6Address;

    /// <summary>Parses the parameter; its value must be exactly 16 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Ipv6AddressParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckAddress(bytes, ParameterType.Ipv6Address, AddressSize, out error))
        {
            return false;
        }

        parameter = new Ipv6AddressParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
