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

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rfc3758_3_6_AbandonedMessagesAreNeverDeliveredAndTheOthersArriveInOrder(bool interleaved, ulong seed)
    {
        var random = new SeededRandomSource(seed + 100);
        int Next(int max) => (int)(random.NextUInt64() % (ulong)max);

        var queue = new ReassemblyQueue(64 * 1024, interleaved);
        uint tsn0 = seed % 2 == 0 ? 0xFFFF_FFFFu - (uint)Next(2000) : (uint)random.NextUInt64();
        var nextOrdered = new uint[StreamCount];
        var nextUnordered = new uint[StreamCount];

        // Messages go out one after the other (no interleaving, so that an unordered MID skipped by
        // I-FORWARD-TSN never has a live, older unordered message on the same stream still in flight).
        var messages = new List<SentMessage>();
        var wire = new List<(TestChunk Chunk, SentMessage Message)>();
        var abandoned = new HashSet<int>();
        for (int id = 0; id < MessageCount; id++)
        {
            var stream = new StreamId((ushort)Next(StreamCount));
            bool unordered = Next(4) == 0;
            uint sequence = unordered ? nextUnordered[stream.Value]++ : nextOrdered[stream.Value];
            if (!unordered)
            {
                nextOrdered[stream.Value] = interleaved ? unchecked(sequence + 1) : (ushort)(sequence + 1);
            }

            var payload = Pattern(1 + Next(3000), id);
            var chunks = Fragment(payload, 200 + Next(1100), new Tsn(unchecked(tsn0 + (uint)wire.Count)), stream, unordered, sequence, new Ppid((uint)id), interleaved);
            var message = new SentMessage(id, stream, unordered, sequence, payload, new Queue<TestChunk>(chunks));
            messages.Add(message);
            if (Next(6) == 0)
            {
                abandoned.Add(id);
            }

            foreach (var chunk in chunks)
            {
                wire.Add((chunk, message));
            }
        }

        // Of an abandoned message, at least one fragment is lost; the rest may still arrive.
        var lost = new bool[wire.Count];
        int index = 0;
        foreach (var message in messages)
        {
            int count = message.Pending.Count;
            if (abandoned.Contains(message.Id))
            {
                int mustLose = Next(count);
                for (int f = 0; f < count; f++)
                {
                    lost[index + f] = f == mustLose || Next(2) == 0;
                }
            }

            index += count;
        }

        var arrivals = Enumerable.Range(0, wire.Count).Where(i => !lost[i]).ToList();
        for (int i = 0; i < arrivals.Count; i++)
        {
            int j = i + Next(Math.Min(ReorderWindow, arrivals.Count - i));
            (arrivals[i], arrivals[j]) = (arrivals[j], arrivals[i]);
        }

        var arrived = new bool[wire.Count];
        int peerAckPoint = -1;
        int forwarded = -1;
        var delivered = new List<Delivered>();

        // The sender's Advanced.Peer.Ack.Point (RFC 3758 section 3.5) moves over TSNs that arrived or belong
        // to abandoned messages; a FORWARD-TSN names it and the newest skipped message per stream.
        void MaybeForward(bool force)
        {
            while (peerAckPoint + 1 < wire.Count && (arrived[peerAckPoint + 1] || abandoned.Contains(wire[peerAckPoint + 1].Message.Id)))
            {
                peerAckPoint++;
            }

            if (peerAckPoint <= forwarded || (!force && Next(6) != 0))
            {
                return;
            }

            var skippedSsns = new Dictionary<StreamId, Ssn>();
            var skippedMids = new Dictionary<(StreamId, bool), Mid>();
            foreach (var message in messages)
            {
                if (abandoned.Contains(message.Id) && Tsn(message, last: true) <= peerAckPoint && (interleaved || !message.Unordered))
                {
                    skippedSsns[message.Stream] = new Ssn((ushort)message.Sequence);
                    skippedMids[(message.Stream, message.Unordered)] = new Mid(message.Sequence);
                }
            }

            var cumulative = new Tsn(unchecked(tsn0 + (uint)peerAckPoint));
            if (interleaved)
            {
                queue.HandleIForwardTsn(cumulative, skippedMids.Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).ToArray());
            }
            else
            {
                queue.HandleForwardTsn(cumulative, skippedSsns.Select(e => (e.Key, e.Value)).ToArray());
            }

            forwarded = peerAckPoint;
        }

        int Tsn(SentMessage message, bool last)
        {
            int first = wire.FindIndex(w => w.Message == message);
            return last ? first + message.Pending.Count - 1 : first;
        }

        foreach (int i in arrivals)
        {
            arrived[i] = true;
            if (i <= forwarded)
            {
                // At or below the cumulative TSN: the data tracker reports it as a duplicate.
                continue;
            }

            var (chunk, message) = wire[i];
            var result = queue.Add(chunk);
            Assert.True(result == AddResult.Accepted || (result == AddResult.Discarded && abandoned.Contains(message.Id)), $"{result} for message {message.Id}");
            MaybeForward(force: false);
            if (Next(3) == 0)
            {
                delivered.AddRange(queue.Drain());
            }
        }

        MaybeForward(force: true);
        delivered.AddRange(queue.Drain());
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        // Exactly the messages that were not abandoned, each once and intact, ordered ones in stream order.
        var byId = messages.ToDictionary(m => m.Id);
        var ids = delivered.Select(d => (int)d.Ppid.Value).ToList();
        Assert.Equal(messages.Where(m => !abandoned.Contains(m.Id)).Select(m => m.Id).Order(), ids.Order());
        foreach (var message in delivered)
        {
            Assert.Equal(byId[(int)message.Ppid.Value].Payload, message.Payload);
        }

        for (int s = 0; s < StreamCount; s++)
        {
            var stream = new StreamId((ushort)s);
            var expected = messages.Where(m => m.Stream == stream && !m.Unordered && !abandoned.Contains(m.Id)).Select(m => m.Id);
            var actual = delivered.Where(d => d.Stream == stream && !d.Unordered).Select(d => (int)d.Ppid.Value);
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
