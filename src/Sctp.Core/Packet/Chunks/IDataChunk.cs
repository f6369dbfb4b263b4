using System.Buffers.Binary;
using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// I-DATA (RFC 8260 section 2.1): DATA with a 32-bit message identifier and a fragment sequence number,
/// so that fragments of messages on different streams can be interleaved. A view over borrowed bytes:
/// parsing allocates nothing, and <see cref="Payload"/> is a slice of the parsed input (or the span
/// given to the constructor).
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc8260#section-2.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 64   |  Res  |I|U|B|E|       Length = Variable       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                              TSN                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Stream Identifier      |           Reserved            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Message Identifier                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Payload Protocol Identifier / Fragment Sequence Number     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                           User Data                           /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The fifth word is the PPID when the B bit is set (the first fragment, whose FSN is 0 by definition)
/// and the FSN otherwise: <see cref="Ppid"/> is meaningful only when <see cref="IsBeginning"/>, and
/// <see cref="Fsn"/> only when not. The reserved 16 bits are written as zero and ignored on receipt, as
/// are the four reserved flag bits. An I-DATA chunk without user data is invalid, as for DATA.
/// </remarks>
public readonly ref struct IDataChunk : IChunk, IChunkParser<IDataChunk>
{
    /// <summary>The chunk header and the fixed fields (TSN, stream identifier, reserved, MID, PPID/FSN): 20 bytes.</summary>
    public const int HeaderSize = 20;

    /// <summary>The largest user data that fits the 16-bit length field: 65,515 bytes.</summary>
    public const int MaxPayloadLength = ushort.MaxValue - HeaderSize;

    private readonly uint _ppidOrFsn;

    /// <summary>Creates the first fragment of a message (B bit set), which carries the PPID. The payload is borrowed, not copied.</summary>
    /// <param name="tsn">The transmission sequence number.</param>
    /// <param name="streamId">The stream the message belongs to.</param>
    /// <param name="mid">The message identifier.</param>
    /// <param name="ppid">The payload protocol identifier.</param>
    /// <param name="payload">The user data: 1 to <see cref="MaxPayloadLength"/> bytes.</param>
    /// <param name="flags">The flags, which must include <see cref="DataChunkFlags.Beginning"/>; by default an unfragmented ordered message (B and E).</param>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is empty or too long, or <paramref name="flags"/> lacks the B bit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public IDataChunk(
        Tsn tsn,
        StreamId streamId,
        Mid mid,
        Ppid ppid,
        ReadOnlySpan<byte> payload,
        DataChunkFlags flags = DataChunkFlags.Beginning | DataChunkFlags.End)
    {
        ThrowIfInvalid(payload.Length, nameof(payload), flags, beginning: true);
        Tsn = tsn;
        StreamId = streamId;
        Mid = mid;
        _ppidOrFsn = ppid.Value;
        Flags = flags;
        Payload = payload;
    }

    /// <summary>Creates a later fragment of a message (B bit clear), which carries the FSN. The payload is borrowed, not copied.</summary>
    /// <param name="tsn">The transmission sequence number.</param>
    /// <param name="streamId">The stream the message belongs to.</param>
    /// <param name="mid">The message identifier.</param>
    /// <param name="fsn">The fragment sequence number (the first fragment is 0 and uses the other constructor).</param>
    /// <param name="payload">The user data: 1 to <see cref="MaxPayloadLength"/> bytes.</param>
    /// <param name="flags">The flags, which must not include <see cref="DataChunkFlags.Beginning"/>: E for the last fragment, U and I as needed.</param>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is empty or too long, or <paramref name="flags"/> has the B bit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public IDataChunk(Tsn tsn, StreamId streamId, Mid mid, Fsn fsn, ReadOnlySpan<byte> payload, DataChunkFlags flags)
    {
        ThrowIfInvalid(payload.Length, nameof(payload), flags, beginning: false);
        Tsn = tsn;
        StreamId = streamId;
        Mid = mid;
        _ppidOrFsn = fsn.Value;
        Flags = flags;
        Payload = payload;
    }

    // The parser's constructor: fields already validated.
    private IDataChunk(DataChunkFlags flags, Tsn tsn, StreamId streamId, Mid mid, uint ppidOrFsn, ReadOnlySpan<byte> payload)
    {
        Tsn = tsn;
        StreamId = streamId;
        Mid = mid;
        _ppidOrFsn = ppidOrFsn;
        Flags = flags;
        Payload = payload;
    }

    /// <summary>The transmission sequence number.</summary>
    public Tsn Tsn { get; }

    /// <summary>The stream identifier.</summary>
    public StreamId StreamId { get; }

    /// <summary>The message identifier (per stream, and per ordered or unordered delivery).</summary>
    public Mid Mid { get; }

    /// <summary>The payload protocol identifier when <see cref="IsBeginning"/>; <see cref="Ppid.Unspecified"/> otherwise (the field then holds the FSN).</summary>
    public Ppid Ppid => IsBeginning ? new Ppid(_ppidOrFsn) : Ppid.Unspecified;

    /// <summary>The fragment sequence number: 0 when <see cref="IsBeginning"/> (the first fragment, by definition), the field's value otherwise.</summary>
    public Fsn Fsn => IsBeginning ? default : new Fsn(_ppidOrFsn);

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
    public ChunkType Type => ChunkType.IData;

    static ChunkType IChunkParser<IDataChunk>.ChunkType => ChunkType.IData;

    /// <inheritdoc/>
    byte IChunk.Flags => (byte)Flags;

    /// <summary>The chunk length field: header and user data, padding excluded.</summary>
    public int Length => HeaderSize + Payload.Length;

    /// <inheritdoc/>
    public int SerializedSize => Wire.Pad4(HeaderSize + Payload.Length);

    /// <summary>The bytes an I-DATA chunk with <paramref name="payloadLength"/> bytes of user data takes in a packet, padding included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadLength"/> is negative.</exception>
    public static int GetSerializedSize(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return Wire.Pad4(HeaderSize + payloadLength);
    }

    /// <summary>
    /// Writes only the 20-byte header of a first fragment (B bit set, carrying the PPID) whose user data is
    /// <paramref name="payloadLength"/> bytes long; the caller copies the payload to
    /// <c>destination[HeaderSize..]</c> and zeroes the padding. Returns <see cref="HeaderSize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too short, the length is out of range, or <paramref name="flags"/> lacks the B bit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public static int WriteHeader(Span<byte> destination, int payloadLength, Tsn tsn, StreamId streamId, Mid mid, Ppid ppid, DataChunkFlags flags)
    {
        ThrowIfInvalid(payloadLength, nameof(payloadLength), flags, beginning: true);
        ThrowIfTooShortForHeader(destination);
        WriteHeaderUnchecked(destination, HeaderSize + payloadLength, tsn, streamId, mid, ppid.Value, flags);
        return HeaderSize;
    }

    /// <summary>
    /// Writes only the 20-byte header of a later fragment (B bit clear, carrying the FSN) whose user data is
    /// <paramref name="payloadLength"/> bytes long; the caller copies the payload to
    /// <c>destination[HeaderSize..]</c> and zeroes the padding. Returns <see cref="HeaderSize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too short, the length is out of range, or <paramref name="flags"/> has the B bit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has reserved bits set.</exception>
    public static int WriteHeader(Span<byte> destination, int payloadLength, Tsn tsn, StreamId streamId, Mid mid, Fsn fsn, DataChunkFlags flags)
    {
        ThrowIfInvalid(payloadLength, nameof(payloadLength), flags, beginning: false);
        ThrowIfTooShortForHeader(destination);
        WriteHeaderUnchecked(destination, HeaderSize + payloadLength, tsn, streamId, mid, fsn.Value, flags);
        return HeaderSize;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The chunk is <c>default</c>: it has no user data.</exception>
    public int WriteTo(Span<byte> destination)
    {
        var payload = Payload;
        if (payload.IsEmpty)
        {
            throw new InvalidOperationException("An I-DATA chunk needs user data (RFC 8260 section 2.1); this one is default.");
        }

        int length = HeaderSize + payload.Length;
        int size = Wire.Pad4(length);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the I-DATA chunk needs {size}.", nameof(destination));
        }

        WriteHeaderUnchecked(destination, length, Tsn, StreamId, Mid, _ppidOrFsn, Flags);
        payload.CopyTo(destination[HeaderSize..]);
        return Wire.WritePadding(destination, length);
    }

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    /// <remarks>
    /// Errors: <see cref="ParseErrorKind.LengthTooSmall"/> below 20 bytes, <see cref="ParseErrorKind.NoUserData"/>
    /// at exactly 20, and the framing errors of any chunk. The reserved field and reserved flag bits are ignored.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out IDataChunk chunk, out ParseError error)
    {
        chunk = default;
        if (!Chunk.TryCheckHeader(bytes, ChunkType.IData, HeaderSize - RawChunk.HeaderSize, out error))
        {
            return false;
        }

        if (bytes.Length == HeaderSize)
        {
            error = new ParseError(ParseErrorKind.NoUserData, 2, ChunkType.IData);
            return false;
        }

        chunk = new IDataChunk(
            DataChunkFlagsCodec.FromWire(bytes[1]),
            new Tsn(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..])),
            new StreamId(BinaryPrimitives.ReadUInt16BigEndian(bytes[8..])),
            new Mid(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..])),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]),
            bytes[HeaderSize..]);
        return true;
    }

    /// <summary>True when both chunks have the same fields (PPID or FSN included), flags and user data bytes.</summary>
    public bool ContentEquals(IDataChunk other) =>
        Tsn == other.Tsn
        && StreamId == other.StreamId
        && Mid == other.Mid
        && _ppidOrFsn == other._ppidOrFsn
        && Flags == other.Flags
        && Payload.SequenceEqual(other.Payload);

    /// <inheritdoc/>
    public override string ToString() =>
        IsBeginning
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"I-DATA(tsn={Tsn}, sid={StreamId}, mid={Mid}, ppid={Ppid}, flags={DataChunkFlagsCodec.ToLetters(Flags)}, bytes={Payload.Length})")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"I-DATA(tsn={Tsn}, sid={StreamId}, mid={Mid}, fsn={Fsn}, flags={DataChunkFlagsCodec.ToLetters(Flags)}, bytes={Payload.Length})");

    private static void WriteHeaderUnchecked(Span<byte> destination, int length, Tsn tsn, StreamId streamId, Mid mid, uint ppidOrFsn, DataChunkFlags flags)
    {
        destination[0] = (byte)ChunkType.IData;
        destination[1] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], tsn.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], streamId.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], mid.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], ppidOrFsn);
    }

    private static void ThrowIfTooShortForHeader(Span<byte> destination)
    {
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; an I-DATA header needs {HeaderSize}.", nameof(destination));
        }
    }

    private static void ThrowIfInvalid(int payloadLength, string payloadParamName, DataChunkFlags flags, bool beginning)
    {
        if (payloadLength < 1 || payloadLength > MaxPayloadLength)
        {
            throw new ArgumentException(
                payloadLength < 1
                    ? "An I-DATA chunk needs at least one byte of user data (RFC 8260 section 2.1)."
                    : $"{payloadLength} bytes of user data exceed the {MaxPayloadLength} an I-DATA chunk's 16-bit length allows.",
                payloadParamName);
        }

        DataChunkFlagsCodec.ThrowIfUndefined(flags, nameof(flags));
        if (((flags & DataChunkFlags.Beginning) != 0) != beginning)
        {
            throw new ArgumentException(
                beginning
                    ? "An I-DATA chunk carrying a PPID is a first fragment: its flags must include Beginning."
                    : "An I-DATA chunk carrying an FSN is not a first fragment: its flags must not include Beginning (the first fragment carries the PPID).",
                nameof(flags));
        }
    }
}
