namespace Sctp.Packet.Chunks;

/// <summary>
/// HEARTBEAT (RFC 9260 section 3.3.5): probes the reachability of one of the peer's addresses. The
/// sender puts whatever it needs to recognize the answer (typically a time and a nonce) in the
/// Heartbeat Info, and the peer returns it in a HEARTBEAT ACK.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 4    |  Chunk Flags  |       Heartbeat Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /          Heartbeat Information TLV (Variable-Length)          /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// See <see cref="HeartbeatChunkBase"/> for the Heartbeat Info layout and the parsing rules.
/// </remarks>
public sealed class HeartbeatChunk : HeartbeatChunkBase, IChunkParser<HeartbeatChunk>
{
    /// <summary>Creates a HEARTBEAT carrying <paramref name="info"/> (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is longer than <see cref="HeartbeatChunkBase.MaxInfoLength"/>.</exception>
    public HeartbeatChunk(ReadOnlySpan<byte> info)
        : base(info)
    {
    }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.Heartbeat;

    static ChunkType IChunkParser<HeartbeatChunk>.ChunkType => ChunkType.Heartbeat;

    /// <inheritdoc/>
    private protected override string Name => "HEARTBEAT";

    /// <summary>The answer RFC 9260 section 8.3 asks for: a HEARTBEAT ACK carrying the same info.</summary>
    public HeartbeatAckChunk CreateAck() => new(Info.Span);

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HeartbeatChunk chunk, out ParseError error) =>
        TryParseHeartbeat(bytes, ChunkType.Heartbeat, static info => new HeartbeatChunk(info), out chunk, out error);
}
