namespace Sctp.Packet.Parameters;

/// <summary>
/// Supported Extensions (RFC 5061 section 4.2.7): in INIT or INIT ACK, the extension chunk types the
/// sender supports (for example RE-CONFIG, FORWARD TSN, I-DATA), one byte each.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc5061#section-4.2.7"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8008   |      Parameter Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | CHUNK TYPE 1  |  CHUNK TYPE 2 |  CHUNK TYPE 3 |  CHUNK TYPE 4 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | CHUNK TYPE N  |      PAD      |      PAD      |      PAD      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class SupportedExtensionsParameter : ChunkTypeListParameter
{
    /// <summary>Creates the parameter listing <paramref name="chunkTypes"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="chunkTypes"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many chunk types for one parameter.</exception>
    public SupportedExtensionsParameter(IEnumerable<ChunkType> chunkTypes)
        : base(chunkTypes, nameof(chunkTypes))
    {
    }

    private SupportedExtensionsParameter(ReadOnlySpan<byte> value)
        : base(value)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.SupportedExtensions;

    /// <summary>True when the sender lists <paramref name="chunkType"/> among the extensions it supports.</summary>
    public bool Supports(ChunkType chunkType) => ContainsType(chunkType);

    /// <summary>Parses the parameter; any value, even empty, is a list of chunk types. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out SupportedExtensionsParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryCheckHeader(bytes, ParameterType.SupportedExtensions, 0, out error))
        {
            return false;
        }

        parameter = new SupportedExtensionsParameter(bytes[RawTlv.HeaderSize..]);
        return true;
    }
}
