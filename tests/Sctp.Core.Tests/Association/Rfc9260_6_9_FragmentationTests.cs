using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.9 (and RFC 8260 section 2.1 for I-DATA): a message larger than a packet is cut into
/// fragments with consecutive TSNs, the first marked B and the last E; no packet exceeds the MTU; the
/// receiver reassembles the message intact.
/// </summary>
public class Rfc9260_6_9_FragmentationTests
{
    public static TheoryData<int, int, bool> ExactPacketMultiples()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (bool interleaved in new[] { false, true })
        {
            for (int packets = 1; packets <= 3; packets++)
            {
                for (int delta = -1; delta <= 1; delta++)
                {
                    data.Add(packets, delta, interleaved);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExactPacketMultiples))]
    public void Rfc9260_6_9_MessagesAroundWholePacketSizesAreCutIntoFullChunks(int packets, int delta, bool interleaved)
    {
        var pair = Connected(interleaved);
        int full = FullDataPayload(pair.ClientTransport.Mtu, interleaved);
        int size = (packets * full) + delta;
        var message = Pattern(size, size);

        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(2), message, new Ppid(51)));
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 1, TimeSpan.FromSeconds(10)), pair.Describe());

        Assert.Equal(message, inbox.Messages[0].Payload);
        Assert.Equal(new Ppid(51), inbox.Messages[0].Ppid);

        var chunks = pair.DataChunks(Side.Client);
        int expectedChunks = (size + full - 1) / full;
        Assert.Equal(expectedChunks, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(interleaved, c.Interleaved));
        Assert.All(chunks, c => Assert.Equal(new StreamId(2), c.Stream));
        Assert.All(chunks, c => Assert.Equal(chunks[0].Sequence, c.Sequence));
        Assert.All(chunks, c => Assert.False(c.U));
        for (int i = 0; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[0].Tsn + (uint)i, chunks[i].Tsn);
            Assert.Equal(i == 0, chunks[i].B);
            Assert.Equal(i == chunks.Count - 1, chunks[i].E);
            Assert.Equal(i < chunks.Count - 1 ? full : size - ((chunks.Count - 1) * full), chunks[i].PayloadLength);
            if (interleaved)
            {
                Assert.Equal((uint)i, chunks[i].Fsn);
            }
        }

        // Every full fragment fills its packet to the byte; no packet is larger than the MTU.
        Assert.All(chunks.Where(c => c.PayloadLength == full), c => Assert.Equal(pair.ClientTransport.Mtu, c.PacketLength));
        Assert.All(pair.Log, p => Assert.True(p.Bytes.Length <= pair.ClientTransport.Mtu, $"{p.Bytes.Length}-byte packet: {p}"));
        Assert.Equal(expectedChunks, pair.Client.Stats.DataChunksSent);
        Assert.Equal(0, pair.Client.Stats.Retransmissions);
    }

    [Theory]
    [InlineData(false, 508)]
    [InlineData(true, 508)]
    [InlineData(false, 1280)]
    [InlineData(true, 1500)]
    [InlineData(false, 9000)]
    public void Rfc9260_6_9_ManySizesOnSeveralStreamsArriveIntactAndNoPacketExceedsTheMtu(bool interleaved, int mtu)
    {
        var config = new TransportConfig { Mtu = mtu, EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(seed: (ulong)mtu, client: config, server: config);
        pair.Connect();
        int full = FullDataPayload(mtu, interleaved);

        var sizes = new List<int> { 1, 2, 3, 4, 5, full - 1, full, full + 1, (2 * full) - 1, 2 * full, (2 * full) + 1, (3 * full) + 7, 10_000, 65_536, 100_003 };
        var sent = new Dictionary<int, List<byte[]>>();
        for (int i = 0; i < sizes.Count; i++)
        {
            int stream = i % 3;
            var message = Pattern(sizes[i], i);
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId((ushort)stream), message));
            if (!sent.TryGetValue(stream, out var list))
            {
                sent[stream] = list = [];
            }

            list.Add(message);
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == sizes.Count, TimeSpan.FromSeconds(60)), pair.Describe());

        foreach (var (stream, messages) in sent)
        {
            Assert.Equal(messages, inbox.OnStream(stream));
        }

        Assert.All(pair.Log, p => Assert.True(p.Bytes.Length <= mtu, $"{p.Bytes.Length}-byte packet over a {mtu}-byte MTU: {p}"));
        var chunks = pair.DataChunks(Side.Client);
        Assert.All(chunks, c => Assert.True(c.PayloadLength <= full));

        // Per message: B on the first fragment, E on the last, none in between; consecutive TSNs with DATA.
        foreach (var message in chunks.GroupBy(c => (c.Stream, c.Sequence)))
        {
            var fragments = message.OrderBy(c => c.Tsn).ToList();
            Assert.True(fragments[0].B);
            Assert.True(fragments[^1].E);
            Assert.All(fragments.Skip(1), f => Assert.False(f.B));
            Assert.All(fragments.SkipLast(1), f => Assert.False(f.E));
            if (!interleaved)
            {
                Assert.Equal(Enumerable.Range(0, fragments.Count).Select(i => fragments[0].Tsn + (uint)i), fragments.Select(f => f.Tsn));
            }
            else
            {
                Assert.Equal(Enumerable.Range(0, fragments.Count).Select(i => (uint)i), fragments.Select(f => f.Fsn));
            }
        }
    }

    [Fact]
    public void Rfc9260_6_10_SmallMessagesAreBundledIntoOnePacket()
    {
        var pair = Connected(interleaved: false);
        for (int i = 0; i < 20; i++)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId((ushort)(i % 2)), Pattern(40, i)));
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 20, TimeSpan.FromSeconds(10)), pair.Describe());

        // 20 chunks of 16 + 40 bytes fit one 1200-byte packet.
        var chunks = pair.DataChunks(Side.Client);
        Assert.Equal(20, chunks.Count);
        Assert.Single(chunks.Select(c => c.Packet).Distinct());
        Assert.All(chunks, c => Assert.True(c.B && c.E));
    }

    private static AssociationPair Connected(bool interleaved)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        Assert.Equal(interleaved, (pair.Client!.Features & NegotiatedFeatures.MessageInterleaving) != 0);
        return pair;
    }
}
