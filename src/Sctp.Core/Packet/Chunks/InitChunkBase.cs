using System.Buffers.Binary;
using System.Globalization;
using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// The layout INIT and INIT ACK share (RFC 9260 sections 3.3.2 and 3.3.3): a fixed part describing the
/// sender's side of the association, then a run of optional or variable-length parameters.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2"/>
/// The layout is drawn on <see cref="InitChunk"/> and <see cref="InitAckChunk"/>. The parser checks the
/// framing of the parameters and the fields the RFC forbids to be zero. Whether mandatory parameters are
/// present (the State Cookie of INIT ACK) and what to do with unrecognized ones is left to the
/// association, which answers those cases with specific error causes.
/// </remarks>
public abstract class InitChunkBase : Chunk
{
    /// <summary>The bytes of the fixed part that follows the chunk header.</summary>
    private const int FixedValueLength = 16;

    private const int InitiateTagOffset = 4;
    private const int ReceiverWindowOffset = 8;
    private const int OutboundStreamsOffset = 12;
    private const int InboundStreamsOffset = 14;
    private const int InitialTsnOffset = 16;
    private const int ParametersOffset = RawChunk.HeaderSize + FixedValueLength;

    private readonly Parameter[] _parameters;
    private readonly int _parametersLength;

    /// <summary>Validates and stores the fields; see the derived constructors.</summary>
    private protected InitChunkBase(
        VerificationTag initiateTag,
        uint advertisedReceiverWindowCredit,
        ushort outboundStreams,
        ushort inboundStreams,
        Tsn initialTsn,
        IEnumerable<Parameter>? parameters)
    {
        // RFC 9260 sections 3.3.2 and 3.3.3: the Initiate Tag and both stream counts are never zero.
        if (initiateTag.Value == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initiateTag), initiateTag, "The Initiate Tag must not be zero (RFC 9260 sections 3.3.2 and 3.3.3).");
        }

        if (outboundStreams == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outboundStreams), outboundStreams, "The number of outbound streams must not be zero (RFC 9260 sections 3.3.2 and 3.3.3).");
        }

        if (inboundStreams == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inboundStreams), inboundStreams, "The number of inbound streams must not be zero (RFC 9260 sections 3.3.2 and 3.3.3).");
        }

        _parameters = ChunkSupport.CopyItems(parameters, nameof(parameters));
        _parametersLength = TlvItem.GetListLength(_parameters);
        ChunkSupport.EnsureValueFits(FixedValueLength + _parametersLength, nameof(parameters));

        InitiateTag = initiateTag;
        AdvertisedReceiverWindowCredit = advertisedReceiverWindowCredit;
        OutboundStreams = outboundStreams;
        InboundStreams = inboundStreams;
        InitialTsn = initialTsn;
    }

    /// <summary>
    /// The tag the sender chose for this association: the receiver puts it in the common header of every
    /// packet it sends back. Never zero.
    /// </summary>
    public VerificationTag InitiateTag { get; }

    /// <summary>The receive buffer space, in bytes, the sender has reserved for this association (a_rwnd).</summary>
    public uint AdvertisedReceiverWindowCredit { get; }

    /// <summary>The number of streams the sender wants to open towards the receiver (OS). Never zero.</summary>
    public ushort OutboundStreams { get; }

    /// <summary>The largest number of streams the sender allows the receiver to open towards it (MIS). Never zero.</summary>
    public ushort InboundStreams { get; }

    /// <summary>The TSN the sender will give its first DATA or I-DATA chunk.</summary>
    public Tsn InitialTsn { get; }

    /// <summary>The optional and variable-length parameters, in wire order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public sealed override int ValueLength => FixedValueLength + _parametersLength;

    /// <summary>The first parameter of type <typeparamref name="T"/>, or null when there is none.</summary>
    public T? GetParameter<T>() where T : Parameter => ChunkSupport.FirstOfType<T>(_parameters);

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(AtChunkOffset(destination, InitiateTagOffset), InitiateTag.Value);
        BinaryPrimitives.WriteUInt32BigEndian(AtChunkOffset(destination, ReceiverWindowOffset), AdvertisedReceiverWindowCredit);
        BinaryPrimitives.WriteUInt16BigEndian(AtChunkOffset(destination, OutboundStreamsOffset), OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(AtChunkOffset(destination, InboundStreamsOffset), InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(AtChunkOffset(destination, InitialTsnOffset), InitialTsn.Value);
        TlvItem.WriteList(AtChunkOffset(destination, ParametersOffset), _parameters);
    }

    /// <summary>The field offsets count from the chunk header; the value span starts after it.</summary>
    private static Span<byte> AtChunkOffset(Span<byte> value, int chunkOffset) => value[(chunkOffset - RawChunk.HeaderSize)..];

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}(tag={InitiateTag}, a_rwnd={AdvertisedReceiverWindowCredit}, os={OutboundStreams}, mis={InboundStreams}, tsn={InitialTsn}, parameters={_parameters.Length})");

    /// <summary>The chunk's name in diagnostics.</summary>
    private protected abstract string Name { get; }

    /// <summary>
    /// Parses the shared layout for a derived parser: header, fixed fields and their RFC 9260 section
    /// 3.3.2/3.3.3 rules, and the parameters; <paramref name="create"/> builds the chunk from them.
    /// </summary>
    private protected static bool TryParseInit<T>(
        ReadOnlySpan<byte> bytes,
        ChunkType type,
        Func<VerificationTag, uint, ushort, ushort, Tsn, IReadOnlyList<Parameter>, T> create,
        out T chunk,
        out ParseError error)
        where T : InitChunkBase
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, type, FixedValueLength, out error))
        {
            return false;
        }

        var initiateTag = new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(bytes[InitiateTagOffset..]));
        uint receiverWindow = BinaryPrimitives.ReadUInt32BigEndian(bytes[ReceiverWindowOffset..]);
        ushort outboundStreams = BinaryPrimitives.ReadUInt16BigEndian(bytes[OutboundStreamsOffset..]);
        ushort inboundStreams = BinaryPrimitives.ReadUInt16BigEndian(bytes[InboundStreamsOffset..]);
        var initialTsn = new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[InitialTsnOffset..]));

        // RFC 9260 section 3.3.2 (INIT: discard the packet) and 3.3.3 (INIT ACK: destroy the association):
        // a zero Initiate Tag is never valid.
        if (initiateTag.Value == 0)
        {
            error = new ParseError(ParseErrorKind.InvalidField, InitiateTagOffset, type);
            return false;
        }

        // RFC 9260 sections 3.3.2 and 3.3.3: zero outbound or inbound streams make the chunk invalid.
        if (outboundStreams == 0)
        {
            error = new ParseError(ParseErrorKind.InvalidField, OutboundStreamsOffset, type);
            return false;
        }

        if (inboundStreams == 0)
        {
            error = new ParseError(ParseErrorKind.InvalidField, InboundStreamsOffset, type);
            return false;
        }

        if (!ParameterCodec.TryParseList(bytes[ParametersOffset..], ParametersOffset, out var parameters, out error))
        {
            error = error.InChunk(type);
            return false;
        }

        chunk = create(initiateTag, receiverWindow, outboundStreams, inboundStreams, initialTsn, parameters);
        return true;
    }
}
