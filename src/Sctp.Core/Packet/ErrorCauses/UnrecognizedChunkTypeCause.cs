namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Unrecognized Chunk Type (RFC 9260 section 3.3.10.6): a chunk whose type's upper bits asked for a
/// report (01 or 11) was not understood; the chunk comes back whole, header included.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.6"/>
/// The chunk is kept exactly as received, and only its 4-byte header is required: its own length field
/// is not checked against the cause's, because senders differ (usrsctp echoes the chunk with its padding
/// and counts it in the cause length).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 6        |         Cause Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                      Unrecognized Chunk                       /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class UnrecognizedChunkTypeCause : OpaqueErrorCause
{
    /// <summary>Creates the cause for <paramref name="unrecognizedChunk"/> (copied), as received (<see cref="RawChunk.Bytes"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="unrecognizedChunk"/> is shorter than a chunk header or too long.</exception>
    public UnrecognizedChunkTypeCause(ReadOnlySpan<byte> unrecognizedChunk)
        : base(unrecognizedChunk, nameof(unrecognizedChunk))
    {
        if (unrecognizedChunk.Length < RawChunk.HeaderSize)
        {
            throw new ArgumentException(
                $"A chunk has at least a {RawChunk.HeaderSize}-byte header; got {unrecognizedChunk.Length} bytes.",
                nameof(unrecognizedChunk));
        }
    }

    /// <summary>The unrecognized chunk as received: type, flags, length and value (possibly with its padding).</summary>
    public ReadOnlyMemory<byte> UnrecognizedChunk => RawValue;

    /// <summary>The type of the unrecognized chunk.</summary>
    public ChunkType ChunkType => (ChunkType)RawValue.Span[0];

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.UnrecognizedChunkType;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnrecognizedChunkTypeCause cause, out ParseError error) =>
        TryParseOpaque(
            bytes,
            ErrorCauseCode.UnrecognizedChunkType,
            minValueLength: RawChunk.HeaderSize,
            static value => new UnrecognizedChunkTypeCause(value),
            out cause,
            out error);

    /// <inheritdoc/>
    public override string ToString() => $"UnrecognizedChunkType(type=0x{(byte)ChunkType:x2}, {UnrecognizedChunk.Length} bytes)";
}
