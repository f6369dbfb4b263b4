using System.Buffers.Binary;

namespace Sctp.Packet.Chunks;

/// <summary>
/// SHUTDOWN (RFC 9260 section 3.3.8): starts a graceful close and acknowledges data up to a TSN.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.8"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 7    | Chunk  Flags  |          Length = 8           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Cumulative TSN Ack                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class ShutdownChunk : Chunk, IChunkParser<ShutdownChunk>
{
    private const int FixedValueLength = 4;

    /// <summary>Creates a SHUTDOWN acknowledging data up to <paramref name="cumulativeTsnAck"/>.</summary>
    public ShutdownChunk(Tsn cumulativeTsnAck) => CumulativeTsnAck = cumulativeTsnAck;

    /// <summary>The last TSN received in sequence (as in SACK).</summary>
    public Tsn CumulativeTsnAck { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Shutdown;

    static ChunkType IChunkParser<ShutdownChunk>.ChunkType => ChunkType.Shutdown;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength;

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ShutdownChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, ChunkType.Shutdown, FixedValueLength, out error))
        {
            return false;
        }

        if (bytes.Length != RawChunk.HeaderSize + FixedValueLength)
        {
            error = new ParseError(ParseErrorKind.InvalidLength, 2, ChunkType.Shutdown);
            return false;
        }

        chunk = new ShutdownChunk(new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[RawChunk.HeaderSize..])));
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, CumulativeTsnAck.Value);

    /// <inheritdoc/>
    public override string ToString() => $"SHUTDOWN(cum_ack={CumulativeTsnAck})";
}
