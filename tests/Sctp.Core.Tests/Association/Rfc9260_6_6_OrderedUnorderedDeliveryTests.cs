using Sctp.Packet;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.6 (and RFC 8260 for I-DATA): ordered messages are delivered in sequence per stream,
/// with no head-of-line blocking across streams; unordered messages are delivered as soon as they are
/// complete, whatever their TSN. Section 6.5: streams are independent.
/// </summary>
public class Rfc9260_6_6_OrderedUnorderedDeliveryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_PacketsArrivingInReverseDeliverUnorderedAtOnceAndOrderedInSequence(bool interleaved)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();

        // Hold back every DATA packet of the first flight.
        var held = new List<byte[]>();
        pair.Intercept = (side, packet) =>
        {
            if (side == Side.Client && CarriesData(packet))
            {
                held.Add(packet);
                return PacketFate.Drop;
            }

            return PacketFate.Deliver;
        };

        // Stream 0 and 1 ordered, stream 2 unordered; messages sized so that three whole ones fill a packet.
        int size = ThirdOfAPacket(pair, interleaved);
        for (int i = 0; i < 12; i++)
        {
            int stream = i % 3;
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId((ushort)stream), Pattern(size, i), new Ppid((uint)i), unordered: stream == 2));
        }

        pair.FlushAll();
        Assert.True(held.Count >= 3, pair.Describe());
        pair.Intercept = null;

        var inbox = new Inbox(pair.Server!);
        var arrived = new List<(ushort Stream, uint Sequence, bool Unordered, uint Ppid)>();
        held.Reverse();
        bool waitingOrdered = false;
        foreach (var packet in held)
        {
            arrived.AddRange(ChunksOf(packet));
            pair.Inject(Side.Client, packet);
            inbox.Drain();

            // Every unordered message that arrived is out; of each ordered stream, exactly the longest
            // run from sequence 0 that has arrived.
            var expected = arrived.Where(a => a.Unordered).Select(a => a.Ppid).ToHashSet();
            foreach (ushort stream in new ushort[] { 0, 1 })
            {
                var sequences = arrived.Where(a => a.Stream == stream).ToDictionary(a => a.Sequence, a => a.Ppid);
                for (uint s = 0; sequences.TryGetValue(s, out uint ppid); s++)
                {
                    expected.Add(ppid);
                }
            }

            Assert.Equal(expected.Order(), inbox.Messages.Select(m => m.Ppid.Value).Order());
            waitingOrdered |= inbox.Messages.Any(m => m.Unordered) && arrived.Count(a => !a.Unordered) > inbox.Messages.Count(m => !m.Unordered);
            foreach (ushort stream in new ushort[] { 0, 1 })
            {
                var delivered = inbox.Messages.Where(m => m.Stream.Value == stream).Select(m => m.Ppid.Value).ToList();
                Assert.Equal(delivered.Order(), delivered);
            }
        }

        // At some point unordered messages were out while ordered ones that had arrived still waited.
        Assert.True(waitingOrdered);

        // The rest (whatever the first flight did not carry) follows once the pair runs again.
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 12, TimeSpan.FromSeconds(10)), pair.Describe());
        for (int i = 0; i < 12; i++)
        {
            var message = inbox.Messages.Single(m => m.Ppid.Value == (uint)i);
            Assert.Equal(Pattern(size, i), message.Payload);
            Assert.Equal(i % 3 == 2, message.Unordered);
        }

        foreach (ushort stream in new ushort[] { 0, 1 })
        {
            Assert.Equal(Enumerable.Range(0, 4).Select(k => (uint)((k * 3) + stream)), inbox.Messages.Where(m => m.Stream.Value == stream).Select(m => m.Ppid.Value));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_ALostMessageBlocksOnlyItsOwnStream(bool interleaved)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();

        // The first transmission of the first message on stream 0 is held back; the rest flows.
        Tsn? heldTsn = null;
        byte[]? held = null;
        pair.Intercept = (side, packet) =>
        {
            if (side != Side.Client || !CarriesData(packet))
            {
                return PacketFate.Deliver;
            }

            var chunks = ChunksOf(packet);
            if (heldTsn is null && chunks.Any(c => c.Stream == 0))
            {
                heldTsn = DataTsns(packet)[0];
                held = packet;
                return PacketFate.Drop;
            }

            return DataTsns(packet).Contains(heldTsn ?? default) ? PacketFate.Drop : PacketFate.Deliver;
        };

        // Messages that fill a packet each. Stream 0 and 1 ordered, stream 2 unordered.
        int size = FullDataPayload(pair.ClientTransport.Mtu, interleaved);
        for (int i = 0; i < 9; i++)
        {
            int stream = i % 3;
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId((ushort)stream), Pattern(size, i), new Ppid((uint)i), unordered: stream == 2));
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 6, TimeSpan.FromMilliseconds(500)), pair.Describe());

        // Streams 1 and 2 are complete; stream 0 waits for its first message.
        Assert.DoesNotContain(inbox.Messages, m => m.Stream.Value == 0);
        Assert.Equal([1u, 4u, 7u], inbox.Messages.Where(m => m.Stream.Value == 1).Select(m => m.Ppid.Value));
        Assert.Equal(3, inbox.Messages.Count(m => m.Stream.Value == 2 && m.Unordered));

        pair.Intercept = null;
        pair.Inject(Side.Client, held!);
        Assert.Equal(9, inbox.Drain());
        Assert.Equal([0u, 3u, 6u], inbox.Messages.Where(m => m.Stream.Value == 0).Select(m => m.Ppid.Value));
        Assert.All(inbox.Messages, m => Assert.Equal(Pattern(size, (int)m.Ppid.Value), m.Payload));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(true, 4)]
    public void Rfc9260_6_6_RandomReorderingInTheLinkKeepsEveryStreamInOrder(bool interleaved, ulong seed)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(seed, client: config, server: config);
        pair.Connect();

        // Up to 30 ms of extra delay on each packet either way: packets overtake each other.
        var jitter = new SeededRandomSource(seed + 100);
        var arrivals = new List<(TimeSpan Arrival, Tsn Tsn)>();
        pair.ExtraDelay = (side, packet) =>
        {
            var delay = TimeSpan.FromMilliseconds(jitter.NextDouble() * 30);
            if (side == Side.Client)
            {
                arrivals.AddRange(DataTsns(packet).Select(t => (pair.Now + delay, t)));
            }

            return delay;
        };

        var sizeSource = new SeededRandomSource(seed + 200);
        var sent = new Dictionary<int, List<byte[]>>();
        var unorderedSent = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            int stream = i % 4;
            var message = Pattern(1 + (int)(sizeSource.NextUInt64() % 3000), i);
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId((ushort)stream), message, unordered: stream == 3));
            if (stream == 3)
            {
                unorderedSent.Add(message);
            }
            else
            {
                if (!sent.TryGetValue(stream, out var list))
                {
                    sent[stream] = list = [];
                }

                list.Add(message);
            }
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 200, TimeSpan.FromSeconds(60)), pair.Describe());

        foreach (var (stream, messages) in sent)
        {
            Assert.Equal(messages, inbox.OnStream(stream));
        }

        // Unordered: all there, each once (in whatever order they completed).
        Assert.Equal(
            unorderedSent.Select(Convert.ToHexString).Order(),
            inbox.OnStream(3).Select(Convert.ToHexString).Order());

        // The link did reorder: some DATA arrived after a higher TSN.
        var byArrival = arrivals.OrderBy(a => a.Arrival).Select(a => a.Tsn).ToList();
        Assert.Contains(byArrival.Zip(byArrival.Skip(1)), p => p.Second < p.First);
    }

    private static int ThirdOfAPacket(AssociationPair pair, bool interleaved) =>
        ((pair.ClientTransport.Mtu - CommonHeader.Size) / 3 & ~3) - (interleaved ? Sctp.Packet.Chunks.IDataChunk.HeaderSize : Sctp.Packet.Chunks.DataChunk.HeaderSize);

    private static List<(ushort Stream, uint Sequence, bool Unordered, uint Ppid)> ChunksOf(byte[] packet)
    {
        var result = new List<(ushort, uint, bool, uint)>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == ChunkType.Data && Sctp.Packet.Chunks.DataChunk.TryParse(chunk.Bytes, out var data, out _))
            {
                result.Add((data.StreamId.Value, data.Ssn.Value, data.IsUnordered, data.Ppid.Value));
            }
            else if (chunk.Type == ChunkType.IData && Sctp.Packet.Chunks.IDataChunk.TryParse(chunk.Bytes, out var idata, out _))
            {
                result.Add((idata.StreamId.Value, idata.Mid.Value, idata.IsUnordered, idata.Ppid.Value));
            }
        }

        return result;
    }
}
