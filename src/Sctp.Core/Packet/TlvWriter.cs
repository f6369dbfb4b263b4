using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// Writes a run of type-length-value items (parameters or error causes) straight into a span, each
/// followed by its zero padding. The run's length as a chunk counts it (RFC 9260 section 3.2: every item's
/// padding but the last's) is <see cref="UnpaddedLength"/>; <see cref="Length"/> includes the last padding.
/// </summary>
public ref struct TlvWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private int _unpaddedLength;

    /// <summary>Writes into <paramref name="buffer"/>, which must be large enough for every item and its padding.</summary>
    public TlvWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
        _unpaddedLength = 0;
    }

    /// <summary>Bytes written, the last item's padding included.</summary>
    public readonly int Length => _length;

    /// <summary>Bytes written up to the end of the last item's value: what a chunk's length field counts.</summary>
    public readonly int UnpaddedLength => _unpaddedLength;

    /// <summary>The bytes an item with a value of <paramref name="valueLength"/> bytes takes, padding included.</summary>
    public static int SizeOf(int valueLength) => Wire.Pad4(RawTlv.HeaderSize + valueLength);

    /// <summary>
    /// Writes the header of an item of <paramref name="type"/> with <paramref name="valueLength"/> bytes of
    /// value, and its padding; returns the span the caller fills with the value.
    /// </summary>
    public Span<byte> Add(ushort type, int valueLength)
    {
        int length = RawTlv.HeaderSize + valueLength;
        var item = _buffer.Slice(_length, Wire.Pad4(length));
        BinaryPrimitives.WriteUInt16BigEndian(item, type);
        BinaryPrimitives.WriteUInt16BigEndian(item[2..], checked((ushort)length));
        Wire.WritePadding(item, length);
        _unpaddedLength = _length + length;
        _length += item.Length;
        return item.Slice(RawTlv.HeaderSize, valueLength);
    }

    /// <summary>Writes an item whose value is <paramref name="value"/>.</summary>
    public void Add(ushort type, ReadOnlySpan<byte> value) => value.CopyTo(Add(type, value.Length));

    /// <summary>Writes an item whose value is one 32-bit number.</summary>
    public void AddUInt32(ushort type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Add(type, sizeof(uint)), value);
}
