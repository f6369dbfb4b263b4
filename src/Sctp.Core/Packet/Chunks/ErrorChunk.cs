using Sctp.Packet.ErrorCauses;

namespace Sctp.Packet.Chunks;

/// <summary>
/// ERROR, or Operation Error (RFC 9260 section 3.3.10): reports conditions that are not fatal by
/// themselves, as one or more error causes.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 9    |  Chunk Flags  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                   one or more Error Causes                    /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Unlike ABORT, the RFC requires at least one cause: an ERROR without one reports nothing, so the
/// parser rejects it (<see cref="ParseErrorKind.LengthTooSmall"/>) and the constructor refuses it.
/// </remarks>
public sealed class ErrorChunk : ErrorCauseChunkBase, IChunkParser<ErrorChunk>
{
    /// <summary>Creates an ERROR.</summary>
    /// <param name="causes">The error causes, in the order they are written; at least one.</param>
    /// <exception cref="ArgumentException">There is no cause, a cause is null, or the causes do not fit in a chunk.</exception>
    public ErrorChunk(params IEnumerable<ErrorCause> causes)
        : base(causes)
    {
        // RFC 9260 section 3.3.10: the chunk carries one or more error causes.
        if (Causes.Count == 0)
        {
            throw new ArgumentException("An ERROR chunk carries at least one error cause (RFC 9260 section 3.3.10).", nameof(causes));
        }
    }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Error;

    static ChunkType IChunkParser<ErrorChunk>.ChunkType => ChunkType.Error;

    /// <inheritdoc/>
    private protected override string Name => "ERROR";

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ErrorChunk chunk, out ParseError error)
    {
        chunk = null!;

        // RFC 9260 section 3.3.10: one or more causes, so at least one cause header.
        if (!TryParseCauses(bytes, ChunkType.Error, minimumCauses: 1, out var causes, out error))
        {
            return false;
        }

        chunk = new ErrorChunk(causes);
        return true;
    }
}
