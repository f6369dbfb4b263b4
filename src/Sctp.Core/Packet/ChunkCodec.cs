using Sctp.Packet.Chunks;

namespace Sctp.Packet;

/// <summary>Parses control chunks by type into their <see cref="Chunk"/> classes.</summary>
public static class ChunkCodec
{
    /// <summary>
    /// Parses one control chunk (<paramref name="chunkBytes"/> starts at its header and is as long as its
    /// length field, as <see cref="RawChunk.Bytes"/> gives it), choosing the parser from the type. Types
    /// without a class parser (ECNE, CWR, AUTH, ASCONF, ASCONF-ACK, NR-SACK, PKTDROP and unknown types)
    /// become an <see cref="UnknownChunk"/>, to which the association applies the rule of the type's upper
    /// two bits (RFC 9260 section 3.2). DATA, I-DATA and SACK are rejected with
    /// <see cref="ParseErrorKind.UnexpectedType"/>: they are not control chunks. Never throws; error
    /// offsets are relative to the chunk's first byte.
    /// </summary>
    public static bool TryParseControl(ReadOnlySpan<byte> chunkBytes, out Chunk chunk, out ParseError error)
    {
        if (chunkBytes.Length < RawChunk.HeaderSize)
        {
            chunk = null!;
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var type = (ChunkType)chunkBytes[0];
        switch (type)
        {
            // DATA, I-DATA and SACK are allocation-free ref structs on the data path: the association
            // parses them directly with their own TryParse and never through this method.
            case ChunkType.Data:
            case ChunkType.IData:
            case ChunkType.Sack:
                chunk = null!;
                error = new ParseError(ParseErrorKind.UnexpectedType, 0, type);
                return false;

            case ChunkType.Init:
                return TryParse<InitChunk>(chunkBytes, out chunk, out error);
            case ChunkType.InitAck:
                return TryParse<InitAckChunk>(chunkBytes, out chunk, out error);
            case ChunkType.Heartbeat:
                return TryParse<HeartbeatChunk>(chunkBytes, out chunk, out error);
            case ChunkType.HeartbeatAck:
                return TryParse<HeartbeatAckChunk>(chunkBytes, out chunk, out error);
            case ChunkType.Abort:
                return TryParse<AbortChunk>(chunkBytes, out chunk, out error);
            case ChunkType.Shutdown:
                return TryParse<ShutdownChunk>(chunkBytes, out chunk, out error);
            case ChunkType.ShutdownAck:
                return TryParse<ShutdownAckChunk>(chunkBytes, out chunk, out error);
            case ChunkType.Error:
                return TryParse<ErrorChunk>(chunkBytes, out chunk, out error);
            case ChunkType.CookieEcho:
                return TryParse<CookieEchoChunk>(chunkBytes, out chunk, out error);
            case ChunkType.CookieAck:
                return TryParse<CookieAckChunk>(chunkBytes, out chunk, out error);
            case ChunkType.ShutdownComplete:
                return TryParse<ShutdownCompleteChunk>(chunkBytes, out chunk, out error);
            case ChunkType.ReConfig:
                return TryParse<ReConfigChunk>(chunkBytes, out chunk, out error);

            case ChunkType.ForwardTsn:
                return TryParse<ForwardTsnChunk>(chunkBytes, out chunk, out error);
            case ChunkType.IForwardTsn:
                return TryParse<IForwardTsnChunk>(chunkBytes, out chunk, out error);
            case ChunkType.Pad:
                return TryParse<PadChunk>(chunkBytes, out chunk, out error);
            default:
                return TryParse<UnknownChunk>(chunkBytes, out chunk, out error);
        }
    }

    private static bool TryParse<T>(ReadOnlySpan<byte> bytes, out Chunk chunk, out ParseError error)
        where T : Chunk, IChunkParser<T>
    {
        bool ok = T.TryParse(bytes, out var parsed, out error);
        chunk = parsed;
        return ok;
    }
}
