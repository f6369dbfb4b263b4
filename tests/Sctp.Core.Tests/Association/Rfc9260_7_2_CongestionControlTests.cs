using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 7.2 and the sending rules of section 6.1: the initial cwnd, slow start growth by at most
/// one PMDCS per SACK and only while the window is fully used (7.2.1), flight size bounded by cwnd plus less
/// than one packet (6.1 rule B), and Max.Burst packets per transmission opportunity (6.1 rule D).
/// </summary>
public class Rfc9260_7_2_CongestionControlTests
{
    private const int Pmdcs = 1200 - 12;

    [Fact]
    public void Rfc9260_7_2_1_SlowStartGrowsCwndFromTheInitialWindowByAtMostOnePmdcsPerSack()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;

        // min(4 * PMDCS, max(2 * PMDCS, 4404)) for an IPv4 peer.
        Assert.Equal(4404, client.Stats.CongestionWindow);
        Assert.Equal(pair.ServerTransport.ReceiveWindow, client.Stats.SlowStartThreshold);

        // After every SACK the client handles, cwnd has grown by at most one PMDCS and never shrunk.
        long cwnd = client.Stats.CongestionWindow;
        var growth = new List<long>();
        pair.Delivered = (from, _) =>
        {
            if (from == Side.Server)
            {
                long now = client.Stats.CongestionWindow;
                growth.Add(now - cwnd);
                cwnd = now;
            }
        };

        var sent = Queue(pair, 300);
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == sent.Count, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));
        Assert.Equal(0, client.Stats.Retransmissions);

        Assert.All(growth, g => Assert.InRange(g, 0, Pmdcs));
        Assert.True(cwnd > 50 * Pmdcs, $"cwnd only reached {cwnd}");

        // Slow start roughly doubles the window per round trip: 300 packets took few round trips.
        var dataTimes = pair.DataChunks(Side.Client).Select(c => c.Time).ToList();
        var rounds = (dataTimes[^1] - dataTimes[0]) / (2 * pair.Latency);
        Assert.True(rounds < 10, $"{rounds} round trips");
    }

    [Fact]
    public void Rfc9260_7_2_1_AnApplicationLimitedSenderDoesNotGrowCwnd()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        long initial = client.Stats.CongestionWindow;

        // One small message every 50 ms: the window is never fully used.
        var inbox = new Inbox(pair.Server!);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(200, i)));
            pair.DriveExactly(TimeSpan.FromMilliseconds(50));
            Assert.True(client.Stats.BytesInFlight < initial);
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 100, TimeSpan.FromSeconds(5)), pair.Describe());
        Assert.True(client.Stats.SacksReceived > 40);
        Assert.Equal(initial, client.Stats.CongestionWindow);
    }

    [Theory]
    [InlineData(4, 1ul)]
    [InlineData(2, 2ul)]
    [InlineData(3, 3ul)]
    public void Rfc9260_6_1_FlightSizeStaysBelowCwndPlusOnePacketAndBurstsStayWithinMaxBurst(int maxBurst, ulong seed)
    {
        var config = new TransportConfig { MaxBurst = maxBurst };
        var pair = new AssociationPair(seed, client: config, server: config);
        pair.Connect();
        var client = pair.Client!;
        var violations = new List<string>();
        var bursts = new List<int>();
        int burst = 0;
        pair.Intercept = (side, packet) =>
        {
            if (side == Side.Client && CarriesData(packet))
            {
                // Rule B: a packet may start while flightsize < cwnd, so flightsize stays below cwnd + PMDCS.
                if (client.Stats.BytesInFlight >= client.Stats.CongestionWindow + Pmdcs)
                {
                    violations.Add($"{pair.Now}: in flight {client.Stats.BytesInFlight}, cwnd {client.Stats.CongestionWindow}");
                }

                burst++;
            }

            return PacketFate.Deliver;
        };

        // Rule D: each packet the client handles is one transmission opportunity of at most Max.Burst packets.
        pair.Delivered = (from, _) =>
        {
            if (from == Side.Server)
            {
                bursts.Add(burst);
                burst = 0;
            }
        };

        // Mixed sizes on three streams.
        var sizes = new SeededRandomSource(seed);
        var sent = new List<byte[]>();
        for (int i = 0; i < 400; i++)
        {
            var message = Pattern(1 + (int)(sizes.NextUInt64() % 5000), i);
            sent.Add(message);
            Assert.True(client.TrySend(pair.Now, new StreamId((ushort)(i % 3)), message));
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 400, TimeSpan.FromSeconds(60)), pair.Describe());
        Assert.Empty(violations);
        Assert.Equal(sent.Sum(m => (long)m.Length), inbox.Messages.Sum(m => (long)m.Payload.Length));

        bursts.Add(burst);
        Assert.True(bursts.Max() <= maxBurst, $"a burst of {bursts.Max()} packets");

        // The first flight (cwnd 4404: four packets) is where the limit bites.
        Assert.Equal(maxBurst, bursts[0]);
    }

    private static List<byte[]> Queue(AssociationPair pair, int count)
    {
        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var sent = Enumerable.Range(0, count).Select(i => Pattern(size, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), message));
        }

        return sent;
    }
}
