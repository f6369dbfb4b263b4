using Sctp.Packet;
using Sctp.Packet.Chunks;
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

    [Fact]
    public void Rfc9260_7_2_2_ASenderLimitedByThePeersWindowDoesNotGrowCwnd()
    {
        // The server's 3000-byte window is also the client's ssthresh (section 7.2.1), below the initial cwnd
        // of 4404: congestion avoidance from the start. The window, not cwnd, limits the flight.
        var server = new TransportConfig { ReceiveWindow = 3000, MaxMessageSize = 3000 };
        var pair = new AssociationPair(server: server);
        pair.Connect();
        var client = pair.Client!;
        Assert.Equal(3000, client.Stats.SlowStartThreshold);
        long initial = client.Stats.CongestionWindow;
        Assert.True(initial > 3000);

        long maxInFlight = 0;
        pair.Intercept = (side, _) =>
        {
            maxInFlight = Math.Max(maxInFlight, client.Stats.BytesInFlight);
            return PacketFate.Deliver;
        };

        var sent = Queue(pair, 100);
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == sent.Count && client.SendBufferUsed == 0, TimeSpan.FromSeconds(60)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));

        // Section 7.2.2: cwnd grows only when flightsize was at least cwnd before the SACK. Acknowledged bytes
        // added up to many windows, but the flight never filled cwnd, so cwnd did not move.
        Assert.True(maxInFlight < initial, $"in flight up to {maxInFlight}");
        Assert.True(client.Stats.SacksReceived > 20);
        Assert.Equal(initial, client.Stats.CongestionWindow);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_7_2_2_CongestionAvoidanceCountsTheBytesOfDuplicateTsns(bool withDuplicates)
    {
        // Congestion avoidance from the start (ssthresh 3000 < cwnd 4404, as above); the link loses
        // everything and the server's SACKs are written by hand, so the byte counts are exact.
        var server = new TransportConfig { ReceiveWindow = 3000, MaxMessageSize = 3000 };
        var pair = new AssociationPair(server: server);
        pair.Connect();
        var client = pair.Client!;
        var t0 = client.LocalInitialTsn;
        const int Chunk = 116;
        Assert.Equal(4404, client.Stats.CongestionWindow);
        pair.Intercept = (_, _) => PacketFate.Drop;
        for (int i = 0; i < 60; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(Chunk - DataChunk.HeaderSize, i)));
        }

        // The peer's 3000-byte window takes two full packets of ten chunks (the rest of the window is too
        // small for a third while more is queued: sender silly window avoidance).
        pair.FlushAll();
        Assert.Equal(20, pair.DataChunks(Side.Client).Count);

        // The first SACK opens the peer's window: the client fills cwnd (4404 bytes: 38 chunks of 116).
        // Its flight was below cwnd, so its 116 bytes only go into partial_bytes_acked.
        pair.Advance(TimeSpan.FromMilliseconds(20));
        pair.Inject(Side.Server, ServerPacket(pair, (ref PacketWriter w) => Assert.True(w.TryAdd(new SackChunk(t0, 1_000_000)))));
        pair.FlushAll();
        Assert.Equal(39, pair.DataChunks(Side.Client).Count);
        Assert.Equal(38 * Chunk, client.Stats.BytesInFlight);
        Assert.Equal(4404, client.Stats.CongestionWindow);

        // The second acknowledges 36 more chunks (4176 bytes; with the first SACK's 116, 4292 < cwnd) and
        // reports two of them as received twice. Only with those 232 bytes does partial_bytes_acked reach
        // cwnd, and cwnd grows by one PMDCS.
        pair.Advance(TimeSpan.FromMilliseconds(20));
        Tsn[] duplicates = withDuplicates ? [t0 + 1, t0 + 2] : [];
        pair.Inject(Side.Server, ServerPacket(pair, (ref PacketWriter w) => Assert.True(w.TryAdd(new SackChunk(t0 + 36, 1_000_000, default, duplicates)))));
        Assert.Equal(withDuplicates ? 4404 + Pmdcs : 4404, client.Stats.CongestionWindow);
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
