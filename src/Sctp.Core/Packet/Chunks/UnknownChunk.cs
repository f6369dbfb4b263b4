namespace Sctp.Packet.Chunks;

/// <summary>
/// A chunk kept as its raw type, flags and value: any type this codec does not interpret (ECNE, CWR,
/// AUTH, ASCONF, ASCONF-ACK, NR-SACK, PKTDROP and unknown types). The association applies the rule of
/// the type's upper two bits to it (RFC 9260 section 3.2).
/// </summary>
public sealed class UnknownChunk : Chunk, IChunkParser<UnknownChunk>
{
    private readonly byte[] _value;

    /// <summary>Creates a raw chunk.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than the 65,531 bytes a chunk length field allows.</exception>
    public UnknownChunk(ChunkType type, byte flags, ReadOnlySpan<byte> value)
    {
        ChunkSupport.EnsureValueFits(value.Length, nameof(value));
        Type = type;
        Flags = flags;
        _value = value.ToArray();
    }

    /// <inheritdoc/>
    public override ChunkType Type { get; }

    /// <inheritdoc/>
    public override byte Flags { get; }

    /// <summary>The chunk value, unpadded.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <inheritdoc/>
    public override int ValueLength => _value.Length;

    /// <summary>Not meaningful for raw chunks, which take any type; reported as the chunk's own type by <see cref="TryParse"/>.</summary>
    static ChunkType IChunkParser<UnknownChunk>.ChunkType => (ChunkType)255;

    /// <summary>Keeps any well-framed chunk as raw bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnknownChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (bytes.Length < RawChunk.HeaderSize)
        {
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        if (!TryCheckHeader(bytes, (ChunkType)bytes[0], 0, out error))
        {
            return false;
        }

        chunk = new UnknownChunk((ChunkType)bytes[0], bytes[1], bytes[RawChunk.HeaderSize..]);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => _value.CopyTo(destination);
}
