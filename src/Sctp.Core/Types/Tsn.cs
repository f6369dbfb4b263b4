using System.Globalization;

namespace Sctp;

/// <summary>Transmission Sequence Number (RFC 9260 section 3.3.1): one per DATA or I-DATA chunk, across all streams.</summary>
/// <remarks>
/// Comparison operators use serial number arithmetic (RFC 1982) over 32 bits: <c>a &lt; b</c> when
/// <c>b</c> is ahead of <c>a</c> by less than 2^31. Two values exactly 2^31 apart are neither less nor greater.
/// Where ordering across many wraps matters, unwrap to 64 bits with <see cref="SerialUnwrapper32"/>.
/// </remarks>
/// <param name="Value">The raw 32-bit value as carried on the wire.</param>
public readonly record struct Tsn(uint Value) : IComparable<Tsn>
{
    /// <summary>The value that follows this one, wrapping at 2^32.</summary>
    public Tsn Next => new(unchecked(Value + 1));

    /// <summary>The value that precedes this one, wrapping at 2^32.</summary>
    public Tsn Previous => new(unchecked(Value - 1));

    /// <summary>Adds <paramref name="delta"/>, wrapping at 2^32.</summary>
    public static Tsn operator +(Tsn a, uint delta) => new(unchecked(a.Value + delta));

    /// <summary>Subtracts <paramref name="delta"/>, wrapping at 2^32.</summary>
    public static Tsn operator -(Tsn a, uint delta) => new(unchecked(a.Value - delta));

    /// <summary>The signed serial distance from <paramref name="b"/> to <paramref name="a"/> (positive when <paramref name="a"/> is ahead).</summary>
    public static int operator -(Tsn a, Tsn b) => unchecked((int)(a.Value - b.Value));

    /// <summary>RFC 1982 "less than".</summary>
    public static bool operator <(Tsn a, Tsn b) => SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than".</summary>
    public static bool operator >(Tsn a, Tsn b) => SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>RFC 1982 "less than" or equal.</summary>
    public static bool operator <=(Tsn a, Tsn b) => a.Value == b.Value || SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than" or equal.</summary>
    public static bool operator >=(Tsn a, Tsn b) => a.Value == b.Value || SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>Orders by serial arithmetic; only meaningful for values less than 2^31 apart.</summary>
    public int CompareTo(Tsn other) => this == other ? 0 : this < other ? -1 : 1;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
