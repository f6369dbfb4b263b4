using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// FORWARD-TSN (RFC 3758 section 3.2): tells the receiver of partially reliable data to move its
/// cumulative TSN ack point forward past abandoned DATA chunks, and which ordered streams skipped
/// messages up to which SSN.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc3758#section-3.2"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      New Cumulative TSN                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Stream-1              |       Stream Sequence-1       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Stream-N              |       Stream Sequence-N       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The flags are written as zero and ignored on receipt. The value must be <c>4 + 4 * N</c> bytes.
/// </remarks>
public sealed class ForwardTsnChunk : Chunk, IChunkParser<ForwardTsnChunk>
{
    /// <summary>The most stream entries that fit the 16-bit length field: 16,381.</summary>
    public const int MaxStreams = (ushort.MaxValue - RawChunk.HeaderSize - FixedValueLength) / EntrySize;

    private const int FixedValueLength = 4;
    private const int EntrySize = 4;

    private readonly ForwardTsnStream[] _streams;

    /// <summary>Creates a FORWARD-TSN.</summary>
    /// <param name="newCumulativeTsn">The TSN the receiver is to take as its new cumulative TSN ack point.</param>
    /// <param name="streams">The ordered streams that skipped messages, with the largest skipped SSN of each; none by default.</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxStreams"/> entries.</exception>
    public ForwardTsnChunk(Tsn newCumulativeTsn, IEnumerable<ForwardTsnStream>? streams = null)
    {
        _streams = streams is null ? [] : [.. streams];
        if (_streams.Length > MaxStreams)
        {
            throw new ArgumentException($"{_streams.Length} stream entries exceed the {MaxStreams} a FORWARD-TSN chunk's 16-bit length allows.", nameof(streams));
        }

        NewCumulativeTsn = newCumulativeTsn;
        Streams = new ReadOnlyCollection<ForwardTsnStream>(_streams);
    }

    /// <summary>The TSN the receiver is to take as its new cumulative TSN ack point.</summary>
    public Tsn NewCumulativeTsn { get; }

    /// <summary>The stream entries, in wire order.</summary>
    public IReadOnlyList<ForwardTsnStream> Streams { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.ForwardTsn;

    static ChunkType IChunkParser<ForwardTsnChunk>.ChunkType => ChunkType.ForwardTsn;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength + (EntrySize * _streams.Length);

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>
    /// Errors: <see cref="ParseErrorKind.LengthTooSmall"/> below 8 bytes, <see cref="ParseErrorKind.InvalidLength"/>
    /// when the value is not <c>4 + 4 * N</c> bytes, and the framing errors of any chunk. Flags are ignored.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ForwardTsnChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, ChunkType.ForwardTsn, FixedValueLength, out error))
        {
            return false;
        }

        var entries = bytes[(RawChunk.HeaderSize + FixedValueLength)..];
        if (entries.Length % EntrySize != 0)
        {
            error = new ParseError(ParseErrorKind.InvalidLength, 2, ChunkType.ForwardTsn);
            return false;
        }

        var streams = new ForwardTsnStream[entries.Length / EntrySize];
        for (int i = 0; i < streams.Length; i++)
        {
            var entry = entries.Slice(i * EntrySize, EntrySize);
            streams[i] = new ForwardTsnStream(
                new StreamId(BinaryPrimitives.ReadUInt16BigEndian(entry)),
                new Ssn(BinaryPrimitives.ReadUInt16BigEndian(entry[2..])));
        }

        chunk = new ForwardTsnChunk(new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[RawChunk.HeaderSize..])), streams);
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
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], stream.Ssn.Value);
            position += EntrySize;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"FORWARD-TSN(new_cum_tsn={NewCumulativeTsn}, streams=[{string.Join(", ", _streams.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.StreamId}:{s.Ssn}")))}])");
}
