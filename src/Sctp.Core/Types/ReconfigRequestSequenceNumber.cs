using System.Globalization;

namespace Sctp;

/// <summary>
/// Re-configuration Request Sequence Number (RFC 6525 section 4.1): the 32-bit number that identifies a
/// stream re-configuration request. A Re-configuration Response Sequence Number names the request it
/// answers, so it is of this type too.
/// </summary>
/// <remarks>
/// Each side numbers its requests from its initial TSN, adding one per request (RFC 6525 section 4.1),
/// and the numbers wrap, so comparison operators use serial number arithmetic (RFC 1982)
/// over 32 bits: <c>a &lt; b</c> when <c>b</c> is ahead of <c>a</c> by less than 2^31.
/// </remarks>
/// <param name="Value">The raw 32-bit value as carried on the wire.</param>
public readonly record struct ReconfigRequestSequenceNumber(uint Value) : IComparable<ReconfigRequestSequenceNumber>
{
    /// <summary>The value that follows this one, wrapping at 2^32.</summary>
    public ReconfigRequestSequenceNumber Next => new(unchecked(Value + 1));

    /// <summary>The value that precedes this one, wrapping at 2^32.</summary>
    public ReconfigRequestSequenceNumber Previous => new(unchecked(Value - 1));

    /// <summary>The signed serial distance from <paramref name="b"/> to <paramref name="a"/> (positive when <paramref name="a"/> is ahead).</summary>
    public static int operator -(ReconfigRequestSequenceNumber a, ReconfigRequestSequenceNumber b) => unchecked((int)(a.Value - b.Value));

    /// <summary>RFC 1982 "less than".</summary>
    public static bool operator <(ReconfigRequestSequenceNumber a, ReconfigRequestSequenceNumber b) => SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than".</summary>
    public static bool operator >(ReconfigRequestSequenceNumber a, ReconfigRequestSequenceNumber b) => SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>RFC 1982 "less than" or equal.</summary>
    public static bool operator <=(ReconfigRequestSequenceNumber a, ReconfigRequestSequenceNumber b) => a.Value == b.Value || SerialArithmetic.LessThan(a.Value, b.Value);

    /// <summary>RFC 1982 "greater than" or equal.</summary>
    public static bool operator >=(ReconfigRequestSequenceNumber a, ReconfigRequestSequenceNumber b) => a.Value == b.Value || SerialArithmetic.LessThan(b.Value, a.Value);

    /// <summary>Orders by serial arithmetic; only meaningful for values less than 2^31 apart.</summary>
    public int CompareTo(ReconfigRequestSequenceNumber other) => this == other ? 0 : this < other ? -1 : 1;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
