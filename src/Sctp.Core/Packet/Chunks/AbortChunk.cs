using Sctp.Packet.ErrorCauses;

namespace Sctp.Packet.Chunks;

/// <summary>
/// ABORT (RFC 9260 section 3.3.7): closes the association at once, with zero or more error causes that
/// say why.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.7"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 6    |  Reserved   |T|            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                   zero or more Error Causes                   /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reserved flag bits are written as zero and ignored when parsing.
/// </remarks>
public sealed class AbortChunk : ErrorCauseChunkBase, IChunkParser<AbortChunk>
{
    /// <summary>Creates an ABORT.</summary>
    /// <param name="tagReflected">Sets the T bit; see <see cref="TagReflected"/>.</param>
    /// <param name="causes">The error causes, in the order they are written; may be empty.</param>
    /// <exception cref="ArgumentException">A cause is null, or the causes do not fit in a chunk.</exception>
    public AbortChunk(bool tagReflected, params IEnumerable<ErrorCause> causes)
        : base(causes)
    {
        TagReflected = tagReflected;
    }

    /// <summary>
    /// The T bit (RFC 9260 sections 3.3.7 and 8.5.1). False: the packet carries the verification tag the
    /// peer expects (the tag the peer chose). True: the sender had no such tag (no association state)
    /// and reflected the tag of the packet it answers instead, which is its own.
    /// </summary>
    public bool TagReflected { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Abort;

    /// <inheritdoc/>
    public override byte Flags => TagReflected ? ChunkSupport.TagReflectedFlag : (byte)0;

    static ChunkType IChunkParser<AbortChunk>.ChunkType => ChunkType.Abort;

    /// <inheritdoc/>
    private protected override string Name => "ABORT";

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out AbortChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryParseCauses(bytes, ChunkType.Abort, minimumCauses: 0, out var causes, out error))
        {
            return false;
        }

        chunk = new AbortChunk((bytes[1] & ChunkSupport.TagReflectedFlag) != 0, causes);
        return true;
    }
}
