using System.Buffers.Binary;
using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// DATA (RFC 9260 section 3.3.1): one fragment (or the whole) of a user message. A view over borrowed
/// bytes: parsing allocates nothing, and <see cref="Payload"/> is a slice of the parsed input (or the
/// span given to the constructor), valid only as long as that memory is.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 0    |  Res  |I|U|B|E|            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                              TSN                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Stream Identifier S      |   Stream Sequence Number n    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Payload Protocol Identifier                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                 User Data (seq n of Stream S)                 /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The length field counts the 16-byte header and the user data, not the padding. A DATA chunk
/// without user data is invalid (section 6.2: the receiver answers it with ABORT "No User Data"), so
/// the constructor refuses an empty payload and <see cref="TryParse"/> reports
/// <see cref="ParseErrorKind.NoUserData"/>. The four reserved flag bits are written as zero and dropped
/// on receipt.
/// </remarks>
public readonly ref struct DataChunk : IChunk, IChunkParser<DataChunk>
{
    /// <summary>The chunk header and the fixed fields (TSN, stream identifier, SSN, PPID): 16 bytes.</summary>
    public const int HeaderSize = 16;

    /// <summary>The largest user data that fits the 16-bit length field: 65,519 bytes.</summary>
    public const int MaxPayloadLength = ushort.MaxValue - HeaderSize;

    /// <summary>Creates a DATA chunk over <paramref name="payload"/> (borrowed, not copied).</summary>
    /// <param name="tsn">The transmission sequence number.</param>
    /// <param name="streamId">The stream the message belongs to.</param>
    /// <param name="ssn">The stream sequence number (ignored by the receiver when <see cref="DataChunkFlags.Unordered"/> is set).</param>
    /// <param name="ppid">The payload protocol identifier.</param>
    /// <param name="payload">The user data: 1 to <see cref="MaxPayloadLength"/> bytes.</param>
    /// <param name="flags">The flags; by default an unfragmented ordered message (B and E).</param>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is empty or too long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public DataChunk(
        Tsn tsn,
        StreamId streamId,
        Ssn ssn,
        Ppid ppid,
        ReadOnlySpan<byte> payload,
        DataChunkFlags flags = DataChunkFlags.Beginning | DataChunkFlags.End)
    {
        ThrowIfInvalidPayloadLength(payload.Length, nameof(payload));
        DataChunkFlagsCodec.ThrowIfUndefined(flags, nameof(flags));
        Tsn = tsn;
        StreamId = streamId;
        Ssn = ssn;
        Ppid = ppid;
        Flags = flags;
        Payload = payload;
    }

    // The parser's constructor: fields already validated.
    private DataChunk(DataChunkFlags flags, Tsn tsn, StreamId streamId, Ssn ssn, Ppid ppid, ReadOnlySpan<byte> payload)
    {
        Tsn = tsn;
        StreamId = streamId;
        Ssn = ssn;
        Ppid = ppid;
        Flags = flags;
        Payload = payload;
    }

    /// <summary>The transmission sequence number.</summary>
    public Tsn Tsn { get; }

    /// <summary>The stream identifier.</summary>
    public StreamId StreamId { get; }

    /// <summary>The stream sequence number (meaningless when <see cref="IsUnordered"/>).</summary>
    public Ssn Ssn { get; }

    /// <summary>The payload protocol identifier.</summary>
    public Ppid Ppid { get; }

    /// <summary>The I, U, B and E flags (reserved bits are never set).</summary>
    public DataChunkFlags Flags { get; }

    /// <summary>The user data, a slice of the parsed input or of the constructor's span.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The U bit: an unordered message.</summary>
    public bool IsUnordered => (Flags & DataChunkFlags.Unordered) != 0;

    /// <summary>The B bit: the first fragment of a message.</summary>
    public bool IsBeginning => (Flags & DataChunkFlags.Beginning) != 0;

    /// <summary>The E bit: the last fragment of a message.</summary>
    public bool IsEnding => (Flags & DataChunkFlags.End) != 0;

    /// <summary>The I bit: the sender asks for an immediate SACK (RFC 7053).</summary>
    public bool IsImmediate => (Flags & DataChunkFlags.Immediate) != 0;

    /// <inheritdoc/>
    public ChunkType Type => ChunkType.Data;

    static ChunkType IChunkParser<DataChunk>.ChunkType => ChunkType.Data;

    /// <inheritdoc/>
    byte IChunk.Flags => (byte)Flags;

    /// <summary>The chunk length field: header and user data, padding excluded.</summary>
    public int Length => HeaderSize + Payload.Length;

    /// <inheritdoc/>
    public int SerializedSize => Wire.Pad4(HeaderSize + Payload.Length);

    /// <summary>The bytes a DATA chunk with <paramref name="payloadLength"/> bytes of user data takes in a packet, padding included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative.</exception>
    public static int GetSerializedSize(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return Wire.Pad4(HeaderSize + payloadLength);
    }

    /// <summary>
    /// Writes only the 16-byte header of a DATA chunk whose user data is <paramref name="payloadLength"/>
    /// bytes long, so that a sender can copy the payload itself to <c>destination[HeaderSize..]</c> and
    /// then zero the padding (<see cref="Wire.WritePadding"/> with the length <c>HeaderSize + payloadLength</c>).
    /// Returns <see cref="HeaderSize"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="HeaderSize"/>, or <paramref name="payloadLength"/> is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public static int WriteHeader(Span<byte> destination, int payloadLength, Tsn tsn, StreamId streamId, Ssn ssn, Ppid ppid, DataChunkFlags flags)
    {
        ThrowIfInvalidPayloadLength(payloadLength, nameof(payloadLength));
        DataChunkFlagsCodec.ThrowIfUndefined(flags, nameof(flags));
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; a DATA header needs {HeaderSize}.", nameof(destination));
        }

        WriteHeaderUnchecked(destination, HeaderSize + payloadLength, tsn, streamId, ssn, ppid, flags);
        return HeaderSize;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The chunk is <c>default</c>: it has no user data.</exception>
    public int WriteTo(Span<byte> destination)
    {
        var payload = Payload;
        if (payload.IsEmpty)
        {
            throw new InvalidOperationException("A DATA chunk needs user data (RFC 9260 section 3.3.1); this one is default.");
        }

        int length = HeaderSize + payload.Length;
        int size = Wire.Pad4(length);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the DATA chunk needs {size}.", nameof(destination));
        }

        WriteHeaderUnchecked(destination, length, Tsn, StreamId, Ssn, Ppid, Flags);
        payload.CopyTo(destination[HeaderSize..]);
        return Wire.WritePadding(destination, length);
    }

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>
    /// Errors: <see cref="ParseErrorKind.LengthTooSmall"/> below 16 bytes, <see cref="ParseErrorKind.NoUserData"/>
    /// at exactly 16, and the framing errors of any chunk. Reserved flag bits are dropped.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out DataChunk chunk, out ParseError error)
    {
        chunk = default;
        if (!Chunk.TryCheckHeader(bytes, ChunkType.Data, HeaderSize - RawChunk.HeaderSize, out error))
        {
            return false;
        }

        if (bytes.Length == HeaderSize)
        {
            error = new ParseError(ParseErrorKind.NoUserData, 2, ChunkType.Data);
            return false;
        }

        chunk = new DataChunk(
            DataChunkFlagsCodec.FromWire(bytes[1]),
            new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..])),
            new StreamId(BinaryPrimitives.ReadUInt16BigEndian(bytes[8..])),
            new Ssn(BinaryPrimitives.ReadUInt16BigEndian(bytes[10..])),
            new Ppid(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..])),
            bytes[HeaderSize..]);
        return true;
    }

    /// <summary>True when both chunks have the same fields, flags and user data bytes.</summary>
    public bool ContentEquals(DataChunk other) =>
        Tsn == other.Tsn
        && StreamId == other.StreamId
        && Ssn == other.Ssn
        && Ppid == other.Ppid
        && Flags == other.Flags
        && Payload.SequenceEqual(other.Payload);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DATA(tsn={Tsn}, sid={StreamId}, ssn={Ssn}, ppid={Ppid}, flags={DataChunkFlagsCodec.ToLetters(Flags)}, bytes={Payload.Length})");

    private static void WriteHeaderUnchecked(Span<byte> destination, int length, Tsn tsn, StreamId streamId, Ssn ssn, Ppid ppid, DataChunkFlags flags)
    {
        destination[0] = (byte)ChunkType.Data;
        destination[1] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], tsn.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], streamId.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], ssn.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], ppid.Value);
    }

    private static void ThrowIfInvalidPayloadLength(int length, string paramName)
    {
        if (length < 1 || length > MaxPayloadLength)
        {
            throw new ArgumentException(
                length < 1
                    ? "A DATA chunk needs at least one byte of user data (RFC 9260 section 3.3.1)."
                    : $"{length} bytes of user data exceed the {MaxPayloadLength} a DATA chunk's 16-bit length allows.",
                paramName);
        }
    }
}
