using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// PAD (RFC 4820 section 3): pads a packet to a chosen size, for path MTU probing (RFC 8899). Only the
/// number of padding bytes is kept.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4820#section-3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Type = 0x84   |   Flags=0x00  |  Length = Variable            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                         Padding Data                          /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The padding data is written as zeros. The receiver ignores it (RFC 4820), so parsing accepts any
/// content and any flags and keeps only the length: a parsed PAD chunk writes back as zeros, and
/// equality (which compares wire bytes, see <see cref="Chunk"/>) is on those regenerated zero bytes, so
/// two PAD chunks of the same length are equal whatever their received content.
/// </remarks>
public sealed class PadChunk : Chunk, IChunkParser<PadChunk>
{
    /// <summary>The most padding data that fits the 16-bit length field: 65,531 bytes.</summary>
    public const int MaxPaddingLength = ushort.MaxValue - RawChunk.HeaderSize;

    /// <summary>Creates a PAD chunk with <paramref name="paddingLength"/> bytes of (zero) padding data.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paddingLength"/> is negative or above <see cref="MaxPaddingLength"/>.</exception>
    public PadChunk(int paddingLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paddingLength, MaxPaddingLength);
        PaddingLength = paddingLength;
    }

    /// <summary>The number of padding data bytes (the length field less the 4-byte header).</summary>
    public int PaddingLength { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Pad;

    static ChunkType IChunkParser<PadChunk>.ChunkType => ChunkType.Pad;

    /// <inheritdoc/>
    public override int ValueLength => PaddingLength;

    /// <summary>
    /// A PAD chunk that takes exactly <paramref name="serializedSize"/> bytes in a packet (so that a packet
    /// can be grown to a probe size).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="serializedSize"/> is not a multiple of 4 from 4 to 65,532.</exception>
    public static PadChunk ForSerializedSize(int serializedSize)
    {
        // The largest multiple of 4 that a length field can hold is 65,532.
        if (serializedSize < RawChunk.HeaderSize || (serializedSize & 3) != 0 || serializedSize > (ushort.MaxValue & ~3))
        {
            throw new ArgumentOutOfRangeException(nameof(serializedSize), serializedSize, "A PAD chunk takes a multiple of 4 bytes, from 4 to 65,532.");
        }

        return new PadChunk(serializedSize - RawChunk.HeaderSize);
    }

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>Accepts any padding content and flags (RFC 4820: the receiver ignores them); keeps only the length.</remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out PadChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, ChunkType.Pad, 0, out error))
        {
            return false;
        }

        chunk = new PadChunk(bytes.Length - RawChunk.HeaderSize);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => destination.Clear();

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PAD(bytes={PaddingLength})");
}
