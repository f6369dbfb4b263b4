using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>A DATA or I-DATA chunk seen on the wire: its numbers, flags and the first byte of its payload (the tests' message marker).</summary>
internal sealed record WireData(Tsn Tsn, StreamId Stream, uint SsnOrMid, bool Unordered, bool Beginning, bool End, byte Marker, int Length, bool Interleaved);

/// <summary>Decodes the chunks the association tests look at from captured packets.</summary>
internal static class WireView
{
    /// <summary>The DATA and I-DATA chunks of a packet, in order.</summary>
    public static List<WireData> DataChunks(byte[] packet)
    {
        var result = new List<WireData>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == ChunkType.Data && DataChunk.TryParse(chunk.Bytes, out var data, out _))
            {
                result.Add(new WireData(data.Tsn, data.StreamId, data.Ssn.Value, data.IsUnordered, data.IsBeginning, data.IsEnding, data.Payload[0], data.Payload.Length, false));
            }
            else if (chunk.Type == ChunkType.IData && IDataChunk.TryParse(chunk.Bytes, out var idata, out _))
            {
                result.Add(new WireData(idata.Tsn, idata.StreamId, idata.Mid.Value, idata.IsUnordered, idata.IsBeginning, idata.IsEnding, idata.Payload[0], idata.Payload.Length, true));
            }
        }

        return result;
    }

    /// <summary>The chunks of type <typeparamref name="T"/> in a packet.</summary>
    public static List<T> Chunks<T>(byte[] packet)
        where T : Chunk, IChunkParser<T>
    {
        var result = new List<T>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == T.ChunkType && T.TryParse(chunk.Bytes, out var parsed, out _))
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    /// <summary>Every DATA or I-DATA chunk <paramref name="side"/> put on the wire (dropped or not), with its packet.</summary>
    public static List<(CapturedPacket Packet, WireData Data)> AllData(this AssociationPair pair, Side side) =>
        [.. pair.Log.Where(p => p.From == side).SelectMany(p => DataChunks(p.Bytes).Select(d => (p, d)))];

    /// <summary>Every FORWARD-TSN <paramref name="side"/> sent, with its packet.</summary>
    public static List<(CapturedPacket Packet, ForwardTsnChunk Chunk)> ForwardTsns(this AssociationPair pair, Side side) =>
        [.. pair.Log.Where(p => p.From == side).SelectMany(p => Chunks<ForwardTsnChunk>(p.Bytes).Select(c => (p, c)))];

    /// <summary>Every I-FORWARD-TSN <paramref name="side"/> sent, with its packet.</summary>
    public static List<(CapturedPacket Packet, IForwardTsnChunk Chunk)> IForwardTsns(this AssociationPair pair, Side side) =>
        [.. pair.Log.Where(p => p.From == side).SelectMany(p => Chunks<IForwardTsnChunk>(p.Bytes).Select(c => (p, c)))];

    /// <summary>The RE-CONFIG parameters of type <typeparamref name="T"/> that <paramref name="side"/> sent, with their packets.</summary>
    public static List<(CapturedPacket Packet, T Parameter)> ReconfigParameters<T>(this AssociationPair pair, Side side)
        where T : Parameter =>
        [.. pair.Log.Where(p => p.From == side)
            .SelectMany(p => Chunks<ReConfigChunk>(p.Bytes).SelectMany(c => c.Parameters.OfType<T>()).Select(param => (p, param)))];

    /// <summary>The cumulative TSN acks of the SACKs <paramref name="side"/> sent that got through, in order.</summary>
    public static List<Tsn> SackCumulativeAcks(this AssociationPair pair, Side side)
    {
        var result = new List<Tsn>();
        foreach (var packet in pair.Log.Where(p => p.From == side && !p.Dropped))
        {
            var reader = SctpPacket.GetChunks(packet.Bytes);
            while (reader.TryReadNext(out var chunk, out _))
            {
                if (chunk.Type == ChunkType.Sack && SackChunk.TryParse(chunk.Bytes, out var sack, out _))
                {
                    result.Add(sack.CumulativeTsnAck);
                }
            }
        }

        return result;
    }

    /// <summary>True when the packet carries a DATA or I-DATA chunk whose payload starts with <paramref name="marker"/>.</summary>
    public static bool CarriesMarker(byte[] packet, byte marker) => DataChunks(packet).Any(d => d.Marker == marker);

    /// <summary>A message of <paramref name="length"/> bytes all equal to <paramref name="marker"/>, so its chunks can be told apart on the wire.</summary>
    public static byte[] Message(byte marker, int length = 100) => Enumerable.Repeat(marker, length).ToArray();

    /// <summary>Builds a packet carrying <paramref name="chunks"/> from <paramref name="from"/> to the other side of <paramref name="pair"/>, with the tag the receiver expects.</summary>
    public static byte[] PacketFrom(this AssociationPair pair, Side from, params Chunk[] chunks)
    {
        var sender = from == Side.Client ? pair.Client! : pair.Server!;
        var buffer = new byte[1500];
        var writer = new PacketWriter(buffer, new CommonHeader(sender.LocalPort, sender.RemotePort, sender.PeerTag));
        foreach (var chunk in chunks)
        {
            Assert.True(writer.TryAdd(chunk));
        }

        int length = writer.Complete();
        return buffer[..length];
    }

    /// <summary>
    /// Turns every chunk of <paramref name="type"/> in <paramref name="packet"/> into a PAD chunk of the same
    /// length (which the receiver ignores, RFC 4820) and stamps the checksum again: the packet keeps its size,
    /// as the link's intercept hook requires, but loses those chunks. Returns whether any was found.
    /// </summary>
    public static bool Blank(byte[] packet, ChunkType type)
    {
        bool found = false;
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == type)
            {
                packet[chunk.Offset] = (byte)ChunkType.Pad;
                packet[chunk.Offset + 1] = 0;
                found = true;
            }
        }

        if (found)
        {
            Crc32c.Stamp(packet);
        }

        return found;
    }

    /// <summary>Takes the client's or server's received messages as (marker, length) pairs, returning the buffers.</summary>
    public static List<(byte Marker, int Length, StreamId Stream, bool Unordered)> Drain(Association association) =>
        [.. AssociationPair.ReceiveAll(association).Select(m => (m.Payload[0], m.Payload.Length, m.Stream, m.Unordered))];
}
