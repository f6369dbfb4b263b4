using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// INIT (RFC 9260 section 3.3.2): opens an association. It carries the sender's tag, receive window,
/// stream counts and first TSN, followed by optional parameters (addresses, cookie preservative,
/// supported extensions and so on).
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 1    |  Chunk Flags  |         Chunk Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Initiate Tag                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Advertised Receiver Window Credit (a_rwnd)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Number of Outbound Streams   |   Number of Inbound Streams   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Initial TSN                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /              Optional/Variable-Length Parameters              /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// A packet carrying INIT has a zero verification tag and no other chunk (RFC 9260 section 8.5.1); that
/// is checked at the packet level, not here.
/// </remarks>
public sealed class InitChunk : InitChunkBase, IChunkParser<InitChunk>
{
    /// <summary>Creates an INIT.</summary>
    /// <param name="initiateTag">The sender's tag for the association; not zero.</param>
    /// <param name="advertisedReceiverWindowCredit">The sender's initial receive window (a_rwnd), in bytes.</param>
    /// <param name="outboundStreams">The streams the sender wants to open (OS); not zero.</param>
    /// <param name="inboundStreams">The most streams the sender accepts (MIS); not zero.</param>
    /// <param name="initialTsn">The TSN of the sender's first DATA or I-DATA chunk.</param>
    /// <param name="parameters">Optional parameters, in the order they are written.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tag or a stream count is zero.</exception>
    /// <exception cref="ArgumentException">A parameter is null, or the parameters do not fit in a chunk.</exception>
    public InitChunk(
        VerificationTag initiateTag,
        uint advertisedReceiverWindowCredit,
        ushort outboundStreams,
        ushort inboundStreams,
        Tsn initialTsn,
        params IEnumerable<Parameter> parameters)
        : base(initiateTag, advertisedReceiverWindowCredit, outboundStreams, inboundStreams, initialTsn, parameters)
    {
    }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Init;

    static ChunkType IChunkParser<InitChunk>.ChunkType => ChunkType.Init;

    /// <inheritdoc/>
    private protected override string Name => "INIT";

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out InitChunk chunk, out ParseError error) =>
        TryParseInit(
            bytes,
            ChunkType.Init,
            static (tag, window, outbound, inbound, tsn, parameters) => new InitChunk(tag, window, outbound, inbound, tsn, parameters),
            out chunk,
            out error);
}
