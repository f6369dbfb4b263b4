using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>Path heartbeats (RFC 9260 section 8.3) and detecting an unreachable peer (section 8.1), end to end.</summary>
public class HeartbeatAndFailureTests
{
    private static AssociationPair Connected(TransportConfig config, ulong seed = 11)
    {
        var pair = new AssociationPair(seed, config, config);
        pair.Connect();
        return pair;
    }

    private static List<TimeSpan> HeartbeatTimes(AssociationPair pair, Side side) =>
        [.. pair.Sent(side, ChunkType.Heartbeat).Select(p => p.Time)];

    private static AssociationError LostError(List<AssociationEvent> events) =>
        Assert.Single(events, e => e.Kind == AssociationEventKind.Lost).Error!;

    [Fact]
    public void Rfc9260_8_3_IdleAssociationHeartbeatsEveryIntervalPlusRto()
    {
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(5) };
        var pair = Connected(config);
        pair.Drive(TimeSpan.FromSeconds(65));

        // HB.interval plus one RTO (1 s here), jittered by up to half the RTO either way.
        var times = HeartbeatTimes(pair, Side.Client);
        Assert.InRange(times.Count, 9, 12);
        for (int i = 1; i < times.Count; i++)
        {
            Assert.InRange((times[i] - times[i - 1]).TotalSeconds, 5.5, 6.5);
        }

        // Each is answered, echoing its information, and nothing else travels on the idle association.
        int answerable = times.Count(t => t < pair.Now - TimeSpan.FromMilliseconds(20));
        Assert.Equal(answerable, pair.Sent(Side.Server, ChunkType.HeartbeatAck).Count());
        Assert.Equal(times.Count, pair.Client!.Stats.HeartbeatsSent);
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.Data) || p.ChunkTypes.Contains(ChunkType.Abort));
        Assert.Equal(AssociationState.Established, pair.Client.State);
        Assert.NotEmpty(HeartbeatTimes(pair, Side.Server));
    }

    [Fact]
    public void Rfc9260_8_3_AssociationSendingDataSendsNoHeartbeats()
    {
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(5) };
        var pair = Connected(config);
        var client = pair.Client!;
        int received = 0;
        for (int i = 0; i < 30; i++)
        {
            // One message a second: sent, delivered and acknowledged, then the clock moves to the next second.
            var next = pair.Now + TimeSpan.FromSeconds(1);
            Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message((byte)i)));
            Assert.True(pair.DriveUntil(() => { received += WireView.Drain(pair.Server!).Count; return received == i + 1 && client.Stats.BytesInFlight == 0; }, TimeSpan.FromSeconds(1)), pair.Describe());
            Assert.True(pair.Now < next);
            pair.Advance(next - pair.Now);
        }

        // The client's path is never idle for HB.interval; the server, which only acknowledges, heartbeats.
        Assert.Empty(HeartbeatTimes(pair, Side.Client));
        Assert.NotEmpty(HeartbeatTimes(pair, Side.Server));
    }

    [Fact]
    public void Rfc9260_8_3_HeartbeatAckGivesAnRttSample()
    {
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(5) };
        var pair = Connected(config);
        var before = pair.Client!.Stats.SmoothedRtt;

        // The path gets slower; only heartbeats cross it, so only they can tell.
        pair.Latency = TimeSpan.FromMilliseconds(200);
        Assert.True(pair.DriveUntil(() => pair.Sent(Side.Server, ChunkType.HeartbeatAck).Any() && pair.Client.Stats.SmoothedRtt != before, TimeSpan.FromSeconds(20)), pair.Describe());

        var after = pair.Client.Stats.SmoothedRtt!.Value;
        Assert.True(before is null || after > before.Value, $"SRTT {before} -> {after}");
        Assert.InRange(after.TotalMilliseconds, 1, 400);
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.Data));
    }

    [Fact]
    public void Rfc9260_8_3_HeartbeatAckThatDoesNotEchoOurNonceIsIgnored()
    {
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(5) };
        var pair = Connected(config);
        var client = pair.Client!;

        // The real answers are lost, so a heartbeat stays unanswered.
        pair.Intercept = (side, bytes) => side == Side.Server && WireView.Chunks<HeartbeatAckChunk>(bytes).Count > 0 ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(pair.DriveUntil(() => client.Stats.HeartbeatsSent == 1, TimeSpan.FromSeconds(20)), pair.Describe());
        var heartbeat = WireView.Chunks<HeartbeatChunk>(pair.Sent(Side.Client, ChunkType.Heartbeat).Single().Bytes).Single();
        var rtt = client.Stats.SmoothedRtt;
        long drops = client.Stats.Dropped(DropReason.UnexpectedChunk);

        // A forged answer: right shape, wrong nonce, and a send time ten seconds back that would make a huge RTT sample.
        byte[] info = heartbeat.Info.ToArray();
        info[0] ^= 0xFF;
        BinaryPrimitives.WriteInt64BigEndian(info.AsSpan(8), (pair.Now - TimeSpan.FromSeconds(10)).Ticks);
        pair.Inject(Side.Server, pair.PacketFrom(Side.Server, new HeartbeatAckChunk(info)));

        Assert.Equal(drops + 1, client.Stats.Dropped(DropReason.UnexpectedChunk));
        Assert.Equal(rtt, client.Stats.SmoothedRtt);
        Assert.Equal(AssociationState.Established, client.State);

        // The heartbeat still counts as unanswered: the next one goes out after a backed-off RTO.
        Assert.True(pair.DriveUntil(() => client.Stats.HeartbeatsSent == 2, TimeSpan.FromSeconds(20)), pair.Describe());
        Assert.Equal(TimeSpan.FromSeconds(2), client.Stats.Rto);
    }

    [Fact]
    public void Rfc9260_8_1_IdleAssociationIsLostWhenHeartbeatsGoUnanswered()
    {
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(2), AssociationMaxRetransmits = 3 };
        var pair = Connected(config);
        pair.Intercept = (_, _) => PacketFate.Drop;

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromSeconds(120)), pair.Describe());

        Assert.Equal(AssociationErrorKind.RetransmissionLimit, LostError(pair.ClientEvents).Kind);

        // One heartbeat, then one more for each of the Association.Max.Retrans unanswered ones; the next
        // expiry is one error too many.
        var times = HeartbeatTimes(pair, Side.Client);
        Assert.Equal(4, times.Count);
        Assert.Equal(4, pair.Client!.Stats.HeartbeatsSent);

        // RFC 9260 section 8.3: HB.interval plus an RTO that doubles while heartbeats go unanswered (1, 2, 4 s), jittered by half of it.
        double[] rtos = [1, 2, 4];
        for (int i = 1; i < times.Count; i++)
        {
            Assert.InRange((times[i] - times[i - 1]).TotalSeconds, 2 + (rtos[i - 1] / 2), 2 + (rtos[i - 1] * 1.5));
        }

        // Nothing more is sent once the association is lost.
        var lostAt = pair.Now;
        pair.Drive(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(pair.Log, p => p.From == Side.Client && p.Time > lostAt);
    }

    [Fact]
    public void Rfc9260_8_1_AssociationWithDataOutstandingIsLostAfterMaxRetransmissions()
    {
        var config = new TransportConfig { AssociationMaxRetransmits = 4 };
        var pair = Connected(config);
        pair.Intercept = (_, _) => PacketFate.Drop;
        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), WireView.Message(1)));

        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed, TimeSpan.FromSeconds(120)), pair.Describe());

        var error = LostError(pair.ClientEvents);
        Assert.Equal(AssociationErrorKind.RetransmissionLimit, error.Kind);

        // Sent once and retransmitted Association.Max.Retrans times, on T3-rtx doubling from 1 s; the next expiry fails it.
        var data = pair.AllData(Side.Client);
        Assert.Equal(5, data.Count);
        Assert.Single(data.Select(d => d.Data.Tsn).Distinct());
        Assert.Equal(5L, pair.Client.Stats.T3Expiries);
        var gaps = data.Zip(data.Skip(1), (a, b) => (b.Packet.Time - a.Packet.Time).TotalSeconds).ToArray();
        Assert.Equal([1.0, 2.0, 4.0, 8.0], gaps);
        Assert.DoesNotContain(pair.Log, p => p.From == Side.Client && p.Time > data[^1].Packet.Time);
    }

    [Fact]
    public void Rfc9260_8_1_AcknowledgedDataResetsTheErrorCount()
    {
        // Three T3-rtx expiries (the most Association.Max.Retrans allows) with every SACK lost, then one
        // SACK through, then three more expiries: the SACK in between must clear the count.
        var config = new TransportConfig { AssociationMaxRetransmits = 3, HeartbeatInterval = TimeSpan.Zero };
        var pair = Connected(config);
        var client = pair.Client!;
        long expiriesBeforeSackGetsThrough = 3;
        pair.Intercept = (side, _) => side == Side.Server && client.Stats.T3Expiries < expiriesBeforeSackGetsThrough ? PacketFate.Drop : PacketFate.Deliver;

        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(1)));
        Assert.True(pair.DriveUntil(() => client.Stats.BytesInFlight == 0 && client.Stats.T3Expiries == 3, TimeSpan.FromSeconds(60)), pair.Describe());

        expiriesBeforeSackGetsThrough = 6;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), WireView.Message(2)));
        Assert.True(pair.DriveUntil(() => client.Stats.BytesInFlight == 0 && client.Stats.T3Expiries == 6, TimeSpan.FromSeconds(600)), pair.Describe());

        Assert.Equal(AssociationState.Established, client.State);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal([1, 2], WireView.Drain(pair.Server!).Select(m => (int)m.Marker));
    }
    [Fact]
    public void Rfc9260_8_3_AnsweredHeartbeatResetsTheErrorCount()
    {
        // Association.Max.Retrans is 3: three unanswered heartbeats in a row are survivable, a fourth is not.
        // Here three go unanswered, the next is answered, then three more go unanswered: the answer in between
        // clears the count (section 8.3), so the association stays up.
        var config = new TransportConfig { HeartbeatInterval = TimeSpan.FromSeconds(2), AssociationMaxRetransmits = 3 };
        var pair = Connected(config);
        var client = pair.Client!;
        int acks = 0;
        pair.Intercept = (side, bytes) =>
            side == Side.Server && WireView.Chunks<HeartbeatAckChunk>(bytes).Count > 0 && ++acks != 4 ? PacketFate.Drop : PacketFate.Deliver;

        Assert.True(pair.DriveUntil(() => client.Stats.HeartbeatsSent == 8, TimeSpan.FromSeconds(300)), pair.Describe());

        Assert.Equal(AssociationState.Established, client.State);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.False(pair.Sent(Side.Server, ChunkType.HeartbeatAck).ElementAt(3).Dropped);

        // The answered one also brought the RTO back from its backoff (to 1 s, from its RTT sample): the
        // interval armed after it is short again.
        var times = HeartbeatTimes(pair, Side.Client);
        Assert.InRange((times[5] - times[4]).TotalSeconds, 2.5, 3.5);
        Assert.True(times[4] - times[3] > TimeSpan.FromSeconds(4));
    }
}
