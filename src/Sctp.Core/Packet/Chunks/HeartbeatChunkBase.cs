using System.Buffers.Binary;
using System.Globalization;
using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// The layout HEARTBEAT and HEARTBEAT ACK share (RFC 9260 sections 3.3.5 and 3.3.6): the value is one
/// Heartbeat Info parameter (type 1) whose contents only its sender interprets; the acknowledgement
/// carries it back unchanged.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.5"/>
/// The Heartbeat Info parameter:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Heartbeat Info Type = 1    |        HB Info Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                 Sender-Specific Heartbeat Info                /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Parsing requires the value to be a well-framed run of parameters whose first is Heartbeat Info.
/// Parameters after it are framing-checked and then ignored: the RFC defines none, nothing in them may be
/// acted on, and dropping a probe over them would only make path supervision fail. Writing always
/// produces the single Heartbeat Info parameter. An empty sender info is accepted: the RFC sets no
/// minimum and the info is opaque to the receiver.
/// </remarks>
public abstract class HeartbeatChunkBase : Chunk
{
    /// <summary>The most sender info a chunk can carry: the chunk and parameter headers take 8 bytes.</summary>
    public const int MaxInfoLength = ChunkSupport.MaxValueLength - RawTlv.HeaderSize;

    private const int InfoParameterOffset = RawChunk.HeaderSize;

    private readonly byte[] _info;

    /// <summary>Copies the sender info; see the derived constructors.</summary>
    private protected HeartbeatChunkBase(ReadOnlySpan<byte> info)
    {
        if (info.Length > MaxInfoLength)
        {
            throw new ArgumentException($"The heartbeat info has {info.Length} bytes; a chunk carries at most {MaxInfoLength}.", nameof(info));
        }

        _info = info.ToArray();
    }

    /// <summary>The sender-specific heartbeat info: the value of the Heartbeat Info parameter, unpadded.</summary>
    public ReadOnlyMemory<byte> Info => _info;

    /// <inheritdoc/>
    public sealed override int ValueLength => RawTlv.HeaderSize + _info.Length;

    /// <inheritdoc/>
    protected sealed override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)ParameterType.HeartbeatInfo);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(RawTlv.HeaderSize + _info.Length));
        _info.CopyTo(destination[RawTlv.HeaderSize..]);
    }

    /// <summary>The chunk's name in diagnostics.</summary>
    private protected abstract string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(info={_info.Length} bytes)");

    /// <summary>Builds a derived chunk from the sender info.</summary>
    private protected delegate T InfoFactory<T>(ReadOnlySpan<byte> info);

    /// <summary>
    /// Parses the shared layout for a derived parser; <paramref name="create"/> builds the chunk from the
    /// Heartbeat Info value.
    /// </summary>
    private protected static bool TryParseHeartbeat<T>(ReadOnlySpan<byte> bytes, ChunkType type, InfoFactory<T> create, out T chunk, out ParseError error)
        where T : HeartbeatChunkBase
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, type, RawTlv.HeaderSize, out error))
        {
            return false;
        }

        var reader = new TlvReader(bytes[InfoParameterOffset..], InfoParameterOffset);
        if (!reader.TryReadNext(out var info, out error))
        {
            error = error.InChunk(type);
            return false;
        }

        // RFC 9260 sections 3.3.5 and 3.3.6: the value is the Heartbeat Info parameter.
        if (info.Type != (ushort)ParameterType.HeartbeatInfo)
        {
            error = new ParseError(ParseErrorKind.InvalidField, info.Offset, type, info.Type);
            return false;
        }

        var infoValue = info.Value;
        while (reader.TryReadNext(out _, out error))
        {
        }

        if (error.IsError)
        {
            error = error.InChunk(type);
            return false;
        }

        chunk = create(infoValue);
        return true;
    }
}
