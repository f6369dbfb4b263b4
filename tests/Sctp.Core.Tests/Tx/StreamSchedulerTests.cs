using Sctp.Tx;
using static Sctp.Tests.Tx.SendQueueTestKit;

namespace Sctp.Tests.Tx;

/// <summary>The four stream schedulers of RFC 8260 section 3, each on a fixed scenario, plus randomized checks of the heap.</summary>
public class StreamSchedulerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc8260_3_1_FirstComeFirstServedSendsMessagesInTheOrderTheyWereQueued(bool interleaved)
    {
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        Assert.Equal(StreamSchedulerKind.FirstComeFirstServed, queue.SchedulerKind);
        foreach (ushort stream in new ushort[] { 1, 2, 1, 3, 2 })
        {
            queue.Enqueue(stream, 250);
        }

        var fragments = queue.Drain(100, interleaved);

        Assert.Equal([1, 2, 1, 3, 2], MessageOrder(fragments).Select(x => (int)x));

        // Interleaving does not change the order: each message is finished before the next starts.
        Assert.Equal([1, 1, 1, 2, 2, 2, 1, 1, 1, 3, 3, 3, 2, 2, 2], FragmentOrder(fragments).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_1_FirstComeFirstServedSkipsAPausedStreamAndServesItsOldMessagesFirstWhenResumed()
    {
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        queue.Enqueue(3, 10);
        queue.Enqueue(2, 10);
        queue.Pause(S(2));
        Assert.Equal([1, 3], MessageOrder(queue.Drain(100)).Select(x => (int)x));

        queue.Enqueue(1, 10);
        queue.Resume(S(2));
        Assert.Equal([2, 2, 1], MessageOrder(queue.Drain(100)).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_2_RoundRobinWithDataSendsOneMessagePerStreamPerTurn()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        foreach (ushort stream in new ushort[] { 1, 1, 1, 2, 2, 3 })
        {
            queue.Enqueue(stream, 250);
        }

        var fragments = queue.Drain(100, interleaved: false);

        Assert.Equal([1, 2, 3, 1, 2, 1], MessageOrder(fragments).Select(x => (int)x));
        Assert.Equal(18, fragments.Count);
    }

    [Fact]
    public void Rfc8260_3_2_RoundRobinWithIDataSendsOneFragmentPerStreamPerTurn()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        queue.Enqueue(1, 300);
        queue.Enqueue(2, 100);
        queue.Enqueue(3, 200);

        var fragments = queue.Drain(100, interleaved: true);

        Assert.Equal([1, 2, 3, 1, 3, 1], FragmentOrder(fragments).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_2_ANewlyActiveStreamJoinsAtTheEndOfTheRound()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        foreach (ushort stream in new ushort[] { 1, 2, 1, 2, 1, 2 })
        {
            queue.Enqueue(stream, 10);
        }

        Assert.Equal(1, queue.ProduceOne(100)!.Stream.Value);
        queue.Enqueue(3, 10);

        Assert.Equal([2, 1, 3, 2, 1, 2], MessageOrder(queue.Drain(100)).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_2_RoundRobinServesThousandsOfStreamsInTurn()
    {
        var queue = new SendQueue(StreamSchedulerKind.RoundRobin);
        for (int round = 0; round < 2; round++)
        {
            for (int s = 0; s < 10_000; s++)
            {
                queue.Enqueue((ushort)(s * 6 % 65_536), 1);
            }
        }

        var order = FragmentOrder(queue.Drain(100));

        Assert.Equal(20_000, order.Length);
        for (int i = 0; i < 20_000; i++)
        {
            Assert.Equal((ushort)(i % 10_000 * 6 % 65_536), order[i]);
        }
    }

    [Fact]
    public void Rfc8260_3_4_PriorityServesLowerValuesFirstAndEqualPrioritiesInTurn()
    {
        var queue = new SendQueue(StreamSchedulerKind.Priority);
        queue.SetPriority(S(1), 300);
        queue.SetPriority(S(2), 100);
        queue.SetPriority(S(3), 100);
        queue.SetPriority(S(4), 200);
        Assert.Equal(100, queue.GetPriority(S(2)));
        foreach (ushort stream in new ushort[] { 1, 1, 2, 2, 3, 3, 4, 4 })
        {
            queue.Enqueue(stream, 150);
        }

        var fragments = queue.Drain(100, interleaved: false);

        Assert.Equal([2, 3, 2, 3, 4, 4, 1, 1], MessageOrder(fragments).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_4_WithIDataAHighPriorityMessageOvertakesALargeLowPriorityOne()
    {
        var queue = new SendQueue(StreamSchedulerKind.Priority);
        queue.SetPriority(S(1), 500);
        queue.SetPriority(S(2), 1);
        queue.Enqueue(1, 1000);
        Assert.Equal(1, queue.ProduceOne(100, interleaved: true)!.Stream.Value);

        queue.Enqueue(2, 300);

        var fragments = queue.Drain(100, interleaved: true);
        Assert.Equal([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1], FragmentOrder(fragments).Select(x => (int)x));
    }

    [Fact]
    public void Rfc8260_3_4_ChangingThePriorityOfAnActiveStreamReordersIt()
    {
        var queue = new SendQueue(StreamSchedulerKind.Priority);
        queue.Enqueue(1, 10);
        queue.Enqueue(2, 10);
        queue.Enqueue(3, 10);
        queue.SetPriority(S(3), 0);
        queue.SetPriority(S(1), 1000);

        Assert.Equal([3, 2, 1], MessageOrder(queue.Drain(100)).Select(x => (int)x));
    }

    [Theory]
    [InlineData(false, 1, 2, 4)]
    [InlineData(true, 1, 2, 4)]
    [InlineData(false, 100, 100, 300)]
    [InlineData(true, 1000, 3000, 65_535)]
    public void Rfc8260_3_6_WeightedFairQueueingSharesBytesInProportionToWeights(bool interleaved, int w1, int w2, int w3)
    {
        var queue = new SendQueue(StreamSchedulerKind.WeightedFairQueueing);
        int[] weights = [w1, w2, w3];
        var random = new SeededRandomSource(42);
        for (int s = 0; s < 3; s++)
        {
            queue.SetPriority(S((ushort)s), (ushort)weights[s]);
            for (int queued = 0; queued < 1_500_000;)
            {
                int length = 1 + (int)(random.NextUInt64() % 3000);
                queue.Enqueue((ushort)s, length);
                queued += length;
            }
        }

        // Stop well before any stream runs dry, so all three stay backlogged throughout.
        var sent = new long[3];
        long total = 0;
        while (total < 1_000_000)
        {
            Assert.True(queue.TryProduce(Now, 1 + (int)(random.NextUInt64() % 1200), interleaved, out var fragment));
            sent[fragment.Stream.Value] += fragment.Payload.Length;
            total += fragment.Payload.Length;
            fragment.Release();
        }

        double weightSum = w1 + w2 + w3;
        for (int s = 0; s < 3; s++)
        {
            double share = sent[s] / (double)total;
            Assert.InRange(share, (weights[s] / weightSum) - 0.01, (weights[s] / weightSum) + 0.01);
        }
    }

    [Fact]
    public void Rfc8260_3_6_AnIdleStreamBanksNoCredit()
    {
        var queue = new SendQueue(StreamSchedulerKind.WeightedFairQueueing);
        for (int i = 0; i < 100; i++)
        {
            queue.Enqueue(1, 1000);
        }

        // Stream 1 sends alone for a while, then stream 2 arrives: they share from then on.
        var alone = queue.Drain(1000);
        Assert.Equal(100, alone.Count);
        for (int i = 0; i < 100; i++)
        {
            queue.Enqueue(1, 1000);
            queue.Enqueue(2, 1000);
        }

        var next = new List<Produced>();
        for (int i = 0; i < 40; i++)
        {
            next.Add(queue.ProduceOne(1000)!);
        }

        Assert.Equal(20, next.Count(f => f.Stream == S(1)));
        Assert.Equal(20, next.Count(f => f.Stream == S(2)));
    }

    [Fact]
    public void Rfc8260_3_6_ARecentlyServedStreamGainsNothingByGoingIdle()
    {
        var queue = new SendQueue(StreamSchedulerKind.WeightedFairQueueing);

        // Stream 1 sends one large message and drains; stream 2 is busy; stream 1 comes back at once.
        queue.Enqueue(1, 10_000);
        for (int i = 0; i < 40; i++)
        {
            queue.Enqueue(2, 1000);
        }

        Assert.Equal(1, queue.ProduceOne(100_000)!.Stream.Value);
        queue.Enqueue(1, 1000);

        // Stream 1 is 10 KB ahead, so stream 2 catches up first.
        var next = FragmentOrder(queue.Drain(1000)).Take(11).Select(x => (int)x).ToArray();
        Assert.Equal(Enumerable.Repeat(2, 10).Append(1), next);
    }

    [Fact]
    public void Rfc8260_3_6_WeightsMustBePositive()
    {
        var wfq = new SendQueue(StreamSchedulerKind.WeightedFairQueueing);
        Assert.Throws<ArgumentOutOfRangeException>(() => wfq.SetPriority(S(1), 0));
        Assert.Equal(SendQueue.DefaultPriority, wfq.GetPriority(S(1)));

        var priority = new SendQueue(StreamSchedulerKind.Priority);
        priority.SetPriority(S(1), 0);
        Assert.Equal(0, priority.GetPriority(S(1)));
    }

    [Fact]
    public void Rfc8260_3_6_AWeightChangeTakesEffectForFollowingBytes()
    {
        var queue = new SendQueue(StreamSchedulerKind.WeightedFairQueueing);
        for (int i = 0; i < 400; i++)
        {
            queue.Enqueue(1, 500);
            queue.Enqueue(2, 500);
        }

        queue.SetPriority(S(1), 768); // three times stream 2's default weight of 256
        var fragments = Enumerable.Range(0, 200).Select(_ => queue.ProduceOne(500)!).ToList();

        Assert.InRange(fragments.Count(f => f.Stream == S(1)), 148, 152);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc8260_3_4_PriorityAlwaysServesTheBestSendableStream(bool interleaved)
    {
        // Randomized operations against a model: every message fits one fragment, so a stream is
        // sendable exactly when it has a message and is not paused.
        var queue = new SendQueue(StreamSchedulerKind.Priority);
        var random = new SeededRandomSource(11);
        var queued = new int[40];
        var paused = new bool[40];
        var priorities = Enumerable.Repeat((int)SendQueue.DefaultPriority, 40).ToArray();
        int produced = 0;
        for (int step = 0; step < 20_000; step++)
        {
            int s = (int)(random.NextUInt64() % 40);
            switch (random.NextUInt64() % 8)
            {
                case 0 or 1 or 2:
                    queue.Enqueue((ushort)s, 10);
                    queued[s]++;
                    break;
                case 3:
                    priorities[s] = (int)(random.NextUInt64() % 8);
                    queue.SetPriority(S((ushort)s), (ushort)priorities[s]);
                    break;
                case 4:
                    paused[s] = !paused[s];
                    if (paused[s])
                    {
                        queue.Pause(S((ushort)s));
                    }
                    else
                    {
                        queue.Resume(S((ushort)s));
                    }

                    break;
                default:
                    int best = int.MaxValue;
                    for (int i = 0; i < 40; i++)
                    {
                        if (queued[i] > 0 && !paused[i])
                        {
                            best = Math.Min(best, priorities[i]);
                        }
                    }

                    var fragment = queue.ProduceOne(100, interleaved);
                    if (best == int.MaxValue)
                    {
                        Assert.Null(fragment);
                    }
                    else
                    {
                        Assert.NotNull(fragment);
                        Assert.Equal(best, priorities[fragment.Stream.Value]);
                        queued[fragment.Stream.Value]--;
                        produced++;
                    }

                    break;
            }
        }

        Assert.True(produced > 3000);
    }

    [Fact]
    public void Rfc8260_3_1_FirstComeFirstServedAlwaysServesTheOldestSendableMessage()
    {
        // The PPID carries each message's global queue order, so the model can check it.
        var queue = new SendQueue(StreamSchedulerKind.FirstComeFirstServed);
        var random = new SeededRandomSource(5);
        var pending = new List<(int Stream, uint Order)>();
        var paused = new bool[20];
        uint next = 0;
        int produced = 0;
        for (int step = 0; step < 20_000; step++)
        {
            int s = (int)(random.NextUInt64() % 20);
            switch (random.NextUInt64() % 6)
            {
                case 0 or 1:
                    queue.Enqueue((ushort)s, 10, ppid: next);
                    pending.Add((s, next++));
                    break;
                case 2:
                    paused[s] = !paused[s];
                    if (paused[s])
                    {
                        queue.Pause(S((ushort)s));
                    }
                    else
                    {
                        queue.Resume(S((ushort)s));
                    }

                    break;
                default:
                    int oldest = pending.FindIndex(p => !paused[p.Stream]);
                    var fragment = queue.ProduceOne(100, interleaved: random.NextUInt64() % 2 == 0);
                    if (oldest < 0)
                    {
                        Assert.Null(fragment);
                    }
                    else
                    {
                        Assert.NotNull(fragment);
                        Assert.Equal(pending[oldest].Order, fragment.Ppid.Value);
                        pending.RemoveAt(oldest);
                        produced++;
                    }

                    break;
            }
        }

        Assert.True(produced > 3000);
    }
}
