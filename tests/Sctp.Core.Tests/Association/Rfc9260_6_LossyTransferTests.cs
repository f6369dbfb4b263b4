using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 6 as a whole: over a link that loses 10% of packets in both directions (DATA, SACKs,
/// retransmissions alike), every message arrives exactly once, intact, in order on its stream. One case per
/// seed; a failure names the seed, which replays it exactly.
/// </summary>
public class Rfc9260_6_LossyTransferTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 200; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rfc9260_6_EveryMessageArrivesOnceIntactAndInOrderOverALossyLink(int seed)
    {
        // Odd seeds use DATA, even seeds I-DATA.
        bool interleaved = seed % 2 == 0;
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair((ulong)seed, config, config);
        pair.Connect();
        pair.LossRate = 0.10;
        var client = pair.Client!;

        var random = new SeededRandomSource((ulong)seed + 0xABCD);
        var sent = new List<byte[]>[3];
        for (int s = 0; s < sent.Length; s++)
        {
            sent[s] = [];
        }

        for (int i = 0; i < 50; i++)
        {
            int stream = (int)(random.NextUInt64() % 3);
            var message = Pattern(1 + (int)(random.NextUInt64() % 4096), (seed * 100) + i);
            Assert.True(client.TrySend(pair.Now, new StreamId((ushort)stream), message), $"seed {seed}");
            sent[stream].Add(message);
        }

        var inbox = new Inbox(pair.Server!);
        bool done = pair.DriveUntil(() => inbox.Drain() >= 50 && client.SendBufferUsed == 0, TimeSpan.FromMinutes(5));
        Assert.True(done, $"seed {seed} (interleaved {interleaved}): {inbox.Count} of 50 messages after 5 minutes, {client.SendBufferUsed} bytes unacknowledged, in flight {client.Stats.BytesInFlight}. {pair.Describe()}");

        // Nothing more turns up later (no duplicate delivery of a retransmitted message).
        pair.Drive(TimeSpan.FromSeconds(5));
        Assert.True(inbox.Drain() == 50, $"seed {seed}: {inbox.Count} messages delivered, 50 sent");
        for (int s = 0; s < sent.Length; s++)
        {
            var got = inbox.OnStream(s);
            Assert.True(got.Count == sent[s].Count, $"seed {seed}: stream {s} got {got.Count} messages, {sent[s].Count} sent");
            for (int i = 0; i < got.Count; i++)
            {
                Assert.True(got[i].AsSpan().SequenceEqual(sent[s][i]), $"seed {seed}: stream {s} message {i} differs (order or content)");
            }
        }

        Assert.True(client.State == AssociationState.Established && pair.Server!.State == AssociationState.Established, $"seed {seed}: {pair.Describe()}");
        Assert.True(client.SendBufferUsed == 0 && client.Stats.BytesInFlight == 0, $"seed {seed}: {client.SendBufferUsed} bytes still counted as unacknowledged, {client.Stats.BytesInFlight} in flight");

        // Every TSN whose packet the link lost was sent again.
        var chunks = pair.DataChunks(Side.Client);
        foreach (var lost in chunks.Where(c => c.Dropped).Select(c => c.Tsn).Distinct())
        {
            Assert.True(chunks.Any(c => c.Tsn == lost && !c.Dropped), $"seed {seed}: TSN {lost} was lost and never delivered");
        }
    }
}
