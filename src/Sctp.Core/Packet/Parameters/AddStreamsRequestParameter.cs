using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the two RE-CONFIG requests that add streams (Add Outgoing and Add Incoming Streams Request,
/// RFC 6525 sections 4.5 and 4.6), which share one layout: a request sequence number, the number of new
/// streams and a reserved field.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Parameter Type = 17 or 18    |      Parameter Length = 12    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Re-configuration Request Sequence Number             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Number of new streams    |         Reserved              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public abstract class AddStreamsRequestParameter : Parameter
{
    private const int FixedValueLength = 8;
    private const int NewStreamsOffset = 4;

    private protected AddStreamsRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, ushort numberOfNewStreams)
    {
        RequestSequenceNumber = requestSequenceNumber;
        NumberOfNewStreams = numberOfNewStreams;
    }

    /// <summary>The number that identifies this request.</summary>
    public ReconfigRequestSequenceNumber RequestSequenceNumber { get; }

    /// <summary>How many streams to add.</summary>
    public ushort NumberOfNewStreams { get; }

    /// <inheritdoc/>
    public sealed override int ValueLength => FixedValueLength;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, RequestSequenceNumber.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[NewStreamsOffset..], NumberOfNewStreams);

        // RFC 6525 sections 4.5 and 4.6: the sender sets the reserved field to 0.
        BinaryPrimitives.WriteUInt16BigEndian(destination[(NewStreamsOffset + sizeof(ushort))..], 0);
    }

    /// <summary>Reads a request of <paramref name="type"/>, whose value must be exactly 8 bytes.</summary>
    private protected static bool TryReadFields(
        ReadOnlySpan<byte> bytes,
        ParameterType type,
        out ReconfigRequestSequenceNumber requestSequenceNumber,
        out ushort numberOfNewStreams,
        out ParseError error)
    {
        requestSequenceNumber = default;
        numberOfNewStreams = 0;
        if (!TryCheckHeader(bytes, type, FixedValueLength, out error)
            || !ParameterWire.CheckExactValueLength(bytes, type, FixedValueLength, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        requestSequenceNumber = new ReconfigRequestSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(value));
        numberOfNewStreams = BinaryPrimitives.ReadUInt16BigEndian(value[NewStreamsOffset..]);

        // RFC 6525 sections 4.5 and 4.6: the receiver ignores the reserved field, so it is not read.
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(req={RequestSequenceNumber}, new_streams={NumberOfNewStreams})";
}
