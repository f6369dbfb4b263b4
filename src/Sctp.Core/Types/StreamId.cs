using System.Globalization;

namespace Sctp;

/// <summary>A stream identifier (RFC 9260 section 3.3.1): 16 bits, 0 to 65,535.</summary>
/// <param name="Value">The raw value as carried on the wire.</param>
public readonly record struct StreamId(ushort Value) : IComparable<StreamId>
{
    /// <inheritdoc/>
    public int CompareTo(StreamId other) => Value.CompareTo(other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
