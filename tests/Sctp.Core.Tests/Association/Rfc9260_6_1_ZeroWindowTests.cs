using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.1 rule A (no new data beyond the peer's window, except one probe chunk when nothing
/// is in flight), section 6.2 (the receiver's a_rwnd falls as its buffer fills, and a receiver that frees
/// buffer space tells the sender: a window update) and the bound on what a receiver buffers.
/// </summary>
public class Rfc9260_6_1_ZeroWindowTests
{
    private const int Window = 64 * 1024;
    private const int MessageSize = 4096;
    private const int Messages = 64;

    // The receiver never buffers more than its window: with the buffer full, a chunk that fills a gap takes
    // the room of the largest TSNs held for reordering (RFC 9260 section 6.2), not room beyond the window.
    private const int MaxBuffered = Window;

    [Fact]
    public void Rfc9260_6_1_AReceiverThatDoesNotReadClosesTheWindowAndReopensItWhenItReads()
    {
        var pair = NewPair();
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = SendAll(pair);

        // The application does not read: the window fills and the sender stops.
        pair.Drive(TimeSpan.FromSeconds(5));
        var sacks = pair.Sacks(Side.Server);
        Assert.Equal(0u, sacks[^1].Window);
        Assert.Equal(0, server.Stats.LocalReceiveWindow);
        Assert.Equal(0, client.Stats.PeerReceiveWindow);
        Assert.True(client.SendBufferUsed > Messages * MessageSize / 2, "most of the data should still wait at the sender");

        // What the server buffers is bounded by its window.
        Assert.InRange(server.ReceiveBufferedBytes, Window - MessageSize, MaxBuffered);

        // After the window closed the sender only probes: one chunk at a time, nothing else in flight.
        var closedAt = sacks.First(s => s.Window == 0).Time + pair.Latency;
        var afterClose = pair.DataChunks(Side.Client).Where(c => c.Time > closedAt).ToList();
        Assert.NotEmpty(afterClose);
        Assert.All(afterClose.GroupBy(c => c.Packet), g => Assert.Single(g));
        Assert.True(afterClose.Count <= 10, $"{afterClose.Count} chunks sent into a closed window");

        // The application reads everything: the server tells the client at once, and the rest flows.
        var inbox = new Inbox(server);
        int sacksBefore = pair.Log.Count;
        inbox.Drain();
        pair.FlushAll();
        var update = pair.Sacks(Side.Server).Where(s => s.Packet >= sacksBefore).ToList();
        Assert.NotEmpty(update);
        Assert.True(update[0].Window >= Window / 2, $"window update advertised {update[0].Window}");

        Assert.True(pair.DriveUntil(() => inbox.Drain() == Messages && client.SendBufferUsed == 0, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));
        Assert.Equal(AssociationState.Established, client.State);
    }

    [Fact]
    public void Rfc9260_6_1_ASlowReaderGetsEverythingWithoutLossOrUnboundedBuffering()
    {
        var pair = NewPair();
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = SendAll(pair);

        // The application takes one message every 100 ms.
        var received = new List<byte[]>();
        var end = pair.Now + TimeSpan.FromSeconds(60);
        while (received.Count < Messages)
        {
            Assert.True(pair.Now < end, pair.Describe());
            pair.DriveExactly(TimeSpan.FromMilliseconds(100));
            Assert.True(server.Stats.LocalReceiveWindow >= 0);
            if (server.TryReceive(out var message))
            {
                received.Add(message.Payload.ToArray());
                server.ReturnReceived(message);
            }

            // Never more buffered than the window.
            Assert.InRange(server.ReceiveBufferedBytes, 0, MaxBuffered);
        }

        Assert.Equal(sent, received);
        Assert.True(pair.DriveUntil(() => client.SendBufferUsed == 0, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal(0, server.ReceiveBufferedBytes);

        // No silly window: a fragment cut short (not the end of its message, less than a full chunk) was
        // cut to fill its packet, never to fit a sliver of the peer's window (RFC 9260 section 6.2, RFC 813).
        int full = FullDataPayload(pair.ClientTransport.Mtu, false);
        var slivers = pair.DataChunks(Side.Client).Where(c => !c.E && c.PayloadLength < full && c.PacketLength < pair.ClientTransport.Mtu).ToList();
        Assert.True(slivers.Count == 0, $"{slivers.Count} fragments cut to fit the window, e.g. {slivers.FirstOrDefault()}");
    }

    [Fact]
    public void Rfc9260_6_1_AWindowClosedForMinutesDoesNotEndTheAssociation()
    {
        // Section 6.1 rule A: while the peer keeps acknowledging, unanswered zero window probes do not count
        // toward Association.Max.Retrans: a receiver may keep its window closed for as long as it likes.
        // Without heartbeats, whose answers would also clear the error count (section 8.3).
        var pair = NewPair(new TransportConfig { HeartbeatInterval = TimeSpan.Zero });
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = SendAll(pair);

        pair.Drive(TimeSpan.FromMinutes(10));
        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal(AssociationState.Established, server.State);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(0, client.Stats.HeartbeatsSent);
        Assert.True(client.Stats.T3Expiries > pair.ClientTransport.AssociationMaxRetransmits, $"{client.Stats.T3Expiries} probes timed out");

        // Every probe was the same chunk, and each was answered by a SACK at once (section 6.2: a receiver
        // that drops DATA for want of buffer space says so immediately).
        var probes = pair.DataChunks(Side.Client).TakeLast(5).ToList();
        Assert.Single(probes.Select(p => p.Tsn).Distinct());
        var sacks = pair.Sacks(Side.Server);
        Assert.All(probes.SkipLast(1), p => Assert.Contains(sacks, s => s.Time == p.Time + pair.Latency && s.Window == 0));

        var inbox = new Inbox(server);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == Messages && client.SendBufferUsed == 0, TimeSpan.FromSeconds(120)), pair.Describe());
        Assert.Equal(sent, inbox.OnStream(0));
    }

    [Fact]
    public void Rfc9260_6_1_ReadingALittleAfterTheWindowClosedLetsTheSenderGoOnAtOnce()
    {
        var pair = NewPair();
        var client = pair.Client!;
        var server = pair.Server!;
        var sent = SendAll(pair);

        // The window closes and stays closed long enough for the probes to back off.
        pair.Drive(TimeSpan.FromSeconds(20));
        Assert.Equal(0u, pair.Sacks(Side.Server)[^1].Window);
        Assert.True(client.Stats.Rto >= TimeSpan.FromSeconds(4), $"RTO {client.Stats.Rto}");

        // The application reads two messages (8 KiB of a 64 KiB window): a window update goes out at once and
        // the sender resumes within a round trip, not at its next probe.
        var received = new List<byte[]>();
        int before = pair.Log.Count;
        var readAt = pair.Now;
        for (int i = 0; i < 2; i++)
        {
            Assert.True(server.TryReceive(out var message));
            received.Add(message.Payload.ToArray());
            server.ReturnReceived(message);
        }

        pair.DriveExactly(2 * pair.Latency + TimeSpan.FromMilliseconds(1));
        var update = pair.Sacks(Side.Server).First(s => s.Packet >= before);
        Assert.Equal(readAt, update.Time);
        Assert.True(update.Window >= 1200, $"window update advertised {update.Window}");
        Assert.Contains(pair.DataChunks(Side.Client), c => c.Packet >= before && c.Time == readAt + pair.Latency);

        var inbox = new Inbox(server);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == Messages - 2 && client.SendBufferUsed == 0, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(sent, received.Concat(inbox.OnStream(0)));
    }

    [Fact]
    public void Rfc9260_6_2_TheReceiverAdvertisesNoWindowSmallerThanAPacket()
    {
        // RFC 9260 section 6.2 (receiver silly window avoidance, RFC 813): a few free bytes are reported as
        // a closed window, and the window reopens, in a window update, once a packet's worth is free.
        var pair = new AssociationPair(server: new TransportConfig { ReceiveWindow = 8_000, MaxMessageSize = 8_000, DelayedAckTime = TimeSpan.Zero });
        pair.Connect();
        var server = pair.Server!;
        var t0 = pair.Client!.LocalInitialTsn;

        var sacks = new List<uint>();
        for (uint i = 0; i < 8; i++)
        {
            int before = pair.Log.Count;
            pair.Inject(Side.Client, ClientData(pair, t0 + i, 0, (ushort)i, Pattern(i < 7 ? 1000 : 500, (int)i)));
            pair.FlushAll();
            sacks.Add(pair.Sacks(Side.Server).Single(s => s.Packet >= before).Window);
        }

        // 7,000 then 7,500 bytes held of 8,000: 1,000 and 500 bytes free, less than a packet: zero.
        Assert.Equal([7000u, 6000u, 5000u, 4000u, 3000u, 2000u, 0u, 0u], sacks);

        // Reading one 1,000-byte message leaves 1,500 free: worth a packet, and announced at once.
        Assert.True(server.TryReceive(out var message));
        int sent = pair.Log.Count;
        server.ReturnReceived(message);
        pair.FlushAll();
        var update = Assert.Single(pair.Sacks(Side.Server), s => s.Packet >= sent);
        Assert.Equal(1500u, update.Window);
    }

    private static AssociationPair NewPair(TransportConfig? client = null)
    {
        var server = (client ?? new TransportConfig()) with { ReceiveWindow = Window, MaxMessageSize = 16 * 1024 };
        var pair = new AssociationPair(client: client, server: server);
        pair.Connect();
        return pair;
    }

    private static List<byte[]> SendAll(AssociationPair pair)
    {
        var sent = Enumerable.Range(0, Messages).Select(i => Pattern(MessageSize, i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), message));
        }

        return sent;
    }
}
