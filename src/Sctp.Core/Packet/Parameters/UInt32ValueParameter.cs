using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the parameters whose value is one 32-bit field (Cookie Preservative, Adaptation Layer
/// Indication, Zero Checksum Acceptable, SSN/TSN Reset Request): a length field of exactly 8.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Parameter Type         |      Parameter Length = 8     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         32-bit Value                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class UInt32ValueParameter : Parameter
{
    private const int FixedValueLength = 4;

    private protected UInt32ValueParameter(uint rawValue) => RawValue = rawValue;

    /// <summary>The 32-bit field as carried on the wire.</summary>
    private protected uint RawValue { get; }

    /// <inheritdoc/>
    public sealed override int ValueLength => FixedValueLength;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, RawValue);

    /// <summary>Reads the 32-bit field of a parameter of <paramref name="type"/> whose value must be exactly 4 bytes.</summary>
    private protected static bool TryReadValue(ReadOnlySpan<byte> bytes, ParameterType type, out uint value, out ParseError error)
    {
        value = 0;
        if (!TryCheckHeader(bytes, type, FixedValueLength, out error)
            || !ParameterWire.CheckExactValueLength(bytes, type, FixedValueLength, out error))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
