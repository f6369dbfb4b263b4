namespace Sctp.Packet.Chunks;

/// <summary>
/// SHUTDOWN ACK (RFC 9260 section 3.3.9): acknowledges a SHUTDOWN once all outstanding data has been
/// acknowledged; answered with SHUTDOWN COMPLETE.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.9"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 8    |  Chunk Flags  |          Length = 4           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class ShutdownAckChunk : Chunk, IChunkParser<ShutdownAckChunk>
{
    private ShutdownAckChunk()
    {
    }

    /// <summary>The one SHUTDOWN ACK: it carries nothing.</summary>
    public static ShutdownAckChunk Instance { get; } = new();

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.ShutdownAck;

    static ChunkType IChunkParser<ShutdownAckChunk>.ChunkType => ChunkType.ShutdownAck;

    /// <inheritdoc/>
    public override int ValueLength => 0;

    /// <summary>Parses a SHUTDOWN ACK. A value, which the RFC does not define, is ignored rather than rejected.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ShutdownAckChunk chunk, out ParseError error)
    {
        bool ok = TryCheckHeader(bytes, ChunkType.ShutdownAck, 0, out error);
        chunk = ok ? Instance : null!;
        return ok;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "SHUTDOWN-ACK";
}
