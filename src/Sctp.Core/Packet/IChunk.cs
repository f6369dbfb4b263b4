namespace Sctp.Packet;

/// <summary>
/// A chunk that can be written into a packet. Implemented by the <see cref="Chunk"/> classes of control
/// chunks and by the allocation-free <c>ref struct</c> chunks of the data path (DATA, I-DATA, SACK).
/// </summary>
public interface IChunk
{
    /// <summary>The chunk type.</summary>
    ChunkType Type { get; }

    /// <summary>The chunk's flags byte.</summary>
    byte Flags { get; }

    /// <summary>The bytes the chunk takes in a packet: header, value and padding to 4 bytes.</summary>
    int SerializedSize { get; }

    /// <summary>Writes the chunk with its padding; returns <see cref="SerializedSize"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="SerializedSize"/>.</exception>
    int WriteTo(Span<byte> destination);
}

/// <summary>A chunk type that can be parsed from its bytes.</summary>
/// <typeparam name="TSelf">The chunk type.</typeparam>
public interface IChunkParser<TSelf> where TSelf : IChunk, allows ref struct
{
    /// <summary>The chunk type this parser reads.</summary>
    static abstract ChunkType ChunkType { get; }

    /// <summary>
    /// Parses a whole chunk: <paramref name="bytes"/> starts at the chunk header and is as long as the
    /// chunk length field (padding excluded), as <see cref="RawChunk.Bytes"/> gives it. Never throws and
    /// never reads past <paramref name="bytes"/>; on failure returns false with a typed error whose offset
    /// is relative to the chunk's first byte.
    /// </summary>
    static abstract bool TryParse(ReadOnlySpan<byte> bytes, out TSelf chunk, out ParseError error);
}
