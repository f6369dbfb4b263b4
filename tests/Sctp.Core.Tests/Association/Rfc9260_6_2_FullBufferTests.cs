using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6.2, the receiver with a full buffer: "When the receiver's advertised window is 0, the
/// receiver MUST drop any new incoming DATA chunk with a TSN larger than the largest TSN received so far.
/// Also, if the new incoming DATA chunk holds a TSN value less than the largest TSN received so far, then
/// the receiver SHOULD drop the largest TSN held for reordering and accept the new incoming DATA chunk."
/// The sender learns of the drop from the next SACK, which no longer reports the dropped TSNs (reneging,
/// section 6.2.1), and sends them again.
/// </summary>
/// <remarks>
/// The test plays the sending peer by hand against a real receiver, because our own sender never lets the
/// peer's buffer fill past the room its lost chunks need (it counts them against the window until they are
/// acknowledged); other senders, or a receiver whose application holds delivered data, do get there.
/// </remarks>
public class Rfc9260_6_2_FullBufferTests
{
    private const int Window = 16 * 1024;
    private const int ChunkSize = 1000;
    private const int ChunksPerMessage = 8;
    private const int Messages = 6;
    private const int Chunks = Messages * ChunksPerMessage;
    private const int LostChunks = 10;

    public static TheoryData<bool, bool> Modes() => new()
    {
        { false, false },
        { false, true },
        { true, false },
        { true, true },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Rfc9260_6_2_ABufferFullOfOutOfOrderDataMakesRoomForTheChunksThatFillTheGap(bool interleaved, bool unordered)
    {
        var (pair, t0) = Connected(interleaved);
        var server = pair.Server!;
        var sent = Enumerable.Range(0, Messages).Select(i => Pattern(ChunkSize * ChunksPerMessage, i)).ToList();

        // The first ten chunks (more than four packets' worth: all of message 0 and the start of message 1)
        // are lost; what follows arrives until the buffer is full, and the rest is dropped.
        for (int i = LostChunks; i < Chunks; i++)
        {
            Send(pair, t0, i, sent, interleaved, unordered);
            Assert.InRange(server.ReceiveBufferedBytes, 0, Window);
        }

        int held = Window / ChunkSize;
        Assert.Equal(held * ChunkSize, server.ReceiveBufferedBytes);
        Assert.Equal(Chunks - LostChunks - held, server.Stats.Dropped(DropReason.ReceiveWindowFull));
        var full = pair.Sacks(Side.Server)[^1];
        Assert.Equal(0u, full.Window);
        Assert.Equal(t0.Previous, full.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(LostChunks + 1, (ushort)(LostChunks + held))], full.Gaps);

        // The first lost chunk comes again: below the largest TSN received, so the largest TSN held for
        // reordering is dropped to make room, and the SACK no longer reports it.
        var sack = Send(pair, t0, 0, sent, interleaved, unordered);
        Assert.NotNull(sack);
        Assert.Equal(t0, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(LostChunks, (ushort)(LostChunks + held - 2))], sack.Gaps);
        Assert.Equal(1, server.Stats.ChunksReneged);
        Assert.Equal(1, server.Stats.Dropped(DropReason.Reneged));
        Assert.InRange(server.ReceiveBufferedBytes, 0, Window);

        // From here the peer behaves as a sender recovering from loss and reneging would: each round it sends
        // again the lowest TSNs the last SACK does not report, and the application reads what arrived.
        var inbox = new Inbox(server);
        for (int round = 0; round < 200 && inbox.Drain() < Messages; round++)
        {
            foreach (int i in Missing(sack!, t0).Take(4))
            {
                sack = Send(pair, t0, i, sent, interleaved, unordered) ?? sack;
                Assert.InRange(server.ReceiveBufferedBytes, 0, Window);
            }
        }

        Assert.True(inbox.Count == Messages, $"{inbox.Count} of {Messages} messages delivered; last SACK {sack}; {server.ReceiveBufferedBytes} bytes buffered, {server.Stats.Dropped(DropReason.ReceiveWindowFull)} chunks dropped for a full buffer, {server.Stats.ChunksReneged} reneged");
        Assert.Equal(t0 + (Chunks - 1), sack!.CumulativeTsnAck);
        Assert.Empty(sack.Gaps);

        // Every message exactly once, intact, and in order unless sent unordered.
        var got = inbox.OnStream(0);
        if (unordered)
        {
            Assert.Equal(sent.OrderBy(Key), got.OrderBy(Key));
        }
        else
        {
            Assert.Equal(sent, got);
        }

        // Ordered, the complete messages behind message 0 cannot be delivered, so more had to make room;
        // unordered, they were delivered and read at once.
        if (!unordered)
        {
            Assert.True(server.Stats.ChunksReneged > 1, $"{server.Stats.ChunksReneged} chunks reneged");
        }

        Assert.Equal(0, server.ReceiveBufferedBytes);
        Assert.Equal(AssociationState.Established, server.State);
    }

    private static (AssociationPair Pair, Tsn T0) Connected(bool interleaved)
    {
        var client = new TransportConfig { EnableMessageInterleaving = interleaved };
        var server = client with { ReceiveWindow = Window, MaxMessageSize = Window, DelayedAckTime = TimeSpan.Zero };
        var pair = new AssociationPair(client: client, server: server);
        pair.Connect();
        return (pair, pair.Client!.LocalInitialTsn);
    }

    // The chunk indexes (TSN - t0) at or below the highest chunk that the SACK does not report.
    private static IEnumerable<int> Missing(SackSeen sack, Tsn t0)
    {
        int cumulative = (int)(sack.CumulativeTsnAck.Value - t0.Value);
        for (int i = cumulative + 1; i < Chunks; i++)
        {
            uint offset = (uint)(i - cumulative);
            if (!sack.Gaps.Any(g => offset >= g.Start && offset <= g.End))
            {
                yield return i;
            }
        }
    }

    // Sends chunk 'index' of the transfer (message index / 8, fragment index % 8) in its own packet; returns the SACK it drew.
    private static SackSeen? Send(AssociationPair pair, Tsn t0, int index, List<byte[]> messages, bool interleaved, bool unordered)
    {
        int message = index / ChunksPerMessage;
        int fragment = index % ChunksPerMessage;
        var payload = messages[message].AsSpan(fragment * ChunkSize, ChunkSize).ToArray();
        var flags = (fragment == 0 ? DataChunkFlags.Beginning : DataChunkFlags.None)
            | (fragment == ChunksPerMessage - 1 ? DataChunkFlags.End : DataChunkFlags.None)
            | (unordered ? DataChunkFlags.Unordered : DataChunkFlags.None);
        var tsn = t0 + (uint)index;
        var packet = ClientPacket(pair, (ref PacketWriter w) =>
        {
            bool added = interleaved
                ? fragment == 0
                    ? w.TryAdd(new IDataChunk(tsn, new StreamId(0), new Mid((uint)message), new Ppid(7), payload, flags))
                    : w.TryAdd(new IDataChunk(tsn, new StreamId(0), new Mid((uint)message), new Fsn((uint)fragment), payload, flags))
                : w.TryAdd(new DataChunk(tsn, new StreamId(0), new Ssn((ushort)message), new Ppid(7), payload, flags));
            Assert.True(added);
        });

        int before = pair.Log.Count;
        pair.Inject(Side.Client, packet);
        pair.FlushAll();
        return pair.Sacks(Side.Server).LastOrDefault(s => s.Packet >= before);
    }

    private static string Key(byte[] message) => Convert.ToHexString(message, 0, 16);
}
