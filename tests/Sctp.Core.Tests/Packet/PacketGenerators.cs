using System.Buffers.Binary;
using System.Net;
using CsCheck;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// One generated chunk, before it is written: a <see cref="Chunk"/> for the control chunks, the fields of
/// a DATA, I-DATA or SACK (whose ref structs cannot be kept in a list) for the data path.
/// </summary>
internal abstract record ChunkSpec
{
    /// <summary>Adds the chunk to <paramref name="writer"/>; false if it does not fit.</summary>
    public abstract bool TryAddTo(ref PacketWriter writer);

    /// <summary>Null when <paramref name="chunk"/> (a chunk's bytes, padding excluded) parses to this chunk; otherwise what differs.</summary>
    public abstract string? Compare(ReadOnlySpan<byte> chunk);
}

/// <summary>A control chunk.</summary>
internal sealed record ControlSpec(Chunk Chunk) : ChunkSpec
{
    public override bool TryAddTo(ref PacketWriter writer) => writer.TryAdd(Chunk);

    public override string? Compare(ReadOnlySpan<byte> chunk)
    {
        if (!ChunkCodec.TryParseControl(chunk, out var parsed, out var error))
        {
            return $"{Chunk} does not parse back: {error}";
        }

        return parsed.GetType() == Chunk.GetType() && parsed.Equals(Chunk) ? null : $"{Chunk} parsed as {parsed}";
    }

    public override string ToString() => Chunk.ToString() ?? Chunk.Type.ToString();
}

/// <summary>The fields of a DATA chunk.</summary>
internal sealed record DataSpec(uint Tsn, ushort StreamId, ushort Ssn, uint Ppid, DataChunkFlags Flags, byte[] Payload) : ChunkSpec
{
    public override bool TryAddTo(ref PacketWriter writer) => writer.TryAdd(Create());

    public override string? Compare(ReadOnlySpan<byte> chunk) =>
        DataChunk.TryParse(chunk, out var parsed, out var error)
            ? parsed.ContentEquals(Create()) ? null : $"{Create().ToString()} parsed as {parsed.ToString()}"
            : $"{Create().ToString()} does not parse back: {error}";

    public override string ToString() => Create().ToString();

    private DataChunk Create() => new(new Tsn(Tsn), new StreamId(StreamId), new Ssn(Ssn), new Ppid(Ppid), Payload, Flags);
}

/// <summary>The fields of an I-DATA chunk; the fifth word is the PPID when the B bit is set, the FSN otherwise.</summary>
internal sealed record IDataSpec(uint Tsn, ushort StreamId, uint Mid, uint PpidOrFsn, DataChunkFlags Flags, byte[] Payload) : ChunkSpec
{
    public override bool TryAddTo(ref PacketWriter writer) => writer.TryAdd(Create());

    public override string? Compare(ReadOnlySpan<byte> chunk) =>
        IDataChunk.TryParse(chunk, out var parsed, out var error)
            ? parsed.ContentEquals(Create()) ? null : $"{Create().ToString()} parsed as {parsed.ToString()}"
            : $"{Create().ToString()} does not parse back: {error}";

    public override string ToString() => Create().ToString();

    private IDataChunk Create() =>
        (Flags & DataChunkFlags.Beginning) != 0
            ? new(new Tsn(Tsn), new StreamId(StreamId), new Mid(Mid), new Ppid(PpidOrFsn), Payload, Flags)
            : new(new Tsn(Tsn), new StreamId(StreamId), new Mid(Mid), new Fsn(PpidOrFsn), Payload, Flags);
}

/// <summary>The fields of a SACK chunk.</summary>
internal sealed record SackSpec(uint CumulativeTsnAck, uint ReceiverWindow, GapAckBlock[] Gaps, Tsn[] Duplicates) : ChunkSpec
{
    public override bool TryAddTo(ref PacketWriter writer) => writer.TryAdd(Create());

    public override string? Compare(ReadOnlySpan<byte> chunk) =>
        SackChunk.TryParse(chunk, out var parsed, out var error)
            ? parsed.ContentEquals(Create()) ? null : $"{Create().ToString()} parsed as {parsed.ToString()}"
            : $"{Create().ToString()} does not parse back: {error}";

    public override string ToString() => Create().ToString();

    private SackChunk Create() => new(new Tsn(CumulativeTsnAck), ReceiverWindow, Gaps, Duplicates);
}

/// <summary>A generated packet: its header, the chunks that fitted, and its bytes as <see cref="PacketWriter"/> wrote them.</summary>
internal sealed record GeneratedPacket(CommonHeader Header, IReadOnlyList<ChunkSpec> Chunks, byte[] Bytes)
{
    public override string ToString() => $"{Header} [{string.Join(", ", Chunks)}] {Hex.Format(Bytes)}";
}

/// <summary>
/// CsCheck generators for every chunk type, every parameter and every error cause the codec knows, plus
/// raw (unknown) ones of the codes it does not interpret, and for whole packets written with
/// <see cref="PacketWriter"/>.
/// </summary>
internal static class PacketGenerators
{
    /// <summary>The largest packet generated: a typical path MTU less the IP and UDP headers.</summary>
    public const int MaxPacketSize = 1452;

    private static readonly Gen<byte[]> SmallBytes = Gen.Byte.Array[0, 24];
    private static readonly Gen<byte[]> NonEmptyBytes = Gen.Byte.Array[1, 40];
    private static readonly Gen<ReconfigRequestSequenceNumber> RequestNumber = Gen.UInt.Select(v => new ReconfigRequestSequenceNumber(v));
    private static readonly Gen<StreamId[]> Streams = Gen.UShort.Select(v => new StreamId(v)).Array[0, 6];
    private static readonly Gen<ChunkType[]> ChunkTypes = Gen.Byte.Select(b => (ChunkType)b).Array[0, 8];

    /// <summary>Parameter types no parser interprets (<see cref="ParameterCodec"/> keeps them as <see cref="UnknownParameter"/>).</summary>
    private static readonly Gen<ushort> UninterpretedParameterType = Gen.UShort.Where(IsUninterpretedParameter);

    /// <summary>Error cause codes no parser interprets (kept as <see cref="UnknownErrorCause"/>).</summary>
    private static readonly Gen<ushort> UninterpretedCauseCode = Gen.UShort.Where(IsUninterpretedCause);

    /// <summary>Chunk types no parser interprets (kept as <see cref="UnknownChunk"/>).</summary>
    private static readonly Gen<byte> UninterpretedChunkType = Gen.Byte.Where(IsUninterpretedChunk);

    /// <summary>Every kind of parameter except those that wrap another (see <see cref="Parameter"/>).</summary>
    public static readonly Gen<Parameter> SimpleParameter = Gen.OneOf(
        As(SmallBytes.Select(b => new HeartbeatInfoParameter(b))),
        As(Gen.Byte.Array[4].Select(b => new Ipv4AddressParameter(new IPAddress(b)))),
        As(Gen.Byte.Array[16].Select(b => new Ipv6AddressParameter(new IPAddress(b)))),
        As(SmallBytes.Select(b => new StateCookieParameter(b))),
        As(Gen.UInt.Select(v => new CookiePreservativeParameter(v))),
        As(Gen.Char['!', '~'].Array[1, 20].Select(c => new HostNameAddressParameter(new string(c)))),
        As(Gen.UShort.Select(v => (ParameterType)v).Array[0, 4].Select(t => new SupportedAddressTypesParameter(t))),
        As(Gen.Select(RequestNumber, RequestNumber, Gen.UInt, Streams, (req, resp, tsn, s) => new OutgoingSsnResetRequestParameter(req, resp, new Tsn(tsn), s))),
        As(Gen.Select(RequestNumber, Streams, (req, s) => new IncomingSsnResetRequestParameter(req, s))),
        As(RequestNumber.Select(req => new SsnTsnResetRequestParameter(req))),
        As(Gen.Select(RequestNumber, Gen.UInt[0, 6], (req, result) => new ReconfigurationResponseParameter(req, (ReconfigurationResult)result))),
        As(Gen.Select(RequestNumber, Gen.UInt[0, 6], Gen.UInt, Gen.UInt, (req, result, sender, receiver) =>
            new ReconfigurationResponseParameter(req, (ReconfigurationResult)result, new Tsn(sender), new Tsn(receiver)))),
        As(Gen.Select(RequestNumber, Gen.UShort, (req, n) => new AddOutgoingStreamsRequestParameter(req, n))),
        As(Gen.Select(RequestNumber, Gen.UShort, (req, n) => new AddIncomingStreamsRequestParameter(req, n))),
        As(Gen.Const(EcnCapableParameter.Instance)),
        As(Gen.UInt.Select(v => new ZeroChecksumAcceptableParameter(v))),
        As(SmallBytes.Select(b => new RandomParameter(b))),
        As(ChunkTypes.Select(t => new ChunkListParameter(t))),
        As(Gen.UShort.Select(v => (HmacIdentifier)v).Array[0, 4].Select(ids => new HmacAlgorithmParameter(ids))),
        As(Gen.Int[0, 24].Select(n => new PaddingParameter(n))),
        As(ChunkTypes.Select(t => new SupportedExtensionsParameter(t))),
        As(Gen.Const(ForwardTsnSupportedParameter.Instance)),
        As(Gen.UInt.Select(v => new AdaptationLayerIndicationParameter(v))),
        As(Gen.Select(UninterpretedParameterType, SmallBytes, (t, b) => new UnknownParameter((ParameterType)t, b))));

    /// <summary>Any parameter, including an Unrecognized Parameter wrapping another.</summary>
    public static readonly Gen<Parameter> Parameter = Gen.Frequency(
        (12, SimpleParameter),
        (1, As(SimpleParameter.Select(p => new UnrecognizedParameterParameter(p)))));

    /// <summary>Every kind of error cause.</summary>
    public static readonly Gen<ErrorCause> Cause = Gen.OneOf(
        AsCause(Gen.UShort.Select(v => new InvalidStreamIdentifierCause(new StreamId(v)))),
        AsCause(Gen.UShort.Select(v => (ParameterType)v).Array[0, 4].Select(t => new MissingMandatoryParameterCause(t))),
        AsCause(Gen.UInt.Select(v => new StaleCookieCause(v))),
        AsCause(Gen.Const(OutOfResourceCause.Instance)),
        AsCause(SimpleParameter.Select(p => new UnresolvableAddressCause(p))),
        AsCause(Gen.Byte.Array[4, 24].Select(b => new UnrecognizedChunkTypeCause(b))),
        AsCause(Gen.Const(InvalidMandatoryParameterCause.Instance)),
        AsCause(SimpleParameter.List[1, 3].Select(p => new UnrecognizedParametersCause(p))),
        AsCause(Gen.UInt.Select(v => new NoUserDataCause(new Tsn(v)))),
        AsCause(Gen.Const(CookieReceivedWhileShuttingDownCause.Instance)),
        AsCause(SimpleParameter.List[1, 3].Select(p => new RestartWithNewAddressesCause(p))),
        AsCause(SmallBytes.Select(b => new UserInitiatedAbortCause(b))),
        AsCause(SmallBytes.Select(b => new ProtocolViolationCause(b))),
        AsCause(SimpleParameter.Select(p => new DeleteLastRemainingAddressCause(p))),
        AsCause(SimpleParameter.Select(p => new ResourceShortageCause(p))),
        AsCause(SimpleParameter.Select(p => new DeleteSourceAddressCause(p))),
        AsCause(Gen.Const(IllegalAsconfAckCause.Instance)),
        AsCause(SimpleParameter.Select(p => new NoAuthorizationCause(p))),
        AsCause(Gen.UShort.Select(v => new UnsupportedHmacIdentifierCause(v))),
        AsCause(Gen.Select(UninterpretedCauseCode, SmallBytes, (c, b) => new UnknownErrorCause((ErrorCauseCode)c, b))));

    private static readonly Gen<DataChunkFlags> DataFlags = Gen.Int[0, 15].Select(f => (DataChunkFlags)f);

    /// <summary>Every chunk type: the data path, every control chunk, and raw chunks of uninterpreted types.</summary>
    public static readonly Gen<ChunkSpec> Chunk = Gen.OneOf(
        Gen.Select(Gen.UInt, Gen.UShort, Gen.UShort, Gen.UInt, DataFlags, Gen.Byte.Array[1, 64], (tsn, sid, ssn, ppid, flags, payload) =>
            (ChunkSpec)new DataSpec(tsn, sid, ssn, ppid, flags, payload)),
        Gen.Select(Gen.UInt, Gen.UShort, Gen.UInt, Gen.UInt, DataFlags, Gen.Byte.Array[1, 64], (tsn, sid, mid, word, flags, payload) =>
            (ChunkSpec)new IDataSpec(tsn, sid, mid, word, flags, payload)),
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Select(Gen.UShort, Gen.UShort, (s, e) => new GapAckBlock(s, e)).Array[0, 8], Gen.UInt.Select(v => new Tsn(v)).Array[0, 8], (cum, rwnd, gaps, dups) =>
            (ChunkSpec)new SackSpec(cum, rwnd, gaps, dups)),
        Control(Gen.Select(Gen.UInt[1, uint.MaxValue], Gen.UInt, Gen.UShort[1, ushort.MaxValue], Gen.UShort[1, ushort.MaxValue], Gen.UInt, Parameter.List[0, 6], (tag, rwnd, os, mis, tsn, p) =>
            new InitChunk(new VerificationTag(tag), rwnd, os, mis, new Tsn(tsn), p))),
        Control(Gen.Select(Gen.UInt[1, uint.MaxValue], Gen.UInt, Gen.UShort[1, ushort.MaxValue], Gen.UShort[1, ushort.MaxValue], Gen.UInt, Parameter.List[0, 6], (tag, rwnd, os, mis, tsn, p) =>
            new InitAckChunk(new VerificationTag(tag), rwnd, os, mis, new Tsn(tsn), p))),
        Control(Gen.Byte.Array[0, 48].Select(info => new HeartbeatChunk(info))),
        Control(Gen.Byte.Array[0, 48].Select(info => new HeartbeatAckChunk(info))),
        Control(Gen.Select(Gen.Bool, Cause.List[0, 4], (t, causes) => new AbortChunk(t, causes))),
        Control(Gen.UInt.Select(v => new ShutdownChunk(new Tsn(v)))),
        Control(Gen.Const(ShutdownAckChunk.Instance)),
        Control(Cause.List[1, 4].Select(causes => new ErrorChunk(causes))),
        Control(Gen.Byte.Array[1, 64].Select(cookie => new CookieEchoChunk(cookie))),
        Control(Gen.Const(CookieAckChunk.Instance)),
        Control(Gen.Bool.Select(ShutdownCompleteChunk.Get)),
        Control(Parameter.List[1, 2].Select(p => new ReConfigChunk(p))),
        Control(Gen.Select(Gen.UInt, Gen.Select(Gen.UShort, Gen.UShort, (s, n) => new ForwardTsnStream(new StreamId(s), new Ssn(n))).Array[0, 6], (tsn, s) =>
            new ForwardTsnChunk(new Tsn(tsn), s))),
        Control(Gen.Select(Gen.UInt, Gen.Select(Gen.UShort, Gen.Bool, Gen.UInt, (s, u, m) => new IForwardTsnStream(new StreamId(s), u, new Mid(m))).Array[0, 6], (tsn, s) =>
            new IForwardTsnChunk(new Tsn(tsn), s))),
        Control(Gen.Int[0, 40].Select(n => new PadChunk(n))),
        Control(Gen.Select(UninterpretedChunkType, Gen.Byte, SmallBytes, (t, f, b) => new UnknownChunk((ChunkType)t, f, b))));

    /// <summary>A common header: any ports and tag (the writer computes the checksum).</summary>
    public static readonly Gen<CommonHeader> Header =
        Gen.Select(Gen.UShort, Gen.UShort, Gen.UInt, (s, d, t) => new CommonHeader(s, d, new VerificationTag(t)));

    /// <summary>A valid packet: a header and 1 to 8 chunks, as many as fit in <see cref="MaxPacketSize"/>, written by <see cref="PacketWriter"/>.</summary>
    public static readonly Gen<GeneratedPacket> Packet = Gen.Select(Header, Chunk.Array[1, 8], Build);

    /// <summary>Writes <paramref name="chunks"/> into a packet, skipping those that do not fit (but always keeping one).</summary>
    public static GeneratedPacket Build(CommonHeader header, ChunkSpec[] chunks)
    {
        byte[] buffer = new byte[TypedChunks.MaxPacketSize];
        var writer = new PacketWriter(buffer.AsSpan(0, MaxPacketSize), header);
        var added = new List<ChunkSpec>();
        foreach (var chunk in chunks)
        {
            if (chunk.TryAddTo(ref writer))
            {
                added.Add(chunk);
            }
        }

        if (added.Count == 0)
        {
            // The first chunk alone was too big for the MTU: a packet of one chunk may be larger.
            writer = new PacketWriter(buffer, header);
            Assert.True(chunks[0].TryAddTo(ref writer));
            added.Add(chunks[0]);
        }

        int length = writer.Complete();
        return new GeneratedPacket(header, added, buffer.AsSpan(0, length).ToArray());
    }

    private static Gen<Parameter> As<T>(Gen<T> gen) where T : Parameter => gen.Select(p => (Parameter)p);

    private static Gen<ErrorCause> AsCause<T>(Gen<T> gen) where T : ErrorCause => gen.Select(c => (ErrorCause)c);

    private static Gen<ChunkSpec> Control<T>(Gen<T> gen) where T : Chunk => gen.Select(c => (ChunkSpec)new ControlSpec(c));

    private static bool IsUninterpretedParameter(ushort type)
    {
        Span<byte> bytes = [0, 0, 0, 4];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, type);
        return ParameterCodec.TryParse(bytes, out var parameter, out _) && parameter is UnknownParameter;
    }

    private static bool IsUninterpretedCause(ushort code)
    {
        Span<byte> bytes = [0, 0, 0, 4];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, code);
        return ErrorCauseCodec.TryParse(bytes, out var cause, out _) && cause is UnknownErrorCause;
    }

    private static bool IsUninterpretedChunk(byte type) =>
        (ChunkType)type is not (ChunkType.Data or ChunkType.IData or ChunkType.Sack)
        && ChunkCodec.TryParseControl([type, 0, 0, 4], out var chunk, out _)
        && chunk is UnknownChunk;
}
