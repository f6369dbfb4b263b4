using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// INIT ACK (RFC 9260 section 3.3.3): answers an INIT. It carries the same fields for the responder's
/// side, and its parameters must include the State Cookie that the initiator echoes back in COOKIE
/// ECHO.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 2    |  Chunk Flags  |         Chunk Length          |
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
/// The codec does not insist on the State Cookie: a missing mandatory parameter is for the association
/// to report (RFC 9260 section 3.3.10.2).
/// </remarks>
public sealed class InitAckChunk : InitChunkBase, IChunkParser<InitAckChunk>
{
    /// <summary>Creates an INIT ACK.</summary>
    /// <param name="initiateTag">The sender's tag for the association; not zero.</param>
    /// <param name="advertisedReceiverWindowCredit">The sender's initial receive window (a_rwnd), in bytes.</param>
    /// <param name="outboundStreams">The streams the sender wants to open (OS); not zero.</param>
    /// <param name="inboundStreams">The most streams the sender accepts (MIS); not zero.</param>
    /// <param name="initialTsn">The TSN of the sender's first DATA or I-DATA chunk.</param>
    /// <param name="parameters">The parameters, the State Cookie among them, in the order they are written.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tag or a stream count is zero.</exception>
    /// <exception cref="ArgumentException">A parameter is null, or the parameters do not fit in a chunk.</exception>
    public InitAckChunk(
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
    public override ChunkType Type => ChunkType.InitAck;

    static ChunkType IChunkParser<InitAckChunk>.ChunkType => ChunkType.InitAck;

    /// <inheritdoc/>
    private protected override string Name => "INIT-ACK";

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out InitAckChunk chunk, out ParseError error) =>
        TryParseInit(
            bytes,
            ChunkType.InitAck,
            static (tag, window, outbound, inbound, tsn, parameters) => new InitAckChunk(tag, window, outbound, inbound, tsn, parameters),
            out chunk,
            out error);
}
