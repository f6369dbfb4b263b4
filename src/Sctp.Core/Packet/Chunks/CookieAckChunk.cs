namespace Sctp.Packet.Chunks;

/// <summary>
/// COOKIE ACK (RFC 9260 section 3.3.12): acknowledges a COOKIE ECHO and completes the handshake.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.12"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 11   | Chunk  Flags  |          Length = 4           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class CookieAckChunk : Chunk, IChunkParser<CookieAckChunk>
{
    /// <summary>The one COOKIE ACK: it carries nothing.</summary>
    public static CookieAckChunk Instance { get; } = new();

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.CookieAck;

    static ChunkType IChunkParser<CookieAckChunk>.ChunkType => ChunkType.CookieAck;

    /// <inheritdoc/>
    public override int ValueLength => 0;

    /// <summary>Parses a COOKIE ACK. A value, which the RFC does not define, is ignored rather than rejected.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out CookieAckChunk chunk, out ParseError error)
    {
        bool ok = TryCheckHeader(bytes, ChunkType.CookieAck, 0, out error);
        chunk = ok ? Instance : null!;
        return ok;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "COOKIE-ACK";
}
