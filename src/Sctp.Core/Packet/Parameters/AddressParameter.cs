using System.Net;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the IPv4 and IPv6 Address parameters (RFC 9260 section 3.3.2.1): one address of a fixed size,
/// kept as its network-order bytes.
/// </summary>
/// <remarks>
/// The address family is told by the byte length of the address (4 or 16), not by
/// <c>AddressFamily</c>, which belongs to the socket layer. An IPv6 scope id is not carried on the wire
/// and is dropped.
/// </remarks>
public abstract class AddressParameter : Parameter
{
    private const int MaxAddressSize = 16;

    private readonly byte[] _addressBytes;

    /// <summary>Takes the bytes of <paramref name="address"/>, which must be <paramref name="addressSize"/> long.</summary>
    private protected AddressParameter(IPAddress address, int addressSize, string family, string paramName)
    {
        ArgumentNullException.ThrowIfNull(address, paramName);
        Span<byte> bytes = stackalloc byte[MaxAddressSize];
        if (!address.TryWriteBytes(bytes, out int written) || written != addressSize)
        {
            throw new ArgumentException($"The address {address} is not an {family} address.", paramName);
        }

        _addressBytes = bytes[..written].ToArray();
    }

    /// <summary>Copies an address read from the wire (already checked to be the right size).</summary>
    private protected AddressParameter(ReadOnlySpan<byte> addressBytes) => _addressBytes = addressBytes.ToArray();

    /// <summary>The address; a new instance on each call, since <see cref="IPAddress"/> is mutable.</summary>
    public IPAddress Address => new(_addressBytes);

    /// <inheritdoc/>
    public sealed override int ValueLength => _addressBytes.Length;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) => _addressBytes.CopyTo(destination);

    /// <summary>Checks a parameter of <paramref name="type"/> whose value must be exactly <paramref name="addressSize"/> bytes.</summary>
    private protected static bool TryCheckAddress(ReadOnlySpan<byte> bytes, ParameterType type, int addressSize, out ParseError error) =>
        TryCheckHeader(bytes, type, addressSize, out error)
        && ParameterWire.CheckExactValueLength(bytes, type, addressSize, out error);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({Address})";
}
