using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 7.2.4: a TSN reported missing by three SACKs (miss indications counted by the
/// highest-newly-acknowledged rule) is retransmitted at once, before T3-rtx; on entering Fast Recovery
/// ssthresh = max(cwnd/2, 4 * PMDCS) and cwnd = ssthresh; cwnd does not grow and no further halving happens
/// until the SACK that acknowledges the exit point ends Fast Recovery.
/// </summary>
public class Rfc9260_7_2_4_FastRetransmitTests
{
    private const int Pmdcs = 1200 - 12;

    [Fact]
    public void Rfc9260_7_2_4_OneLostPacketIsFastRetransmittedAfterThreeMissIndications()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var t0 = pair.Client!.LocalInitialTsn;
        var lost = t0 + 10;
        DropFirstTransmissionOf(pair, lost);

        var sent = Send(pair, 60);
        var (inbox, steps) = Run(pair, 60);
        Assert.Equal(sent, inbox.OnStream(0));

        var stats = pair.Client.Stats;
        Assert.Equal(1, stats.FastRetransmits);
        Assert.Equal(0, stats.T3Expiries);
        Assert.Equal(1, stats.Retransmissions);

        // Sent twice, the second time when the third SACK reporting it missing arrived, well before T3.
        var transmissions = pair.DataChunks(Side.Client).Where(c => c.Tsn == lost).ToList();
        Assert.Equal(2, transmissions.Count);
        var retransmittedAt = transmissions[1].Time;
        Assert.True(retransmittedAt < transmissions[0].Time + pair.Client.Config.RtoMin, pair.Describe());
        var missReports = pair.Sacks(Side.Server)
            .Where(s => s.CumulativeTsnAck == lost.Previous && s.Gaps.Length > 0)
            .Select(s => s.Time + pair.Latency)
            .ToList();
        Assert.True(missReports.Count >= 3, pair.Describe());
        Assert.Equal(missReports[2], retransmittedAt);

        // Only the lost TSN was sent again.
        var all = pair.DataChunks(Side.Client);
        Assert.Equal(all.Count - 1, all.Select(c => c.Tsn).Distinct().Count());

        // ssthresh = max(cwnd / 2, 4 * PMDCS) and cwnd = ssthresh when Fast Recovery began.
        int entry = steps.FindIndex(s => s.FastRetransmits == 1);
        var before = steps[entry - 1];
        var at = steps[entry];
        Assert.Equal(1, at.SacksReceived - before.SacksReceived);
        Assert.Equal(lost.Previous, at.CumulativeAck);

        // The SACK with the third miss also newly acknowledges data through its gap blocks, and slow start
        // counts that first (the order is not specified; Linux does the same): the halving applies to cwnd
        // after at most one PMDCS of growth.
        Assert.Contains(at.Ssthresh, new[] { Math.Max(before.Cwnd / 2, 4 * Pmdcs), Math.Max((before.Cwnd + Pmdcs) / 2, 4 * Pmdcs) });
        Assert.Equal(at.Ssthresh, at.Cwnd);
        Assert.True(at.Cwnd < before.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_4_CwndHoldsDuringFastRecoveryWhichEndsWhenTheExitPointIsAcknowledged()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var t0 = pair.Client!.LocalInitialTsn;
        var firstLoss = t0 + 10;
        var secondLoss = t0 + 150;
        DropFirstTransmissionOf(pair, firstLoss, secondLoss);

        var sent = Send(pair, 200);
        var (inbox, steps) = Run(pair, 200);
        Assert.Equal(sent, inbox.OnStream(0));
        var stats = pair.Client.Stats;

        // Two separate Fast Recovery episodes: the second loss, long after the first recovery, enters
        // Fast Recovery again, which it could not if the first had never been left.
        Assert.Equal(2, stats.FastRetransmits);
        Assert.Equal(0, stats.T3Expiries);
        Assert.Equal(2, stats.Retransmissions);

        // While in the first Fast Recovery (up to the SACK that acknowledges the highest TSN outstanding at
        // entry), cwnd does not move; afterwards it grows again.
        int entry = steps.FindIndex(s => s.FastRetransmits == 1);
        var exitPoint = steps[entry].HighestSent;
        int exit = steps.FindIndex(entry, s => s.CumulativeAck >= exitPoint);
        Assert.True(exit > entry + 3, "Fast Recovery should span several SACKs");
        Assert.All(steps.Skip(entry).Take(exit - entry), s => Assert.Equal(steps[entry].Cwnd, s.Cwnd));
        Assert.All(steps.Skip(entry).Take(exit - entry), s => Assert.Equal(1, s.FastRetransmits));
        int secondEntry = steps.FindIndex(s => s.FastRetransmits == 2);
        Assert.Contains(steps.Skip(exit).Take(secondEntry - exit), s => s.Cwnd > steps[entry].Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_4_TwoLossesInOneWindowHalveTheWindowOnce()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var t0 = pair.Client!.LocalInitialTsn;
        DropFirstTransmissionOf(pair, t0 + 20, t0 + 22);

        var sent = Send(pair, 60);
        var (inbox, steps) = Run(pair, 60);
        Assert.Equal(sent, inbox.OnStream(0));

        var stats = pair.Client.Stats;
        Assert.Equal(1, stats.FastRetransmits);
        Assert.Equal(2, stats.Retransmissions);
        Assert.Equal(0, stats.T3Expiries);

        // One halving: ssthresh changed once.
        Assert.Equal(2, steps.Select(s => s.Ssthresh).Distinct().Count());
    }

    [Fact]
    public void Rfc9260_7_2_4_AFastRetransmittedChunkLostAgainIsRecoveredByT3NotByAnotherFastRetransmit()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var t0 = pair.Client!.LocalInitialTsn;
        var lost = t0 + 10;
        int transmissionsOfLost = 0;
        pair.Intercept = (side, packet) =>
            side == Side.Client && DataTsns(packet).Contains(lost) && ++transmissionsOfLost <= 2 ? PacketFate.Drop : PacketFate.Deliver;

        var sent = Send(pair, 80);
        var (inbox, _) = Run(pair, 80);
        Assert.Equal(sent, inbox.OnStream(0));

        // Section 7.2.4: a chunk is fast-retransmitted only once; its second loss waits for T3-rtx.
        var stats = pair.Client.Stats;
        Assert.Equal(1, stats.FastRetransmits);
        Assert.Equal(1, stats.T3Expiries);
        Assert.Equal(3, transmissionsOfLost);
    }

    [Fact]
    public void Rfc9260_7_2_4_AFullSizeChunkIsFastRetransmittedAtOnceEvenWhenASackMustGoInTheSamePacket()
    {
        // After a warm-up that opens cwnd, the client has thirty full-size chunks in flight; the first is
        // lost. The server's answers are written by hand: three SACKs reporting it missing, the third bundled
        // with DATA of the server's own, so the client owes a SACK when it fast-retransmits, and a SACK and a
        // full-size chunk do not fit one packet. Section 7.2.4: the retransmission ignores cwnd and is not
        // delayed.
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var server = pair.Server!;
        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var inbox = new Inbox(server);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, i)));
        }

        Assert.True(pair.DriveUntil(() => inbox.Drain() == 100 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.True(client.Stats.CongestionWindow > 30 * 1188);

        var first = pair.DataChunks(Side.Client)[^1].Tsn.Next;
        pair.Intercept = (side, packet) => side == Side.Server || DataTsns(packet).Contains(first) ? PacketFate.Drop : PacketFate.Deliver;
        for (int i = 0; i < 30; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(size, 100 + i)));
            pair.FlushAll();
        }

        Assert.Equal(first + 29, pair.DataChunks(Side.Client)[^1].Tsn);
        pair.Advance(2 * pair.Latency);
        pair.Intercept = (side, _) => side == Side.Server ? PacketFate.Drop : PacketFate.Deliver;

        var serverTsn = pair.DataChunks(Side.Server).Count == 0 ? server.LocalInitialTsn : throw new InvalidOperationException();
        for (ushort end = 2; end <= 4; end++)
        {
            var gaps = new[] { new GapAckBlock(2, end) };
            bool withData = end == 4;
            pair.Inject(Side.Server, ServerPacket(pair, (ref PacketWriter w) =>
            {
                Assert.True(w.TryAdd(new SackChunk(first.Previous, 1_000_000, gaps)));
                if (withData)
                {
                    Assert.True(w.TryAdd(new DataChunk(serverTsn, new StreamId(0), new Ssn(0), default, Pattern(100, 9))));
                }
            }));
        }

        Assert.Equal(1, client.Stats.FastRetransmits);
        Assert.True(client.Stats.BytesInFlight >= client.Stats.CongestionWindow, $"in flight {client.Stats.BytesInFlight}, cwnd {client.Stats.CongestionWindow}");
        int before = pair.Log.Count;
        pair.FlushAll();

        // The retransmission leaves now, not when cwnd or T3 allows; the SACK goes too.
        var sent = pair.Log.Skip(before).ToList();
        Assert.Contains(sent, p => DataTsns(p.Bytes).Contains(first));
        Assert.Contains(sent, p => p.ChunkTypes.Contains(ChunkType.Sack));
        Assert.All(sent, p => Assert.True(p.Bytes.Length <= pair.ClientTransport.Mtu));
    }

    [Fact]
    public void Rfc9260_7_2_4_FastRetransmittingTheEarliestOutstandingTsnRestartsT3AndALaterOneDoesNot()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var t0 = client.LocalInitialTsn;

        // Eight small chunks in one packet; the link loses everything, and the server's SACKs are written by
        // hand: t0 and t0 + 2 missing, the others arriving one by one.
        pair.Intercept = (_, _) => PacketFate.Drop;
        for (int i = 0; i < 8; i++)
        {
            Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(100, i)));
        }

        pair.FlushAll();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => t0 + (uint)i), pair.DataChunks(Side.Client).Select(c => c.Tsn));

        // R1: T3-rtx runs from the first transmission, with RTO = RTO.Min.
        var rto = client.Stats.Rto;
        Assert.Equal(pair.Now + rto, client.PollTimeout());
        var started = client.PollTimeout();

        // Miss indications (highest newly acknowledged rule): t0 gets one from each SACK, t0 + 2 from the second on.
        GapAckBlock[][] sacks =
        [
            [new GapAckBlock(2, 2)],
            [new GapAckBlock(2, 2), new GapAckBlock(4, 4)],
            [new GapAckBlock(2, 2), new GapAckBlock(4, 5)],
            [new GapAckBlock(2, 2), new GapAckBlock(4, 6)],
        ];
        var timeouts = new List<TimeSpan?>();
        var sentAt = new List<TimeSpan>();
        foreach (var gaps in sacks)
        {
            pair.Advance(TimeSpan.FromMilliseconds(100));
            pair.Inject(Side.Server, ServerPacket(pair, (ref PacketWriter w) => Assert.True(w.TryAdd(new SackChunk(t0.Previous, 1_000_000, gaps)))));
            pair.FlushAll();
            timeouts.Add(client.PollTimeout());
            sentAt.Add(pair.Now);
        }

        // The third SACK fast-retransmits t0, the earliest outstanding TSN: T3-rtx restarts from then.
        // The fourth fast-retransmits t0 + 2 while t0 is still outstanding: T3-rtx keeps its deadline.
        var retransmissions = pair.DataChunks(Side.Client).Skip(8).ToList();
        Assert.Equal([t0, t0 + 2], retransmissions.Select(c => c.Tsn));
        Assert.Equal(sentAt[2], retransmissions[0].Time);
        Assert.Equal(sentAt[3], retransmissions[1].Time);
        Assert.Equal(1, client.Stats.FastRetransmits);

        Assert.Equal(started, timeouts[0]);
        Assert.Equal(started, timeouts[1]);
        Assert.Equal(sentAt[2] + rto, timeouts[2]);
        Assert.Equal(timeouts[2], timeouts[3]);

        // And it expires then: t0 goes a third time at the restarted deadline, not at the first one.
        pair.DriveUntil(() => client.Stats.T3Expiries == 1, TimeSpan.FromSeconds(5));
        Assert.Equal(sentAt[2] + rto, pair.Now);
        Assert.Equal(t0, pair.DataChunks(Side.Client)[^1].Tsn);
    }

    private static void DropFirstTransmissionOf(AssociationPair pair, params Tsn[] tsns)
    {
        var seen = new HashSet<Tsn>();
        pair.Intercept = (side, packet) =>
        {
            if (side == Side.Client)
            {
                foreach (var tsn in DataTsns(packet))
                {
                    if (tsns.Contains(tsn) && seen.Add(tsn))
                    {
                        return PacketFate.Drop;
                    }
                }
            }

            return PacketFate.Deliver;
        };
    }

    /// <summary>Queues <paramref name="count"/> messages that fill one packet each, on stream 0.</summary>
    private static List<byte[]> Send(AssociationPair pair, int count)
    {
        int size = FullDataPayload(pair.ClientTransport.Mtu, false);
        var sent = Enumerable.Range(0, count).Select(i => Pattern(size, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), message));
        }

        return sent;
    }

    /// <summary>Drives until <paramref name="count"/> messages arrived, recording the sender's congestion state after every SACK it handles.</summary>
    private static (Inbox Inbox, List<Snapshot> Sacks) Run(AssociationPair pair, int count)
    {
        var inbox = new Inbox(pair.Server!);
        var snapshots = new List<Snapshot>();
        var client = pair.Client!;
        var highestSent = client.LocalInitialTsn.Previous;
        var drop = pair.Intercept;
        pair.Intercept = (side, packet) =>
        {
            if (side == Side.Client)
            {
                foreach (var tsn in DataTsns(packet))
                {
                    highestSent = tsn > highestSent ? tsn : highestSent;
                }
            }

            return drop?.Invoke(side, packet) ?? PacketFate.Deliver;
        };
        pair.Delivered = (from, packet) =>
        {
            if (from == Side.Server && SackOf(packet) is { } cumulative)
            {
                var s = client.Stats;
                snapshots.Add(new Snapshot(pair.Now, s.SacksReceived, (int)s.CongestionWindow, (int)s.SlowStartThreshold, s.FastRetransmits, s.T3Expiries, cumulative, highestSent));
            }
        };

        Assert.True(pair.DriveUntil(() => inbox.Drain() == count && client.SendBufferUsed == 0, TimeSpan.FromSeconds(30)), pair.Describe());
        return (inbox, snapshots);
    }

    private static Tsn? SackOf(byte[] packet)
    {
        var reader = Sctp.Packet.SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == Sctp.Packet.ChunkType.Sack && Sctp.Packet.Chunks.SackChunk.TryParse(chunk.Bytes, out var sack, out _))
            {
                return sack.CumulativeTsnAck;
            }
        }

        return null;
    }

    private sealed record Snapshot(TimeSpan Time, long SacksReceived, int Cwnd, int Ssthresh, long FastRetransmits, long T3Expiries, Tsn CumulativeAck, Tsn HighestSent);
}
