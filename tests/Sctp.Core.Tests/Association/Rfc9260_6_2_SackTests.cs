using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.2 (acknowledgement on reception of DATA): the cumulative TSN ack, gap ack blocks and
/// duplicate TSNs describe exactly what arrived; a SACK is sent for at least every second packet, within the
/// delayed-ack time otherwise, and at once on gaps, duplicates and the I bit (section 3.3.1, RFC 7053);
/// a_rwnd reports the free receive buffer.
/// </summary>
public class Rfc9260_6_2_SackTests
{
    [Fact]
    public void Rfc9260_6_2_GapBlocksDescribeWhatArrivedAboveTheCumulativeAck()
    {
        var (pair, t0) = Connected();

        // In order: no SACK yet (delayed).
        Assert.Null(InjectAndFlush(pair, ClientData(pair, t0, 0, 0, [1])));

        var sack = InjectAndFlush(pair, ClientData(pair, t0 + 2, 0, 2, [3]));
        Assert.NotNull(sack);
        Assert.Equal(t0, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 2)], sack.Gaps);
        Assert.Empty(sack.Duplicates);

        // Two chunks in one packet extend a second block.
        sack = InjectAndFlush(pair, ClientPacket(pair, (ref PacketWriter w) =>
        {
            Assert.True(w.TryAdd(new DataChunk(t0 + 4, new StreamId(0), new Ssn(4), default, [5])));
            Assert.True(w.TryAdd(new DataChunk(t0 + 5, new StreamId(0), new Ssn(5), default, [6])));
        }));
        Assert.NotNull(sack);
        Assert.Equal(t0, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 2), new GapAckBlock(4, 5)], sack.Gaps);

        // Filling the first hole moves the cumulative ack to the end of the first block.
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 1, 0, 1, [2]));
        Assert.NotNull(sack);
        Assert.Equal(t0 + 2, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 3)], sack.Gaps);

        // Filling the last hole: acknowledged at once (section 6.7), no gaps left.
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 3, 0, 3, [4]));
        Assert.NotNull(sack);
        Assert.Equal(t0 + 5, sack.CumulativeTsnAck);
        Assert.Empty(sack.Gaps);

        var inbox = new Inbox(pair.Server!);
        Assert.Equal(6, inbox.Drain());
        Assert.Equal(Enumerable.Range(1, 6).Select(i => new[] { (byte)i }), inbox.Messages.Select(m => m.Payload));
    }

    [Fact]
    public void Rfc9260_6_2_DuplicatesAreReportedOnceInTheNextSackAndAcknowledgedAtOnce()
    {
        var (pair, t0) = Connected();
        Assert.Null(InjectAndFlush(pair, ClientData(pair, t0, 0, 0, [1])));

        // A duplicate of a TSN at or below the cumulative ack point.
        var sack = InjectAndFlush(pair, ClientData(pair, t0, 0, 0, [1]));
        Assert.NotNull(sack);
        Assert.Equal(t0, sack.CumulativeTsnAck);
        Assert.Equal([t0], sack.Duplicates);

        // A duplicate of a TSN in a gap block, reported twice when received twice.
        Assert.NotNull(InjectAndFlush(pair, ClientData(pair, t0 + 2, 0, 2, [3])));
        pair.Inject(Side.Client, ClientData(pair, t0 + 2, 0, 2, [3]));
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 2, 0, 2, [3]));
        Assert.NotNull(sack);
        Assert.Equal([new GapAckBlock(2, 2)], sack.Gaps);
        Assert.Equal([t0 + 2, t0 + 2], sack.Duplicates);

        // Reported once: the next SACK lists none.
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 1, 0, 1, [2]));
        Assert.NotNull(sack);
        Assert.Equal(t0 + 2, sack.CumulativeTsnAck);
        Assert.Empty(sack.Duplicates);

        Assert.Equal(3, pair.Server!.Stats.DuplicateTsnsReceived);
        Assert.Equal(3, new Inbox(pair.Server).Drain());
    }

    [Fact]
    public void Rfc9260_6_2_DuplicatePacketsOnTheLinkAreReportedAndDeliveredOnce()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int dataPackets = 0;
        pair.Intercept = (side, packet) => side == Side.Client && CarriesData(packet) && ++dataPackets % 2 == 1 ? PacketFate.Duplicate : PacketFate.Deliver;

        var sent = Enumerable.Range(0, 20).Select(i => Pattern(700, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(1), message));
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 20, TimeSpan.FromSeconds(10)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));
        Assert.Equal(sent, inbox.OnStream(1));
        Assert.Equal(20, inbox.Drain());

        // Every chunk of a duplicated packet came back as a duplicate TSN in some SACK, each once.
        var duplicated = pair.Log.Where((p, i) => p.From == Side.Client && CarriesData(p.Bytes)).Where((p, i) => i % 2 == 0).SelectMany(p => DataTsns(p.Bytes)).ToList();
        var reported = pair.Sacks(Side.Server).SelectMany(s => s.Duplicates).ToList();
        Assert.Equal(duplicated.Order(), reported.Order());
        Assert.Equal(duplicated.Count, pair.Server!.Stats.DuplicateTsnsReceived);
        Assert.Equal(0, pair.Client!.Stats.Retransmissions);
    }

    [Fact]
    public void Rfc9260_6_2_ASackGoesOutForEverySecondPacketOrAfterTheDelayedAckTime()
    {
        var (pair, t0) = Connected();

        // One packet: no SACK until the delayed-ack timer, which runs DelayedAckTime (200 ms).
        var start = pair.Now;
        Assert.Null(InjectAndFlush(pair, ClientData(pair, t0, 0, 0, [1])));
        Assert.Equal(start + pair.ServerTransport.DelayedAckTime, pair.Server!.PollTimeout());
        int before = pair.Sacks(Side.Server).Count;
        Assert.True(pair.Step());
        var sacks = pair.Sacks(Side.Server);
        Assert.Equal(before + 1, sacks.Count);
        Assert.Equal(start + TimeSpan.FromMilliseconds(200), sacks[^1].Time);
        Assert.Equal(t0, sacks[^1].CumulativeTsnAck);

        // Two packets in order: the second is acknowledged at once.
        Assert.Null(InjectAndFlush(pair, ClientData(pair, t0 + 1, 0, 1, [2])));
        var sack = InjectAndFlush(pair, ClientData(pair, t0 + 2, 0, 2, [3]));
        Assert.NotNull(sack);
        Assert.Equal(t0 + 2, sack.CumulativeTsnAck);

        // And the count starts over.
        Assert.Null(InjectAndFlush(pair, ClientData(pair, t0 + 3, 0, 3, [4])));
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 4, 0, 4, [5]));
        Assert.NotNull(sack);
        Assert.Equal(t0 + 4, sack.CumulativeTsnAck);
    }

    [Fact]
    public void Rfc9260_6_2_WithoutDelayedAckEveryDataPacketIsAcknowledgedAtOnce()
    {
        var server = new TransportConfig { DelayedAckTime = TimeSpan.Zero };
        var (pair, t0) = Connected(server: server);
        for (uint i = 0; i < 5; i++)
        {
            var sack = InjectAndFlush(pair, ClientData(pair, t0 + i, 0, (ushort)i, [1]));
            Assert.NotNull(sack);
            Assert.Equal(t0 + i, sack.CumulativeTsnAck);
        }
    }

    [Fact]
    public void Rfc9260_3_3_1_TheIBitAsksForASackAtOnce()
    {
        var (pair, t0) = Connected();
        var sack = InjectAndFlush(pair, ClientData(pair, t0, 0, 0, [1], DataChunkFlags.Beginning | DataChunkFlags.End | DataChunkFlags.Immediate));
        Assert.NotNull(sack);
        Assert.Equal(t0, sack.CumulativeTsnAck);
    }

    [Fact]
    public void Rfc9260_3_3_1_TheLastDataBeforeAShutdownCarriesTheIBit()
    {
        var pair = new AssociationPair();
        pair.Connect();
        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), Pattern(100, 1)));
        Assert.True(pair.Client.TrySend(pair.Now, new StreamId(0), Pattern(100, 2)));
        pair.Client.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed && pair.Server!.IsClosed, TimeSpan.FromSeconds(10)), pair.Describe());

        // One packet with both messages; only the last chunk asks for the immediate SACK.
        var chunks = pair.DataChunks(Side.Client);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(chunks[0].Packet, chunks[1].Packet);
        Assert.False(chunks[0].I);
        Assert.True(chunks[1].I);

        // The SACK for it left as soon as it arrived, not after the delayed-ack time.
        var lastDataArrival = chunks[^1].Time + pair.Latency;
        Assert.Contains(pair.Sacks(Side.Server), s => s.Time == lastDataArrival && s.CumulativeTsnAck == chunks[^1].Tsn);
    }

    [Fact]
    public void Rfc9260_6_2_LostPacketsShowAsGapsAndAreAcknowledgedAtOnce()
    {
        var pair = new AssociationPair();
        pair.Connect();

        // Drop the second and fourth DATA packets of the transfer (first transmissions only).
        int dataPackets = 0;
        var dropped = new List<Tsn>();
        pair.Intercept = (side, packet) =>
        {
            if (side != Side.Client || !CarriesData(packet))
            {
                return PacketFate.Deliver;
            }

            dataPackets++;
            if (dataPackets is 2 or 4)
            {
                dropped.AddRange(DataTsns(packet));
                return PacketFate.Drop;
            }

            return PacketFate.Deliver;
        };

        int full = FullDataPayload(pair.ClientTransport.Mtu, false);
        var sent = Enumerable.Range(0, 6).Select(i => Pattern(full, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), message));
        }

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 6, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));

        // The first flight was TSNs t0..t0+3 (four packets, Max.Burst), of which t0+1 and t0+3 were lost:
        // its SACK says cumulative t0 with one block {2, 2}.
        var t0 = pair.Client!.LocalInitialTsn;
        Assert.Equal([t0 + 1, t0 + 3], dropped);
        var sacks = pair.Sacks(Side.Server);
        var first = sacks.First(s => s.Gaps.Length > 0);
        Assert.Equal(t0, first.CumulativeTsnAck);
        Assert.Equal(new GapAckBlock(2, 2), first.Gaps[0]);
        Assert.All(sacks.Where(s => s.Gaps.Length > 0), s => Assert.All(s.Gaps, g => Assert.True(g.Start >= 2 && g.End >= g.Start)));
    }

    [Fact]
    public void Rfc9260_6_2_ASackWithMoreGapsThanFitIsTrimmedToTheMtuAndListsTheLowestBlocks()
    {
        var (pair, t0) = Connected();

        // Every other TSN for 400 TSNs: 200 blocks, more than one packet can carry.
        for (uint i = 2; i <= 400; i += 2)
        {
            pair.Inject(Side.Client, ClientData(pair, t0 + i, 1, (ushort)i, [1]));
        }

        pair.FlushAll();
        var sack = pair.Sacks(Side.Server)[^1];
        Assert.Equal(t0.Previous, sack.CumulativeTsnAck);
        Assert.True(pair.Log[sack.Packet].Bytes.Length <= pair.ServerTransport.Mtu);
        Assert.True(sack.Gaps.Length > 100);
        for (int b = 0; b < sack.Gaps.Length; b++)
        {
            ushort offset = (ushort)(3 + (2 * b));
            Assert.Equal(new GapAckBlock(offset, offset), sack.Gaps[b]);
        }
    }

    [Fact]
    public void Rfc9260_6_2_TheAdvertisedWindowIsTheBufferLessWhatIsHeldForTheApplication()
    {
        var (pair, t0) = Connected(server: new TransportConfig { DelayedAckTime = TimeSpan.Zero });
        int window = pair.ServerTransport.ReceiveWindow;

        var sack = InjectAndFlush(pair, ClientData(pair, t0, 3, 0, Pattern(1000, 1)));
        Assert.NotNull(sack);
        Assert.Equal((uint)(window - 1000), sack.Window);

        // A fragment waiting for the rest of its message counts too.
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 1, 3, 1, Pattern(500, 2), DataChunkFlags.Beginning));
        Assert.NotNull(sack);
        Assert.Equal((uint)(window - 1500), sack.Window);

        // Read and returned, the delivered message's bytes are free again.
        Assert.Equal(1, new Inbox(pair.Server!).Drain());
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 2, 3, 1, Pattern(200, 3), DataChunkFlags.End));
        Assert.NotNull(sack);
        Assert.Equal((uint)(window - 700), sack.Window);
        Assert.Equal(window - 700, pair.Server!.Stats.LocalReceiveWindow);
    }

    /// <summary>A connected pair where only injected packets reach the server, and the client's initial TSN.</summary>
    private static (AssociationPair Pair, Tsn T0) Connected(TransportConfig? server = null)
    {
        var pair = new AssociationPair(server: server);
        pair.Connect();
        return (pair, pair.Client!.LocalInitialTsn);
    }

    /// <summary>Injects a packet to the server, sends what it answers at once, and returns the SACK among it, if any.</summary>
    private static SackSeen? InjectAndFlush(AssociationPair pair, byte[] packet)
    {
        int before = pair.Log.Count;
        pair.Inject(Side.Client, packet);
        pair.FlushAll();
        return pair.Sacks(Side.Server).LastOrDefault(s => s.Packet >= before);
    }
}
