using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.3.2 (T3-rtx started by sending data if not running, R1; stopped when all data is
/// acknowledged, R2; restarted when the earliest outstanding TSN is acknowledged, R3) and section 6.3.3
/// (on expiry: RTO doubles up to RTO.Max, E2; cwnd = one PMDCS, section 7.2.3; the earliest outstanding
/// data goes out again in one packet, E3), with Association.Max.Retrans bounding the retries (section 8.1).
/// </summary>
public class Rfc9260_6_3_3_T3RtxTests
{
    private const int Pmdcs = 1200 - 12;

    [Fact]
    public void Rfc9260_6_3_3_ExpiryDoublesTheRtoUpToRtoMaxCollapsesCwndAndRetransmits()
    {
        var config = new TransportConfig { RtoMax = TimeSpan.FromSeconds(5) };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        var client = pair.Client!;
        Assert.Equal(TimeSpan.FromSeconds(1), client.Stats.Rto);

        bool blackout = true;
        pair.Intercept = (side, _) => blackout && side == Side.Client ? PacketFate.Drop : PacketFate.Deliver;
        var message = Pattern(500, 1);
        Assert.True(client.TrySend(pair.Now, new StreamId(0), message));

        var rtoAfterExpiry = new List<TimeSpan>();
        var cwndAfterExpiry = new List<long>();
        var ssthreshAfterExpiry = new List<long>();
        Assert.True(pair.DriveUntil(
            () =>
            {
                if (client.Stats.T3Expiries > rtoAfterExpiry.Count)
                {
                    rtoAfterExpiry.Add(client.Stats.Rto);
                    cwndAfterExpiry.Add(client.Stats.CongestionWindow);
                    ssthreshAfterExpiry.Add(client.Stats.SlowStartThreshold);
                }

                return client.Stats.T3Expiries == 5;
            },
            TimeSpan.FromSeconds(25)), pair.Describe());

        // E2: 1 s doubles to 2, 4, then RTO.Max caps it.
        Assert.Equal(new[] { 2, 4, 5, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)), rtoAfterExpiry);

        // The chunk went out at t, t+1, t+3, t+7, t+12, t+17: each expiry after the backed-off RTO.
        var times = pair.DataChunks(Side.Client).Select(c => c.Time).ToList();
        Assert.Equal(6, times.Count);
        Assert.Equal(new[] { 1, 2, 4, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)), times.Zip(times.Skip(1), (a, b) => b - a));

        // Section 7.2.3: cwnd = 1 * PMDCS; ssthresh = max(cwnd / 2, 4 * PMDCS).
        Assert.All(cwndAfterExpiry, c => Assert.Equal(Pmdcs, c));
        Assert.All(ssthreshAfterExpiry, s => Assert.Equal(4 * Pmdcs, s));
        Assert.Equal(5, client.Stats.Retransmissions);

        // Once the link is back, the next retransmission gets through and the message is delivered once.
        blackout = false;
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 1 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(message, inbox.Messages[0].Payload);
        Assert.Equal(AssociationState.Established, client.State);

        // Karn (section 6.3.1, C5): the retransmitted chunk gave no RTT sample, so the backed-off RTO stays
        // until a chunk sent once is acknowledged; that one brings it back to RTO.Min.
        Assert.Equal(TimeSpan.FromSeconds(5), client.Stats.Rto);
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(100, 2)));
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 2 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(TimeSpan.FromSeconds(1), client.Stats.Rto);
    }

    [Fact]
    public void Rfc9260_7_2_3_AfterAnExpiryOnePacketOfTheEarliestDataIsInFlight()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var t0 = client.LocalInitialTsn;
        bool blackout = true;
        pair.Intercept = (side, packet) => blackout && side == Side.Client && CarriesData(packet) ? PacketFate.Drop : PacketFate.Deliver;

        int full = FullDataPayload(pair.ClientTransport.Mtu, false);
        var sent = Enumerable.Range(0, 30).Select(i => Pattern(full, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), message));
        }

        pair.FlushAll();
        int firstFlight = pair.DataChunks(Side.Client).Count;
        Assert.True(firstFlight > 1);
        Assert.True(pair.DriveUntil(() => client.Stats.T3Expiries == 3, TimeSpan.FromSeconds(10)), pair.Describe());
        pair.FlushAll();

        // E3 and section 7.2.3: each expiry sent one packet, holding the earliest outstanding TSN.
        var retransmissions = pair.DataChunks(Side.Client).Skip(firstFlight).ToList();
        Assert.Equal(3, retransmissions.Count);
        Assert.All(retransmissions, r => Assert.Equal(t0, r.Tsn));
        Assert.Equal(3, retransmissions.Select(r => r.Packet).Distinct().Count());

        blackout = false;
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 30, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));
    }

    [Fact]
    public void Rfc9260_6_1_C_AfterAnExpiryTheEarliestChunkGoesOutBeforeAnyNewDataEvenWithASackBundled()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var t0 = client.LocalInitialTsn;
        bool blackout = true;
        pair.Intercept = (side, packet) => blackout && side == Side.Client && CarriesData(packet) ? PacketFate.Drop : PacketFate.Deliver;

        // Four full-size chunks go out and are lost; six more messages wait behind them.
        int full = FullDataPayload(pair.ClientTransport.Mtu, false);
        var sent = Enumerable.Range(0, 10).Select(i => Pattern(full, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), message));
        }

        pair.FlushAll();
        Assert.Equal(4, pair.DataChunks(Side.Client).Count);

        // A message from the server arrives the moment T3 expires, so the client owes a SACK and bundles it
        // with what it sends next, leaving no room for a full-size chunk in that packet.
        var expiry = pair.DataChunks(Side.Client)[0].Time + client.Stats.Rto;
        pair.DriveExactly(expiry - pair.Latency - pair.Now);
        Assert.Equal(0, client.Stats.T3Expiries);
        Assert.True(pair.Server!.TrySend(pair.Now, new StreamId(0), Pattern(100, 99)));
        blackout = false;
        Assert.True(pair.DriveUntil(() => client.Stats.T3Expiries == 1, TimeSpan.FromSeconds(1)), pair.Describe());
        pair.FlushAll();

        // Section 6.1 rule C and section 6.3.3 E3: the earliest outstanding chunk goes first; no new TSN before it.
        var afterExpiry = pair.DataChunks(Side.Client).Skip(4).ToList();
        Assert.NotEmpty(afterExpiry);
        Assert.Equal(t0, afterExpiry[0].Tsn);

        var inbox = new Inbox(pair.Server);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 10, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));
    }

    [Fact]
    public void Rfc9260_6_3_2_SacksThatDoNotAdvanceTheCumulativeAckDoNotRestartT3()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var lost = client.LocalInitialTsn + 3;

        // The lost TSN's first transmission and its fast retransmission are both lost.
        int lostTransmissions = 0;
        pair.Intercept = (side, packet) => side == Side.Client && DataTsns(packet).Contains(lost) && ++lostTransmissions <= 2 ? PacketFate.Drop : PacketFate.Deliver;

        // A message every 100 ms: every SACK after the loss carries gap blocks and leaves the cumulative
        // ack where it is.
        var inbox = new Inbox(pair.Server!);
        for (int i = 0; i < 25; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(100, i)));
            pair.DriveExactly(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 25, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(1, client.Stats.FastRetransmits);
        Assert.Equal(1, client.Stats.T3Expiries);

        // R3: T3 was restarted when the SACK acknowledging lost - 1 arrived, and once more (section 7.2.4)
        // when the fast retransmission sent the lost TSN, then the earliest outstanding. The SACKs after
        // that did not touch it, so it expired one RTO (1 s) after the fast retransmission and sent the
        // lost TSN for the third time.
        var sacks = pair.Sacks(Side.Server);
        var lastAdvance = sacks.First(s => s.CumulativeTsnAck == lost.Previous).Time + pair.Latency;
        var transmissions = pair.DataChunks(Side.Client).Where(c => c.Tsn == lost).ToList();
        Assert.Equal(3, transmissions.Count);
        var stuck = sacks.Where(s => s.CumulativeTsnAck == lost.Previous && s.Time + pair.Latency > transmissions[1].Time).ToList();
        Assert.True(stuck.Count >= 5, pair.Describe());
        Assert.True(transmissions[1].Time > lastAdvance, pair.Describe());
        Assert.Equal(transmissions[1].Time + TimeSpan.FromSeconds(1), transmissions[2].Time);
    }

    [Fact]
    public void Rfc9260_6_3_2_T3RestartsOnEveryAdvanceAndStopsWhenAllIsAcknowledged()
    {
        // A transfer much longer than the RTO, without loss: R3 keeps restarting the timer, so it never
        // expires; R2 stops it at the end.
        var pair = new AssociationPair { Latency = TimeSpan.FromMilliseconds(250) };
        pair.Connect();
        var client = pair.Client!;
        var sent = Enumerable.Range(0, 400).Select(i => Pattern(FullDataPayload(1200, false), i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), message));
        }

        var start = pair.Now;
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 400 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(60)), pair.Describe());
        Assert.True(pair.Now - start > TimeSpan.FromSeconds(3), $"the transfer took {pair.Now - start}");
        Assert.Equal(0, client.Stats.T3Expiries);
        Assert.Equal(0, client.Stats.Retransmissions);

        // Nothing outstanding: the next timer is the heartbeat's, tens of seconds away, not T3's.
        Assert.True(client.PollTimeout() > pair.Now + TimeSpan.FromSeconds(10), $"next timer at {client.PollTimeout()}, now {pair.Now}");
        pair.Drive(TimeSpan.FromSeconds(5));
        Assert.Equal(0, client.Stats.T3Expiries);
    }

    [Fact]
    public void Rfc9260_8_1_ThePeerIsUnreachableAfterAssociationMaxRetransConsecutiveExpiries()
    {
        var config = new TransportConfig { AssociationMaxRetransmits = 3, RtoMax = TimeSpan.FromSeconds(2) };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        var client = pair.Client!;
        pair.Intercept = (side, _) => side == Side.Client ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(100, 1)));

        Assert.True(pair.DriveUntil(() => client.IsClosed, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(4, client.Stats.T3Expiries);
        var lost = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(AssociationErrorKind.RetransmissionLimit, lost.Error!.Kind);
        Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, new StreamId(0), Pattern(1, 1)));
    }
}
