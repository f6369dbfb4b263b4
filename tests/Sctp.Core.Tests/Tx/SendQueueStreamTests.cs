using Sctp.Tx;
using static Sctp.Tests.Tx.SendQueueTestKit;

namespace Sctp.Tests.Tx;

/// <summary>Per-stream state: pause, reset and close (RFC 6525), priority, buffered amount and its low event.</summary>
public class SendQueueStreamTests
{
    [Fact]
    public void Rfc6525_5_1_2_APausedStreamFinishesItsPartialMessageButStartsNoNewOne()
    {
        foreach (bool interleaved in new[] { false, true })
        {
            var queue = new SendQueue();
            queue.Enqueue(1, 300, tag: 1);
            queue.Enqueue(1, 100, tag: 2);
            queue.Enqueue(2, 100, tag: 3);
            Assert.True(queue.TryProduce(Now, 100, interleaved, out var first));
            Assert.Equal(1, first.Stream.Value);

            queue.Pause(S(1));
            Assert.True(queue.IsPaused(S(1)));
            Assert.True(queue.HasPartialMessage(S(1)));

            var fragments = queue.Drain(100, interleaved);
            Assert.Equal(2, fragments.Count(f => f.Stream == S(1)));
            Assert.True(fragments.Last(f => f.Stream == S(1)).IsEnd);
            Assert.Single(fragments, f => f.Stream == S(2));
            Assert.False(queue.HasPartialMessage(S(1)));
            Assert.Equal(100, queue.BufferedAmount(S(1)));

            queue.Resume(S(1));
            Assert.False(queue.IsPaused(S(1)));
            var resumed = queue.Drain(100, interleaved);
            Assert.Equal(Payload(100, 2), Assert.Single(resumed).Payload);
            first.Release();
        }
    }

    [Fact]
    public void Rfc6525_5_1_2_APausedStreamWithNothingStartedSendsNothing()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100);
        queue.Pause(S(1));
        Assert.Null(queue.ProduceOne(1200));
        Assert.Equal(100, queue.TotalBufferedAmount);
        Assert.False(queue.IsEmpty);

        // Messages queued while paused wait too.
        queue.Enqueue(1, 50);
        Assert.Null(queue.ProduceOne(1200));
        queue.Resume(S(1));
        Assert.Equal(2, queue.Drain(1200).Count);
    }

    [Fact]
    public void Rfc6525_5_1_2_ResetSequenceNumbersStartsSsnAndBothMidsAgainAtZero()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        queue.Drain(1200);
        queue.Enqueue(3, 10);
        queue.Enqueue(3, 10, unordered: true);
        queue.Drain(1200, interleaved: true);

        queue.Pause(S(1));
        queue.ResetSequenceNumbers(S(1));
        queue.ResetSequenceNumbers(S(3));
        queue.Resume(S(1));

        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        Assert.Equal([(1, 0), (2, 1)], queue.Drain(1200).Select(f => ((int)f.Stream.Value, (int)f.Ssn.Value)));
        queue.Enqueue(3, 10);
        queue.Enqueue(3, 10, unordered: true);
        Assert.Equal([0u, 0u], queue.Drain(1200, interleaved: true).Select(f => f.Mid.Value));
    }

    [Fact]
    public void Rfc6525_5_1_2_AStreamCannotBeResetWhileAMessageIsPartlySent()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 300);
        Assert.True(queue.TryProduce(Now, 100, false, out var first));
        queue.Pause(S(1));
        Assert.Throws<InvalidOperationException>(() => queue.ResetSequenceNumbers(S(1)));

        queue.Drain(100);
        queue.ResetSequenceNumbers(S(1));
        queue.Resume(S(1));
        queue.Enqueue(1, 10);
        Assert.Equal(new Ssn(0), queue.ProduceOne(100)!.Ssn);
        first.Release();
    }

    [Fact]
    public void AClosedStreamRejectsNewMessagesUntilItsResetCompletes()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10, tag: 1);
        queue.CloseStream(S(1));
        Assert.True(queue.IsClosed(S(1)));

        var error = Assert.Throws<InvalidOperationException>(() => queue.Enqueue(1, 10));
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
        queue.Enqueue(2, 10);

        // What was queued before closing still goes out, so the reset can follow once it has drained.
        Assert.Equal(2, queue.Drain(1200).Count);
        Assert.Equal(0, queue.BufferedAmount(S(1)));

        queue.ResetSequenceNumbers(S(1));
        Assert.False(queue.IsClosed(S(1)));
        queue.Enqueue(1, 10);
        Assert.Equal(new Ssn(0), queue.ProduceOne(1200)!.Ssn);
    }

    [Fact]
    public void UnknownStreamsReportDefaults()
    {
        var queue = new SendQueue();
        Assert.Equal(0, queue.BufferedAmount(S(7)));
        Assert.Equal(0, queue.GetBufferedAmountLowThreshold(S(7)));
        Assert.False(queue.IsPaused(S(7)));
        Assert.False(queue.IsClosed(S(7)));
        Assert.False(queue.HasPartialMessage(S(7)));
        Assert.Equal(SendQueue.DefaultPriority, queue.GetPriority(S(7)));
        queue.Resume(S(7));
        queue.ResetSequenceNumbers(S(7));
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
    }

    [Fact]
    public void BufferedAmountCountsBytesQueuedButNotYetFragmented()
    {
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        queue.Enqueue(1, 250);
        queue.Enqueue(2, 40);
        queue.Enqueue(1, 60);
        Assert.Equal(310, queue.BufferedAmount(S(1)));
        Assert.Equal(40, queue.BufferedAmount(S(2)));
        Assert.Equal(350, queue.TotalBufferedAmount);
        Assert.Equal(3, queue.QueuedMessageCount);

        Assert.True(queue.TryProduce(Now, 100, false, out var fragment));
        Assert.Equal(210, queue.BufferedAmount(S(1)));
        Assert.Equal(250, queue.TotalBufferedAmount);

        // A fragment in flight no longer counts here (the association adds its outstanding bytes).
        queue.Drain(100);
        Assert.Equal(0, queue.TotalBufferedAmount);
        Assert.Equal(0, queue.BufferedAmount(S(1)));
        fragment.Release();
    }

    [Fact]
    public void BufferedAmountLowFiresOncePerCrossingFromAboveTheThreshold()
    {
        var queue = new SendQueue();
        queue.SetBufferedAmountLowThreshold(S(1), 150);
        Assert.Equal(150, queue.GetBufferedAmountLowThreshold(S(1)));
        queue.Enqueue(1, 400);

        Assert.NotNull(queue.ProduceOne(100)); // 300 left
        Assert.NotNull(queue.ProduceOne(100)); // 200 left
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
        Assert.NotNull(queue.ProduceOne(100)); // 100 left: crossed
        Assert.True(queue.TryDequeueBufferedAmountLow(out var stream));
        Assert.Equal(S(1), stream);
        Assert.NotNull(queue.ProduceOne(100)); // 0 left: still below, no new crossing
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));

        // Rising above and falling again is a new crossing.
        queue.Enqueue(1, 200);
        Assert.NotNull(queue.ProduceOne(100));
        Assert.True(queue.TryDequeueBufferedAmountLow(out stream));
        Assert.Equal(S(1), stream);
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
    }

    [Fact]
    public void BufferedAmountLowWithTheDefaultThresholdFiresWhenTheStreamDrains()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100);
        queue.Enqueue(2, 100);
        queue.Enqueue(1, 100);
        queue.Drain(1200);

        var fired = new List<StreamId>();
        while (queue.TryDequeueBufferedAmountLow(out var stream))
        {
            fired.Add(stream);
        }

        Assert.Equal([S(2), S(1)], fired);
    }

    [Fact]
    public void BufferedAmountLowEventsAreNotRepeatedBeforeTheyArePolled()
    {
        var queue = new SendQueue();
        for (int i = 0; i < 3; i++)
        {
            queue.Enqueue(1, 10);
            queue.Drain(1200);
        }

        Assert.True(queue.TryDequeueBufferedAmountLow(out _));
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
    }

    [Fact]
    public void BufferedAmountLowFiresWhenMessagesAreExpiredOrDiscarded()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100, policy: ReliabilityPolicy.Timed(TimeSpan.Zero));
        Assert.Null(queue.ProduceOne(1200, now: Now + TimeSpan.FromTicks(1)));
        Assert.Equal(0, queue.BufferedAmount(S(1)));
        Assert.True(queue.TryDequeueBufferedAmountLow(out var stream));
        Assert.Equal(S(1), stream);

        queue.Enqueue(2, 300);
        Assert.True(queue.TryProduce(Now, 100, false, out var first));
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
        queue.DiscardRestOfMessage(first.Message);
        Assert.True(queue.TryDequeueBufferedAmountLow(out stream));
        Assert.Equal(S(2), stream);
        first.Release();
    }

    [Fact]
    public void ChangingTheThresholdRaisesNoEvent()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 100);
        queue.SetBufferedAmountLowThreshold(S(1), 1000);
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.SetBufferedAmountLowThreshold(S(1), -1));
    }

    [Fact]
    public void ClearDropsEveryQueuedMessageAndKeepsSequenceNumbers()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed, pool);
        queue.Enqueue(1, 10);
        queue.Enqueue(1, 300);
        queue.Enqueue(2, 30);
        Assert.NotNull(queue.ProduceOne(1200));
        Assert.True(queue.TryProduce(Now, 100, false, out var held));

        queue.Clear();

        Assert.True(queue.IsEmpty);
        Assert.Equal(0, queue.TotalBufferedAmount);
        Assert.Equal(0, queue.BufferedAmount(S(1)));
        Assert.Null(queue.ProduceOne(1200));
        Assert.False(queue.TryDequeueBufferedAmountLow(out _));
        Assert.Equal(1, pool.Outstanding); // the fragment still held keeps its buffer
        held.Release();
        Assert.Equal(0, pool.Outstanding);

        queue.Enqueue(1, 10);
        Assert.Equal(new Ssn(2), queue.ProduceOne(1200)!.Ssn);
    }
}
