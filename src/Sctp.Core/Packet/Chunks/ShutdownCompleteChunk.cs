namespace Sctp.Packet.Chunks;

/// <summary>
/// SHUTDOWN COMPLETE (RFC 9260 section 3.3.13): the last chunk of a graceful close, acknowledging a
/// SHUTDOWN ACK.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.13"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 14   |  Reserved   |T|          Length = 4           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reserved flag bits are written as zero and ignored when parsing; a value, which the RFC does not
/// define, is ignored rather than rejected.
/// </remarks>
public sealed class ShutdownCompleteChunk : Chunk, IChunkParser<ShutdownCompleteChunk>
{
    private ShutdownCompleteChunk(bool tagReflected) => TagReflected = tagReflected;

    /// <summary>The SHUTDOWN COMPLETE of an endpoint that knows the peer's tag (T bit clear).</summary>
    public static ShutdownCompleteChunk Instance { get; } = new(false);

    /// <summary>The SHUTDOWN COMPLETE of an endpoint without association state, reflecting the tag it received (T bit set).</summary>
    public static ShutdownCompleteChunk Reflected { get; } = new(true);

    /// <summary>
    /// The T bit (RFC 9260 sections 3.3.13 and 8.5.1). False: the packet carries the verification tag the
    /// peer expects. True: the sender had no association state (it answers a stray SHUTDOWN ACK, section
    /// 8.4) and reflected the tag of the packet it answers instead.
    /// </summary>
    public bool TagReflected { get; }

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.ShutdownComplete;

    /// <inheritdoc/>
    public override byte Flags => TagReflected ? ChunkSupport.TagReflectedFlag : (byte)0;

    static ChunkType IChunkParser<ShutdownCompleteChunk>.ChunkType => ChunkType.ShutdownComplete;

    /// <inheritdoc/>
    public override int ValueLength => 0;

    /// <summary>The SHUTDOWN COMPLETE with the given T bit.</summary>
    public static ShutdownCompleteChunk Get(bool tagReflected) => tagReflected ? Reflected : Instance;

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ShutdownCompleteChunk chunk, out ParseError error)
    {
        bool ok = TryCheckHeader(bytes, ChunkType.ShutdownComplete, 0, out error);
        chunk = ok ? Get((bytes[1] & ChunkSupport.TagReflectedFlag) != 0) : null!;
        return ok;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => TagReflected ? "SHUTDOWN-COMPLETE(T)" : "SHUTDOWN-COMPLETE";
}
