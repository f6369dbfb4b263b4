namespace Sctp.Timers;

/// <summary>
/// The timers of one association, at most one per <see cref="TimerId"/>: answers when the owner next
/// needs to be called (<see cref="NextDeadline"/>) and which timers have expired, in a deterministic
/// order. Nothing allocates after construction.
/// </summary>
/// <remarks>
/// <para><see href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3"/></para>
/// <para>
/// Timers that expire in the same pass are reported earliest deadline first, and timers with equal
/// deadlines in <see cref="TimerId"/> order, so a run replays identically. A typical driver:
/// <c>while (timers.TryHandleNextExpired(now, out TimerId id)) { OnTimer(id, timers[id]); }</c>.
/// </para>
/// </remarks>
public sealed class TimerSet
{
    /// <summary>The number of timer identities, and the size a <see cref="GetExpired"/> destination needs.</summary>
    public const int Capacity = (int)TimerId.PathMtuRaise + 1;

    private readonly ProtocolTimer?[] _timers = new ProtocolTimer?[Capacity];

    /// <summary>Creates a set holding <paramref name="timers"/>.</summary>
    /// <param name="timers">The timers, at most one per <see cref="TimerId"/>.</param>
    /// <exception cref="ArgumentException">Two timers have the same <see cref="ProtocolTimer.Id"/>.</exception>
    public TimerSet(params ReadOnlySpan<ProtocolTimer> timers)
    {
        foreach (ProtocolTimer timer in timers)
        {
            ArgumentNullException.ThrowIfNull(timer, nameof(timers));
            ref ProtocolTimer? slot = ref _timers[(int)timer.Id];
            if (slot is not null)
            {
                throw new ArgumentException($"Two timers are {timer.Id}.", nameof(timers));
            }

            slot = timer;
        }
    }

    /// <summary>The timer <paramref name="id"/>.</summary>
    /// <param name="id">Which timer.</param>
    /// <exception cref="KeyNotFoundException">The set holds no such timer.</exception>
    public ProtocolTimer this[TimerId id] =>
        (uint)id < Capacity && _timers[(int)id] is { } timer
            ? timer
            : throw new KeyNotFoundException($"This set holds no {id} timer.");

    /// <summary>The earliest deadline of the running timers; null when none is running.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? earliest = null;
            foreach (ProtocolTimer? timer in _timers)
            {
                if (timer?.Deadline is { } deadline && (earliest is not { } best || deadline < best))
                {
                    earliest = deadline;
                }
            }

            return earliest;
        }
    }

    /// <summary>
    /// Creates the timers of an association with the policies RFC 9260 and RFC 6525 give them. Durations
    /// are passed to <see cref="ProtocolTimer.Start"/> when each timer is started.
    /// </summary>
    /// <remarks>
    /// T1-init and T1-cookie back off exponentially and give up after <paramref name="maxInitRetransmits"/>
    /// retransmissions (RFC 9260 section 5.1). T2-shutdown, T3-rtx and the RE-CONFIG timer back off
    /// exponentially without a limit of their own: the association's error counter (Association.Max.Retrans,
    /// RFC 9260 section 8.1) decides when to give up. T5-shutdown-guard and the delayed SACK timer fire
    /// once. The heartbeat timer re-arms with the same interval; the owner restarts it with fresh jitter.
    /// The path MTU probe and raise timers (RFC 8899 section 5.1.1) fire once; the owner restarts them.
    /// </remarks>
    /// <param name="rtoMax">RTO.Max, the cap of every back-off (RFC 9260 section 6.3.3, rule E2).</param>
    /// <param name="maxInitRetransmits">Max.Init.Retransmits, 8 by default (RFC 9260 section 16).</param>
    /// <returns>A set holding every <see cref="TimerId"/>, all stopped.</returns>
    public static TimerSet CreateAssociationTimers(TimeSpan rtoMax, int maxInitRetransmits = 8) =>
        new(
            new ProtocolTimer(TimerId.T1Init, TimerBackoff.Exponential, rtoMax, maxInitRetransmits),
            new ProtocolTimer(TimerId.T1Cookie, TimerBackoff.Exponential, rtoMax, maxInitRetransmits),
            new ProtocolTimer(TimerId.T2Shutdown, TimerBackoff.Exponential, rtoMax, maxRestarts: null),
            new ProtocolTimer(TimerId.T3Rtx, TimerBackoff.Exponential, rtoMax, maxRestarts: null),
            new ProtocolTimer(TimerId.T5ShutdownGuard, TimerBackoff.None, TimeSpan.MaxValue, maxRestarts: 0),
            new ProtocolTimer(TimerId.DelayedAck, TimerBackoff.None, TimeSpan.MaxValue, maxRestarts: 0),
            new ProtocolTimer(TimerId.Heartbeat, TimerBackoff.None, TimeSpan.MaxValue, maxRestarts: null),
            new ProtocolTimer(TimerId.Reconfig, TimerBackoff.Exponential, rtoMax, maxRestarts: null),
            new ProtocolTimer(TimerId.PathMtuProbe, TimerBackoff.None, TimeSpan.MaxValue, maxRestarts: 0),
            new ProtocolTimer(TimerId.PathMtuRaise, TimerBackoff.None, TimeSpan.MaxValue, maxRestarts: 0));

    /// <summary>Whether the set holds a timer <paramref name="id"/>.</summary>
    /// <param name="id">Which timer.</param>
    /// <returns>True when <c>this[id]</c> would return a timer.</returns>
    public bool Contains(TimerId id) => (uint)id < Capacity && _timers[(int)id] is not null;

    /// <summary>
    /// Writes the ids of the timers expired at <paramref name="now"/> to <paramref name="destination"/>,
    /// earliest deadline first and equal deadlines in <see cref="TimerId"/> order. Changes nothing.
    /// </summary>
    /// <remarks>
    /// Handle each with <see cref="ProtocolTimer.HandleExpiry"/>, which returns false for a timer that the
    /// handling of an earlier one has since stopped or restarted. A stack buffer avoids allocation:
    /// <c>Span&lt;TimerId&gt; expired = stackalloc TimerId[TimerSet.Capacity];</c>.
    /// </remarks>
    /// <param name="now">The current time.</param>
    /// <param name="destination">Where the ids go; at least <see cref="Capacity"/> long.</param>
    /// <returns>How many ids were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Capacity"/>.</exception>
    public int GetExpired(TimeSpan now, Span<TimerId> destination)
    {
        if (destination.Length < Capacity)
        {
            throw new ArgumentException($"The destination must hold at least {Capacity} timer ids.", nameof(destination));
        }

        int count = 0;
        foreach (ProtocolTimer? timer in _timers)
        {
            if (timer is null || !timer.IsExpired(now))
            {
                continue;
            }

            // Insertion sort on deadline; timers are visited in id order and only strictly later deadlines
            // move aside, so equal deadlines stay in id order.
            TimeSpan deadline = timer.Deadline!.Value;
            int position = count;
            while (position > 0 && this[destination[position - 1]].Deadline!.Value > deadline)
            {
                destination[position] = destination[position - 1];
                position--;
            }

            destination[position] = timer.Id;
            count++;
        }

        return count;
    }

    /// <summary>
    /// Handles the first expired timer in the order of <see cref="GetExpired"/>: calls its
    /// <see cref="ProtocolTimer.HandleExpiry"/> (which re-arms it into the future or stops it) and reports it.
    /// </summary>
    /// <remarks>
    /// Call it in a loop until it returns false; each call sees the effects of the previous handling.
    /// Since timers re-arm with positive durations, the loop ends.
    /// </remarks>
    /// <param name="now">The current time.</param>
    /// <param name="id">The timer that expired, when the method returns true.</param>
    /// <returns>True when a timer had expired; false when none has.</returns>
    public bool TryHandleNextExpired(TimeSpan now, out TimerId id)
    {
        ProtocolTimer? next = null;
        foreach (ProtocolTimer? timer in _timers)
        {
            // Timers are visited in id order and only a strictly earlier deadline replaces the candidate.
            if (timer is not null && timer.IsExpired(now) && (next is null || timer.Deadline < next.Deadline))
            {
                next = timer;
            }
        }

        if (next is null)
        {
            id = default;
            return false;
        }

        next.HandleExpiry(now);
        id = next.Id;
        return true;
    }

    /// <summary>Stops every timer, as when the association closes.</summary>
    public void StopAll()
    {
        foreach (ProtocolTimer? timer in _timers)
        {
            timer?.Stop();
        }
    }
}
