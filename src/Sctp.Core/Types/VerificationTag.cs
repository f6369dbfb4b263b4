using System.Globalization;

namespace Sctp;

/// <summary>
/// A verification tag (RFC 9260 sections 3.1 and 8.5): the 32-bit value each side chose in its INIT or
/// INIT-ACK that the other must place in every packet it sends. Zero only in packets carrying INIT.
/// </summary>
/// <param name="Value">The raw value as carried on the wire.</param>
public readonly record struct VerificationTag(uint Value)
{
    /// <summary>The zero tag, used only by packets that carry an INIT chunk.</summary>
    public static VerificationTag Zero => default;

    /// <inheritdoc/>
    public override string ToString() => "0x" + Value.ToString("x8", CultureInfo.InvariantCulture);
}
