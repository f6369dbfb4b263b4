using Sctp.Tx;
using static Sctp.Tests.Tx.SendQueueTestKit;

namespace Sctp.Tests.Tx;

/// <summary>Reference counting of messages and their buffers, pooling, and allocation-free production.</summary>
[Collection(Sctp.Tests.Harness.AllocationMeasurement.Name)]
public class OutgoingMessageTests
{
    [Fact]
    public void TheBufferIsReturnedWhenTheQueueAndEveryFragmentAreDone()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(bufferPool: pool);
        queue.Enqueue(1, 250);
        Assert.Equal(1, pool.Outstanding);

        Assert.True(queue.TryProduce(Now, 100, false, out var a));
        Assert.True(queue.TryProduce(Now, 100, false, out var b));
        Assert.Equal(3, a.Message.ReferenceCount); // the queue's and two fragments
        Assert.True(queue.TryProduce(Now, 100, false, out var c));
        Assert.Equal(3, a.Message.ReferenceCount); // the queue let go with the last fragment

        // Acknowledgements may come in any order; the buffer stays until the last fragment is released.
        b.Release();
        c.Release();
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(Payload(100), a.Payload.ToArray());
        a.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(1, pool.Returned);
    }

    [Fact]
    public void ExpiredDiscardedAndClearedMessagesReturnTheirBuffers()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(bufferPool: pool);
        queue.Enqueue(1, 10, policy: ReliabilityPolicy.Timed(TimeSpan.Zero));
        queue.Enqueue(2, 300);
        queue.Enqueue(3, 10);
        queue.Enqueue(3, 10);

        Assert.True(queue.TryProduce(Now + TimeSpan.FromSeconds(1), 100, false, out var partial));
        Assert.Equal(2, partial.Stream.Value);
        Assert.Equal(3, pool.Outstanding); // the expired message's buffer is back already
        queue.DiscardRestOfMessage(partial.Message);
        Assert.Equal(3, pool.Outstanding); // still held by the fragment
        partial.Release();
        Assert.Equal(2, pool.Outstanding);
        queue.Clear();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(4, pool.Rented);
    }

    [Fact]
    public void EveryRentedBufferComesBackAfterARandomWorkload()
    {
        var pool = new CountingArrayPool();
        var random = new SeededRandomSource(7);
        var queue = new SendQueue(StreamSchedulerKind.WeightedFairQueueing, pool);
        var held = new List<OutgoingFragment>();
        var now = Now;
        for (int step = 0; step < 5000; step++)
        {
            now += TimeSpan.FromMilliseconds(1);
            switch (random.NextUInt64() % 6)
            {
                case 0 or 1:
                    var policy = random.NextUInt64() % 3 == 0 ? ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(20)) : default;
                    queue.Enqueue((ushort)(random.NextUInt64() % 5), 1 + (int)(random.NextUInt64() % 3000), policy: policy, now: now);
                    break;
                case 2 or 3:
                    if (queue.TryProduce(now, 1 + (int)(random.NextUInt64() % 1200), random.NextUInt64() % 2 == 0, out var fragment))
                    {
                        held.Add(fragment);
                    }

                    break;
                case 4 when held.Count > 0:
                    int index = (int)(random.NextUInt64() % (ulong)held.Count);
                    if (random.NextUInt64() % 4 == 0)
                    {
                        queue.DiscardRestOfMessage(held[index].Message);
                    }

                    held[index].Release();
                    held.RemoveAt(index);
                    break;
                case 5:
                    queue.Pause(S((ushort)(random.NextUInt64() % 5)));
                    queue.Resume(S((ushort)(random.NextUInt64() % 5)));
                    break;
            }
        }

        Assert.True(pool.Rented > 500);
        queue.Clear();
        foreach (var fragment in held)
        {
            fragment.Release();
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(pool.Rented, pool.Returned);
    }

    [Fact]
    public void ReleasingAFragmentTwiceThrowsWhileOtherFragmentsStillHoldTheMessage()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(bufferPool: pool);
        queue.Enqueue(1, 200);
        Assert.True(queue.TryProduce(Now, 100, false, out var a));
        Assert.True(queue.TryProduce(Now, 100, false, out var b));
        a.Release();

        var copy = a;
        Assert.Throws<InvalidOperationException>(copy.Release);

        // The buffer was not given back early: b still reads it.
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(Payload(200)[100..], b.Payload.ToArray());
        b.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void ReleasingAFragmentAfterItsMessageWasRecycledThrows()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        Assert.True(queue.TryProduce(Now, 100, false, out var stale));
        stale.Release();

        // The pooled message object is reused for the next message; the stale handle must not touch it.
        queue.Enqueue(1, 10);
        Assert.True(queue.TryProduce(Now, 100, false, out var fresh));
        Assert.Same(stale.Message, fresh.Message);
        Assert.Throws<InvalidOperationException>(stale.Release);
        Assert.Equal(1, fresh.Message.ReferenceCount);
        fresh.Release();
    }

    [Fact]
    public void ReleasingADefaultFragmentThrows()
    {
        OutgoingFragment fragment = default;
        Assert.True(fragment.IsDefault);
        Assert.Throws<InvalidOperationException>(fragment.Release);
    }

    [Fact]
    public void DoubleReleaseIsCaughtBeyondTheFirst64Fragments()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(bufferPool: pool);
        queue.Enqueue(1, 1000);
        var fragments = new List<OutgoingFragment>();
        while (queue.TryProduce(Now, 3, false, out var f))
        {
            fragments.Add(f);
        }

        Assert.Equal(334, fragments.Count);
        fragments[200].Release();
        Assert.Throws<InvalidOperationException>(fragments[200].Release);
        for (int i = 0; i < fragments.Count; i++)
        {
            if (i != 200)
            {
                fragments[i].Release();
            }
        }

        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void AddRefKeepsTheMessageAliveUntilTheMatchingRelease()
    {
        var pool = new CountingArrayPool();
        var queue = new SendQueue(bufferPool: pool);
        queue.Enqueue(1, 10);
        Assert.True(queue.TryProduce(Now, 100, false, out var fragment));
        var message = fragment.Message;
        message.AddRef();
        fragment.Release();
        Assert.Equal(1, message.ReferenceCount);
        Assert.Equal(Payload(10), message.Payload.ToArray());
        Assert.Equal(1, pool.Outstanding);

        message.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Throws<InvalidOperationException>(message.Release);
        Assert.Throws<InvalidOperationException>(message.AddRef);
    }

    [Fact]
    public void ReleaseWithoutAddRefThrowsEvenWhileFragmentsHoldTheMessage()
    {
        var queue = new SendQueue();
        queue.Enqueue(1, 10);
        Assert.True(queue.TryProduce(Now, 100, false, out var fragment));
        Assert.Throws<InvalidOperationException>(fragment.Message.Release);
        Assert.Equal(1, fragment.Message.ReferenceCount);
        fragment.Release();
    }

    [Fact]
    public void TryProduceAllocatesNothingInSteadyState()
    {
        foreach (bool interleaved in new[] { false, true })
        {
            foreach (var kind in Enum.GetValues<StreamSchedulerKind>())
            {
                var queue = new SendQueue(kind);
                var payload = new byte[100_000];
                var held = new OutgoingFragment[200];

                long allocated = 0;
                for (int round = 0; round < 3; round++)
                {
                    // Outside the measurement: queueing rents and copies.
                    for (ushort s = 0; s < 8; s++)
                    {
                        queue.Enqueue(Now, new StreamId(s), default, payload, s % 2 == 0, default);
                    }

                    long before = GC.GetAllocatedBytesForCurrentThread();
                    int count = 0;
                    while (queue.TryProduce(Now, 1 + (count % 1200), interleaved, out var fragment))
                    {
                        // Hold fragments for a while, as the outstanding-data tracker does, then release.
                        if (count >= held.Length)
                        {
                            held[count % held.Length].Release();
                        }

                        held[count % held.Length] = fragment;
                        count++;
                    }

                    for (int i = 0; i < Math.Min(count, held.Length); i++)
                    {
                        held[i].Release();
                    }

                    // The first round grows the queues, heaps, pools and fragment bitmaps.
                    if (round > 0)
                    {
                        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    }

                    Assert.True(count > 1000);
                }

                Assert.Equal(0, allocated);
            }
        }
    }

    [Fact]
    public void EnqueueProduceReleaseCycleAllocatesNothingInSteadyState()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        var payload = new byte[3000];
        void Cycle()
        {
            for (int i = 0; i < 100; i++)
            {
                queue.Enqueue(Now, new StreamId((ushort)(i % 4)), default, payload, false, ReliabilityPolicy.Timed(TimeSpan.FromSeconds(1)));
                while (queue.TryProduce(Now, 1200, false, out var fragment))
                {
                    fragment.Release();
                }

                queue.TryDequeueBufferedAmountLow(out _);
            }
        }

        Cycle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
