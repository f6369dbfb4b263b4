using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>
/// Fragments that contradict what is held are refused without disturbing it (RFC 9260 section 6.9 for
/// DATA, RFC 8260 section 2.1 for I-DATA), and I-DATA fragments of different messages interleave.
/// </summary>
public class ReassemblyQueueFragmentRulesTests
{
    private const int MaxMessage = 64 * 1024;

    private static TestChunk Data(uint tsn, StreamId stream, bool b, bool e, uint ssn, byte[] payload, bool unordered = false) =>
        new(new Tsn(tsn), stream, unordered, b, e, ssn, default, default, payload);

    private static TestChunk IData(uint tsn, StreamId stream, bool b, bool e, uint mid, uint fsn, byte[] payload, bool unordered = false) =>
        new(new Tsn(tsn), stream, unordered, b, e, mid, new Fsn(fsn), default, payload);

    // Asserts the chunk is refused and the queue is exactly as before.
    private static void AssertRefused(ReassemblyQueue queue, TestChunk chunk, AddResult expected = AddResult.InconsistentFragment)
    {
        int bytes = queue.BufferedBytes;
        int fragments = queue.HeldFragmentCount;
        int ready = queue.QueuedMessageCount;
        Assert.Equal(expected, queue.Add(chunk));
        Assert.Equal(bytes, queue.BufferedBytes);
        Assert.Equal(fragments, queue.HeldFragmentCount);
        Assert.Equal(ready, queue.QueuedMessageCount);
    }

    [Fact]
    public void Rfc9260_6_9_BeginningFragmentInTheMiddleOfAMessageIsRefused()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(10, S1, true, false, 0, [1, 1])));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(12, S1, false, true, 0, [3, 3])));

        // TSN 11 sits between a B fragment and an E fragment of one message: it can only be a middle one.
        AssertRefused(queue, Data(11, S1, true, false, 0, [9]));
        AssertRefused(queue, Data(11, S1, false, true, 0, [9]));
        AssertRefused(queue, Data(11, S1, true, true, 0, [9]));

        Assert.Equal(AddResult.Accepted, queue.Add(Data(11, S1, false, false, 0, [2, 2])));
        Assert.Equal([1, 1, 2, 2, 3, 3], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc9260_6_9_FragmentAfterAnEndFragmentMustBeginAMessage()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(21, S1, false, true, 0, [2])));
        AssertRefused(queue, Data(22, S1, false, false, 1, [3]));
        AssertRefused(queue, Data(22, S1, false, true, 1, [3]));

        // And the fragment before a held middle fragment cannot be an end.
        Assert.Equal(AddResult.Accepted, queue.Add(Data(31, S2, false, false, 0, [4])));
        AssertRefused(queue, Data(30, S2, true, true, 0, [5]));
        AssertRefused(queue, Data(30, S2, false, true, 0, [5]));

        Assert.Equal(AddResult.Accepted, queue.Add(Data(20, S1, true, false, 0, [1])));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(1, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc9260_6_9_NeighbouringFragmentsOfOneMessageShareStreamOrderingAndSsn()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(40, S1, true, false, 0, [1])));
        AssertRefused(queue, Data(41, S2, false, true, 0, [2]));
        AssertRefused(queue, Data(41, S1, false, true, 1, [2]));
        AssertRefused(queue, Data(41, S1, false, true, 0, [2], unordered: true));

        // Unordered DATA carries no usable SSN: it plays no part in the check.
        Assert.Equal(AddResult.Accepted, queue.Add(Data(50, S3, true, false, 7, [5], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(51, S3, false, true, 8, [6], unordered: true)));
        Assert.Equal([5, 6], Assert.Single(queue.Drain()).Payload);

        Assert.Equal(AddResult.Accepted, queue.Add(Data(41, S1, false, true, 0, [2])));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void SameTsnTwiceIsHarmlessWhenIdenticalAndRefusedWhenDifferent()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(60, S1, true, false, 0, [1])));
        AssertRefused(queue, Data(60, S1, true, false, 0, [1]), AddResult.Discarded);
        AssertRefused(queue, Data(60, S1, false, false, 0, [1]));
        AssertRefused(queue, Data(60, S2, true, false, 0, [1]));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(61, S1, false, true, 0, [2])));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc8260_2_1_OnlyTheFirstFragmentHasTheBBitAndFsn0(bool unordered)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        AssertRefused(queue, IData(1, S1, false, false, 0, 0, [1], unordered));
        AssertRefused(queue, IData(2, S1, true, false, 0, 1, [1], unordered));
        AssertRefused(queue, IData(3, S1, true, true, 0, 2, [1], unordered));
        Assert.Equal(0, queue.TrackedStreamCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc8260_2_1_FragmentsThatContradictTheHeldOnesAreRefused(bool unordered)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        Assert.Equal(AddResult.Accepted, queue.Add(IData(10, S1, false, false, 4, 1, [1], unordered)));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(12, S1, false, true, 4, 3, [3], unordered)));

        // The same slot again: harmless if it is the same chunk, a contradiction otherwise.
        AssertRefused(queue, IData(10, S1, false, false, 4, 1, [1], unordered), AddResult.Discarded);
        AssertRefused(queue, IData(13, S1, false, false, 4, 1, [1], unordered));

        // A second E, a fragment past the E, an E below a held fragment, a whole message on the same MID.
        AssertRefused(queue, IData(14, S1, false, true, 4, 2, [2], unordered));
        AssertRefused(queue, IData(15, S1, false, false, 4, 5, [5], unordered));
        AssertRefused(queue, IData(16, S1, true, true, 4, 0, [9], unordered));

        Assert.Equal(AddResult.Accepted, queue.Add(IData(11, S1, false, false, 4, 2, [2], unordered)));
        Assert.Equal(0, queue.QueuedMessageCount);
        Assert.Equal(AddResult.Accepted, queue.Add(IData(9, S1, true, false, 4, 0, [0], unordered)));
        if (!unordered)
        {
            Assert.Equal(0, queue.QueuedMessageCount);
            queue.SkipTo(S1, 4, new Tsn(8));
        }

        Assert.Equal([0, 1, 2, 3], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_1_EndFragmentBelowAHeldFragmentIsRefused()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        Assert.Equal(AddResult.Accepted, queue.Add(IData(10, S1, false, false, 0, 5, [5])));
        AssertRefused(queue, IData(11, S1, false, true, 0, 3, [3]));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(11, S1, false, true, 0, 6, [6])));
        Assert.Equal(2, queue.HeldFragmentCount);
    }

    [Fact]
    public void Rfc8260_2_1_MessagesOnDifferentStreamsInterleave()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        var a = Fragment(Pattern(5000, 1), 1000, new Tsn(0), S1, false, 0, new Ppid(11), true);
        var b = Fragment(Pattern(3000, 2), 1000, new Tsn(0), S2, false, 0, new Ppid(22), true);

        // TSNs alternate between the two messages, as a round-robin stream scheduler sends them.
        var sent = new List<TestChunk>();
        uint tsn = 100;
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i < a.Length)
            {
                sent.Add(a[i] with { Tsn = new Tsn(tsn++) });
            }

            if (i < b.Length)
            {
                sent.Add(b[i] with { Tsn = new Tsn(tsn++) });
            }
        }

        queue.AddAll(sent.Take(sent.Count - 4));
        Assert.Equal(0, queue.QueuedMessageCount);
        queue.AddAll(sent.Skip(sent.Count - 4));
        var delivered = queue.Drain();
        Assert.Equal(2, delivered.Count);
        var fromS1 = Assert.Single(delivered, d => d.Stream == S1);
        var fromS2 = Assert.Single(delivered, d => d.Stream == S2);
        Assert.Equal(Pattern(5000, 1), fromS1.Payload);
        Assert.Equal(new Ppid(11), fromS1.Ppid);
        Assert.Equal(new Tsn(100), fromS1.FirstTsn);
        Assert.Equal(Pattern(3000, 2), fromS2.Payload);
        Assert.Equal(new Ppid(22), fromS2.Ppid);
        Assert.Equal(new Tsn(101), fromS2.FirstTsn);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_1_UnorderedMessagesOnOneStreamInterleaveAndCompleteIndependently()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        var big = Fragment(Pattern(4000, 3), 1000, new Tsn(0), S1, true, 7, new Ppid(1), true);
        var small = Fragment(Pattern(1500, 4), 1000, new Tsn(0), S1, true, 8, new Ppid(2), true);

        // MID 8 starts after MID 7 and finishes first, in the middle of it.
        uint tsn = 500;
        queue.AddAll([big[0] with { Tsn = new Tsn(tsn++) }, big[1] with { Tsn = new Tsn(tsn++) }]);
        queue.AddAll([small[0] with { Tsn = new Tsn(tsn++) }, big[2] with { Tsn = new Tsn(tsn++) }]);
        Assert.Equal(AddResult.Accepted, queue.Add(small[1] with { Tsn = new Tsn(tsn++) }));
        var first = Assert.Single(queue.Drain());
        Assert.Equal(Pattern(1500, 4), first.Payload);
        Assert.Equal(new Ppid(2), first.Ppid);
        Assert.Equal(3000, queue.BufferedBytes);

        Assert.Equal(AddResult.Accepted, queue.Add(big[3] with { Tsn = new Tsn(tsn++) }));
        var second = Assert.Single(queue.Drain());
        Assert.Equal(Pattern(4000, 3), second.Payload);
        Assert.Equal(new Ppid(1), second.Ppid);
        Assert.True(second.Unordered);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.TrackedStreamCount);
    }

    [Fact]
    public void Rfc8260_2_1_OrderedAndUnorderedMessagesWithTheSameMidAreDistinct()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        Assert.Equal(AddResult.Accepted, queue.Add(IData(1, S1, true, false, 0, 0, [1])));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(2, S1, true, false, 0, 0, [2], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(3, S1, false, true, 0, 1, [3], unordered: true)));
        Assert.Equal([2, 3], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(AddResult.Accepted, queue.Add(IData(4, S1, false, true, 0, 1, [4])));
        Assert.Equal([1, 4], Assert.Single(queue.Drain()).Payload);
    }
}
