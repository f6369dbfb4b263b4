using Sctp.Timers;

namespace Sctp.Tests.Timers;

public class ProtocolTimerTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static ProtocolTimer Create(
        TimerBackoff backoff = TimerBackoff.None,
        double maxSeconds = 60,
        int? maxRestarts = null) =>
        new(TimerId.T3Rtx, backoff, S(maxSeconds), maxRestarts);

    [Fact]
    public void StartsStopped()
    {
        var timer = Create();

        Assert.False(timer.IsRunning);
        Assert.Null(timer.Deadline);
        Assert.Equal(0, timer.ExpirationCount);
        Assert.False(timer.IsExpired(TimeSpan.MaxValue - TimeSpan.FromTicks(1)));
        Assert.False(timer.HandleExpiry(S(1000)));
    }

    [Fact]
    public void StartSetsDeadlineFromNow()
    {
        var timer = Create();

        timer.Start(S(10), S(1));

        Assert.True(timer.IsRunning);
        Assert.Equal(S(11), timer.Deadline);
        Assert.Equal(S(1), timer.BaseDuration);
        Assert.Equal(S(1), timer.Duration);
        Assert.Equal(0, timer.ExpirationCount);
    }

    [Fact]
    public void ExpiresAtItsDeadlineAndNotBefore()
    {
        var timer = Create();
        timer.Start(S(10), S(1));

        Assert.False(timer.IsExpired(S(11) - TimeSpan.FromTicks(1)));
        Assert.False(timer.HandleExpiry(S(11) - TimeSpan.FromTicks(1)));
        Assert.Equal(S(11), timer.Deadline);
        Assert.Equal(0, timer.ExpirationCount);

        Assert.True(timer.IsExpired(S(11)));
        Assert.True(timer.HandleExpiry(S(11)));
        Assert.Equal(1, timer.ExpirationCount);
    }

    [Fact]
    public void StopDisarmsAndResetsCount()
    {
        var timer = Create();
        timer.Start(S(0), S(1));
        timer.HandleExpiry(S(1));

        timer.Stop();

        Assert.False(timer.IsRunning);
        Assert.Null(timer.Deadline);
        Assert.Equal(0, timer.ExpirationCount);
        Assert.False(timer.HandleExpiry(S(100)));
    }

    [Fact]
    public void WithoutBackoffRearmsWithSameDuration()
    {
        var timer = Create(TimerBackoff.None);
        timer.Start(S(0), S(30));

        Assert.True(timer.HandleExpiry(S(30)));
        Assert.Equal(S(60), timer.Deadline);
        Assert.True(timer.HandleExpiry(S(60)));
        Assert.Equal(S(90), timer.Deadline);
        Assert.Equal(S(30), timer.Duration);
        Assert.Equal(2, timer.ExpirationCount);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_ExponentialBackoffDoublesUpToMax()
    {
        var timer = Create(TimerBackoff.Exponential, maxSeconds: 60);
        timer.Start(S(0), S(1));
        var durations = new List<double>();

        for (int i = 0; i < 7; i++)
        {
            TimeSpan now = timer.Deadline!.Value;
            Assert.True(timer.HandleExpiry(now));
            Assert.Equal(now + timer.Duration, timer.Deadline);
            durations.Add(timer.Duration.TotalSeconds);
        }

        Assert.Equal(new[] { 2.0, 4, 8, 16, 32, 60, 60 }, durations);
        Assert.Equal(S(1), timer.BaseDuration);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_BackoffHundredTimesNeverOverflows()
    {
        var timer = Create(TimerBackoff.Exponential, maxSeconds: TimeSpan.FromDays(10_000).TotalSeconds);
        timer.Start(TimeSpan.Zero, S(1));

        for (int i = 0; i < 100; i++)
        {
            Assert.True(timer.HandleExpiry(timer.Deadline!.Value));
        }

        Assert.Equal(TimeSpan.FromDays(10_000), timer.Duration);
        Assert.Equal(100, timer.ExpirationCount);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_UncappedBackoffSaturatesAtNever()
    {
        var timer = new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.Exponential, TimeSpan.MaxValue, maxRestarts: null);
        timer.Start(TimeSpan.Zero, S(1));

        int expiries = 0;
        while (expiries < 100 && timer.HandleExpiry(timer.Deadline!.Value))
        {
            expiries++;
        }

        Assert.True(expiries < 100);
        Assert.True(timer.IsRunning);
        Assert.Equal(TimeSpan.MaxValue, timer.Deadline);
        Assert.False(timer.IsExpired(TimeSpan.MaxValue));
    }

    [Fact]
    public void BackoffKeepsADurationStartedAboveMax()
    {
        var timer = Create(TimerBackoff.Exponential, maxSeconds: 60);
        timer.Start(S(0), S(90));

        timer.HandleExpiry(S(90));

        Assert.Equal(S(90), timer.Duration);
    }

    [Fact]
    public void Rfc9260_5_1_MaxRestartsLeavesTimerStoppedAndExhausted()
    {
        var timer = new ProtocolTimer(TimerId.T1Init, TimerBackoff.Exponential, S(60), maxRestarts: 2);
        timer.Start(S(0), S(1));

        Assert.True(timer.HandleExpiry(S(1)));
        Assert.True(timer.IsRunning);
        Assert.True(timer.HandleExpiry(S(3)));
        Assert.True(timer.IsRunning);
        Assert.False(timer.IsExhausted);

        Assert.True(timer.HandleExpiry(S(7)));

        Assert.False(timer.IsRunning);
        Assert.True(timer.IsExhausted);
        Assert.Equal(3, timer.ExpirationCount);
        Assert.False(timer.HandleExpiry(S(100)));
    }

    [Fact]
    public void ZeroMaxRestartsIsOneShot()
    {
        var timer = new ProtocolTimer(TimerId.DelayedAck, TimerBackoff.None, S(1), maxRestarts: 0);
        timer.Start(S(0), TimeSpan.FromMilliseconds(200));

        Assert.True(timer.HandleExpiry(TimeSpan.FromMilliseconds(200)));

        Assert.False(timer.IsRunning);
        Assert.True(timer.IsExhausted);
        Assert.Equal(1, timer.ExpirationCount);
    }

    [Fact]
    public void StartResetsCountAndBackoffUnlessAskedToKeepCount()
    {
        var timer = Create(TimerBackoff.Exponential, maxRestarts: 5);
        timer.Start(S(0), S(1));
        timer.HandleExpiry(S(1));
        timer.HandleExpiry(S(3));
        Assert.Equal(S(4), timer.Duration);

        timer.Start(S(10), S(2), resetExpirationCount: false);
        Assert.Equal(2, timer.ExpirationCount);
        Assert.Equal(S(2), timer.Duration);
        Assert.Equal(S(12), timer.Deadline);

        timer.Start(S(20), S(2));
        Assert.Equal(0, timer.ExpirationCount);
        Assert.False(timer.IsExhausted);
    }

    [Fact]
    public void StartWhileRunningRearms()
    {
        var timer = Create();
        timer.Start(S(0), S(10));

        timer.Start(S(5), S(1));

        Assert.Equal(S(6), timer.Deadline);
    }

    [Fact]
    public void LateHandlingRearmsFromHandlingTime()
    {
        var timer = Create(TimerBackoff.Exponential);
        timer.Start(S(0), S(1));

        timer.HandleExpiry(S(5));

        Assert.Equal(S(7), timer.Deadline);
    }

    [Fact]
    public void DeadlineSaturatesInsteadOfOverflowing()
    {
        var timer = Create();

        timer.Start(TimeSpan.MaxValue - TimeSpan.FromTicks(1), S(1));

        Assert.Equal(TimeSpan.MaxValue, timer.Deadline);
        Assert.True(timer.IsRunning);
        Assert.False(timer.IsExpired(TimeSpan.MaxValue));
    }

    [Fact]
    public void RejectsNonPositiveDurations()
    {
        var timer = Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Start(S(0), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Start(S(0), S(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.None, TimeSpan.Zero, null));
    }

    [Fact]
    public void RejectsInvalidPolicies()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.None, S(1), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolTimer((TimerId)99, TimerBackoff.None, S(1), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolTimer(TimerId.T3Rtx, (TimerBackoff)9, S(1), null));
    }
}
