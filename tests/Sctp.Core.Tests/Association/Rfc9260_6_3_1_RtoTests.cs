using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.3.1: RTT samples from acknowledged DATA (and the handshake) feed SRTT and RTTVAR;
/// RTO = SRTT + 4 * RTTVAR, clamped to [RTO.Min, RTO.Max].
/// </summary>
public class Rfc9260_6_3_1_RtoTests
{
    [Fact]
    public void Rfc9260_6_3_1_TheHandshakeGivesTheFirstSample()
    {
        var pair = new AssociationPair { Latency = TimeSpan.FromMilliseconds(30) };
        pair.Connect();

        // C2: SRTT = R from the INIT / INIT ACK exchange; RTO = R + 4 * R/2 = 180 ms, below RTO.Min.
        Assert.Equal(TimeSpan.FromMilliseconds(60), pair.Client!.Stats.SmoothedRtt);
        Assert.Equal(TimeSpan.FromSeconds(1), pair.Client.Stats.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_AfterATransferSrttIsTheRoundTripAndRtoIsClampedAtRtoMin()
    {
        var server = new TransportConfig { DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(server: server) { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        Transfer(pair, 100);

        // Every SACK left the moment its DATA arrived, so every sample is exactly two latencies.
        Assert.Equal(TimeSpan.FromMilliseconds(100), pair.Client!.Stats.SmoothedRtt);
        Assert.Equal(pair.ClientTransport.RtoMin, pair.Client.Stats.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_WithDelayedSacksSrttStaysNearTheRoundTrip()
    {
        var pair = new AssociationPair { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        Transfer(pair, 100);

        // The SACK of every second packet is immediate; only a trailing odd packet waits for the
        // delayed-ack timer. SRTT is at least the round trip and well below round trip + 200 ms.
        var srtt = pair.Client!.Stats.SmoothedRtt!.Value;
        Assert.InRange(srtt, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromSeconds(1), pair.Client.Stats.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_BelowRtoMinTheRtoFollowsSrttPlusFourRttvar()
    {
        var config = new TransportConfig { RtoMin = TimeSpan.FromMilliseconds(50), DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(client: config, server: config) { Latency = TimeSpan.FromMilliseconds(40) };
        pair.Connect();

        // After the handshake's two samples (INIT, COOKIE ECHO): SRTT = 80 ms, RTTVAR = 40 ms then 30 ms
        // (C2, C3), RTO = 80 + 4 * 30 = 200 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(200), pair.Client!.Stats.Rto);

        // Steady samples of 80 ms shrink RTTVAR by a quarter each (C3), so the RTO approaches SRTT + 4 * G.
        Transfer(pair, 300);
        var rto = pair.Client.Stats.Rto;
        Assert.Equal(TimeSpan.FromMilliseconds(80), pair.Client.Stats.SmoothedRtt);
        Assert.InRange(rto, TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(100));
        Assert.True(rto < TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Rfc9260_6_3_1_C4_ABulkTransferTakesOneSamplePerRoundTrip()
    {
        var server = new TransportConfig { DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(server: server) { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        var client = pair.Client!;
        var sampledAt = new List<TimeSpan>();
        pair.Delivered = (from, _) =>
        {
            if (from == Side.Server && client.Stats.DataRttMeasurements > sampledAt.Count)
            {
                sampledAt.Add(pair.Now);
            }
        };

        var start = pair.Now;
        Transfer(pair, 300);
        var rtt = 2 * pair.Latency;
        var rounds = (pair.Now - start) / rtt;

        // C4: one chunk is timed at a time, so two samples are at least a round trip apart, and with the
        // sender never idle a new measurement starts as soon as one ends: about one sample per round trip,
        // while SACKs arrived for every packet.
        Assert.Equal(sampledAt.Count, client.Stats.DataRttMeasurements);
        Assert.All(sampledAt.Zip(sampledAt.Skip(1)), p => Assert.True(p.Second - p.First >= rtt, $"samples at {p.First} and {p.Second}"));
        Assert.InRange(sampledAt.Count, (int)rounds - 1, (int)rounds + 1);
        Assert.True(client.Stats.SacksReceived > 10 * sampledAt.Count, $"{client.Stats.SacksReceived} SACKs, {sampledAt.Count} samples");
        Assert.Equal(rtt, client.Stats.SmoothedRtt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_ChunksWhoseSacksWereLostGiveNoInflatedSampleWhenAcknowledgedAfterT3()
    {
        var server = new TransportConfig { DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(server: server) { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        var client = pair.Client!;
        var rtt = 2 * pair.Latency;
        Assert.Equal(rtt, client.Stats.SmoothedRtt);

        // Three packets reach the server, but every SACK for them is lost until T3-rtx expires. After the
        // expiry one packet may be in flight (section 7.2.3): only the earliest chunk goes again, and the
        // SACK for it acknowledges the other two, sent once, a whole RTO (1 s) plus a round trip ago.
        pair.Intercept = (side, _) => side == Side.Server && client.Stats.T3Expiries == 0 ? PacketFate.Drop : PacketFate.Deliver;
        var inbox = new Inbox(pair.Server!);
        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, i)));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 3 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        var t0 = client.LocalInitialTsn;
        Assert.Equal([t0, t0 + 1, t0 + 2, t0], pair.DataChunks(Side.Client).Select(c => c.Tsn));
        Assert.Equal(3, pair.Sacks(Side.Server).Count(s => s.Dropped));
        Assert.Equal(1, client.Stats.T3Expiries);
        Assert.Equal(1, client.Stats.Retransmissions);

        // C5: the timed chunk was marked for retransmission by the expiry, so nothing was sampled; taking the
        // newest chunk sent once instead would have put SRTT at 7/8 * 100 ms + 1/8 * 1100 ms = 225 ms.
        Assert.Equal(0, client.Stats.DataRttMeasurements);
        Assert.Equal(rtt, client.Stats.SmoothedRtt);

        // The next new chunk is timed again and gives an honest sample.
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, 3)));
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 4 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(1, client.Stats.DataRttMeasurements);
        Assert.Equal(rtt, client.Stats.SmoothedRtt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_ARetransmittedTimedChunkGivesNoSample()
    {
        var server = new TransportConfig { DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(server: server) { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        var client = pair.Client!;
        var rtt = 2 * pair.Latency;

        // The first chunk of a bulk transfer is the timed one; its first transmission is lost and it is fast
        // retransmitted. Every other sample on this steady link is exactly one round trip.
        var timed = client.LocalInitialTsn;
        bool dropped = false;
        pair.Intercept = (side, packet) =>
        {
            if (side != Side.Client || dropped || !DataTsns(packet).Contains(timed))
            {
                return PacketFate.Deliver;
            }

            dropped = true;
            return PacketFate.Drop;
        };
        var sampled = new List<(TimeSpan Time, TimeSpan? Srtt)>();
        pair.Delivered = (from, _) =>
        {
            if (from == Side.Server && client.Stats.DataRttMeasurements > sampled.Count)
            {
                sampled.Add((pair.Now, client.Stats.SmoothedRtt));
            }
        };

        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var inbox = new Inbox(pair.Server!);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, i)));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 100 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(1, client.Stats.FastRetransmits);
        Assert.Equal(1, client.Stats.Retransmissions);
        Assert.Equal(0, client.Stats.T3Expiries);

        // C5: the SACK that acknowledged the retransmission gave no sample (timed from the first transmission
        // it would have been at least two round trips); measurements went on with later chunks.
        var transmissions = pair.DataChunks(Side.Client).Where(c => c.Tsn == timed).ToList();
        Assert.Equal(2, transmissions.Count);
        var acknowledgedAt = transmissions[1].Time + rtt;
        Assert.True(acknowledgedAt - transmissions[0].Time >= 2 * rtt, pair.Describe());
        Assert.DoesNotContain(sampled, s => s.Time == acknowledgedAt);
        Assert.NotEmpty(sampled);
        Assert.All(sampled, s => Assert.Equal(rtt, s.Srtt));
    }

    [Theory]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(3ul)]
    [InlineData(4ul)]
    [InlineData(5ul)]
    [InlineData(6ul)]
    [InlineData(7ul)]
    [InlineData(8ul)]
    public void Rfc9260_6_3_1_OverALossyLinkSrttStaysNearTheRoundTripAndSamplesKeepTheRtoAtRtoMin(ulong seed)
    {
        // 50 ms each way, 10% of packets lost in both directions, delayed SACKs (200 ms) on the receiver.
        var pair = new AssociationPair(seed) { Latency = TimeSpan.FromMilliseconds(50) };
        pair.Connect();
        pair.LossRate = 0.10;
        var client = pair.Client!;
        var rtt = 2 * pair.Latency;
        var maxSrtt = TimeSpan.Zero;
        var rtoAfterSample = new List<TimeSpan>();
        pair.Delivered = (from, _) =>
        {
            if (from != Side.Server)
            {
                return;
            }

            if (client.Stats.SmoothedRtt is { } srtt && srtt > maxSrtt)
            {
                maxSrtt = srtt;
            }

            if (client.Stats.DataRttMeasurements > rtoAfterSample.Count)
            {
                rtoAfterSample.Add(client.Stats.Rto);
            }
        };

        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var inbox = new Inbox(pair.Server!);
        for (int i = 0; i < 300; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, i)));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 300 && client.SendBufferUsed == 0, TimeSpan.FromMinutes(5)), pair.Describe());
        Assert.True(client.Stats.Retransmissions > 0 && client.Stats.T3Expiries > 0, $"seed {seed}: the link lost too little");

        // Samples come only from chunks sent once and never marked for retransmission, one per round trip:
        // a late acknowledgement after a T3-rtx expiry is not a round trip, so SRTT stays within the path's
        // round trip plus the receiver's SACK delay (taking the newest chunk sent once, as before, put it up
        // to 7 round trips on these seeds).
        Assert.True(maxSrtt < 3 * rtt, $"seed {seed}: SRTT reached {maxSrtt.TotalMilliseconds} ms on a {rtt.TotalMilliseconds} ms path");
        Assert.True(client.Stats.SmoothedRtt >= rtt, $"seed {seed}: SRTT {client.Stats.SmoothedRtt}");

        // Every RTO computed from a sample (which also undoes the back-off of rule E2) is SRTT + 4 * RTTVAR
        // below RTO.Min, so RTO.Min: sampling never carries the RTO towards RTO.Max; only consecutive
        // expiries back it off (E2) until the next sample.
        Assert.True(rtoAfterSample.Count > 20, $"seed {seed}: {rtoAfterSample.Count} samples");
        Assert.All(rtoAfterSample, rto => Assert.Equal(client.Config.RtoMin, rto));
    }

    private static void Transfer(AssociationPair pair, int messages)
    {
        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var inbox = new Inbox(pair.Server!);
        for (int i = 0; i < messages; i++)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), Pattern(size, i)));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == messages && pair.Client!.SendBufferUsed == 0, TimeSpan.FromSeconds(60)), pair.Describe());
        Assert.Equal(0, pair.Client!.Stats.Retransmissions);
    }
}
