using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Base of the RE-CONFIG requests that reset a list of streams (Outgoing and Incoming SSN Reset Request,
/// RFC 6525 sections 4.1 and 4.2): fixed fields that start with the Re-configuration Request Sequence
/// Number, then 16-bit stream numbers up to the end of the value. An empty list means every stream.
/// </summary>
public abstract class StreamResetRequestParameter : Parameter
{
    private readonly StreamId[] _streams;

    /// <summary>Copies <paramref name="streams"/>; throws when they are null or too many for a parameter.</summary>
    private protected StreamResetRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, IEnumerable<StreamId> streams, string paramName)
        : this(requestSequenceNumber, ParameterWire.CopyList(streams, paramName))
    {
        ParameterWire.ThrowIfValueTooLong(ValueLength, paramName);
    }

    private protected StreamResetRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, StreamId[] streams)
    {
        RequestSequenceNumber = requestSequenceNumber;
        _streams = streams;
        Streams = Array.AsReadOnly(streams);
    }

    /// <summary>The number that identifies this request.</summary>
    public ReconfigRequestSequenceNumber RequestSequenceNumber { get; }

    /// <summary>The streams to reset, in wire order; empty when the request covers every stream.</summary>
    public IReadOnlyList<StreamId> Streams { get; }

    /// <summary>True when no stream is listed, which asks for every stream to be reset (RFC 6525 sections 4.1 and 4.2).</summary>
    public bool ResetsAllStreams => _streams.Length == 0;

    /// <summary>The bytes of fixed fields before the stream list, request sequence number included.</summary>
    private protected abstract int FixedFieldsLength { get; }

    /// <inheritdoc/>
    public sealed override int ValueLength => FixedFieldsLength + (_streams.Length * sizeof(ushort));

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, RequestSequenceNumber.Value);
        WriteFieldsAfterRequestSequenceNumber(destination[sizeof(uint)..FixedFieldsLength]);
        ParameterWire.WriteUInt16List<StreamId>(destination[FixedFieldsLength..], _streams);
    }

    /// <summary>Writes the fixed fields that follow the request sequence number.</summary>
    private protected abstract void WriteFieldsAfterRequestSequenceNumber(Span<byte> destination);

    /// <summary>
    /// Checks a request of <paramref name="type"/> with <paramref name="fixedFieldsLength"/> bytes of fixed
    /// fields, and reads its request sequence number and stream list.
    /// </summary>
    private protected static bool TryReadCommon(
        ReadOnlySpan<byte> bytes,
        ParameterType type,
        int fixedFieldsLength,
        out ReconfigRequestSequenceNumber requestSequenceNumber,
        out StreamId[] streams,
        out ParseError error)
    {
        requestSequenceNumber = default;
        streams = [];
        if (!TryCheckHeader(bytes, type, fixedFieldsLength, out error)
            || !ParameterWire.TryReadUInt16List(bytes[(RawTlv.HeaderSize + fixedFieldsLength)..], type, out streams, out error))
        {
            return false;
        }

        requestSequenceNumber = new ReconfigRequestSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(bytes[RawTlv.HeaderSize..]));
        return true;
    }

    /// <summary>The stream list for <see cref="object.ToString"/>.</summary>
    private protected string StreamsText => ResetsAllStreams ? "all" : string.Join(",", _streams);
}
