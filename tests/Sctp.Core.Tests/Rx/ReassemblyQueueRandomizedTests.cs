using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>
/// Random messages on random streams, fragmented, reordered within a window, and checked end to end: every
/// message exactly once, intact, ordered ones in per-stream order (RFC 9260 section 6.6), with exact
/// accounting throughout.
/// </summary>
public class ReassemblyQueueRandomizedTests
{
    private const int StreamCount = 6;
    private const int MessageCount = 400;
    private const int ReorderWindow = 12;

    public static TheoryData<bool, ulong> Seeds()
    {
        var data = new TheoryData<bool, ulong>();
        for (ulong seed = 1; seed <= 6; seed++)
        {
            data.Add(false, seed);
            data.Add(true, seed);
        }

        return data;
    }

    private sealed record SentMessage(int Id, StreamId Stream, bool Unordered, uint Sequence, byte[] Payload, Queue<TestChunk> Pending);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rfc9260_6_6_EveryMessageArrivesOnceIntactAndInPerStreamOrder(bool interleaved, ulong seed)
    {
        var random = new SeededRandomSource(seed);
        int Next(int max) => (int)(random.NextUInt64() % (ulong)max);

        var queue = new ReassemblyQueue(64 * 1024, interleaved);

        // Start TSNs and some streams' sequence numbers just before their wrap.
        uint tsn = seed % 2 == 0 ? 0xFFFF_FFFFu - (uint)Next(3000) : (uint)random.NextUInt64();
        var nextOrdered = new uint[StreamCount];
        var nextUnordered = new uint[StreamCount];
        for (int s = 0; s < StreamCount; s++)
        {
            if (Next(2) == 0)
            {
                nextOrdered[s] = interleaved ? 0xFFFF_FFFFu - (uint)Next(100) : 0xFFFFu - (uint)Next(100);
                queue.SkipTo(new StreamId((ushort)s), nextOrdered[s], new Tsn(tsn - 1));
            }

            nextUnordered[s] = (uint)random.NextUInt64();
        }

        var messages = new List<SentMessage>();
        for (int id = 0; id < MessageCount; id++)
        {
            var stream = new StreamId((ushort)Next(StreamCount));
            bool unordered = Next(4) == 0;
            uint sequence = unordered ? nextUnordered[stream.Value]++ : nextOrdered[stream.Value];
            if (!unordered)
            {
                nextOrdered[stream.Value] = interleaved ? unchecked(sequence + 1) : (ushort)(sequence + 1);
            }

            int size = Next(10) == 0 ? 1 + Next(40_000) : 1 + Next(4000);
            var payload = Pattern(size, id);
            var chunks = Fragment(payload, 200 + Next(1300), new Tsn(0), stream, unordered, sequence, new Ppid((uint)id), interleaved);
            messages.Add(new SentMessage(id, stream, unordered, sequence, payload, new Queue<TestChunk>(chunks)));
        }

        // Assign TSNs as a sender would: DATA sends a message's fragments back to back (RFC 9260 section
        // 6.9); I-DATA interleaves fragments of up to four messages in progress (RFC 8260 section 1).
        var wire = new List<TestChunk>();
        var firstTsnToMessage = new Dictionary<Tsn, SentMessage>();
        var inProgress = new List<SentMessage>();
        int nextMessage = 0;
        while (nextMessage < messages.Count || inProgress.Count > 0)
        {
            while (inProgress.Count < (interleaved ? 4 : 1) && nextMessage < messages.Count)
            {
                inProgress.Add(messages[nextMessage++]);
            }

            var message = inProgress[Next(inProgress.Count)];
            var chunk = message.Pending.Dequeue() with { Tsn = new Tsn(tsn) };
            if (chunk.Beginning)
            {
                firstTsnToMessage.Add(chunk.Tsn, message);
            }

            wire.Add(chunk);
            tsn++;
            if (message.Pending.Count == 0)
            {
                inProgress.Remove(message);
            }
        }

        // The network reorders within a window.
        for (int i = 0; i < wire.Count; i++)
        {
            int j = i + Next(Math.Min(ReorderWindow, wire.Count - i));
            (wire[i], wire[j]) = (wire[j], wire[i]);
        }

        var delivered = new List<Delivered>();
        long added = 0;
        long dequeued = 0;
        foreach (var chunk in wire)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(chunk));
            added += chunk.Payload.Length;
            if (Next(3) == 0)
            {
                var batch = queue.Drain();
                dequeued += Bytes(batch);
                delivered.AddRange(batch);
            }

            Assert.Equal(added - dequeued, queue.BufferedBytes);
        }

        var rest = queue.Drain();
        delivered.AddRange(rest);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        // Exactly once, intact, with the metadata of its first fragment.
        Assert.Equal(MessageCount, delivered.Count);
        var seen = new HashSet<int>();
        foreach (var message in delivered)
        {
            var sent = firstTsnToMessage[message.FirstTsn];
            Assert.True(seen.Add(sent.Id));
            Assert.Equal(sent.Stream, message.Stream);
            Assert.Equal(sent.Unordered, message.Unordered);
            Assert.Equal(new Ppid((uint)sent.Id), message.Ppid);
            Assert.Equal(sent.Payload, message.Payload);
        }

        // Ordered messages in the order they were sent on their stream.
        for (int s = 0; s < StreamCount; s++)
        {
            var stream = new StreamId((ushort)s);
            var expected = messages.Where(m => m.Stream == stream && !m.Unordered).Select(m => m.Id);
            var actual = delivered.Where(d => d.Stream == stream && !d.Unordered).Select(d => firstTsnToMessage[d.FirstTsn].Id);
            Assert.Equal(expected, actual);
        }
    }

    private static int Bytes(List<Delivered> batch)
    {
        int total = 0;
        foreach (var message in batch)
        {
            total += message.Payload.Length;
        }

        return total;
    }
}
