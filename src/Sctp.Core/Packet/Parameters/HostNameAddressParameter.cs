using System.Text;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Host Name Address (RFC 9260 section 3.3.2.1): a host name in place of addresses in an INIT or INIT
/// ACK. RFC 9260 deprecates it: a sender must not include it, and a receiver does not resolve it but
/// answers with ABORT, which may carry the parameter back in an "Unresolvable Address" error cause
/// (RFC 9260 section 5.1.2). It is parsed so that it can be reported as unresolvable.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 11           |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                           Host Name                           /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The name is in host name syntax (RFC 1123 section 2.1) and is followed, inside the length, by at least
/// one null byte. The codec checks it is printable ASCII without spaces, not its full syntax, and keeps
/// the terminating nulls as received so that the parameter can be echoed byte for byte.
/// </remarks>
public sealed class HostNameAddressParameter : Parameter
{
    private const byte Terminator = 0;

    // The name and its terminating nulls, as they stand in the value.
    private readonly byte[] _value;

    /// <summary>Creates the parameter for <paramref name="hostName"/>, written with one terminating null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="hostName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hostName"/> is empty, has a character outside printable ASCII (0x21 to 0x7E), or is too long.</exception>
    public HostNameAddressParameter(string hostName)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        ParameterWire.ThrowIfValueTooLong(hostName.Length + 1, nameof(hostName));
        foreach (char c in hostName)
        {
            if (!IsHostNameByte(c))
            {
                throw new ArgumentException(
                    $"A host name is printable ASCII without spaces; '{hostName}' holds U+{(int)c:X4}.", nameof(hostName));
            }
        }

        _value = new byte[hostName.Length + 1];
        Encoding.ASCII.GetBytes(hostName, _value);
        HostName = hostName;
    }

    private HostNameAddressParameter(ReadOnlySpan<byte> value, int nameLength)
    {
        _value = value.ToArray();
        HostName = Encoding.ASCII.GetString(value[..nameLength]);
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.HostNameAddress;

    /// <summary>The host name, without its terminating nulls.</summary>
    public string HostName { get; }

    /// <inheritdoc/>
    public override int ValueLength => _value.Length;

    /// <summary>
    /// Parses the parameter: a non-empty printable ASCII name, then one or more null bytes up to the end
    /// of the value. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HostNameAddressParameter parameter, out ParseError error)
    {
        parameter = null!;

        // The smallest value is a one-character name and its terminator.
        if (!TryCheckHeader(bytes, ParameterType.HostNameAddress, 2, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        int nameLength = value.IndexOf(Terminator);

        // RFC 9260 section 3.3.2.1: the name is followed by at least one null, counted in the length.
        if (nameLength < 0)
        {
            error = ParameterWire.Error(ParameterType.HostNameAddress, ParseErrorKind.InvalidField, RawTlv.HeaderSize + value.Length - 1);
            return false;
        }

        if (nameLength == 0)
        {
            error = ParameterWire.Error(ParameterType.HostNameAddress, ParseErrorKind.InvalidField, RawTlv.HeaderSize);
            return false;
        }

        int badName = value[..nameLength].IndexOfAnyExceptInRange((byte)'!', (byte)'~');
        if (badName >= 0)
        {
            error = ParameterWire.Error(ParameterType.HostNameAddress, ParseErrorKind.InvalidField, RawTlv.HeaderSize + badName);
            return false;
        }

        // Only terminators may follow the name: anything else would be a second, hidden field.
        int badTail = value[nameLength..].IndexOfAnyExcept(Terminator);
        if (badTail >= 0)
        {
            error = ParameterWire.Error(ParameterType.HostNameAddress, ParseErrorKind.InvalidField, RawTlv.HeaderSize + nameLength + badTail);
            return false;
        }

        parameter = new HostNameAddressParameter(value, nameLength);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => _value.CopyTo(destination);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}({HostName})";

    private static bool IsHostNameByte(char c) => c is >= '!' and <= '~';
}
