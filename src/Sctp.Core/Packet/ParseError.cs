using System.Globalization;

namespace Sctp.Packet;

/// <summary>Why a packet, chunk, parameter or error cause could not be parsed.</summary>
public enum ParseErrorKind
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Fewer bytes than the fixed part of the structure.</summary>
    Truncated,
    /// <summary>A length field smaller than the structure's minimum (this also stops a zero length from looping).</summary>
    LengthTooSmall,
    /// <summary>A length field larger than the bytes that remain.</summary>
    LengthExceedsBuffer,
    /// <summary>A length that is not the one the structure's type requires.</summary>
    InvalidLength,
    /// <summary>A chunk whose padding runs past the end of the packet (RFC 9260 section 3.2: every chunk is padded to 4 bytes).</summary>
    MissingPadding,
    /// <summary>The CRC32c in the common header does not match the packet (RFC 9260 section 6.8).</summary>
    BadChecksum,
    /// <summary>A DATA or I-DATA chunk with no user data (RFC 9260 section 6.2: answered with ABORT "No User Data").</summary>
    NoUserData,
    /// <summary>A field whose value the RFC forbids (for example a zero initiate tag or zero stream counts in INIT).</summary>
    InvalidField,
    /// <summary>Counts (gap blocks, duplicate TSNs, stream entries) that do not fit in the chunk's length.</summary>
    CountMismatch,
    /// <summary>The bytes are of another type than the parser expects.</summary>
    UnexpectedType,
    /// <summary>The packet has no chunks.</summary>
    NoChunks,
}

/// <summary>
/// A typed parse error: what went wrong, at which byte offset (relative to the span handed to the parser
/// that reported it, moved to the packet's origin by packet-level parsers), in which chunk, and for which
/// parameter or error cause type.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Offset">The byte offset of the structure (or field) at fault.</param>
/// <param name="Chunk">The type of the chunk being parsed, when known.</param>
/// <param name="ItemType">The parameter type or error cause code being parsed, when it is one.</param>
public readonly record struct ParseError(ParseErrorKind Kind, int Offset = 0, ChunkType? Chunk = null, ushort? ItemType = null)
{
    /// <summary>No error.</summary>
    public static ParseError None => default;

    /// <summary>True when this is an actual error.</summary>
    public bool IsError => Kind != ParseErrorKind.None;

    /// <summary>The same error with its offset moved by <paramref name="delta"/>.</summary>
    public ParseError Shift(int delta) => this with { Offset = Offset + delta };

    /// <summary>The same error, attributed to <paramref name="chunk"/> unless it already names a chunk.</summary>
    public ParseError InChunk(ChunkType chunk) => Chunk is null ? this with { Chunk = chunk } : this;

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!IsError)
        {
            return "no error";
        }

        string where = Chunk is { } c ? $" in {c} chunk" : string.Empty;
        string item = ItemType is { } t ? string.Create(CultureInfo.InvariantCulture, $" (type 0x{t:x4})") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{Kind}{where}{item} at offset {Offset}");
    }
}
