using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Sctp.Packet.Chunks;

/// <summary>
/// SACK (RFC 9260 section 3.3.4): acknowledges DATA and I-DATA chunks with a cumulative TSN, gap ack
/// blocks for what arrived after a gap, and the TSNs received more than once. Allocation-free: a parsed
/// SACK reads its blocks and duplicates straight from the input's big-endian bytes, and a constructed
/// one from the caller's spans; the accessors work the same for both.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 3    |  Chunk Flags  |         Chunk Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Cumulative TSN Ack                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Advertised Receiver Window Credit (a_rwnd)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Gap Ack Block #1 Start     |      Gap Ack Block #1 End     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Gap Ack Block #N Start     |      Gap Ack Block #N End     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        Duplicate TSN 1                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                              ...                              /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        Duplicate TSN M                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The chunk flags are written as zero and ignored on receipt. Parsing is strict about framing: the
/// length must be exactly <c>16 + 4 * (N + M)</c>, otherwise <see cref="ParseErrorKind.CountMismatch"/>,
/// whether the counts overrun the chunk or leave bytes over. It is not strict about meaning: blocks whose
/// start is after their end, that overlap, or are out of order, are handed over as received (see
/// <see cref="GapAckBlock"/>); the association decides.
/// </remarks>
public readonly ref struct SackChunk : IChunk, IChunkParser<SackChunk>
{
    /// <summary>The chunk header and the fixed fields (cumulative TSN ack, a_rwnd, the two counts): 16 bytes.</summary>
    public const int HeaderSize = 16;

    /// <summary>The most gap ack blocks and duplicate TSNs, together, that fit the 16-bit length field: 16,379.</summary>
    public const int MaxEntries = (ushort.MaxValue - HeaderSize) / 4;

    private const int GapCountOffset = 12;

    // Parsed: the raw big-endian entries of the input. Constructed: the caller's spans. Never both.
    private readonly ReadOnlySpan<byte> _rawGapAckBlocks;
    private readonly ReadOnlySpan<byte> _rawDuplicateTsns;
    private readonly ReadOnlySpan<GapAckBlock> _gapAckBlocks;
    private readonly ReadOnlySpan<Tsn> _duplicateTsns;
    private readonly bool _isParsed;

    /// <summary>Creates a SACK over the caller's blocks and duplicate TSNs (borrowed, not copied).</summary>
    /// <param name="cumulativeTsnAck">The last TSN received in sequence.</param>
    /// <param name="advertisedReceiverWindowCredit">The receiver window (a_rwnd) in bytes.</param>
    /// <param name="gapAckBlocks">The gap ack blocks, in the order they are to be written.</param>
    /// <param name="duplicateTsns">The TSNs received more than once since the last SACK.</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxEntries"/> blocks and duplicates together.</exception>
    public SackChunk(
        Tsn cumulativeTsnAck,
        uint advertisedReceiverWindowCredit,
        ReadOnlySpan<GapAckBlock> gapAckBlocks = default,
        ReadOnlySpan<Tsn> duplicateTsns = default)
    {
        if (gapAckBlocks.Length + duplicateTsns.Length > MaxEntries)
        {
            throw new ArgumentException(
                $"{gapAckBlocks.Length} gap ack blocks and {duplicateTsns.Length} duplicate TSNs exceed the {MaxEntries} entries a SACK's 16-bit length allows.",
                nameof(gapAckBlocks));
        }

        CumulativeTsnAck = cumulativeTsnAck;
        AdvertisedReceiverWindowCredit = advertisedReceiverWindowCredit;
        _gapAckBlocks = gapAckBlocks;
        _duplicateTsns = duplicateTsns;
        _isParsed = false;
    }

    // The parser's constructor: spans already checked to be whole entries.
    private SackChunk(Tsn cumulativeTsnAck, uint advertisedReceiverWindowCredit, ReadOnlySpan<byte> rawGapAckBlocks, ReadOnlySpan<byte> rawDuplicateTsns)
    {
        CumulativeTsnAck = cumulativeTsnAck;
        AdvertisedReceiverWindowCredit = advertisedReceiverWindowCredit;
        _rawGapAckBlocks = rawGapAckBlocks;
        _rawDuplicateTsns = rawDuplicateTsns;
        _isParsed = true;
    }

    /// <summary>The last TSN received in sequence.</summary>
    public Tsn CumulativeTsnAck { get; }

    /// <summary>The receiver window (a_rwnd) in bytes.</summary>
    public uint AdvertisedReceiverWindowCredit { get; }

    /// <summary>The number of gap ack blocks.</summary>
    public int GapAckBlockCount => _isParsed ? _rawGapAckBlocks.Length >> 2 : _gapAckBlocks.Length;

    /// <summary>The number of duplicate TSNs.</summary>
    public int DuplicateTsnCount => _isParsed ? _rawDuplicateTsns.Length >> 2 : _duplicateTsns.Length;

    /// <inheritdoc/>
    public ChunkType Type => ChunkType.Sack;

    static ChunkType IChunkParser<SackChunk>.ChunkType => ChunkType.Sack;

    /// <summary>Always 0: SACK defines no flags.</summary>
    public byte Flags => 0;

    /// <summary>The chunk length field (SACKs need no padding).</summary>
    public int Length => GetSerializedSize(GapAckBlockCount, DuplicateTsnCount);

    /// <inheritdoc/>
    public int SerializedSize => Length;

    /// <summary>The bytes a SACK with <paramref name="gapAckBlocks"/> blocks and <paramref name="duplicateTsns"/> duplicates takes in a packet.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static int GetSerializedSize(int gapAckBlocks, int duplicateTsns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gapAckBlocks);
        ArgumentOutOfRangeException.ThrowIfNegative(duplicateTsns);
        return HeaderSize + (4 * gapAckBlocks) + (4 * duplicateTsns);
    }

    /// <summary>The gap ack block at <paramref name="index"/> (0-based), as carried: see <see cref="GapAckBlock"/> for what is not checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="GapAckBlockCount"/>.</exception>
    public GapAckBlock GetGapAckBlock(int index)
    {
        ThrowIfOutOfRange(index, GapAckBlockCount);
        if (!_isParsed)
        {
            return _gapAckBlocks[index];
        }

        var entry = _rawGapAckBlocks.Slice(index * 4, 4);
        return new GapAckBlock(BinaryPrimitives.ReadUInt16BigEndian(entry), BinaryPrimitives.ReadUInt16BigEndian(entry[2..]));
    }

    /// <summary>The duplicate TSN at <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="DuplicateTsnCount"/>.</exception>
    public Tsn GetDuplicateTsn(int index)
    {
        ThrowIfOutOfRange(index, DuplicateTsnCount);
        return _isParsed
            ? new Tsn(BinaryPrimitives.ReadUInt32BigEndian(_rawDuplicateTsns.Slice(index * 4, 4)))
            : _duplicateTsns[index];
    }

    /// <inheritdoc/>
    public int WriteTo(Span<byte> destination)
    {
        int gaps = GapAckBlockCount;
        int dups = DuplicateTsnCount;
        int size = GetSerializedSize(gaps, dups);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the SACK chunk needs {size}.", nameof(destination));
        }

        destination[0] = (byte)ChunkType.Sack;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], CumulativeTsnAck.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], AdvertisedReceiverWindowCredit);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], (ushort)gaps);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], (ushort)dups);

        var entries = destination[HeaderSize..size];
        if (_isParsed)
        {
            _rawGapAckBlocks.CopyTo(entries);
            _rawDuplicateTsns.CopyTo(entries[_rawGapAckBlocks.Length..]);
            return size;
        }

        int position = 0;
        foreach (var block in _gapAckBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(entries[position..], block.Start);
            BinaryPrimitives.WriteUInt16BigEndian(entries[(position + 2)..], block.End);
            position += 4;
        }

        foreach (var tsn in _duplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(entries[position..], tsn.Value);
            position += 4;
        }

        return size;
    }

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>
    /// Errors: <see cref="ParseErrorKind.LengthTooSmall"/> below 16 bytes; <see cref="ParseErrorKind.CountMismatch"/>
    /// (at the gap block count, offset 12) when the length is not exactly <c>16 + 4 * (N + M)</c>; and the framing
    /// errors of any chunk. Flags are ignored; blocks are not checked for meaning.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out SackChunk chunk, out ParseError error)
    {
        chunk = default;
        if (!Chunk.TryCheckHeader(bytes, ChunkType.Sack, HeaderSize - RawChunk.HeaderSize, out error))
        {
            return false;
        }

        int gaps = BinaryPrimitives.ReadUInt16BigEndian(bytes[GapCountOffset..]);
        int dups = BinaryPrimitives.ReadUInt16BigEndian(bytes[(GapCountOffset + 2)..]);
        int gapBytes = 4 * gaps;
        if (HeaderSize + gapBytes + (4 * dups) != bytes.Length)
        {
            error = new ParseError(ParseErrorKind.CountMismatch, GapCountOffset, ChunkType.Sack);
            return false;
        }

        chunk = new SackChunk(
            new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..])),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            bytes.Slice(HeaderSize, gapBytes),
            bytes[(HeaderSize + gapBytes)..]);
        return true;
    }

    /// <summary>True when both SACKs carry the same fields, blocks and duplicates, in the same order, whatever their source.</summary>
    public bool ContentEquals(SackChunk other)
    {
        if (CumulativeTsnAck != other.CumulativeTsnAck
            || AdvertisedReceiverWindowCredit != other.AdvertisedReceiverWindowCredit
            || GapAckBlockCount != other.GapAckBlockCount
            || DuplicateTsnCount != other.DuplicateTsnCount)
        {
            return false;
        }

        for (int i = 0; i < GapAckBlockCount; i++)
        {
            if (GetGapAckBlock(i) != other.GetGapAckBlock(i))
            {
                return false;
            }
        }

        for (int i = 0; i < DuplicateTsnCount; i++)
        {
            if (GetDuplicateTsn(i) != other.GetDuplicateTsn(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SACK(cum_ack={CumulativeTsnAck}, a_rwnd={AdvertisedReceiverWindowCredit}, gaps=[");
        for (int i = 0; i < GapAckBlockCount; i++)
        {
            var block = GetGapAckBlock(i);
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{block.Start}-{block.End}");
        }

        text.Append("], dups=[");
        for (int i = 0; i < DuplicateTsnCount; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{GetDuplicateTsn(i)}");
        }

        return text.Append("])").ToString();
    }

    private static void ThrowIfOutOfRange(int index, int count)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be from 0 to {count - 1}.");
        }
    }
}
