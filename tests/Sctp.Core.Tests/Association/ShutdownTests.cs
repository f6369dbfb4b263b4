using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>The graceful close of RFC 9260 section 9.2, end to end: SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE, with T2 and T5.</summary>
public class ShutdownTests
{
    private static AssociationPair Connected(TransportConfig? config = null, ulong seed = 13)
    {
        var pair = new AssociationPair(seed, config, config);
        pair.Connect();
        return pair;
    }

    private static Association Of(AssociationPair pair, Side side) => side == Side.Client ? pair.Client! : pair.Server!;

    private static Side Other(Side side) => side == Side.Client ? Side.Server : Side.Client;

    private static List<AssociationEvent> EventsOf(AssociationPair pair, Side side) => side == Side.Client ? pair.ClientEvents : pair.ServerEvents;

    private static bool BothClosed(AssociationPair pair) => pair.Client!.IsClosed && pair.Server!.IsClosed;

    private static int IndexOf(AssociationPair pair, Side from, ChunkType type) => pair.Log.FindIndex(p => p.From == from && p.ChunkTypes.Contains(type));

    private static void AssertClosedGracefully(AssociationPair pair)
    {
        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.Abort));
    }

    [Theory]
    [InlineData(Side.Client)]
    [InlineData(Side.Server)]
    public void Rfc9260_9_2_ShutdownDeliversEverythingInFlightBeforeClosing(Side initiator)
    {
        var pair = Connected();
        var closer = Of(pair, initiator);
        var peer = Of(pair, Other(initiator));

        // One DATA packet is lost, so the shutdown has to wait for a retransmission too.
        int dataPackets = 0;
        pair.Intercept = (side, bytes) => side == initiator && WireView.DataChunks(bytes).Count > 0 && ++dataPackets == 2 ? PacketFate.Drop : PacketFate.Deliver;
        for (byte m = 1; m <= 5; m++)
        {
            Assert.True(closer.TrySend(pair.Now, new StreamId(m), WireView.Message(m, 3000)));
        }

        closer.Shutdown(pair.Now);
        Assert.Equal(AssociationState.ShutdownPending, closer.State);
        Assert.Throws<InvalidOperationException>(() => closer.TrySend(pair.Now, new StreamId(0), WireView.Message(9)));

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(30)), pair.Describe());
        AssertClosedGracefully(pair);

        // SHUTDOWN only once every DATA chunk was acknowledged: after the last DATA (the retransmission).
        int lastData = pair.Log.FindLastIndex(p => p.From == initiator && p.ChunkTypes.Contains(ChunkType.Data));
        int shutdown = IndexOf(pair, initiator, ChunkType.Shutdown);
        Assert.True(lastData < shutdown, pair.Describe());
        Assert.True(pair.Log[lastData].Time > pair.Log[0].Time && pair.AllData(initiator).Count > pair.AllData(initiator).DistinctBy(d => d.Data.Tsn).Count());
        int shutdownAck = IndexOf(pair, Other(initiator), ChunkType.ShutdownAck);
        int complete = IndexOf(pair, initiator, ChunkType.ShutdownComplete);
        Assert.True(shutdown < shutdownAck && shutdownAck < complete, pair.Describe());
        Assert.Equal(complete, pair.Log.Count - 1);

        // What arrived before the close is still there to read afterwards, complete and in order.
        Assert.True(peer.IsClosed);
        var received = WireView.Drain(peer);
        Assert.Equal([1, 2, 3, 4, 5], received.Select(r => (int)r.Marker).Order());
        Assert.All(received, r => Assert.Equal(3000, r.Length));
    }

    [Fact]
    public void Rfc9260_9_2_PeerTakesNoNewMessagesOnceItReceivedShutdown()
    {
        var pair = Connected();
        pair.Client!.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => pair.Server!.State != AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());

        Assert.Throws<InvalidOperationException>(() => pair.Server!.TrySend(pair.Now, new StreamId(0), WireView.Message(1)));
        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(5)), pair.Describe());
        AssertClosedGracefully(pair);
        Assert.Throws<InvalidOperationException>(() => pair.Client.TrySend(pair.Now, new StreamId(0), WireView.Message(1)));
    }

    [Fact]
    public void Rfc9260_9_2_BothSidesShuttingDownAtOnce()
    {
        var pair = Connected();
        pair.Client!.Shutdown(pair.Now);
        pair.Server!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(5)), pair.Describe());
        AssertClosedGracefully(pair);

        // Each side's SHUTDOWN crossed the other's and was answered with SHUTDOWN ACK; each SHUTDOWN ACK then
        // found its receiver in SHUTDOWN-ACK-SENT, which answers it with SHUTDOWN COMPLETE.
        foreach (var side in new[] { Side.Client, Side.Server })
        {
            Assert.Single(pair.Sent(side, ChunkType.Shutdown));
            Assert.Single(pair.Sent(side, ChunkType.ShutdownAck));
        }

        pair.Drive(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.Abort));
    }

    [Fact]
    public void Rfc9260_9_2_LostShutdownIsSentAgainWhenT2Expires()
    {
        var pair = Connected();
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.Chunks<ShutdownChunk>(bytes).Count > 0 && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        AssertClosedGracefully(pair);
        var shutdowns = pair.Sent(Side.Client, ChunkType.Shutdown).ToList();
        Assert.Equal(2, shutdowns.Count);
        Assert.True(shutdowns[0].Dropped);
        Assert.Equal(pair.Client.Stats.Rto, shutdowns[1].Time - shutdowns[0].Time);
    }

    [Fact]
    public void Rfc9260_9_2_LostShutdownAckIsSentAgainWhenT2Expires()
    {
        var pair = Connected();
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Server && WireView.Chunks<ShutdownAckChunk>(bytes).Count > 0 && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        AssertClosedGracefully(pair);
        var acks = pair.Sent(Side.Server, ChunkType.ShutdownAck).ToList();
        Assert.True(acks.Count >= 2, pair.Describe());
        Assert.True(acks[0].Dropped);
        Assert.Single(pair.Sent(Side.Client, ChunkType.ShutdownComplete));
    }

    [Fact]
    public void Rfc9260_8_4_LostShutdownCompleteIsRecoveredByTheOutOfTheBlueRule()
    {
        // The client closed on SHUTDOWN ACK; its SHUTDOWN COMPLETE is lost. The server's T2 sends SHUTDOWN
        // ACK again, which is now out of the blue for the client: it answers SHUTDOWN COMPLETE with the T bit
        // (section 8.4, rule 5), and the server closes gracefully.
        var pair = Connected();
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.Chunks<ShutdownCompleteChunk>(bytes).Count > 0 && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        AssertClosedGracefully(pair);
        Assert.Equal(2, pair.Sent(Side.Server, ChunkType.ShutdownAck).Count());
        Assert.Equal(2, pair.Sent(Side.Client, ChunkType.ShutdownComplete).Count());
    }

    [Fact]
    public void Rfc9260_9_2_ShutdownGuardExpiryAborts()
    {
        // T5-shutdown-guard is 5 x RTO.Max (2 s here): the peer never answers, and T2 alone would keep trying
        // for longer than that.
        var config = new TransportConfig { RtoMax = TimeSpan.FromSeconds(2) };
        var pair = Connected(config);
        pair.Intercept = (side, _) => side == Side.Server ? PacketFate.Drop : PacketFate.Deliver;
        var start = pair.Now;
        pair.Client!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed, TimeSpan.FromSeconds(60)), pair.Describe());

        var lost = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(AssociationErrorKind.ShutdownTimeout, lost.Error!.Kind);
        var abort = Assert.Single(pair.Sent(Side.Client, ChunkType.Abort));
        Assert.Equal(start + TimeSpan.FromSeconds(10), abort.Time);
        Assert.Same(abort, pair.Log.Last(p => p.From == Side.Client));
        Assert.True(pair.Sent(Side.Client, ChunkType.Shutdown).Count() > 1);

        // The peer learns of it through the ABORT.
        pair.Drive(TimeSpan.FromSeconds(1));
        Assert.True(pair.Server!.IsClosed, pair.Describe());
        Assert.Equal(AssociationErrorKind.PeerAborted, Assert.Single(pair.ServerEvents, e => e.Kind == AssociationEventKind.Lost).Error!.Kind);
    }

    [Fact]
    public void Rfc9260_9_2_DataWithGapsInShutdownSentIsAnsweredWithShutdownAndSack()
    {
        // The client shuts down as the server sends four messages, one packet each; the first is lost. In
        // SHUTDOWN-SENT the client answers each DATA packet with SHUTDOWN, and, as TSNs above its cumulative
        // ack have arrived, with a SACK too: its gap reports let the server fast-retransmit at once.
        var pair = Connected();
        var client = pair.Client!;
        var server = pair.Server!;
        int drops = 0;
        pair.Intercept = (side, bytes) => side == Side.Server && WireView.CarriesMarker(bytes, 1) && drops++ == 0 ? PacketFate.Drop : PacketFate.Deliver;
        var start = pair.Now;
        client.Shutdown(pair.Now);
        for (byte m = 1; m <= 4; m++)
        {
            // 2 ms apart, so they arrive one by one (all before the client's SHUTDOWN reaches the server).
            Assert.True(server.TrySend(pair.Now, new StreamId(0), WireView.Message(m)));
            pair.FlushAll();
            pair.Advance(TimeSpan.FromMilliseconds(2));
        }

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        AssertClosedGracefully(pair);
        Assert.Equal([1, 2, 3, 4], WireView.Drain(client).Select(m => (int)m.Marker));

        var answers = pair.Log.Where(p => p.From == Side.Client && p.ChunkTypes.Contains(ChunkType.Shutdown) && p.ChunkTypes.Contains(ChunkType.Sack)).ToList();
        Assert.NotEmpty(answers);
        Assert.All(pair.Log.Where(p => p.From == Side.Client), p => Assert.True(p.ChunkTypes.Count(t => t == ChunkType.Shutdown) <= 1));
        var retransmission = pair.AllData(Side.Server).Where(d => d.Data.Marker == 1).Select(d => d.Packet).ToList();
        Assert.Equal(2, retransmission.Count);
        Assert.True(retransmission[1].Time - start < TimeSpan.FromMilliseconds(200), pair.Describe());
        Assert.Equal(0L, server.Stats.T3Expiries);
    }

    [Fact]
    public void Rfc9260_9_2_PacketsFromAPeerStillSendingClearTheShutdownRetransmissionCount()
    {
        // The server shuts down while the client has 24 KB queued. Every fourth DATA packet of the client is
        // lost, and the link strips the SACKs that go with the server's SHUTDOWNs: with only the SHUTDOWN's
        // cumulative ack, each loss waits for the client's T3-rtx, long enough for the server's T2-shutdown to
        // expire. Those expiries add up to more than Association.Max.Retrans (3 here), but each packet the
        // client sends clears the count (section 9.2), so the shutdown completes.
        var config = new TransportConfig { AssociationMaxRetransmits = 3 };
        var pair = Connected(config);
        int dataPackets = 0;
        pair.Intercept = (side, bytes) =>
        {
            if (side == Side.Server)
            {
                WireView.Blank(bytes, ChunkType.Sack);
                return PacketFate.Deliver;
            }

            return WireView.DataChunks(bytes).Count > 0 && ++dataPackets % 4 == 0 ? PacketFate.Drop : PacketFate.Deliver;
        };
        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), WireView.Message(1, 24_000)));
        pair.Server!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(120)), pair.Describe());
        AssertClosedGracefully(pair);
        var received = WireView.Drain(pair.Server);
        Assert.Equal(24_000, Assert.Single(received).Length);
        Assert.True(dataPackets >= 16);

        // More SHUTDOWNs went out on T2 than Association.Max.Retrans allows in a row.
        var shutdowns = pair.Sent(Side.Server, ChunkType.Shutdown).ToList();
        int onTimer = shutdowns.Count(s => !pair.Log.Any(p => p.From == Side.Client && p.Time + pair.Latency == s.Time));
        Assert.True(onTimer > config.AssociationMaxRetransmits, $"{onTimer} SHUTDOWNs on T2. {pair.Describe()}");
    }

    [Fact]
    public void Rfc9260_9_2_DataReceivedInShutdownSentIsAnsweredWithShutdown()
    {
        var pair = Connected();
        var client = pair.Client!;
        var server = pair.Server!;

        // The client shuts down just as the server sends: the DATA reaches the client in SHUTDOWN-SENT.
        client.Shutdown(pair.Now);
        Assert.True(server.TrySend(pair.Now, new StreamId(0), WireView.Message(7)));
        pair.FlushAll();
        Assert.Equal(AssociationState.ShutdownSent, client.State);

        Assert.True(pair.DriveUntil(() => BothClosed(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        AssertClosedGracefully(pair);

        // The packet answering the DATA carries SHUTDOWN (acknowledging the DATA), sent when the DATA arrived.
        var data = pair.AllData(Side.Server).Single();
        var shutdowns = pair.Sent(Side.Client, ChunkType.Shutdown).ToList();
        Assert.Equal(2, shutdowns.Count);
        Assert.Equal(data.Packet.Time + pair.Latency, shutdowns[1].Time);
        var second = WireView.Chunks<ShutdownChunk>(shutdowns[1].Bytes).Single();
        Assert.Equal(data.Data.Tsn, second.CumulativeTsnAck);
        Assert.Equal([7], WireView.Drain(client).Select(m => (int)m.Marker));
    }
    [Theory]
    [InlineData(1ul, Side.Client)]
    [InlineData(2ul, Side.Server)]
    [InlineData(3ul, Side.Client)]
    [InlineData(4ul, Side.Server)]
    [InlineData(46ul, Side.Server)]
    [InlineData(150ul, Side.Server)]
    public void Rfc9260_9_2_ShutdownUnderRandomLossDeliversEverythingBothWaysFirst(ulong seed, Side initiator)
    {
        var pair = Connected(seed: seed);
        pair.LossRate = 0.1;
        var random = new SeededRandomSource(seed);
        var sent = new Dictionary<Side, List<(StreamId Stream, byte[] Payload)>> { [Side.Client] = [], [Side.Server] = [] };
        var received = new Dictionary<Side, List<(StreamId Stream, byte[] Payload)>> { [Side.Client] = [], [Side.Server] = [] };

        void Collect()
        {
            received[Side.Server].AddRange(AssociationPair.ReceiveAll(pair.Server!).Select(m => (m.Stream, m.Payload)));
            received[Side.Client].AddRange(AssociationPair.ReceiveAll(pair.Client!).Select(m => (m.Stream, m.Payload)));
        }

        for (int i = 0; i < 300; i++)
        {
            var side = random.NextUInt32() % 2 == 0 ? Side.Client : Side.Server;
            var association = Of(pair, side);
            if (i == 150)
            {
                Of(pair, initiator).Shutdown(pair.Now);
            }

            if (association.State == AssociationState.Established)
            {
                byte[] payload = new byte[4 + (random.NextUInt32() % 2500)];
                random.Fill(payload);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(payload, sent[side].Count);
                var stream = new StreamId((ushort)(random.NextUInt32() % 3));
                Assert.True(association.TrySend(pair.Now, stream, payload));
                sent[side].Add((stream, payload));
            }
            else
            {
                Assert.Throws<InvalidOperationException>(() => association.TrySend(pair.Now, new StreamId(0), new byte[4]));
            }

            if (i % 4 == 3)
            {
                pair.Drive(TimeSpan.FromMilliseconds(20));
                Collect();
            }
        }

        Assert.True(pair.DriveUntil(() => { Collect(); return BothClosed(pair); }, TimeSpan.FromSeconds(600)), pair.Describe());
        Collect();
        AssertClosedGracefully(pair);
        Assert.All(pair.Log, p => Assert.True(p.ChunkTypes.Count(t => t == ChunkType.Shutdown) <= 1, p.ToString()));

        // Everything either side accepted before the close arrived, once, intact, in order per stream.
        foreach (var side in new[] { Side.Client, Side.Server })
        {
            var got = received[Other(side)];
            var ids = got.Select(m => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(m.Payload)).ToList();
            Assert.Equal(Enumerable.Range(0, sent[side].Count), ids.Order());
            foreach (var (stream, payload) in got)
            {
                var original = sent[side][System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(payload)];
                Assert.Equal(original.Stream, stream);
                Assert.Equal(original.Payload, payload);
            }

            foreach (var group in ids.GroupBy(id => sent[side][id].Stream))
            {
                Assert.Equal(group.Order(), group);
            }
        }

        Assert.True(sent[Side.Client].Count > 50 && sent[Side.Server].Count > 50);
    }
}
