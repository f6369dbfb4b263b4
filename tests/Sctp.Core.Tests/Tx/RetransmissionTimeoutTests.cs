using Sctp.Tx;

namespace Sctp.Tests.Tx;

public class RetransmissionTimeoutTests
{
    private static readonly TimeSpan G = TimeSpan.FromMilliseconds(1);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static RetransmissionTimeout Create(double initialMs = 1000, double minMs = 10, double maxMs = 60_000) =>
        new(Ms(initialMs), Ms(minMs), Ms(maxMs), G);

    [Fact]
    public void Rfc9260_6_3_1_C1_RtoIsInitialUntilFirstMeasurement()
    {
        var rto = Create(initialMs: 3000);

        Assert.Equal(Ms(3000), rto.Rto);
        Assert.Null(rto.SmoothedRtt);
        Assert.Null(rto.RttVariation);
    }

    [Fact]
    public void Rfc9260_16_DefaultsAreOneSecondOneSecondSixtySeconds()
    {
        var rto = new RetransmissionTimeout();

        Assert.Equal(TimeSpan.FromSeconds(1), rto.InitialRto);
        Assert.Equal(TimeSpan.FromSeconds(1), rto.MinRto);
        Assert.Equal(TimeSpan.FromSeconds(60), rto.MaxRto);
        Assert.Equal(TimeSpan.FromSeconds(1), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_C2_FirstMeasurement()
    {
        var rto = Create();

        rto.ObserveRtt(Ms(200));

        Assert.Equal(Ms(200), rto.SmoothedRtt);
        Assert.Equal(Ms(100), rto.RttVariation);
        Assert.Equal(Ms(600), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_C3_SubsequentMeasurement()
    {
        var rto = Create();
        rto.ObserveRtt(Ms(100));

        rto.ObserveRtt(Ms(200));

        // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        Assert.Equal(Ms(62.5), rto.RttVariation);
        Assert.Equal(Ms(112.5), rto.SmoothedRtt);
        Assert.Equal(Ms(362.5), rto.Rto);

        rto.ObserveRtt(Ms(100));

        // RTTVAR = 3/4 * 62.5 + 1/4 * 12.5 = 50; SRTT = 7/8 * 112.5 + 1/8 * 100 = 110.9375.
        Assert.Equal(Ms(50), rto.RttVariation);
        Assert.Equal(TimeSpan.FromTicks(1_109_375), rto.SmoothedRtt);
        Assert.Equal(TimeSpan.FromTicks(3_109_375), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_C3_RttVariationUsesSmoothedRttBeforeItsUpdate()
    {
        var rto = Create();
        rto.ObserveRtt(Ms(100));

        rto.ObserveRtt(Ms(200));

        // Updating SRTT first would give RTTVAR = 3/4 * 50 + 1/4 * |112.5 - 200| = 59.375.
        Assert.NotEqual(Ms(59.375), rto.RttVariation);
        Assert.Equal(Ms(62.5), rto.RttVariation);
    }

    [Fact]
    public void Rfc9260_6_3_1_C3_ArithmeticRoundsTowardZeroInTicks()
    {
        var rto = new RetransmissionTimeout(Ms(1000), TimeSpan.FromTicks(1), Ms(60_000), TimeSpan.FromTicks(1));

        rto.ObserveRtt(TimeSpan.FromTicks(7));
        Assert.Equal(TimeSpan.FromTicks(3), rto.RttVariation);

        rto.ObserveRtt(TimeSpan.FromTicks(0));

        // RTTVAR = (3 * 3 + 7) / 4 = 4; SRTT = (7 * 7 + 0) / 8 = 6.125, truncated to 6.
        Assert.Equal(TimeSpan.FromTicks(4), rto.RttVariation);
        Assert.Equal(TimeSpan.FromTicks(6), rto.SmoothedRtt);
        Assert.Equal(TimeSpan.FromTicks(22), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_G1_ZeroRttVariationIsRaisedToClockGranularity()
    {
        var rto = new RetransmissionTimeout(Ms(1000), Ms(1), Ms(60_000), G);

        rto.ObserveRtt(TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, rto.SmoothedRtt);
        Assert.Equal(G, rto.RttVariation);
        Assert.Equal(4 * G, rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_G1_SteadyRttNeverLeavesRttVariationAtZero()
    {
        var rto = new RetransmissionTimeout(Ms(1000), TimeSpan.FromTicks(1), Ms(60_000), G);

        for (int i = 0; i < 1000; i++)
        {
            rto.ObserveRtt(Ms(10));
            Assert.True(rto.RttVariation > TimeSpan.Zero);
            Assert.True(rto.Rto > Ms(10));
        }

        Assert.Equal(Ms(10), rto.SmoothedRtt);
        Assert.True(rto.RttVariation <= G);
    }

    [Fact]
    public void Rfc9260_6_3_1_C6_RtoIsRoundedUpToMin()
    {
        var rto = Create(minMs: 1000);

        rto.ObserveRtt(Ms(10));

        Assert.Equal(Ms(10), rto.SmoothedRtt);
        Assert.Equal(Ms(1000), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_C7_RtoIsCappedAtMax()
    {
        var rto = Create(initialMs: 1000, minMs: 100, maxMs: 2000);

        rto.ObserveRtt(Ms(5000));

        Assert.Equal(Ms(5000), rto.SmoothedRtt);
        Assert.Equal(Ms(2000), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_1_C7_HugeMeasurementsDoNotOverflow()
    {
        var rto = Create();

        rto.ObserveRtt(TimeSpan.MaxValue);
        Assert.Equal(Ms(60_000), rto.Rto);

        rto.ObserveRtt(TimeSpan.Zero);
        rto.ObserveRtt(TimeSpan.MaxValue);
        Assert.Equal(Ms(60_000), rto.Rto);
        Assert.True(rto.SmoothedRtt > TimeSpan.Zero);
    }

    [Fact]
    public void NegativeMeasurementsAreIgnored()
    {
        var rto = Create();

        rto.ObserveRtt(Ms(-5));
        Assert.Null(rto.SmoothedRtt);
        Assert.Equal(Ms(1000), rto.Rto);

        rto.ObserveRtt(Ms(200));
        rto.ObserveRtt(Ms(-5));
        Assert.Equal(Ms(200), rto.SmoothedRtt);
        Assert.Equal(Ms(100), rto.RttVariation);
        Assert.Equal(Ms(600), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_BackoffDoublesRto()
    {
        var rto = Create(initialMs: 1000, maxMs: 60_000);

        rto.Backoff();
        Assert.Equal(Ms(2000), rto.Rto);
        rto.Backoff();
        Assert.Equal(Ms(4000), rto.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_BackoffIsCappedAtMax()
    {
        var rto = Create(initialMs: 1000, maxMs: 60_000);
        var seen = new List<TimeSpan>();

        for (int i = 0; i < 7; i++)
        {
            rto.Backoff();
            seen.Add(rto.Rto);
        }

        Assert.Equal(new[] { 2000.0, 4000, 8000, 16000, 32000, 60000, 60000 }, seen.Select(t => t.TotalMilliseconds));
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_BackoffHundredTimesNeverOverflows()
    {
        var bounded = Create(initialMs: 1000, maxMs: 60_000);
        var unbounded = new RetransmissionTimeout(Ms(1000), Ms(1000), TimeSpan.MaxValue, G);

        for (int i = 0; i < 100; i++)
        {
            bounded.Backoff();
            unbounded.Backoff();
            Assert.True(bounded.Rto >= Ms(1000));
            Assert.True(unbounded.Rto >= Ms(1000));
        }

        Assert.Equal(Ms(60_000), bounded.Rto);
        Assert.Equal(TimeSpan.MaxValue, unbounded.Rto);
    }

    [Fact]
    public void Rfc9260_6_3_3_E2_NextMeasurementRecomputesBackedOffRto()
    {
        var rto = Create();
        rto.ObserveRtt(Ms(100));
        rto.Backoff();
        rto.Backoff();
        Assert.Equal(Ms(1200), rto.Rto);

        rto.ObserveRtt(Ms(100));

        // RTTVAR = 3/4 * 50 + 0 = 37.5; SRTT = 100.
        Assert.Equal(Ms(250), rto.Rto);
    }

    [Theory]
    [InlineData(500, 1000, 60_000)]
    [InlineData(70_000, 1000, 60_000)]
    [InlineData(0, 0, 60_000)]
    [InlineData(-1, -1, 60_000)]
    public void RejectsInconsistentBounds(double initialMs, double minMs, double maxMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionTimeout(Ms(initialMs), Ms(minMs), Ms(maxMs), G));

    [Fact]
    public void RejectsNonPositiveClockGranularity() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionTimeout(Ms(1000), Ms(1000), Ms(2000), TimeSpan.Zero));

    [Fact]
    public void SteadyStateDoesNotAllocate()
    {
        var rto = Create();
        rto.ObserveRtt(Ms(100));
        rto.Backoff();
        _ = rto.SmoothedRtt;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            rto.ObserveRtt(Ms(100 + (i % 7)));
            rto.Backoff();
            _ = rto.Rto + rto.SmoothedRtt!.Value + rto.RttVariation!.Value;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
