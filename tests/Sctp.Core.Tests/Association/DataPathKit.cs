using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>One DATA or I-DATA chunk seen on the link.</summary>
/// <param name="Packet">The index of its packet in <see cref="AssociationPair.Log"/>.</param>
/// <param name="From">The sender.</param>
/// <param name="Time">When it was sent.</param>
/// <param name="Dropped">Whether the link lost its packet.</param>
/// <param name="PacketLength">The length of its packet.</param>
/// <param name="Tsn">Its TSN.</param>
/// <param name="Stream">Its stream.</param>
/// <param name="Sequence">Its SSN (DATA) or MID (I-DATA).</param>
/// <param name="Fsn">Its FSN (I-DATA, not B); 0 otherwise.</param>
/// <param name="Flags">Its flags.</param>
/// <param name="PayloadLength">Bytes of user data.</param>
/// <param name="Interleaved">True for I-DATA.</param>
internal sealed record DataSeen(int Packet, Side From, TimeSpan Time, bool Dropped, int PacketLength, Tsn Tsn, StreamId Stream, uint Sequence, uint Fsn, DataChunkFlags Flags, int PayloadLength, bool Interleaved)
{
    public bool B => (Flags & DataChunkFlags.Beginning) != 0;

    public bool E => (Flags & DataChunkFlags.End) != 0;

    public bool U => (Flags & DataChunkFlags.Unordered) != 0;

    public bool I => (Flags & DataChunkFlags.Immediate) != 0;
}

/// <summary>One SACK seen on the link.</summary>
internal sealed record SackSeen(int Packet, Side From, TimeSpan Time, bool Dropped, Tsn CumulativeTsnAck, uint Window, GapAckBlock[] Gaps, Tsn[] Duplicates);

/// <summary>Helpers for data path tests over <see cref="AssociationPair"/>: reading chunks back from the log, building packets to inject.</summary>
internal static class DataPathKit
{
    /// <summary>Payload bytes of a full DATA chunk in a packet of <paramref name="mtu"/> bytes with nothing else in it.</summary>
    public static int FullDataPayload(int mtu, bool interleaved) =>
        (mtu - CommonHeader.Size - (interleaved ? IDataChunk.HeaderSize : DataChunk.HeaderSize)) & ~3;

    /// <summary>Deterministic content for a message.</summary>
    public static byte[] Pattern(int size, int seed)
    {
        var bytes = new byte[size];
        new SeededRandomSource((ulong)seed * 7919 + (ulong)size).Fill(bytes);
        return bytes;
    }

    /// <summary>Every DATA or I-DATA chunk <paramref name="from"/> sent, in order.</summary>
    public static List<DataSeen> DataChunks(this AssociationPair pair, Side from)
    {
        var result = new List<DataSeen>();
        for (int p = 0; p < pair.Log.Count; p++)
        {
            var packet = pair.Log[p];
            if (packet.From != from)
            {
                continue;
            }

            var reader = SctpPacket.GetChunks(packet.Bytes);
            while (reader.TryReadNext(out var chunk, out _))
            {
                if (chunk.Type == ChunkType.Data && DataChunk.TryParse(chunk.Bytes, out var data, out _))
                {
                    result.Add(new DataSeen(p, from, packet.Time, packet.Dropped, packet.Bytes.Length, data.Tsn, data.StreamId, data.Ssn.Value, 0, data.Flags, data.Payload.Length, false));
                }
                else if (chunk.Type == ChunkType.IData && IDataChunk.TryParse(chunk.Bytes, out var idata, out _))
                {
                    result.Add(new DataSeen(p, from, packet.Time, packet.Dropped, packet.Bytes.Length, idata.Tsn, idata.StreamId, idata.Mid.Value, idata.Fsn.Value, idata.Flags, idata.Payload.Length, true));
                }
            }
        }

        return result;
    }

    /// <summary>Every SACK <paramref name="from"/> sent, in order.</summary>
    public static List<SackSeen> Sacks(this AssociationPair pair, Side from)
    {
        var result = new List<SackSeen>();
        for (int p = 0; p < pair.Log.Count; p++)
        {
            if (pair.Log[p].From == from)
            {
                AddSacks(pair.Log[p], p, result);
            }
        }

        return result;
    }

    /// <summary>The SACKs in the packet at <paramref name="index"/> of the log.</summary>
    public static List<SackSeen> SacksIn(this AssociationPair pair, int index)
    {
        var result = new List<SackSeen>();
        AddSacks(pair.Log[index], index, result);
        return result;
    }

    private static void AddSacks(CapturedPacket packet, int index, List<SackSeen> result)
    {
        var reader = SctpPacket.GetChunks(packet.Bytes);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == ChunkType.Sack && SackChunk.TryParse(chunk.Bytes, out var sack, out _))
            {
                var gaps = new GapAckBlock[sack.GapAckBlockCount];
                for (int i = 0; i < gaps.Length; i++)
                {
                    gaps[i] = sack.GetGapAckBlock(i);
                }

                var duplicates = new Tsn[sack.DuplicateTsnCount];
                for (int i = 0; i < duplicates.Length; i++)
                {
                    duplicates[i] = sack.GetDuplicateTsn(i);
                }

                result.Add(new SackSeen(index, packet.From, packet.Time, packet.Dropped, sack.CumulativeTsnAck, sack.AdvertisedReceiverWindowCredit, gaps, duplicates));
            }
        }
    }

    /// <summary>The error causes of every chunk of <paramref name="type"/> (ERROR or ABORT) <paramref name="from"/> sent.</summary>
    public static List<ErrorCause> CausesSent(this AssociationPair pair, Side from, ChunkType type)
    {
        var causes = new List<ErrorCause>();
        foreach (var packet in pair.Log.Where(p => p.From == from))
        {
            var reader = SctpPacket.GetChunks(packet.Bytes);
            while (reader.TryReadNext(out var chunk, out _))
            {
                if (chunk.Type == type && type == ChunkType.Error && ErrorChunk.TryParse(chunk.Bytes, out var error, out _))
                {
                    causes.AddRange(error.Causes);
                }
                else if (chunk.Type == type && type == ChunkType.Abort && AbortChunk.TryParse(chunk.Bytes, out var abort, out _))
                {
                    causes.AddRange(abort.Causes);
                }
            }
        }

        return causes;
    }

    /// <summary>True when the packet carries a DATA or I-DATA chunk.</summary>
    public static bool CarriesData(byte[] packet)
    {
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type is ChunkType.Data or ChunkType.IData)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The TSNs of the DATA or I-DATA chunks in a packet.</summary>
    public static List<Tsn> DataTsns(byte[] packet)
    {
        var tsns = new List<Tsn>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type is ChunkType.Data or ChunkType.IData)
            {
                tsns.Add(new Tsn(BinaryPrimitives.ReadUInt32BigEndian(chunk.Bytes[4..])));
            }
        }

        return tsns;
    }

    /// <summary>A packet from the client to the server's association with the chunks <paramref name="write"/> adds.</summary>
    public static byte[] ClientPacket(AssociationPair pair, WriteChunks write)
    {
        var client = pair.Client!;
        var buffer = new byte[65536];
        var writer = new PacketWriter(buffer, new CommonHeader(client.LocalPort, client.RemotePort, client.PeerTag));
        write(ref writer);
        int length = writer.Complete();
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>A packet from the server to the client's association with the chunks <paramref name="write"/> adds.</summary>
    public static byte[] ServerPacket(AssociationPair pair, WriteChunks write)
    {
        var server = pair.Server!;
        var buffer = new byte[65536];
        var writer = new PacketWriter(buffer, new CommonHeader(server.LocalPort, server.RemotePort, server.PeerTag));
        write(ref writer);
        int length = writer.Complete();
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>A packet from the client with one DATA chunk.</summary>
    public static byte[] ClientData(AssociationPair pair, Tsn tsn, ushort stream, ushort ssn, ReadOnlySpan<byte> payload, DataChunkFlags flags = DataChunkFlags.Beginning | DataChunkFlags.End)
    {
        var copy = payload.ToArray();
        return ClientPacket(pair, (ref PacketWriter w) => Assert.True(w.TryAdd(new DataChunk(tsn, new StreamId(stream), new Ssn(ssn), new Ppid(0), copy, flags))));
    }

    /// <summary>Adds chunks to a packet.</summary>
    public delegate void WriteChunks(ref PacketWriter writer);

    /// <summary>Collects what an association delivers, per stream, and checks it against what was sent.</summary>
    internal sealed class Inbox
    {
        private readonly Association _association;

        public Inbox(Association association) => _association = association;

        public List<(StreamId Stream, Ppid Ppid, bool Unordered, byte[] Payload)> Messages { get; } = [];

        public int Count => Messages.Count;

        /// <summary>Takes everything available now; returns the count so far (for DriveUntil).</summary>
        public int Drain()
        {
            Messages.AddRange(AssociationPair.ReceiveAll(_association));
            return Messages.Count;
        }

        public List<byte[]> OnStream(int stream) => Messages.Where(m => m.Stream.Value == stream).Select(m => m.Payload).ToList();
    }
}
