using Sctp.Timers;

namespace Sctp.Tests.Timers;

public class TimerSetTests
{
    private static readonly TimeSpan RtoMax = TimeSpan.FromSeconds(60);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static TimerId[] Expired(TimerSet set, TimeSpan now)
    {
        Span<TimerId> buffer = stackalloc TimerId[TimerSet.Capacity];
        return buffer[..set.GetExpired(now, buffer)].ToArray();
    }

    [Fact]
    public void NextDeadlineIsNullWhenNothingRuns()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);

        Assert.Null(set.NextDeadline);
        Assert.Empty(Expired(set, TimeSpan.MaxValue));
        Assert.False(set.TryHandleNextExpired(TimeSpan.FromDays(1), out _));
    }

    [Fact]
    public void NextDeadlinePicksTheEarliest()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        set[TimerId.Heartbeat].Start(Ms(0), Ms(30_000));
        set[TimerId.T3Rtx].Start(Ms(0), Ms(3_000));
        set[TimerId.DelayedAck].Start(Ms(100), Ms(200));

        Assert.Equal(Ms(300), set.NextDeadline);

        set[TimerId.DelayedAck].Stop();
        Assert.Equal(Ms(3_000), set.NextDeadline);

        set[TimerId.T3Rtx].Stop();
        Assert.Equal(Ms(30_000), set.NextDeadline);
    }

    [Fact]
    public void ExpiredTimersComeEarliestDeadlineFirstThenInIdOrder()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);

        // Started in an order unrelated to both deadline and id.
        set[TimerId.Heartbeat].Start(Ms(0), Ms(5_000));
        set[TimerId.DelayedAck].Start(Ms(0), Ms(1_000));
        set[TimerId.T1Init].Start(Ms(0), Ms(2_000));
        set[TimerId.Reconfig].Start(Ms(0), Ms(500));
        set[TimerId.T3Rtx].Start(Ms(0), Ms(1_000));

        Assert.Equal(
            new[] { TimerId.Reconfig, TimerId.T3Rtx, TimerId.DelayedAck, TimerId.T1Init },
            Expired(set, Ms(3_000)));
    }

    [Fact]
    public void GetExpiredChangesNothing()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        set[TimerId.T3Rtx].Start(Ms(0), Ms(1_000));

        Expired(set, Ms(1_000));
        Expired(set, Ms(1_000));

        Assert.Equal(Ms(1_000), set[TimerId.T3Rtx].Deadline);
        Assert.Equal(0, set[TimerId.T3Rtx].ExpirationCount);
    }

    [Fact]
    public void GetExpiredNeedsRoomForEveryTimer()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);

        Assert.Throws<ArgumentException>(() => set.GetExpired(Ms(0), new TimerId[TimerSet.Capacity - 1]));
    }

    [Fact]
    public void TryHandleNextExpiredHandlesEachTimerOnceInOrder()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        set[TimerId.DelayedAck].Start(Ms(0), Ms(200));
        set[TimerId.T3Rtx].Start(Ms(0), Ms(200));
        set[TimerId.T1Init].Start(Ms(0), Ms(1_000));
        set[TimerId.Heartbeat].Start(Ms(0), Ms(30_000));
        var handled = new List<TimerId>();

        while (set.TryHandleNextExpired(Ms(1_000), out TimerId id))
        {
            handled.Add(id);
        }

        Assert.Equal(new[] { TimerId.T3Rtx, TimerId.DelayedAck, TimerId.T1Init }, handled);

        // T3-rtx and T1-init backed off from the handling time; the one-shot delayed SACK stopped.
        Assert.Equal(Ms(1_400), set[TimerId.T3Rtx].Deadline);
        Assert.Equal(Ms(3_000), set[TimerId.T1Init].Deadline);
        Assert.False(set[TimerId.DelayedAck].IsRunning);
        Assert.Equal(Ms(1_400), set.NextDeadline);
    }

    [Fact]
    public void ATimerStoppedByAnEarlierHandlerIsSkipped()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        set[TimerId.T3Rtx].Start(Ms(0), Ms(100));
        set[TimerId.DelayedAck].Start(Ms(0), Ms(200));
        TimeSpan now = Ms(500);
        var fired = new List<TimerId>();

        foreach (TimerId id in Expired(set, now))
        {
            if (!set[id].HandleExpiry(now))
            {
                continue;
            }

            fired.Add(id);

            // Handling T3-rtx sends a packet that carries the SACK, so the delayed SACK timer stops.
            if (id == TimerId.T3Rtx)
            {
                set[TimerId.DelayedAck].Stop();
            }
        }

        Assert.Equal(new[] { TimerId.T3Rtx }, fired);
    }

    [Fact]
    public void SameOperationsGiveTheSameSequence()
    {
        static List<(TimeSpan, TimerId)> Run()
        {
            var set = TimerSet.CreateAssociationTimers(RtoMax);
            set[TimerId.T3Rtx].Start(Ms(0), Ms(300));
            set[TimerId.Heartbeat].Start(Ms(0), Ms(1_000));
            set[TimerId.T2Shutdown].Start(Ms(0), Ms(300));
            var log = new List<(TimeSpan, TimerId)>();
            for (TimeSpan now = Ms(0); now <= Ms(10_000); now += Ms(100))
            {
                while (set.TryHandleNextExpired(now, out TimerId id))
                {
                    log.Add((now, id));
                }
            }

            return log;
        }

        List<(TimeSpan, TimerId)> first = Run();

        Assert.Equal(first, Run());
        Assert.Equal((Ms(300), TimerId.T2Shutdown), first[0]);
        Assert.Equal((Ms(300), TimerId.T3Rtx), first[1]);
    }

    [Fact]
    public void CreateAssociationTimersHoldsEveryTimerWithItsPolicy()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax, maxInitRetransmits: 8);

        foreach (TimerId id in Enum.GetValues<TimerId>())
        {
            Assert.True(set.Contains(id));
            Assert.Equal(id, set[id].Id);
            Assert.False(set[id].IsRunning);
        }

        Assert.Equal(8, set[TimerId.T1Init].MaxRestarts);
        Assert.Equal(8, set[TimerId.T1Cookie].MaxRestarts);
        Assert.Equal(TimerBackoff.Exponential, set[TimerId.T3Rtx].Backoff);
        Assert.Equal(RtoMax, set[TimerId.T3Rtx].MaxDuration);
        Assert.Null(set[TimerId.T3Rtx].MaxRestarts);
        Assert.Equal(0, set[TimerId.T5ShutdownGuard].MaxRestarts);
        Assert.Equal(0, set[TimerId.DelayedAck].MaxRestarts);
        Assert.Equal(TimerBackoff.None, set[TimerId.Heartbeat].Backoff);
        Assert.Null(set[TimerId.Heartbeat].MaxRestarts);
    }

    [Fact]
    public void Rfc9260_5_1_T1InitGivesUpAfterMaxInitRetransmits()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax, maxInitRetransmits: 8);
        ProtocolTimer t1 = set[TimerId.T1Init];
        t1.Start(Ms(0), Ms(1_000));
        int retransmissions = 0;

        while (set.NextDeadline is { } deadline && set.TryHandleNextExpired(deadline, out TimerId id))
        {
            Assert.Equal(TimerId.T1Init, id);
            if (t1.IsRunning)
            {
                retransmissions++;
            }
        }

        Assert.Equal(8, retransmissions);
        Assert.True(t1.IsExhausted);
    }

    [Fact]
    public void HoldsOnlyTheTimersGiven()
    {
        var set = new TimerSet(new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.Exponential, RtoMax, null));

        Assert.True(set.Contains(TimerId.T3Rtx));
        Assert.False(set.Contains(TimerId.T1Init));
        Assert.False(set.Contains((TimerId)99));
        Assert.Throws<KeyNotFoundException>(() => set[TimerId.T1Init]);
        Assert.Throws<KeyNotFoundException>(() => set[(TimerId)(-1)]);
    }

    [Fact]
    public void RejectsTwoTimersWithOneId() =>
        Assert.Throws<ArgumentException>(() => new TimerSet(
            new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.Exponential, RtoMax, null),
            new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.None, RtoMax, null)));

    [Fact]
    public void StopAllStopsEveryTimer()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        set[TimerId.T3Rtx].Start(Ms(0), Ms(1_000));
        set[TimerId.Heartbeat].Start(Ms(0), Ms(1_000));

        set.StopAll();

        Assert.Null(set.NextDeadline);
    }

    [Fact]
    public void SteadyStateDoesNotAllocate()
    {
        var set = TimerSet.CreateAssociationTimers(RtoMax);
        Span<TimerId> buffer = stackalloc TimerId[TimerSet.Capacity];

        void Cycle(TimeSpan now, Span<TimerId> expired)
        {
            set[TimerId.T3Rtx].Start(now, Ms(100));
            set[TimerId.DelayedAck].Start(now, Ms(50));
            _ = set.NextDeadline;
            _ = set.GetExpired(now + Ms(200), expired);
            while (set.TryHandleNextExpired(now + Ms(200), out _))
            {
            }
        }

        Cycle(Ms(0), buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 1000; i++)
        {
            Cycle(Ms(i * 1_000), buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
