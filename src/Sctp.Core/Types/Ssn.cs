using System.Globalization;

namespace Sctp;

/// <summary>Stream Sequence Number (RFC 9260 section 3.3.1): the per-stream message number of DATA, 16 bits.</summary>
/// <remarks>
/// Comparison operators use serial number arithmetic (RFC 1982) over 16 bits: <c>a &lt; b</c> when
/// <c>b</c> is ahead of <c>a</c> by less than 2^15.
/// </remarks>
/// <param name="Value">The raw 16-bit value as carried on the wire.</param>
public readonly record struct Ssn(ushort Value) : IComparable<Ssn>
{
    /// <summary>The value that follows this one, wrapping at 2^16.</summary>
    public Ssn Next => new(unchecked((ushort)(Value + 1)));

    /// <summary>The value that precedes this one, wrapping at 2^16.</summary>
    public Ssn Previous => new(unchecked((ushort)(Value - 1)));

    /// <summary>The signed serial distance from <paramref name="b"/> to <paramref name="a"/>.</summary>
    public static int operator -(Ssn a, Ssn b) => unchecked((short)(a.Value - b.Value));

    /// <summary>RFC 1982 "less than".</summary>
    public static bool operator <(Ssn a, Ssn b) => SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than".</summary>
    public static bool operator >(Ssn a, Ssn b) => SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>RFC 1982 "less than" or equal.</summary>
    public static bool operator <=(Ssn a, Ssn b) => a.Value == b.Value || SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than" or equal.</summary>
    public static bool operator >=(Ssn a, Ssn b) => a.Value == b.Value || SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>Orders by serial arithmetic; only meaningful for values less than 2^15 apart.</summary>
    public int CompareTo(Ssn other) => this == other ? 0 : this < other ? -1 : 1;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
