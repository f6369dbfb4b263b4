namespace Sctp.Packet.Parameters;

/// <summary>
/// Cookie Preservative (RFC 9260 section 3.3.2.1): in an INIT sent again after a stale cookie, asks the
/// peer to make the next State Cookie live longer by the given number of milliseconds.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Type = 9            |          Length = 8           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Suggested Cookie Life-Span Increment (msec.)          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// It is sent after a Stale Cookie error (RFC 9260 section 5.2.6); the receiver may grant less than
/// asked, or nothing.
/// </remarks>
public sealed class CookiePreservativeParameter : UInt32ValueParameter
{
    /// <summary>Creates the parameter asking for <paramref name="suggestedIncrementMilliseconds"/> more milliseconds of cookie life.</summary>
    public CookiePreservativeParameter(uint suggestedIncrementMilliseconds)
        : base(suggestedIncrementMilliseconds)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.CookiePreservative;

    /// <summary>The suggested life-span increment, in milliseconds, as carried on the wire.</summary>
    public uint SuggestedIncrementMilliseconds => RawValue;

    /// <summary>The suggested life-span increment.</summary>
    public TimeSpan SuggestedIncrement => TimeSpan.FromMilliseconds(RawValue);

    /// <summary>Parses the parameter; its value must be exactly 4 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out CookiePreservativeParameter parameter, out ParseError error)
    {
        bool ok = TryReadValue(bytes, ParameterType.CookiePreservative, out uint value, out error);
        parameter = ok ? new CookiePreservativeParameter(value) : null!;
        return ok;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(+{RawValue} ms)";
}
