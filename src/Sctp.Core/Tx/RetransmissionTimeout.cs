using System.Globalization;

namespace Sctp.Tx;

/// <summary>
/// The retransmission timeout (RTO) of one destination: smooths round-trip time measurements into
/// SRTT and RTTVAR and derives the RTO from them, clamped to RTO.Min and RTO.Max, and backs it off
/// when T3-rtx expires (RFC 9260 sections 6.3.1 and 6.3.3).
/// </summary>
/// <remarks>
/// <para><see href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.1"/></para>
/// <para>
/// Karn's algorithm (rule C5) is the caller's job: only pass <see cref="ObserveRtt"/> measurements
/// taken from chunks that were never retransmitted, and (rule C4) at most one per round trip.
/// <see cref="OutstandingData"/> does both for DATA: it times one chunk at a time and drops the
/// measurement when that chunk is marked for retransmission or abandoned.
/// </para>
/// <para>
/// The arithmetic is exact integer arithmetic on <see cref="TimeSpan.Ticks"/> (100 ns), rounded
/// toward zero, so results are reproducible bit for bit. Nothing allocates.
/// </para>
/// </remarks>
public sealed class RetransmissionTimeout
{
    /// <summary>RTO.Initial, 1 second (RFC 9260 section 16).</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Min, 1 second (RFC 9260 section 16).</summary>
    public static readonly TimeSpan DefaultMin = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Max, 60 seconds (RFC 9260 section 16).</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(60);

    /// <summary>The default clock granularity G, 1 millisecond.</summary>
    public static readonly TimeSpan DefaultClockGranularity = TimeSpan.FromMilliseconds(1);

    private readonly long _minTicks;
    private readonly long _maxTicks;
    private readonly long _granularityTicks;
    private long _srttTicks;
    private long _rttvarTicks;
    private bool _hasMeasurement;

    /// <summary>Creates an estimator with the defaults of RFC 9260 section 16 (1 s, 1 s, 60 s) and G = 1 ms.</summary>
    public RetransmissionTimeout()
        : this(DefaultInitial, DefaultMin, DefaultMax, DefaultClockGranularity)
    {
    }

    /// <summary>Creates an estimator whose RTO starts at <paramref name="initial"/> (rule C1).</summary>
    /// <param name="initial">RTO.Initial: the RTO until the first measurement.</param>
    /// <param name="min">RTO.Min: the RTO never goes below this (rule C6).</param>
    /// <param name="max">RTO.Max: the RTO never goes above this (rule C7), back-off included.</param>
    /// <param name="clockGranularity">G: RTTVAR is raised to this when it computes to zero (rule G1).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A value is not positive, or <paramref name="min"/> &lt;= <paramref name="initial"/> &lt;= <paramref name="max"/> does not hold.
    /// </exception>
    public RetransmissionTimeout(TimeSpan initial, TimeSpan min, TimeSpan max, TimeSpan clockGranularity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initial, max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(clockGranularity, TimeSpan.Zero);

        InitialRto = initial;
        MinRto = min;
        MaxRto = max;
        ClockGranularity = clockGranularity;
        _minTicks = min.Ticks;
        _maxTicks = max.Ticks;
        _granularityTicks = clockGranularity.Ticks;

        // RFC 9260 section 6.3.1, rule C1: until an RTT measurement has been made, RTO = RTO.Initial.
        Rto = initial;
    }

    /// <summary>RTO.Initial, the RTO before the first measurement.</summary>
    public TimeSpan InitialRto { get; }

    /// <summary>RTO.Min, the lower bound of the RTO.</summary>
    public TimeSpan MinRto { get; }

    /// <summary>RTO.Max, the upper bound of the RTO.</summary>
    public TimeSpan MaxRto { get; }

    /// <summary>G, the clock granularity that RTTVAR is floored to when it computes to zero.</summary>
    public TimeSpan ClockGranularity { get; }

    /// <summary>The current retransmission timeout, always within [<see cref="MinRto"/>, <see cref="MaxRto"/>].</summary>
    public TimeSpan Rto { get; private set; }

    /// <summary>SRTT, the smoothed round-trip time; null until the first measurement.</summary>
    public TimeSpan? SmoothedRtt => _hasMeasurement ? TimeSpan.FromTicks(_srttTicks) : null;

    /// <summary>RTTVAR, the round-trip time variation; null until the first measurement.</summary>
    public TimeSpan? RttVariation => _hasMeasurement ? TimeSpan.FromTicks(_rttvarTicks) : null;

    /// <summary>
    /// Folds one round-trip time measurement into SRTT and RTTVAR and recomputes the RTO, which also
    /// undoes any back-off. Negative measurements are ignored.
    /// </summary>
    /// <param name="rtt">The measured round-trip time of a chunk that was not retransmitted (Karn's rule C5).</param>
    public void ObserveRtt(TimeSpan rtt)
    {
        // A negative sample can only come from a caller's clock bug; folding it in would corrupt SRTT
        // for many round trips, so it is dropped.
        if (rtt < TimeSpan.Zero)
        {
            return;
        }

        long r = rtt.Ticks;
        if (!_hasMeasurement)
        {
            // RFC 9260 section 6.3.1, rule C2: on the first measurement R, SRTT = R and RTTVAR = R/2.
            _srttTicks = r;
            _rttvarTicks = r / 2;
            _hasMeasurement = true;
        }
        else
        {
            // RFC 9260 section 6.3.1, rule C3: RTTVAR = (1 - RTO.Beta) * RTTVAR + RTO.Beta * |SRTT - R'|
            // then SRTT = (1 - RTO.Alpha) * SRTT + RTO.Alpha * R', with RTO.Beta = 1/4 and RTO.Alpha = 1/8
            // (section 16). RTTVAR is updated first because it uses SRTT's value before this update.
            // Int128 keeps 3 * RTTVAR and 7 * SRTT exact for any TimeSpan.
            Int128 deviation = Int128.Abs((Int128)_srttTicks - r);
            _rttvarTicks = (long)(((Int128)_rttvarTicks * 3 + deviation) / 4);
            _srttTicks = (long)(((Int128)_srttTicks * 7 + r) / 8);
        }

        // RFC 9260 section 6.3.1, rule G1: whenever RTTVAR computes to zero, adjust it to G, so that a
        // perfectly steady path still gets an RTO above its RTT.
        if (_rttvarTicks == 0)
        {
            _rttvarTicks = _granularityTicks;
        }

        // RFC 9260 section 6.3.1, rules C2 and C3: RTO = SRTT + 4 * RTTVAR.
        Rto = TimeSpan.FromTicks(Clamp(SaturatingAdd(_srttTicks, SaturatingMultiply(_rttvarTicks, 4))));
    }

    /// <summary>
    /// Doubles the RTO after a T3-rtx expiry, capped at <see cref="MaxRto"/> (RFC 9260 section 6.3.3,
    /// rule E2). Safe to call any number of times: the RTO saturates at RTO.Max and never overflows.
    /// The next <see cref="ObserveRtt"/> recomputes the RTO from SRTT and RTTVAR.
    /// </summary>
    public void Backoff()
    {
        // RFC 9260 section 6.3.3, rule E2: RTO = RTO * 2, with RTO.Max (rule C7) as the upper bound.
        // Comparing against half the maximum first means the doubling itself can never overflow.
        long rto = Rto.Ticks;
        Rto = rto > _maxTicks / 2 ? MaxRto : TimeSpan.FromTicks(rto * 2);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"RTO={Rto.TotalMilliseconds}ms SRTT={SmoothedRtt?.TotalMilliseconds}ms RTTVAR={RttVariation?.TotalMilliseconds}ms");

    private long Clamp(long rtoTicks)
    {
        // RFC 9260 section 6.3.1, rule C6: an RTO below RTO.Min is rounded up to RTO.Min.
        // RFC 9260 section 6.3.1, rule C7: RTO.Max is placed on the RTO as its maximum.
        return Math.Clamp(rtoTicks, _minTicks, _maxTicks);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long SaturatingMultiply(long a, int factor) => a > long.MaxValue / factor ? long.MaxValue : a * factor;
}
