using System.Globalization;

namespace Sctp;

/// <summary>
/// A Payload Protocol Identifier (RFC 9260 section 3.3.1): opaque to SCTP, passed to the application
/// with each message. IANA keeps the registry (for example 51 is WebRTC string, 53 WebRTC binary).
/// </summary>
/// <param name="Value">The raw value as carried on the wire (big-endian there).</param>
public readonly record struct Ppid(uint Value)
{
    /// <summary>The unspecified protocol (0).</summary>
    public static Ppid Unspecified => default;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
