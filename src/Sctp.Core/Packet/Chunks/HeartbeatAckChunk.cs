namespace Sctp.Packet.Chunks;

/// <summary>
/// HEARTBEAT ACK (RFC 9260 section 3.3.6): the answer to a HEARTBEAT, sent to the address the HEARTBEAT
/// came from and carrying its Heartbeat Info unchanged.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.6"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 5    |  Chunk Flags  |     Heartbeat Ack Length      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /          Heartbeat Information TLV (Variable-Length)          /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// See <see cref="HeartbeatChunkBase"/> for the Heartbeat Info layout and the parsing rules.
/// </remarks>
public sealed class HeartbeatAckChunk : HeartbeatChunkBase, IChunkParser<HeartbeatAckChunk>
{
    /// <summary>Creates a HEARTBEAT ACK carrying <paramref name="info"/> (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is longer than <see cref="HeartbeatChunkBase.MaxInfoLength"/>.</exception>
    public HeartbeatAckChunk(ReadOnlySpan<byte> info)
        : base(info)
    {
    }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.HeartbeatAck;

    static ChunkType IChunkParser<HeartbeatAckChunk>.ChunkType => ChunkType.HeartbeatAck;

    /// <inheritdoc/>
    private protected override string Name => "HEARTBEAT-ACK";

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HeartbeatAckChunk chunk, out ParseError error) =>
        TryParseHeartbeat(bytes, ChunkType.HeartbeatAck, static info => new HeartbeatAckChunk(info), out chunk, out error);
}
