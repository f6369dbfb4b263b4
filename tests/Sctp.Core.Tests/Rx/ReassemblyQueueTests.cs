using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

public class ReassemblyQueueTests
{
    private const int MaxMessage = 256 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_SingleFragmentOrderedMessageIsDeliveredAtOnce(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var payload = Pattern(100, 1);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(7), S1, 0, payload, ppid: new Ppid(51))));
        Assert.Equal(1, queue.QueuedMessageCount);
        Assert.Equal(100, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        Assert.True(queue.TryDequeue(out var message));
        Assert.Equal(S1, message.StreamId);
        Assert.Equal(new Ppid(51), message.Ppid);
        Assert.False(message.Unordered);
        Assert.Equal(new Tsn(7), message.FirstTsn);
        Assert.Equal(payload, message.Payload.ToArray());
        Assert.Equal(0, queue.BufferedBytes);
        message.ReturnBuffer();
        Assert.False(queue.TryDequeue(out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_SingleFragmentUnorderedMessageIsDeliveredAtOnce(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var payload = Pattern(1, 2);

        // An unordered message does not wait for the stream's ordered sequence (here SSN/MID 0 never came).
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(9), S2, 5, payload, unordered: true, ppid: new Ppid(53))));
        var delivered = Assert.Single(queue.Drain());
        Assert.Equal(S2, delivered.Stream);
        Assert.Equal(new Ppid(53), delivered.Ppid);
        Assert.True(delivered.Unordered);
        Assert.Equal(new Tsn(9), delivered.FirstTsn);
        Assert.Equal(payload, delivered.Payload);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.TrackedStreamCount);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Rfc9260_6_9_FragmentsInOrderAreReassembledWithExactAccounting(bool interleaved, bool unordered)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var message = Pattern(4000, 3);
        var chunks = Fragment(message, 1000, new Tsn(100), S1, unordered, 0, new Ppid(42), interleaved);
        int expected = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(chunks[i]));
            expected += chunks[i].Payload.Length;
            Assert.Equal(expected, queue.BufferedBytes);
            Assert.Equal(i == chunks.Length - 1 ? 1 : 0, queue.QueuedMessageCount);
        }

        var delivered = Assert.Single(queue.Drain());
        Assert.Equal(message, delivered.Payload);
        Assert.Equal(new Ppid(42), delivered.Ppid);
        Assert.Equal(new Tsn(100), delivered.FirstTsn);
        Assert.Equal(unordered, delivered.Unordered);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);
    }

    public static TheoryData<bool, bool, int[]> FourFragmentPermutations()
    {
        var data = new TheoryData<bool, bool, int[]>();
        foreach (bool interleaved in new[] { false, true })
        {
            foreach (bool unordered in new[] { false, true })
            {
                foreach (var order in Permutations(4))
                {
                    data.Add(interleaved, unordered, order);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FourFragmentPermutations))]
    public void Rfc9260_6_9_EveryArrivalOrderOfFourFragmentsGivesTheSameMessage(bool interleaved, bool unordered, int[] order)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var message = Pattern(3001, 4);

        // Start next to the TSN wrap so that some orders cross it too.
        var chunks = Fragment(message, 1000, new Tsn(0xFFFF_FFFE), S3, unordered, 0, new Ppid(7), interleaved);
        int expected = 0;
        for (int i = 0; i < order.Length; i++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(chunks[order[i]]));
            bool last = i == order.Length - 1;
            expected += chunks[order[i]].Payload.Length;
            Assert.Equal(expected, queue.BufferedBytes);
            Assert.Equal(last ? 1 : 0, queue.QueuedMessageCount);
            Assert.Equal(last ? 0 : i + 1, queue.HeldFragmentCount);
        }

        var delivered = Assert.Single(queue.Drain());
        Assert.Equal(message, delivered.Payload);
        Assert.Equal(new Ppid(7), delivered.Ppid);
        Assert.Equal(new Tsn(0xFFFF_FFFE), delivered.FirstTsn);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(1183, false, true)]
    [InlineData(1184, true, false)]
    [InlineData(1185, true, true)]
    [InlineData(3 * 1184, false, false)]
    [InlineData(65_536, true, true)]
    [InlineData(100_000, false, true)]
    [InlineData(256 * 1024, false, false)]
    [InlineData(256 * 1024, true, true)]
    public void Rfc9260_6_9_MessagesFrom1ByteTo256KiBSplitAt1184Bytes(int size, bool interleaved, bool reversed)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var message = Pattern(size, size);
        var chunks = Fragment(message, 1184, new Tsn(5000), S1, false, 0, new Ppid(1), interleaved);
        Assert.Equal((size + 1183) / 1184, chunks.Length);
        queue.AddAll(reversed ? chunks.Reverse() : chunks);

        Assert.Equal(size, queue.BufferedBytes);
        var delivered = Assert.Single(queue.Drain());
        Assert.Equal(message, delivered.Payload);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_OrderedMessagesOnSeveralStreamsAreHeldUntilTheGapFills(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        uint tsn = 1;
        var byStream = new Dictionary<StreamId, List<TestChunk[]>>();
        foreach (var stream in new[] { S1, S2, S3 })
        {
            byStream[stream] = [];
            for (uint seq = 0; seq < 3; seq++)
            {
                var payload = Pattern(1500, (stream.Value * 10) + (int)seq);
                var chunks = Fragment(payload, 1000, new Tsn(tsn), stream, false, seq, new Ppid(seq), interleaved);
                tsn += (uint)chunks.Length;
                byStream[stream].Add(chunks);
            }
        }

        // Messages 1 and 2 of every stream arrive before message 0: all complete, none deliverable.
        int held = 0;
        foreach (var stream in new[] { S3, S1, S2 })
        {
            queue.AddAll(byStream[stream][2]);
            queue.AddAll(byStream[stream][1].Reverse());
            held += Bytes(byStream[stream][2]) + Bytes(byStream[stream][1]);
        }

        Assert.Equal(0, queue.QueuedMessageCount);
        Assert.Equal(held, queue.BufferedBytes);

        // Half of stream 2's message 0: still nothing.
        Assert.Equal(AddResult.Accepted, queue.Add(byStream[S2][0][1]));
        Assert.Equal(0, queue.QueuedMessageCount);

        // The gap on stream 2 fills: its three messages come out in order, the other streams still wait.
        Assert.Equal(AddResult.Accepted, queue.Add(byStream[S2][0][0]));
        var delivered = queue.Drain();
        Assert.Equal([S2, S2, S2], delivered.Select(d => d.Stream));
        Assert.Equal([new Ppid(0), new Ppid(1), new Ppid(2)], delivered.Select(d => d.Ppid));
        Assert.Equal(Pattern(1500, 20), delivered[0].Payload);
        Assert.Equal(Pattern(1500, 22), delivered[2].Payload);

        queue.AddAll(byStream[S1][0]);
        queue.AddAll(byStream[S3][0]);
        delivered = queue.Drain();
        Assert.Equal([S1, S1, S1, S3, S3, S3], delivered.Select(d => d.Stream));
        Assert.Equal([Pattern(1500, 10), Pattern(1500, 11), Pattern(1500, 12)], delivered.Take(3).Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_UnorderedMessageIsDeliveredWhileOrderedDataOnTheSameStreamWaits(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        var early = Pattern(10, 1);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2), S1, 1, early)));
        Assert.Equal(0, queue.QueuedMessageCount);

        var urgent = Pattern(2500, 2);
        queue.AddAll(Fragment(urgent, 1000, new Tsn(3), S1, true, 0, new Ppid(9), interleaved).Reverse());
        var delivered = Assert.Single(queue.Drain());
        Assert.True(delivered.Unordered);
        Assert.Equal(urgent, delivered.Payload);
        Assert.Equal(10, queue.BufferedBytes);

        var first = Pattern(20, 3);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(1), S1, 0, first)));
        Assert.Equal([first, early], queue.Drain().Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc9260_6_6_SsnWrapsFrom65535To0()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        var tiny = new byte[] { 1 };
        uint tsn = 0xFFFF_0000;

        // Deliver SSNs 0 .. 65529 one by one so that the stream really reaches the wrap point.
        for (uint ssn = 0; ssn < 65_530; ssn++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(tsn++), S1, ssn, tiny)));
            Assert.True(queue.TryDequeue(out var message));
            message.ReturnBuffer();
        }

        // SSNs 65530 .. 65535, 0 .. 3 (TSNs cross 2^32 too), fragmented, arriving last-message first.
        var messages = new List<TestChunk[]>();
        for (int i = 0; i < 10; i++)
        {
            uint ssn = (ushort)(65_530 + i);
            var chunks = Fragment(Pattern(1200, i), 500, new Tsn(tsn), S1, false, ssn, new Ppid((uint)i), false);
            tsn += (uint)chunks.Length;
            messages.Add(chunks);
        }

        for (int i = messages.Count - 1; i >= 1; i--)
        {
            queue.AddAll(messages[i]);
        }

        Assert.Equal(0, queue.QueuedMessageCount);
        queue.AddAll(messages[0]);
        var delivered = queue.Drain();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => new Ppid((uint)i)), delivered.Select(d => d.Ppid));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Pattern(1200, i)), delivered.Select(d => d.Payload));

        // The stream now expects SSN 4: an old SSN (65535) is behind it and is not taken for a future one.
        Assert.Equal(AddResult.Discarded, queue.Add(Whole(new Tsn(tsn++), S1, 65_535, tiny)));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_1_MidAndTsnWrapAround()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        queue.SkipTo(S2, 0xFFFF_FFFC, new Tsn(0xFFFF_FFF0));

        // MIDs 0xFFFFFFFC .. 3 with TSNs crossing 2^32; fragments of consecutive messages interleaved.
        var messages = new List<TestChunk[]>();
        uint tsn = 0xFFFF_FFF8;
        for (int i = 0; i < 8; i++)
        {
            var chunks = Fragment(Pattern(900, i), 300, new Tsn(tsn), S2, false, 0xFFFF_FFFCu + (uint)i, new Ppid((uint)i), true);
            tsn += (uint)chunks.Length;
            messages.Add(chunks);
        }

        var order = new List<TestChunk>();
        for (int i = messages.Count - 1; i >= 0; i -= 2)
        {
            // Pairs (7, 6), (5, 4), ...: fragment by fragment, alternating between the two messages.
            for (int f = 0; f < 3; f++)
            {
                order.Add(messages[i][f]);
                order.Add(messages[i - 1][2 - f]);
            }
        }

        queue.AddAll(order.Take(order.Count - 1));
        Assert.Equal(0, queue.QueuedMessageCount);
        queue.AddAll(order.Skip(order.Count - 1));
        var delivered = queue.Drain();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => Pattern(900, i)), delivered.Select(d => d.Payload));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => new Ppid((uint)i)), delivered.Select(d => d.Ppid));
        Assert.Equal(new Tsn(unchecked(0xFFFF_FFF8 + 12)), delivered[4].FirstTsn);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TooLargeSingleFragmentIsRefusedAndNothingChanges(bool interleaved)
    {
        var queue = new ReassemblyQueue(1000, interleaved);
        Assert.Equal(AddResult.MessageTooLarge, queue.Add(Whole(new Tsn(1), S1, 0, new byte[1001])));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.QueuedMessageCount);

        // Exactly the maximum is fine, and the stream still expects SSN/MID 0.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2), S1, 0, new byte[1000])));
        Assert.Equal(1000, Assert.Single(queue.Drain()).Payload.Length);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TooLargeFragmentedMessageIsRefusedWhenTheSumWouldExceedTheMaximum(bool interleaved, bool reversed)
    {
        var queue = new ReassemblyQueue(2500, interleaved);
        var chunks = Fragment(Pattern(3000, 1), 1000, new Tsn(10), S1, false, 0, default, interleaved);
        var order = reversed ? chunks.Reverse().ToArray() : chunks;
        Assert.Equal(AddResult.Accepted, queue.Add(order[0]));
        Assert.Equal(AddResult.Accepted, queue.Add(order[1]));
        Assert.Equal(2000, queue.BufferedBytes);
        Assert.Equal(AddResult.MessageTooLarge, queue.Add(order[2]));
        Assert.Equal(2000, queue.BufferedBytes);
        Assert.Equal(2, queue.HeldFragmentCount);

        // Other traffic is unaffected.
        var other = Pattern(2500, 2);
        queue.AddAll(Fragment(other, 1000, new Tsn(20), S2, true, 0, default, interleaved));
        Assert.Equal(other, Assert.Single(queue.Drain()).Payload);
        Assert.Equal(2000, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_2_EmptyUserDataIsRefused(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        Assert.Equal(AddResult.NoUserData, queue.Add(Whole(new Tsn(1), S1, 0, [])));
        Assert.Equal(AddResult.NoUserData, queue.Add(new TestChunk(new Tsn(2), S1, false, true, false, 0, new Fsn(0), default, [])));
        Assert.Equal(0, queue.HeldFragmentCount);
        Assert.Equal(0, queue.TrackedStreamCount);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_DataForAnAlreadyDeliveredSequenceNumberIsDiscarded(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(1), S1, 0, [1, 2])));
        Assert.Single(queue.Drain());

        Assert.Equal(AddResult.Discarded, queue.Add(Whole(new Tsn(2), S1, 0, [3])));
        Assert.Equal(AddResult.Discarded, queue.Add(new TestChunk(new Tsn(3), S1, false, false, true, 0, new Fsn(1), default, [4])));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_6_SecondCompleteMessageForAWaitingSequenceNumberIsInconsistent(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(5), S1, 1, [1])));
        Assert.Equal(AddResult.InconsistentFragment, queue.Add(Whole(new Tsn(6), S1, 1, [2, 2])));
        Assert.Equal(AddResult.InconsistentFragment, queue.Add(new TestChunk(new Tsn(7), S1, false, true, false, 1, new Fsn(0), default, [3])));
        Assert.Equal(1, queue.BufferedBytes);

        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(4), S1, 0, [0])));
        Assert.Equal([[0], [1]], queue.Drain().Select(d => d.Payload));
    }

    [Fact]
    public void TrackedStreamsAndFragmentsNeedAPayloadOrSequenceStateToJustifyThem()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);

        // Unordered messages on a thousand streams leave no per-stream state behind.
        for (ushort s = 0; s < 1000; s++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(s), new StreamId(s), 0, [1], unordered: true)));
        }

        Assert.Equal(1000, queue.Drain().Count);
        Assert.Equal(0, queue.TrackedStreamCount);

        // Ordered ones leave exactly one entry per stream: the next SSN it expects.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2000), S1, 0, [1])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2001), S2, 0, [1])));
        Assert.Equal(2, queue.TrackedStreamCount);

        // Refused input leaves nothing.
        Assert.Equal(AddResult.NoUserData, queue.Add(Whole(new Tsn(2002), S3, 0, [])));
        Assert.Equal(AddResult.MessageTooLarge, queue.Add(Whole(new Tsn(2003), S3, 0, new byte[MaxMessage + 1])));
        Assert.Equal(2, queue.TrackedStreamCount);
        Assert.Equal(0, queue.HeldFragmentCount);

        queue.ResetStreams([]);
        Assert.Equal(0, queue.TrackedStreamCount);
        queue.Drain();
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClearReturnsEverythingAndStartsOver(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        queue.AddAll(Fragment(Pattern(3000, 1), 1000, new Tsn(1), S1, false, 0, default, interleaved).Take(2));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(10), S1, 3, [1, 2, 3])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(11), S2, 0, [4])));
        Assert.Equal(2004, queue.BufferedBytes);

        queue.Clear();
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.QueuedMessageCount);
        Assert.Equal(0, queue.HeldFragmentCount);
        Assert.Equal(0, queue.TrackedStreamCount);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(12), S2, 0, [5])));
        Assert.Equal([5], Assert.Single(queue.Drain()).Payload);
    }
}
