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
