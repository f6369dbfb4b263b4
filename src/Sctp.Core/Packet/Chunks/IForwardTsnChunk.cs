using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// I-FORWARD-TSN (RFC 8260 section 2.3): FORWARD-TSN for associations that use I-DATA. Moves the
/// receiver's cumulative TSN ack point past abandoned chunks and names, per stream and per ordered or
/// unordered delivery, the largest message identifier skipped.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc8260#section-2.3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 194  | Flags = 0x00  |      Length = Variable        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       New Cumulative TSN                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       Stream Identifier       |          Reserved           |U|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Message Identifier                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       Stream Identifier       |          Reserved           |U|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Message Identifier                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The flags and the 15 reserved bits are written as zero and ignored on receipt. The value must be
/// <c>4 + 8 * N</c> bytes.
/// </remarks>
public sealed class IForwardTsnChunk : Chunk, IChunkParser<IForwardTsnChunk>
{
    /// <summary>The most stream entries that fit the 16-bit length field: 8,190.</summary>
    public const int MaxStreams = (ushort.MaxValue - RawChunk.HeaderSize - FixedValueLength) / EntrySize;

    private const int FixedValueLength = 4;
    private const int EntrySize = 8;
    private const ushort UnorderedBit = 0x0001;

    private readonly IForwardTsnStream[] _streams;

    /// <summary>Creates an I-FORWARD-TSN.</summary>
    /// <param name="newCumulativeTsn">The TSN the receiver is to take as its new cumulative TSN ack point.</param>
    /// <param name="streams">The streams that skipped messages, with the largest skipped MID of each; none by default.</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxStreams"/> entries.</exception>
    public IForwardTsnChunk(Tsn newCumulativeTsn, IEnumerable<IForwardTsnStream>? streams = null)
    {
        _streams = streams is null ? [] : [.. streams];
        if (_streams.Length > MaxStreams)
        {
            throw new ArgumentException($"{_streams.Length} stream entries exceed the {MaxStreams} an I-FORWARD-TSN chunk's 16-bit length allows.", nameof(streams));
        }

        NewCumulativeTsn = newCumulativeTsn;
        Streams = new ReadOnlyCollection<IForwardTsnStream>(_streams);
    }

    /// <summary>The TSN the receiver is to take as its new cumulative TSN ack point.</summary>
    public Tsn NewCumulativeTsn { get; }

    /// <summary>The stream entries, in wire order.</summary>
    public IReadOnlyList<IForwardTsnStream> Streams { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.IForwardTsn;

    static ChunkType IChunkParser<IForwardTsnChunk>.ChunkType => ChunkType.IForwardTsn;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength + (EntrySize * _streams.Length);

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>
    /// Errors: <see cref="ParseErrorKind.LengthTooSmall"/> below 8 bytes, <see cref="ParseErrorKind.InvalidLength"/>
    /// when the value is not <c>4 + 8 * N</c> bytes, and the framing errors of any chunk. Flags and reserved bits are ignored.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out IForwardTsnChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, ChunkType.IForwardTsn, FixedValueLength, out error))
        {
            return false;
        }

        var entries = bytes[(RawChunk.HeaderSize + FixedValueLength)..];
        if (entries.Length % EntrySize != 0)
        {
            error = new ParseError(ParseErrorKind.InvalidLength, 2, ChunkType.IForwardTsn);
            return false;
        }

        var streams = new IForwardTsnStream[entries.Length / EntrySize];
        for (int i = 0; i < streams.Length; i++)
        {
            var entry = entries.Slice(i * EntrySize, EntrySize);
            streams[i] = new IForwardTsnStream(
                new StreamId(BinaryPrimitives.ReadUInt16BigEndian(entry)),
                (BinaryPrimitives.ReadUInt16BigEndian(entry[2..]) & UnorderedBit) != 0,
                new Mid(BinaryPrimitives.ReadUInt32BigEndian(entry[4..])));
        }

        chunk = new IForwardTsnChunk(new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[RawChunk.HeaderSize..])), streams);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, NewCumulativeTsn.Value);
        int position = FixedValueLength;
        foreach (var stream in _streams)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], stream.StreamId.Value);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], stream.Unordered ? UnorderedBit : (ushort)0);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(position + 4)..], stream.Mid.Value);
            position += EntrySize;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"I-FORWARD-TSN(new_cum_tsn={NewCumulativeTsn}, streams=[{string.Join(", ", _streams.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.StreamId}{(s.Unordered ? "u" : string.Empty)}:{s.Mid}")))}])");
}
