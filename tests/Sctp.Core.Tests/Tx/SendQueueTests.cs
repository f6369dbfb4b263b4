using Sctp.Tx;
using static Sctp.Tests.Tx.SendQueueTestKit;

namespace Sctp.Tests.Tx;

public class SendQueueTests
{
    [Fact]
    public void Rfc9260_6_2_EmptyUserMessagesAreRejected()
    {
        var queue = new SendQueue();
        var error = Assert.Throws<ArgumentException>(() => queue.Enqueue(Now, S(1), default, ReadOnlySpan<byte>.Empty, false, default));
        Assert.Equal("payload", error.ParamName);
        Assert.True(queue.IsEmpty);
        Assert.Equal(0, queue.TotalBufferedAmount);
    }

    [Fact]
    public void AnEmptyQueueProducesNothing()
    {
        var queue = new SendQueue();
        Assert.False(queue.TryProduce(Now, 1200, false, out var fragment));
        Assert.True(fragment.IsDefault);
    }

    [Fact]
    public void MaxPayloadSizeMustBePositive()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.TryProduce(Now, 0, false, out _));
        Assert.Equal(10, queue.TotalBufferedAmount);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 1200)]
    [InlineData(5, 1)]
    [InlineData(1199, 1200)]
    [InlineData(1200, 1200)]
    [InlineData(1201, 1200)]
    [InlineData(2400, 1200)]
    [InlineData(2401, 1200)]
    [InlineData(3600, 1200)]
    [InlineData(10_000, 7)]
    [InlineData(65_536, 1024)]
    [InlineData(262_144, 1184)]
    public void Rfc9260_6_9_FragmentsCarryTheWholeMessageWithBOnTheFirstAndEOnTheLast(int length, int maxPayloadSize)
    {
        foreach (bool interleaved in new[] { false, true })
        {
            var queue = new SendQueue();
            var payload = Payload(length, tag: 3);
            queue.Enqueue(Now, S(4), new Ppid(51), payload, false, default);

            var fragments = queue.Drain(maxPayloadSize, interleaved);

            int expectedCount = (length + maxPayloadSize - 1) / maxPayloadSize;
            Assert.Equal(expectedCount, fragments.Count);
            Assert.Equal(payload, fragments.SelectMany(f => f.Payload).ToArray());
            for (int i = 0; i < fragments.Count; i++)
            {
                var f = fragments[i];
                Assert.Equal(i == 0, f.IsBeginning);
                Assert.Equal(i == fragments.Count - 1, f.IsEnd);
                Assert.Equal(i < fragments.Count - 1 ? maxPayloadSize : length - (i * maxPayloadSize), f.Payload.Length);
                Assert.Equal(new Fsn((uint)i), f.Fsn);
                Assert.Equal(S(4), f.Stream);
                Assert.Equal(new Ppid(51), f.Ppid);
                Assert.Equal(new Ssn(0), f.Ssn);
                Assert.Equal(new Mid(0), f.Mid);
            }

            Assert.True(queue.IsEmpty);
            Assert.Equal(0, queue.TotalBufferedAmount);
        }
    }

    [Fact]
    public void Rfc9260_6_9_EachFragmentMayHaveADifferentSize()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100);
        Assert.True(queue.TryProduce(Now, 30, false, out var a));
        Assert.True(queue.TryProduce(Now, 50, false, out var b));
        Assert.True(queue.TryProduce(Now, 1000, false, out var c));
        Assert.Equal([30, 50, 20], new[] { a.Payload.Length, b.Payload.Length, c.Payload.Length });
        Assert.True(a.IsBeginning && !a.IsEnd && !b.IsBeginning && !b.IsEnd && c.IsEnd);
        Assert.Same(a.Message, c.Message);
        a.Release();
        b.Release();
        c.Release();
    }

    [Fact]
    public void Rfc9260_6_6_OrderedMessagesTakeConsecutiveSsnsSharedByAllTheirFragments()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 250);
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 150);

        var fragments = queue.Drain(100);

        Assert.Equal([0, 0, 0, 1, 2, 2], fragments.Select(f => (int)f.Ssn.Value));
        Assert.All(fragments, f => Assert.False(f.IsUnordered));
    }

    [Fact]
    public void Rfc9260_3_3_1_UnorderedDataMessagesTakeNoSsn()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 10, unordered: true);
        queue.Enqueue(1, 10, unordered: true);
        queue.Enqueue(1, 10);

        var fragments = queue.Drain(1200);

        Assert.Equal([false, true, true, false], fragments.Select(f => f.IsUnordered));
        Assert.Equal([0, 0, 0, 1], fragments.Select(f => (int)f.Ssn.Value));
    }

    [Fact]
    public void Rfc9260_6_5_SsnsAreCountedPerStream()
    {
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        queue.Enqueue(3, 10);

        var fragments = queue.Drain(1200);

        Assert.Equal([(1, 0), (2, 0), (1, 1), (2, 1), (3, 0)], fragments.Select(f => ((int)f.Stream.Value, (int)f.Ssn.Value)));
    }

    [Fact]
    public void Rfc9260_3_3_1_SsnWrapsFrom65535To0()
    {
        var queue = new SendQueue();
        var one = new byte[] { 42 };
        Ssn last = default;
        for (int i = 0; i <= ushort.MaxValue; i++)
        {
            queue.Enqueue(Now, S(9), default, one, false, default);
            Assert.True(queue.TryProduce(Now, 1200, false, out var fragment));
            Assert.Equal(new Ssn((ushort)i), fragment.Ssn);
            last = fragment.Ssn;
            fragment.Release();
        }

        Assert.Equal(new Ssn(65_535), last);
        queue.Enqueue(Now, S(9), default, one, false, default);
        Assert.Equal(new Ssn(0), queue.ProduceOne(1200)!.Ssn);
    }

    [Fact]
    public void Rfc8260_2_1_OrderedAndUnorderedMessagesHaveSeparateMidSequences()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 10, unordered: true);
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 10, unordered: true);
        queue.Enqueue(1, 10, unordered: true);
        queue.Enqueue(2, 10, unordered: true);

        var fragments = queue.Drain(1200, interleaved: true);

        Assert.Equal(
            [(1, false, 0u), (2, true, 0u), (1, true, 0u), (1, false, 1u), (1, true, 1u), (1, true, 2u)],
            fragments.Select(f => ((int)f.Stream.Value, f.IsUnordered, f.Mid.Value)));
        Assert.All(fragments, f => Assert.Equal(new Ssn(0), f.Ssn));
    }

    [Fact]
    public void Rfc8260_2_1_EveryFragmentOfAnIDataMessageCarriesItsMidAndCountsFsnFromZero()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 35);

        var fragments = queue.Drain(10, interleaved: true);

        Assert.Equal(
            [(0u, 0u, true, true), (1u, 0u, true, false), (1u, 1u, false, false), (1u, 2u, false, false), (1u, 3u, false, true)],
            fragments.Select(f => (f.Mid.Value, f.Fsn.Value, f.IsBeginning, f.IsEnd)));
    }

    [Fact]
    public void Rfc9260_6_9_DataNeverInterleavesFragmentsOfDifferentMessages()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        queue.Enqueue(1, 500, tag: 1);
        queue.Enqueue(2, 500, tag: 2);
        queue.Enqueue(1, 500, tag: 3);
        queue.Enqueue(3, 500, tag: 4);

        var fragments = queue.Drain(100, interleaved: false);

        // Each message's five fragments are consecutive, so they can take consecutive TSNs.
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1], FragmentOrder(fragments).Select(x => (int)x));
        for (int m = 0; m < 4; m++)
        {
            Assert.True(fragments[m * 5].IsBeginning);
            Assert.True(fragments[(m * 5) + 4].IsEnd);
        }
    }

    [Fact]
    public void Rfc9260_6_9_DataFinishesAStartedMessageEvenWhenANewStreamBecomesActive()
    {
        var queue = new SendQueue(StreamSchedulerKind.Priority);
        queue.SetPriority(S(2), 0);
        queue.Enqueue(1, 300);
        Assert.Equal(1, queue.ProduceOne(100)!.Stream.Value);

        // A higher-priority stream must wait: the DATA message on stream 1 needs consecutive TSNs.
        queue.Enqueue(2, 100);
        Assert.Equal([1, 1, 2], FragmentOrder(queue.Drain(100)).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_1_IDataInterleavesFragmentsOfDifferentStreams()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        queue.Enqueue(1, 300, tag: 1);
        queue.Enqueue(2, 200, tag: 2);

        var fragments = queue.Drain(100, interleaved: true);

        Assert.Equal([1, 2, 1, 2, 1], FragmentOrder(fragments).Select(x => (int)x));
        Assert.Equal(Payload(300, 1), fragments.Where(f => f.Stream == S(1)).SelectMany(f => f.Payload).ToArray());
        Assert.Equal(Payload(200, 2), fragments.Where(f => f.Stream == S(2)).SelectMany(f => f.Payload).ToArray());
    }

    [Fact]
    public void Rfc7496_3_ATimedMessageExpiredBeforeSendingIsDroppedWithoutUsingAnSsn()
    {
        var queue = new SendQueue();
        var lifetime = ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(100));
        queue.Enqueue(1, 10, tag: 1);
        queue.Enqueue(1, 10, policy: lifetime, tag: 2);
        queue.Enqueue(1, 10, tag: 3);
        Assert.Equal(0, queue.ProduceOne(1200)!.Ssn.Value);

        var later = Now + TimeSpan.FromMilliseconds(101);
        var next = queue.ProduceOne(1200, now: later)!;

        // The expired message is gone; the next one takes the SSN it would have had.
        Assert.Equal(Payload(10, 3), next.Payload);
        Assert.Equal(new Ssn(1), next.Ssn);
        Assert.Equal(1, queue.AbandonedMessageCount);
        Assert.True(queue.IsEmpty);
        Assert.Equal(0, queue.TotalBufferedAmount);
    }

    [Fact]
    public void Rfc7496_3_ExpiredIDataMessagesUseNoMid()
    {
        var queue = new SendQueue();
        var lifetime = ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(5));
        queue.Enqueue(1, 10, policy: lifetime);
        queue.Enqueue(1, 10, policy: lifetime, unordered: true);
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 10, unordered: true);

        var fragments = queue.Drain(1200, interleaved: true, now: Now + TimeSpan.FromSeconds(1));

        Assert.Equal([(false, 0u), (true, 0u)], fragments.Select(f => (f.IsUnordered, f.Mid.Value)));
        Assert.Equal(2, queue.AbandonedMessageCount);
    }

    [Fact]
    public void Rfc3758_4_1_AMessageIsSentUntilItsLifetimeHasPassed()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10, policy: ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(100)));
        queue.Enqueue(1, 10, policy: ReliabilityPolicy.Timed(TimeSpan.Zero));

        // At exactly the end of its lifetime the message may still go; a zero lifetime means "now or never".
        var fragments = queue.Drain(1200, now: Now + TimeSpan.FromMilliseconds(100));
        Assert.Single(fragments);
        Assert.Equal(1, queue.AbandonedMessageCount);

        queue.Enqueue(1, 10, policy: ReliabilityPolicy.Timed(TimeSpan.Zero));
        Assert.NotNull(queue.ProduceOne(1200));
    }

    [Fact]
    public void Rfc3758_3_5_AStartedMessageIsNotDroppedByTheQueueWhenItExpires()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 300, policy: ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(10)));
        Assert.True(queue.TryProduce(Now, 100, false, out var first));

        // Its first fragment has a TSN: abandoning the rest takes a FORWARD-TSN, the tracker's call.
        var later = Now + TimeSpan.FromSeconds(1);
        Assert.True(first.IsExpired(later));
        Assert.True(queue.TryProduce(later, 100, false, out var second));
        Assert.Same(first.Message, second.Message);
        Assert.True(second.IsExpired(later));
        Assert.Equal(0, queue.AbandonedMessageCount);
        first.Release();
        second.Release();
    }

    [Fact]
    public void Rfc3758_3_5_C1_DiscardRestOfMessageAbandonsTheUnsentFragments()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 500, tag: 1);
        queue.Enqueue(1, 50, tag: 2);
        Assert.True(queue.TryProduce(Now, 100, false, out var first));
        Assert.Equal(450, queue.TotalBufferedAmount);

        Assert.True(queue.DiscardRestOfMessage(first.Message));

        Assert.True(first.Message.IsAbandoned);
        Assert.Equal(50, queue.TotalBufferedAmount);
        Assert.False(queue.HasPartialMessage(S(1)));
        var next = queue.ProduceOne(100)!;
        Assert.Equal(Payload(50, 2), next.Payload);
        Assert.True(next.IsBeginning && next.IsEnd);

        // The abandoned message kept its SSN (the FORWARD-TSN names it), so the next one is 1.
        Assert.Equal(new Ssn(1), next.Ssn);
        Assert.False(queue.DiscardRestOfMessage(first.Message));
        first.Release();
    }

    [Fact]
    public void Rfc3758_3_5_C1_DiscardingAnInterleavedMessageLeavesOtherStreamsAlone()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 300, tag: 1);
        queue.Enqueue(2, 300, tag: 2);
        Assert.True(queue.TryProduce(Now, 100, true, out var first));
        var fromOtherStream = queue.ProduceOne(100, interleaved: true)!;
        Assert.Equal(2, fromOtherStream.Stream.Value);

        Assert.True(queue.DiscardRestOfMessage(first.Message));

        var rest = queue.Drain(100, interleaved: true);
        Assert.All(rest, f => Assert.Equal(2, f.Stream.Value));
        Assert.Equal(2, rest.Count);
        Assert.True(rest[^1].IsEnd);
        first.Release();
    }

    [Fact]
    public void Rfc3758_3_5_C1_AfterADiscardDataMayStartAMessageOnAnotherStream()
    {
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        queue.Enqueue(1, 300);
        queue.Enqueue(2, 100);
        queue.Enqueue(1, 100);
        Assert.True(queue.TryProduce(Now, 100, false, out var first));

        queue.DiscardRestOfMessage(first.Message);

        Assert.Equal([2, 1], FragmentOrder(queue.Drain(100)).Select(x => (int)x));
        first.Release();
    }

    [Fact]
    public void DiscardRestOfMessageReturnsFalseOnceEveryFragmentWasProduced()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100);
        Assert.True(queue.TryProduce(Now, 1200, false, out var only));
        Assert.False(queue.DiscardRestOfMessage(only.Message));
        Assert.True(only.Message.IsAbandoned);
        only.Release();
    }

    [Fact]
    public void DiscardRestOfMessageRejectsAMessageOfAnotherQueue()
    {
        var mine = new SendQueue();
        var other = new SendQueue();
        other.Enqueue(1, 300);
        Assert.True(other.TryProduce(Now, 100, false, out var fragment));
        Assert.Throws<ArgumentException>(() => mine.DiscardRestOfMessage(fragment.Message));
        Assert.False(fragment.Message.IsAbandoned);
        fragment.Release();
    }

    [Fact]
    public void FragmentsCarryThePolicyAndExpiryOfTheirMessage()
    {
        var queue = new SendQueue();
        var policy = ReliabilityPolicy.Timed(TimeSpan.FromSeconds(2));
        queue.Enqueue(1, 10, policy: policy, unordered: true, ppid: 51);
        queue.Enqueue(1, 10, policy: ReliabilityPolicy.LimitedRetransmissions(3));
        Assert.True(queue.TryProduce(Now, 1200, false, out var timed));
        Assert.True(queue.TryProduce(Now, 1200, false, out var limited));

        Assert.Equal(policy, timed.Policy);
        Assert.Equal(Now + TimeSpan.FromSeconds(2), timed.ExpiresAt);
        Assert.True(timed.IsUnordered);
        Assert.Equal(new Ppid(51), timed.Ppid);
        Assert.False(timed.IsInterleaved);
        Assert.Equal(ReliabilityPolicy.LimitedRetransmissions(3), limited.Policy);
        Assert.Equal(TimeSpan.MaxValue, limited.ExpiresAt);
        Assert.Equal(Now, limited.Message.EnqueuedAt);
        timed.Release();
        limited.Release();
    }

    [Fact]
    public void TheMessageRecordsItsProgress()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 250);
        Assert.True(queue.TryProduce(Now, 100, true, out var first));
        var message = first.Message;
        Assert.True(message.IsStarted);
        Assert.True(message.IsInterleaved);
        Assert.Equal(100, message.BytesFragmented);
        Assert.Equal(1, message.FragmentsProduced);
        Assert.False(message.IsFullyFragmented);
        Assert.Equal(250, message.Length);
        Assert.Equal(Payload(250), message.Payload.ToArray());
        Assert.True(queue.HasPartialMessage(S(1)));
        Assert.Equal(1, queue.QueuedMessageCount);

        var rest = queue.Drain(100, interleaved: true);
        Assert.Equal(2, rest.Count);
        Assert.True(message.IsFullyFragmented);
        Assert.Equal(0, queue.QueuedMessageCount);
        first.Release();
    }
}
