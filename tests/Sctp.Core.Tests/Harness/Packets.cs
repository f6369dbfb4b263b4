using System.Buffers.Binary;
using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Harness;

/// <summary>
/// Hand-made packets for tests that play a peer, and readers for the packets an endpoint sends: a packet
/// is built from serialized chunks and stamped with its CRC32c; chunks are read back with the codec.
/// </summary>
public static class Packets
{
    /// <summary>A packet with <paramref name="tag"/> from <paramref name="sourcePort"/> to <paramref name="destinationPort"/> carrying <paramref name="chunks"/> (each already serialized and padded), CRC stamped.</summary>
    public static byte[] Build(ushort sourcePort, ushort destinationPort, VerificationTag tag, params byte[][] chunks)
    {
        byte[] packet = new byte[CommonHeader.Size + chunks.Sum(c => c.Length)];
        new CommonHeader(sourcePort, destinationPort, tag).WriteTo(packet);
        int offset = CommonHeader.Size;
        foreach (byte[] chunk in chunks)
        {
            chunk.CopyTo(packet, offset);
            offset += chunk.Length;
        }

        Crc32c.Stamp(packet);
        return packet;
    }

    /// <summary>A packet from the pair's client to its server (ports 6000 to 5000).</summary>
    public static byte[] FromClient(VerificationTag tag, params byte[][] chunks) => Build(AssociationPair.ClientPort, AssociationPair.ServerPort, tag, chunks);

    /// <summary>A packet from the pair's server to its client (ports 5000 to 6000).</summary>
    public static byte[] FromServer(VerificationTag tag, params byte[][] chunks) => Build(AssociationPair.ServerPort, AssociationPair.ClientPort, tag, chunks);

    /// <summary>The serialized bytes of <paramref name="chunk"/>, padded.</summary>
    public static byte[] Bytes(Chunk chunk) => chunk.ToArray();

    /// <summary>A single-fragment, ordered DATA chunk, serialized.</summary>
    public static byte[] Data(Tsn tsn, ushort stream, ushort ssn, ReadOnlySpan<byte> payload, uint ppid = 0)
    {
        var data = new DataChunk(tsn, new StreamId(stream), new Ssn(ssn), new Ppid(ppid), payload);
        byte[] bytes = new byte[data.SerializedSize];
        data.WriteTo(bytes);
        return bytes;
    }

    /// <summary>A SACK with no gap blocks, serialized.</summary>
    public static byte[] Sack(Tsn cumulativeTsnAck, uint window = 65536)
    {
        var sack = new SackChunk(cumulativeTsnAck, window);
        byte[] bytes = new byte[sack.SerializedSize];
        sack.WriteTo(bytes);
        return bytes;
    }

    /// <summary>An INIT with the given tag and the default settings' counts, serialized.</summary>
    public static byte[] Init(uint initiateTag, params IEnumerable<Parameter> parameters) =>
        Bytes(new InitChunk(new VerificationTag(initiateTag), 1024 * 1024, 10, 10, new Tsn(1000), parameters));

    /// <summary>The common header of <paramref name="packet"/>.</summary>
    public static CommonHeader Header(byte[] packet)
    {
        Assert.True(CommonHeader.TryRead(packet, out var header));
        return header;
    }

    /// <summary>The chunks of <paramref name="packet"/>, parsed (DATA and SACK, which the control codec does not parse, as <see cref="UnknownChunk"/>).</summary>
    public static List<Chunk> Chunks(byte[] packet)
    {
        var chunks = new List<Chunk>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            if (raw.Type is ChunkType.Data or ChunkType.IData or ChunkType.Sack)
            {
                chunks.Add(new UnknownChunk(raw.Type, raw.Flags, raw.Value));
                continue;
            }

            Assert.True(ChunkCodec.TryParseControl(raw.Bytes, out var chunk, out var error), $"{raw.Type}: {error}");
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>The first chunk of type <typeparamref name="T"/> in <paramref name="packet"/>; fails the test when there is none.</summary>
    public static T Single<T>(byte[] packet) where T : Chunk
    {
        var found = Chunks(packet).OfType<T>().ToList();
        Assert.True(found.Count == 1, $"Expected one {typeof(T).Name} in [{string.Join(", ", Chunks(packet))}].");
        return found[0];
    }

    /// <summary>The flags byte of the chunk at <paramref name="index"/>.</summary>
    public static byte Flags(byte[] packet, int index = 0)
    {
        var reader = SctpPacket.GetChunks(packet);
        for (int i = 0; reader.TryReadNext(out var raw, out _); i++)
        {
            if (i == index)
            {
                return raw.Flags;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>The chunk types of <paramref name="packet"/>, in order.</summary>
    public static List<ChunkType> Types(byte[] packet)
    {
        var types = new List<ChunkType>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            types.Add(raw.Type);
        }

        return types;
    }

    /// <summary>Takes every stateless reply <paramref name="endpoint"/> has queued.</summary>
    public static List<(byte[] Packet, IPEndPoint Destination)> Drain(Endpoint endpoint)
    {
        var replies = new List<(byte[], IPEndPoint)>();
        byte[] buffer = new byte[65536];
        int length;
        while ((length = endpoint.PollTransmit(buffer, out var destination)) > 0)
        {
            replies.Add((buffer[..length], destination!));
        }

        return replies;
    }

    /// <summary>Reads the State Cookie that <paramref name="endpoint"/> signed, from an INIT ACK packet.</summary>
    public static StateCookie ReadCookie(Endpoint endpoint, byte[] initAckPacket)
    {
        var cookie = Single<InitAckChunk>(initAckPacket).GetParameter<StateCookieParameter>();
        Assert.NotNull(cookie);
        Assert.True(endpoint.Secrets.TryRead(cookie.Cookie.Span, out var read));
        return read!;
    }

    /// <summary>Rewrites the verification tag of <paramref name="packet"/> and stamps the CRC again.</summary>
    public static byte[] WithTag(byte[] packet, VerificationTag tag)
    {
        byte[] copy = (byte[])packet.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(4), tag.Value);
        Crc32c.Stamp(copy);
        return copy;
    }
}
