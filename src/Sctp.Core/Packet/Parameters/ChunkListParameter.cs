namespace Sctp.Packet.Parameters;

/// <summary>
/// Chunk List (RFC 4895 section 3.2): the chunk types the sender wants to receive only inside an AUTH
/// chunk. This implementation does not do SCTP-AUTH; it parses the parameter so that it can skip it
/// knowingly.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4895#section-3.2"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8003   |       Parameter Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Chunk Type 1  | Chunk Type 2  | Chunk Type 3  | Chunk Type 4  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                                                               /
/// \                              ...                              \
/// /                                                               /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Chunk Type n  |                   Padding                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// RFC 4895 section 3.2 tells the receiver to ignore INIT, INIT ACK, SHUTDOWN COMPLETE and AUTH if they
/// are listed, so the codec keeps them rather than rejecting the parameter.
/// </remarks>
public sealed class ChunkListParameter : ChunkTypeListParameter
{
    /// <summary>Creates the parameter listing <paramref name="chunkTypes"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="chunkTypes"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many chunk types for one parameter.</exception>
    public ChunkListParameter(IEnumerable<ChunkType> chunkTypes)
        : base(chunkTypes, nameof(chunkTypes))
    {
    }

    private ChunkListParameter(ReadOnlySpan<byte> value)
        : base(value)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.ChunkList;

    /// <summary>True when the sender asks for <paramref name="chunkType"/> to be authenticated.</summary>
    public bool RequiresAuthentication(ChunkType chunkType) => ContainsType(chunkType);

    /// <summary>Parses the parameter; any value, even empty, is a list of chunk types. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ChunkListParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.ChunkList, 0, out error))
        {
            return false;
        }

        parameter = new ChunkListParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
