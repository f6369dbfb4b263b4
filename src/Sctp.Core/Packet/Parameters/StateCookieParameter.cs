namespace Sctp.Packet.Parameters;

/// <summary>
/// State Cookie (RFC 9260 section 3.3.3.1): in an INIT ACK, the state the responder needs to create the
/// association, which the initiator echoes back unchanged in COOKIE ECHO. Its content is the
/// responder's own and opaque to everyone else.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 7            |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                            Cookie                             /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class StateCookieParameter : OpaqueParameter
{
    /// <summary>Creates the parameter with a copy of <paramref name="cookie"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="cookie"/> is longer than 65,531 bytes.</exception>
    public StateCookieParameter(ReadOnlySpan<byte> cookie)
        : base(cookie, nameof(cookie))
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.StateCookie;

    /// <summary>The cookie, unpadded.</summary>
    public ReadOnlyMemory<byte> Cookie => Data;

    /// <summary>Parses the parameter; any value, even empty, is a cookie. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out StateCookieParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.StateCookie, 0, out error))
        {
            return false;
        }

        parameter = new StateCookieParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
