using System.Globalization;

namespace Sctp.Timers;

/// <summary>
/// One protocol timer as a deadline on the caller's clock: started with a duration, stopped, and asked
/// at a given "now" whether it has expired. On expiry it re-arms itself, backing off when its policy says
/// so, until it has been restarted <see cref="MaxRestarts"/> times.
/// </summary>
/// <remarks>
/// <para><see href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.3"/></para>
/// <para>
/// Nothing here reads a clock or schedules anything: the owner passes the current time in and arranges
/// to be called again at <see cref="TimerSet.NextDeadline"/>. Times are <see cref="TimeSpan"/>s since an
/// arbitrary epoch. A deadline that would overflow saturates at <see cref="TimeSpan.MaxValue"/>, which
/// means "never": such a timer is running but never expires.
/// </para>
/// <para>
/// What an expiry means (retransmit, abort, send a heartbeat) is the owner's business; typically:
/// <c>if (timer.HandleExpiry(now)) { if (timer.IsRunning) Retransmit(); else GiveUp(); }</c>.
/// </para>
/// </remarks>
public sealed class ProtocolTimer
{
    /// <summary>Creates a stopped timer.</summary>
    /// <param name="id">Which timer this is.</param>
    /// <param name="backoff">How the duration changes each time the timer re-arms after expiring.</param>
    /// <param name="maxDuration">The cap on the backed-off duration, for example RTO.Max (RFC 9260 section 6.3.3, rule E2).</param>
    /// <param name="maxRestarts">
    /// How many times the timer re-arms after expiring before it stays stopped; null for no limit, 0 for a
    /// one-shot timer.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="maxDuration"/> is not positive, <paramref name="maxRestarts"/> is negative, or an enum value is undefined.
    /// </exception>
    public ProtocolTimer(TimerId id, TimerBackoff backoff, TimeSpan maxDuration, int? maxRestarts)
    {
        if (!Enum.IsDefined(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown timer.");
        }

        if (!Enum.IsDefined(backoff))
        {
            throw new ArgumentOutOfRangeException(nameof(backoff), backoff, "Unknown back-off policy.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDuration, TimeSpan.Zero);
        if (maxRestarts is { } restarts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(restarts, nameof(maxRestarts));
        }

        Id = id;
        Backoff = backoff;
        MaxDuration = maxDuration;
        MaxRestarts = maxRestarts;
    }

    /// <summary>Which timer this is.</summary>
    public TimerId Id { get; }

    /// <summary>How the duration changes each time the timer re-arms after expiring.</summary>
    public TimerBackoff Backoff { get; }

    /// <summary>The cap on the backed-off duration. A duration started above it is kept, not shortened.</summary>
    public TimeSpan MaxDuration { get; }

    /// <summary>How many times the timer re-arms after expiring; null for no limit.</summary>
    public int? MaxRestarts { get; }

    /// <summary>The duration passed to the last <see cref="Start"/>; zero before the first.</summary>
    public TimeSpan BaseDuration { get; private set; }

    /// <summary>The duration the timer is (or was last) armed with: <see cref="BaseDuration"/> after any back-off.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>When the timer expires; null when it is stopped.</summary>
    public TimeSpan? Deadline { get; private set; }

    /// <summary>True while the timer is armed.</summary>
    public bool IsRunning => Deadline.HasValue;

    /// <summary>
    /// How many times the timer has expired since it was last started with a reset or stopped. It keeps
    /// its value when the timer stops itself after <see cref="MaxRestarts"/>, so the owner can tell why.
    /// </summary>
    public int ExpirationCount { get; private set; }

    /// <summary>True when the timer has expired as many times as it may and will not re-arm again.</summary>
    public bool IsExhausted => !IsRunning && MaxRestarts is { } max && ExpirationCount > max;

    /// <summary>Arms (or re-arms) the timer to expire <paramref name="duration"/> after <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="duration">The duration; back-off later starts from it.</param>
    /// <param name="resetExpirationCount">
    /// True (the default) to start counting expirations afresh; false to keep counting, for a restart
    /// that continues the same retransmission sequence.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public void Start(TimeSpan now, TimeSpan duration, bool resetExpirationCount = true)
    {
        // A zero duration would expire at the instant it was armed, and a timer that re-arms itself at
        // "now" would be reported as expired forever by the same TimerSet pass.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        BaseDuration = duration;
        Duration = duration;
        Deadline = SaturatingAdd(now, duration);
        if (resetExpirationCount)
        {
            ExpirationCount = 0;
        }
    }

    /// <summary>Disarms the timer and resets <see cref="ExpirationCount"/>.</summary>
    public void Stop()
    {
        Deadline = null;
        ExpirationCount = 0;
    }

    /// <summary>Whether the timer is running and its deadline is at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>True when the timer has expired and its expiry has not been handled yet.</returns>
    public bool IsExpired(TimeSpan now) => Deadline is { } deadline && now >= deadline && deadline != TimeSpan.MaxValue;

    /// <summary>
    /// Handles an expiry: counts it, then either re-arms the timer from <paramref name="now"/> (doubling the
    /// duration first under <see cref="TimerBackoff.Exponential"/>) or, once it has re-armed
    /// <see cref="MaxRestarts"/> times, leaves it stopped.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns>True when the timer had expired; false (and nothing changes) when it had not, or was not running.</returns>
    public bool HandleExpiry(TimeSpan now)
    {
        if (!IsExpired(now))
        {
            return false;
        }

        if (ExpirationCount < int.MaxValue)
        {
            ExpirationCount++;
        }

        if (MaxRestarts is { } max && ExpirationCount > max)
        {
            Deadline = null;
            return true;
        }

        if (Backoff == TimerBackoff.Exponential)
        {
            // RFC 9260 section 6.3.3, rule E2: the timeout doubles on each expiry, and RTO.Max MAY bound
            // the doubling. The cap is checked before multiplying, so no number of expiries overflows.
            Duration = Doubled(Duration, MaxDuration);
        }

        // Re-armed from the time the expiry is handled, which is when the retransmission goes out.
        Deadline = SaturatingAdd(now, Duration);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Id}: {(Deadline is { } deadline ? "expires at " + deadline.ToString("c", CultureInfo.InvariantCulture) : "stopped")} duration={Duration.TotalMilliseconds}ms expirations={ExpirationCount}");

    private static TimeSpan Doubled(TimeSpan duration, TimeSpan max)
    {
        if (duration >= max)
        {
            return duration;
        }

        return duration.Ticks > max.Ticks / 2 ? max : TimeSpan.FromTicks(duration.Ticks * 2);
    }

    private static TimeSpan SaturatingAdd(TimeSpan now, TimeSpan duration) =>
        now.Ticks > long.MaxValue - duration.Ticks ? TimeSpan.MaxValue : now + duration;
}
