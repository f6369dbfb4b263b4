using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;
using Sctp.Tx;

namespace Sctp.Tests.Associations;

/// <summary>
/// PR-SCTP (RFC 3758) with the policies of RFC 7496, end to end between two associations: which messages
/// are abandoned, what FORWARD-TSN and I-FORWARD-TSN (RFC 8260 section 2.3) tell the receiver, and what
/// the receiver's application sees.
/// </summary>
public class PartialReliabilityTests
{
    private const byte A = (byte)'A';
    private const byte B = (byte)'B';
    private const byte C = (byte)'C';
    private const byte D = (byte)'D';

    private static AssociationPair Connected(bool interleaving = false, bool serverPartialReliability = true, ulong seed = 3)
    {
        var pair = new AssociationPair(
            seed,
            client: new TransportConfig { EnableMessageInterleaving = interleaving },
            server: new TransportConfig { EnableMessageInterleaving = interleaving, EnablePartialReliability = serverPartialReliability });
        pair.Connect();
        return pair;
    }

    /// <summary>
    /// Sends A (reliable), B (under <paramref name="policy"/>) and C (reliable) on stream 0, each in its own
    /// packet, and has the link lose the first <paramref name="drops"/> packets carrying B.
    /// </summary>
    private static void SendABC(AssociationPair pair, ReliabilityPolicy policy, int drops, bool unorderedB = false)
    {
        int dropped = 0;
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.CarriesMarker(bytes, B) && dropped++ < drops ? PacketFate.Drop : PacketFate.Deliver;
        var client = pair.Client!;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(A)));
        pair.FlushAll();
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(B), unordered: unorderedB, reliability: policy));
        pair.FlushAll();
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(C)));
        pair.FlushAll();
    }

    /// <summary>Drives until the server has <paramref name="count"/> messages, then a while longer so that nothing late goes unseen.</summary>
    private static List<byte> ReceiveMarkers(AssociationPair pair, int count, TimeSpan? limit = null)
    {
        var received = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        Assert.True(
            pair.DriveUntil(() => { received.AddRange(WireView.Drain(pair.Server!)); return received.Count >= count; }, limit ?? TimeSpan.FromSeconds(120)),
            $"Received [{string.Join(",", received.Select(r => (char)r.Marker))}], wanted {count}. {pair.Describe()}");
        pair.Drive(TimeSpan.FromSeconds(10));
        received.AddRange(WireView.Drain(pair.Server!));
        return [.. received.Select(r => r.Marker)];
    }

    private static List<WireData> Transmissions(AssociationPair pair, byte marker) =>
        [.. pair.AllData(Side.Client).Where(x => x.Data.Marker == marker).Select(x => x.Data)];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Rfc7496_4_1_LimitedRetransmissionsAbandonsAfterTheAllowedRetransmissions(int maxRetransmissions)
    {
        var pair = Connected();
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(maxRetransmissions), drops: int.MaxValue);

        // RFC 3758 section 3.5, C3: the FORWARD-TSN goes out as soon as the message is abandoned.
        Assert.True(pair.DriveUntil(() => pair.Client!.Stats.MessagesAbandoned == 1, TimeSpan.FromSeconds(120)), pair.Describe());
        Assert.NotEmpty(pair.ForwardTsns(Side.Client));

        var received = ReceiveMarkers(pair, 2);
        Assert.Equal([A, C], received);

        // Sent once and retransmitted exactly the allowed number of times, never after.
        var b = Transmissions(pair, B);
        Assert.Equal(maxRetransmissions + 1, b.Count);
        Assert.All(b, x => Assert.Equal(b[0].Tsn, x.Tsn));
        Assert.Equal(1L, pair.Client!.Stats.MessagesAbandoned);
        AssertSkippedOrdered(pair, b[0], Transmissions(pair, C)[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Rfc7496_4_1_LimitedRetransmissionsDeliversWhenARetransmissionWithinTheLimitArrives(int maxRetransmissions)
    {
        var pair = Connected();
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(maxRetransmissions), drops: maxRetransmissions);

        Assert.Equal([A, B, C], ReceiveMarkers(pair, 3));
        Assert.Equal(maxRetransmissions + 1, Transmissions(pair, B).Count);
        Assert.Equal(0L, pair.Client!.Stats.MessagesAbandoned);
        Assert.Empty(pair.ForwardTsns(Side.Client));
    }

    [Fact]
    public void Rfc7496_3_TimedMessageLostPastItsLifetimeIsAbandoned()
    {
        var pair = Connected();

        // Lost once; by the T3-rtx expiry (one RTO, 1 s) its 500 ms lifetime is over.
        SendABC(pair, ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(500)), drops: 1);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        var b = Transmissions(pair, B);
        Assert.Single(b);
        Assert.Equal(1L, pair.Client!.Stats.MessagesAbandoned);
        AssertSkippedOrdered(pair, b[0], Transmissions(pair, C)[0]);
    }

    [Fact]
    public void Rfc7496_3_TimedMessageLostWithinItsLifetimeIsRetransmitted()
    {
        var pair = Connected();
        SendABC(pair, ReliabilityPolicy.Timed(TimeSpan.FromSeconds(3)), drops: 1);

        Assert.Equal([A, B, C], ReceiveMarkers(pair, 3));
        Assert.Equal(2, Transmissions(pair, B).Count);
        Assert.Equal(0L, pair.Client!.Stats.MessagesAbandoned);
        Assert.Empty(pair.ForwardTsns(Side.Client));
    }

    [Fact]
    public void Rfc7496_3_TimedMessageExpiredBeforeBeingSentUsesNoTsnAndNoSsn()
    {
        var pair = Connected();
        var client = pair.Client!;

        // A is larger than the initial congestion window, so B waits behind it past its 5 ms lifetime.
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(A, 20_000)));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(B), reliability: ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(5))));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(C)));

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        Assert.Empty(Transmissions(pair, B));
        Assert.Equal(1L, client.Stats.MessagesAbandoned);

        // The TSNs of the first transmissions are contiguous: B took none. C took the SSN B would have had.
        var first = pair.AllData(Side.Client).Select(x => x.Data).DistinctBy(d => d.Tsn).OrderBy(d => d.Tsn).ToList();
        for (int i = 1; i < first.Count; i++)
        {
            Assert.Equal(first[i - 1].Tsn.Next, first[i].Tsn);
        }

        Assert.Equal(1u, Transmissions(pair, C)[0].SsnOrMid);

        // Nothing was sent for B, so there is nothing to skip.
        Assert.Empty(pair.ForwardTsns(Side.Client));
    }

    [Fact]
    public void Rfc3758_3_5_FragmentedMessageIsAbandonedWholeAndNeverDeliveredPartially()
    {
        var pair = Connected();
        var client = pair.Client!;

        // B is cut into three fragments; only the middle one is lost, every time it is sent.
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.DataChunks(bytes).Any(d => d.Marker == B && !d.Beginning && !d.End) ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(A)));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(B, 3000), reliability: ReliabilityPolicy.LimitedRetransmissions(1)));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(C)));

        var received = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        Assert.True(pair.DriveUntil(() => { received.AddRange(WireView.Drain(pair.Server!)); return received.Count >= 2; }, TimeSpan.FromSeconds(60)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(10));
        received.AddRange(WireView.Drain(pair.Server!));

        Assert.Equal([(A, 100), (C, 100)], received.Select(r => (r.Marker, r.Length)));
        var b = Transmissions(pair, B).DistinctBy(d => d.Tsn).ToList();
        Assert.Equal(3, b.Count);
        Assert.Equal(1L, client.Stats.MessagesAbandoned);

        // The FORWARD-TSN skips past the last fragment and names the message's SSN.
        var forward = pair.ForwardTsns(Side.Client).Last().Chunk;
        Assert.Equal(b[2].Tsn, forward.NewCumulativeTsn);
        Assert.Equal([new ForwardTsnStream(new StreamId(0), new Ssn(1))], forward.Streams);
        Assert.Equal(Transmissions(pair, C)[0].Tsn, pair.SackCumulativeAcks(Side.Server).Last());
    }

    [Fact]
    public void Rfc3758_3_2_ForwardTsnNamesTheHighestSkippedSsnOfEachStream()
    {
        var pair = Connected();
        var client = pair.Client!;
        const byte E = (byte)'E';
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.DataChunks(bytes).Any(d => d.Marker is B or D or E) ? PacketFate.Drop : PacketFate.Deliver;

        // B and D on stream 1, E on stream 2, all lost; A and C on stream 0 arrive.
        (byte Marker, ushort Stream, bool Reliable)[] messages = [(A, 0, true), (B, 1, false), (D, 1, false), (E, 2, false), (C, 0, true)];
        foreach (var (marker, stream, reliable) in messages)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(stream), WireView.Message(marker), reliability: reliable ? default : ReliabilityPolicy.LimitedRetransmissions(0)));
            pair.FlushAll();
        }

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        Assert.Equal(3L, client.Stats.MessagesAbandoned);
        var forward = Assert.Single(pair.ForwardTsns(Side.Client)).Chunk;
        Assert.Equal(Transmissions(pair, E)[0].Tsn, forward.NewCumulativeTsn);
        Assert.Equal(
            [new ForwardTsnStream(new StreamId(1), new Ssn(1)), new ForwardTsnStream(new StreamId(2), new Ssn(0))],
            forward.Streams.OrderBy(s => s.StreamId.Value));
        Assert.Equal(Transmissions(pair, C)[0].Tsn, pair.SackCumulativeAcks(Side.Server).Last());

        // The receiver skipped those SSNs: the streams go on in order with the next ones.
        Assert.True(client.TrySend(pair.Now, new StreamId(1), WireView.Message(1)));
        Assert.True(client.TrySend(pair.Now, new StreamId(2), WireView.Message(2)));
        Assert.Equal([1, 2], ReceiveMarkers(pair, 2).Order().Select(m => (int)m));
    }

    [Fact]
    public void Rfc8260_2_3_InterleavedFragmentedMessageIsAbandonedWholeAndNeverDeliveredPartially()
    {
        var pair = Connected(interleaving: true);
        var client = pair.Client!;
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.DataChunks(bytes).Any(d => d.Marker == B && !d.Beginning && !d.End) ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(A)));
        Assert.True(client.TrySend(pair.Now, new StreamId(1), WireView.Message(B, 3000), reliability: ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(300))));
        Assert.True(client.TrySend(pair.Now, new StreamId(1), WireView.Message(C)));

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        Assert.Equal(1L, client.Stats.MessagesAbandoned);
        var b = Transmissions(pair, B).DistinctBy(d => d.Tsn).ToList();
        Assert.Equal(3, b.Count);
        var forward = pair.IForwardTsns(Side.Client).Last().Chunk;
        Assert.Equal(b[^1].Tsn, forward.NewCumulativeTsn);
        Assert.Equal([new IForwardTsnStream(new StreamId(1), false, new Mid(0))], forward.Streams);
        Assert.Equal(1u, Transmissions(pair, C)[0].SsnOrMid);
    }

    [Fact]
    public void Rfc3758_3_5_LossFoundByFastRetransmitIsAbandonedWithoutWaitingForT3()
    {
        var pair = Connected();
        var client = pair.Client!;
        pair.Intercept = (side, bytes) => side == Side.Client && WireView.CarriesMarker(bytes, B) ? PacketFate.Drop : PacketFate.Deliver;
        var start = pair.Now;

        // Three messages after B, each acknowledged by a SACK of its own, give the three miss indications of
        // RFC 9260 section 7.2.4.
        foreach (var (marker, policy) in new[] { (A, default), (B, ReliabilityPolicy.LimitedRetransmissions(0)), (C, default), (D, default), ((byte)'E', default(ReliabilityPolicy)) })
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(marker), reliability: policy));
            pair.FlushAll();
            pair.Drive(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal([A, C, D, (byte)'E'], ReceiveMarkers(pair, 4));
        Assert.Single(Transmissions(pair, B));
        var forward = pair.ForwardTsns(Side.Client)[0];
        Assert.True(forward.Packet.Time - start < client.Config.RtoInitial, pair.Describe());
        Assert.Equal(0L, client.Stats.T3Expiries);
        Assert.Equal(1L, client.Stats.MessagesAbandoned);
    }

    [Fact]
    public void Rfc9260_9_2_ShutdownCompletesOnceAbandonedDataIsSkipped()
    {
        var pair = Connected();
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: int.MaxValue);
        pair.Client!.Shutdown(pair.Now);

        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed && pair.Server!.IsClosed, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Equal([A, C], WireView.Drain(pair.Server!).Select(m => m.Marker));

        // SHUTDOWN waited for the FORWARD-TSN to be acknowledged.
        int forward = pair.Log.FindLastIndex(p => p.ChunkTypes.Contains(ChunkType.ForwardTsn));
        int shutdown = pair.Log.FindIndex(p => p.ChunkTypes.Contains(ChunkType.Shutdown));
        Assert.True(forward >= 0 && forward < shutdown, pair.Describe());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc3758_3_5_MessageAbandonedAfterThePeerGotEverySentFragmentIsStillSkipped(bool interleaving)
    {
        // A fills the initial congestion window, so only B's first fragment goes out with it. Every SACK is
        // lost until T3-rtx expires, past B's lifetime: B is abandoned although the peer has all of it that
        // was sent. The FORWARD-TSN must still make the peer skip B, or C waits behind it forever.
        var pair = Connected(interleaving);
        var client = pair.Client!;
        pair.Intercept = (side, _) => side == Side.Server && client.Stats.T3Expiries == 0 ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(A, 3000)));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(B, 20_000), reliability: ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(500))));
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(C)));
        pair.FlushAll();
        var b = Transmissions(pair, B);
        Assert.NotEmpty(b);
        Assert.DoesNotContain(b, d => d.End);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2, TimeSpan.FromSeconds(30)));
        Assert.Equal(b, Transmissions(pair, B));
        Assert.Equal(1L, client.Stats.MessagesAbandoned);

        // The rest of B never went out but took the TSN after B's last fragment sent; the FORWARD-TSN skips it.
        Tsn newCumulative = interleaving ? Assert.Single(pair.IForwardTsns(Side.Client)).Chunk.NewCumulativeTsn : Assert.Single(pair.ForwardTsns(Side.Client)).Chunk.NewCumulativeTsn;
        var c = Transmissions(pair, C)[0];
        Assert.Equal(b[^1].Tsn.Next, newCumulative);
        Assert.Equal(newCumulative.Next, c.Tsn);
        Assert.Equal(c.Tsn, pair.SackCumulativeAcks(Side.Server).Last());
    }

    [Fact]
    public void Rfc3758_3_2_AbandonedUnorderedMessageIsSkippedWithoutAStreamEntry()
    {
        var pair = Connected();
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: int.MaxValue, unorderedB: true);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        var b = Transmissions(pair, B);
        Assert.Single(b);
        Assert.True(b[0].Unordered);

        // RFC 3758 section 3.2: only ordered messages are listed; C took the next SSN after A.
        var forward = Assert.Single(pair.ForwardTsns(Side.Client)).Chunk;
        Assert.Equal(b[0].Tsn, forward.NewCumulativeTsn);
        Assert.Empty(forward.Streams);
        Assert.Equal(1u, Transmissions(pair, C)[0].SsnOrMid);
        Assert.Equal(1L, pair.Client!.Stats.MessagesAbandoned);
    }

    [Fact]
    public void Rfc3758_3_5_LostForwardTsnIsSentAgain()
    {
        var pair = Connected();
        int forwardDrops = 0;
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: int.MaxValue);
        var dropB = pair.Intercept!;
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.Chunks<ForwardTsnChunk>(bytes).Count > 0 && forwardDrops++ == 0 ? PacketFate.Drop : dropB(side, bytes);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        var forwards = pair.ForwardTsns(Side.Client);
        Assert.True(forwards.Count >= 2, pair.Describe());
        Assert.True(forwards[0].Packet.Dropped);
        Assert.False(forwards[^1].Packet.Dropped);
        Assert.All(forwards, f => Assert.Equal(Transmissions(pair, B)[0].Tsn, f.Chunk.NewCumulativeTsn));
        Assert.Equal(Transmissions(pair, C)[0].Tsn, pair.SackCumulativeAcks(Side.Server).Last());
    }

    [Fact]
    public void Rfc3758_3_5_C5_ForwardTsnLostAgainAfterEverythingElseWasAckedIsStillRecovered()
    {
        // After the first FORWARD-TSN is lost, D is sent and acknowledged: nothing is in flight any more,
        // so T3-rtx stops with the SACK, and the FORWARD-TSN that SACK calls for is lost too. Rule C5: a
        // FORWARD-TSN sent keeps a T3-rtx timer running, whose expiry sends it again.
        var pair = Connected();
        int forwardDrops = 0;
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: int.MaxValue);
        var dropB = pair.Intercept!;
        pair.Intercept = (side, bytes) =>
            side == Side.Client && WireView.Chunks<ForwardTsnChunk>(bytes).Count > 0 && forwardDrops++ < 2 ? PacketFate.Drop : dropB(side, bytes);

        Assert.True(pair.DriveUntil(() => pair.Client!.Stats.MessagesAbandoned == 1, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(1, forwardDrops);
        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), WireView.Message(D)));

        Assert.Equal([A, C, D], ReceiveMarkers(pair, 3, TimeSpan.FromSeconds(60)));
        Assert.True(forwardDrops >= 3);
        Assert.Equal(Transmissions(pair, D)[0].Tsn, pair.SackCumulativeAcks(Side.Server).Last());
    }

    [Fact]
    public void Rfc8260_2_3_InterleavedAbandonedMessageIsSkippedWithIForwardTsn()
    {
        var pair = Connected(interleaving: true);
        Assert.True((pair.Client!.Features & NegotiatedFeatures.MessageInterleaving) != 0);
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: int.MaxValue);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        var b = Assert.Single(Transmissions(pair, B));
        Assert.True(b.Interleaved);
        Assert.Empty(pair.ForwardTsns(Side.Client));
        var forward = Assert.Single(pair.IForwardTsns(Side.Client)).Chunk;
        Assert.Equal(b.Tsn, forward.NewCumulativeTsn);
        Assert.Equal([new IForwardTsnStream(new StreamId(0), false, new Mid(1))], forward.Streams);
        Assert.Equal(2u, Transmissions(pair, C)[0].SsnOrMid);
        Assert.Equal(Transmissions(pair, C)[0].Tsn, pair.SackCumulativeAcks(Side.Server).Last());
        Assert.Equal(1L, pair.Client.Stats.MessagesAbandoned);
    }

    [Fact]
    public void Rfc8260_2_3_InterleavedAbandonedUnorderedMessageNamesItsUnorderedMid()
    {
        var pair = Connected(interleaving: true);
        SendABC(pair, ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(100)), drops: int.MaxValue, unorderedB: true);

        Assert.Equal([A, C], ReceiveMarkers(pair, 2));
        var b = Assert.Single(Transmissions(pair, B));
        var forward = Assert.Single(pair.IForwardTsns(Side.Client)).Chunk;
        Assert.Equal(b.Tsn, forward.NewCumulativeTsn);

        // The unordered sequence of MIDs is separate from the ordered one (RFC 8260 section 2.1).
        Assert.Equal([new IForwardTsnStream(new StreamId(0), true, new Mid(0))], forward.Streams);
        Assert.Equal(1u, Transmissions(pair, C)[0].SsnOrMid);
    }

    [Fact]
    public void Rfc3758_3_3_WithoutPartialReliabilityNegotiatedEveryMessageIsReliable()
    {
        var pair = Connected(serverPartialReliability: false);
        Assert.Equal((NegotiatedFeatures)0, pair.Client!.Features & NegotiatedFeatures.PartialReliability);

        // Under PR-SCTP B would be abandoned on its first loss; here it is retransmitted until it arrives.
        SendABC(pair, ReliabilityPolicy.LimitedRetransmissions(0), drops: 2);
        Assert.True(pair.Client.TrySend(pair.Now, new StreamId(0), WireView.Message(D), reliability: ReliabilityPolicy.Timed(TimeSpan.Zero)));

        Assert.Equal([A, B, C, D], ReceiveMarkers(pair, 4));
        Assert.Equal(3, Transmissions(pair, B).Count);
        Assert.Equal(0L, pair.Client.Stats.MessagesAbandoned);
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.ForwardTsn) || p.ChunkTypes.Contains(ChunkType.IForwardTsn));
    }

    [Theory]
    [InlineData(1ul, false)]
    [InlineData(2ul, true)]
    [InlineData(3ul, false)]
    [InlineData(4ul, true)]
    public void Rfc3758_RandomLossNeverDeliversAbandonedMessagesPartiallyOrOutOfOrder(ulong seed, bool interleaving)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaving };
        var pair = new AssociationPair(seed, config, config);
        pair.Connect();
        pair.LossRate = 0.15;
        var random = new SeededRandomSource(seed);
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = new List<(StreamId Stream, bool Unordered, ReliabilityPolicy Policy, byte[] Payload)>();
        var received = new List<(StreamId Stream, bool Unordered, byte[] Payload)>();

        for (int i = 0; i < 300; i++)
        {
            var stream = new StreamId((ushort)(random.NextUInt32() % 3));
            bool unordered = random.NextUInt32() % 5 == 0;
            var policy = (random.NextUInt32() % 3) switch
            {
                0 => ReliabilityPolicy.Reliable,
                1 => ReliabilityPolicy.LimitedRetransmissions((int)(random.NextUInt32() % 3)),
                _ => ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(50 + (random.NextUInt32() % 2000))),
            };
            byte[] payload = new byte[4 + (random.NextUInt32() % 4000)];
            random.Fill(payload);
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            Assert.True(client.TrySend(pair.Now, stream, payload, unordered: unordered, reliability: policy));
            sent.Add((stream, unordered, policy, payload));
            if (i % 10 == 9)
            {
                pair.Drive(TimeSpan.FromMilliseconds(30));
                received.AddRange(AssociationPair.ReceiveAll(server).Select(m => (m.Stream, m.Unordered, m.Payload)));
            }
        }

        pair.LossRate = 0;
        Assert.True(
            pair.DriveUntil(() => { received.AddRange(AssociationPair.ReceiveAll(server).Select(m => (m.Stream, m.Unordered, m.Payload))); return client.SendBufferUsed == 0; }, TimeSpan.FromSeconds(600)),
            $"{client.SendBufferUsed} bytes still unacknowledged. {pair.Describe()}");
        pair.Drive(TimeSpan.FromSeconds(5));
        received.AddRange(AssociationPair.ReceiveAll(server).Select(m => (m.Stream, m.Unordered, m.Payload)));

        Assert.Equal(AssociationState.Established, client.State);
        var ids = new List<int>();
        foreach (var (stream, unordered, payload) in received)
        {
            // Every message delivered is one that was sent, whole and unchanged, on its stream, once.
            int id = BinaryPrimitives.ReadInt32BigEndian(payload);
            Assert.InRange(id, 0, sent.Count - 1);
            Assert.Equal(sent[id].Payload, payload);
            Assert.Equal(sent[id].Stream, stream);
            Assert.Equal(sent[id].Unordered, unordered);
            ids.Add(id);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Ordered messages of a stream arrive in the order sent, whatever was skipped between them.
        foreach (var group in ids.Where(id => !sent[id].Unordered).GroupBy(id => sent[id].Stream))
        {
            Assert.Equal(group.Order(), group);
        }

        // Reliable messages all arrive; the rest that did not were abandoned.
        var missing = Enumerable.Range(0, sent.Count).Except(ids).ToList();
        var missingReliable = missing.Where(id => sent[id].Policy.IsReliable).Select(id => $"{id} (stream {sent[id].Stream}, unordered {sent[id].Unordered})");
        Assert.Empty(missingReliable);
        Assert.True(client.Stats.MessagesAbandoned >= missing.Count, $"{missing.Count} missing, {client.Stats.MessagesAbandoned} abandoned");
        Assert.Contains(pair.Log, p => p.Dropped);
    }

    /// <summary>
    /// RFC 3758 sections 3.5 and 3.6: the FORWARD-TSN carries B's TSN and B's stream and SSN, and the
    /// receiver's cumulative TSN ack moves past B to C.
    /// </summary>
    private static void AssertSkippedOrdered(AssociationPair pair, WireData b, WireData c)
    {
        var forwards = pair.ForwardTsns(Side.Client);
        Assert.NotEmpty(forwards);
        foreach (var (_, forward) in forwards)
        {
            Assert.Equal(b.Tsn, forward.NewCumulativeTsn);
            Assert.Equal([new ForwardTsnStream(b.Stream, new Ssn((ushort)b.SsnOrMid))], forward.Streams);
        }

        Assert.Equal(c.Tsn, pair.SackCumulativeAcks(Side.Server).Last());
        Assert.Equal(b.Tsn.Next, c.Tsn);
    }
}
