using System.Buffers.Binary;
using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// An INIT chunk (RFC 9260 section 3.3.2, drawn on <see cref="InitChunk"/>) read in place: its fixed
/// fields, and its parameters left as bytes to walk with a <see cref="TlvReader"/>. It accepts and refuses
/// exactly what <see cref="InitChunk.TryParse"/> does, with the same error, but allocates nothing, so that
/// a server can answer INITs without building objects for them (RFC 9260 section 5.1.3: the State Cookie
/// makes the answer stateless; an INIT flood should cost no memory either).
/// </summary>
public readonly ref struct InitChunkView
{
    private const int InitiateTagOffset = 4;
    private const int ReceiverWindowOffset = 8;
    private const int OutboundStreamsOffset = 12;
    private const int InboundStreamsOffset = 14;
    private const int InitialTsnOffset = 16;

    /// <summary>The offset of the first parameter from the start of the chunk.</summary>
    public const int ParametersOffset = 20;

    private InitChunkView(ReadOnlySpan<byte> bytes)
    {
        Bytes = bytes;
    }

    /// <summary>The chunk's bytes, header included, as long as its length field (padding excluded).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The sender's tag for the association. Never zero.</summary>
    public VerificationTag InitiateTag => new(BinaryPrimitives.ReadUInt32BigEndian(Bytes[InitiateTagOffset..]));

    /// <summary>The sender's receive window (a_rwnd), in bytes.</summary>
    public uint AdvertisedReceiverWindowCredit => BinaryPrimitives.ReadUInt32BigEndian(Bytes[ReceiverWindowOffset..]);

    /// <summary>The streams the sender wants to open (OS). Never zero.</summary>
    public ushort OutboundStreams => BinaryPrimitives.ReadUInt16BigEndian(Bytes[OutboundStreamsOffset..]);

    /// <summary>The most streams the sender accepts (MIS). Never zero.</summary>
    public ushort InboundStreams => BinaryPrimitives.ReadUInt16BigEndian(Bytes[InboundStreamsOffset..]);

    /// <summary>The TSN of the sender's first DATA or I-DATA chunk.</summary>
    public Tsn InitialTsn => new(BinaryPrimitives.ReadUInt32BigEndian(Bytes[InitialTsnOffset..]));

    /// <summary>The run of optional and variable-length parameters, each checked by <see cref="ParameterCodec.TryCheck"/>.</summary>
    public ReadOnlySpan<byte> Parameters => Bytes[ParametersOffset..];

    /// <summary>A reader over <see cref="Parameters"/>, with offsets from the start of the chunk.</summary>
    public TlvReader GetParameters() => new(Parameters, ParametersOffset);

    /// <summary>
    /// Reads an INIT chunk (its bytes as long as its length field) with the checks of
    /// <see cref="InitChunk.TryParse"/>: the header, a non-zero Initiate Tag and stream counts (RFC 9260
    /// section 3.3.2), and every parameter well formed. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out InitChunkView chunk, out ParseError error)
    {
        chunk = default;
        if (!Chunk.TryCheckHeader(bytes, ChunkType.Init, ParametersOffset - RawChunk.HeaderSize, out error))
        {
            return false;
        }

        // RFC 9260 section 3.3.2: a zero Initiate Tag, or zero outbound or inbound streams, make the INIT invalid.
        int invalidAt = BinaryPrimitives.ReadUInt32BigEndian(bytes[InitiateTagOffset..]) == 0 ? InitiateTagOffset
            : BinaryPrimitives.ReadUInt16BigEndian(bytes[OutboundStreamsOffset..]) == 0 ? OutboundStreamsOffset
            : BinaryPrimitives.ReadUInt16BigEndian(bytes[InboundStreamsOffset..]) == 0 ? InboundStreamsOffset
            : -1;
        if (invalidAt >= 0)
        {
            error = new ParseError(ParseErrorKind.InvalidField, invalidAt, ChunkType.Init);
            return false;
        }

        var reader = new TlvReader(bytes[ParametersOffset..], ParametersOffset);
        while (reader.TryReadNext(out var parameter, out error))
        {
            if (!ParameterCodec.TryCheck(parameter.Bytes, out var parameterError))
            {
                error = parameterError.Shift(parameter.Offset).InChunk(ChunkType.Init);
                return false;
            }
        }

        if (error.IsError)
        {
            error = error.InChunk(ChunkType.Init);
            return false;
        }

        chunk = new InitChunkView(bytes);
        return true;
    }
}
