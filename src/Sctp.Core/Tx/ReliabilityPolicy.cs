using System.Globalization;

namespace Sctp.Tx;

/// <summary>Which partial-reliability policy a message is sent under (RFC 3758, RFC 7496).</summary>
public enum ReliabilityKind
{
    /// <summary>Fully reliable: retransmitted until acknowledged (RFC 9260).</summary>
    Reliable,

    /// <summary>Abandoned after a given number of retransmissions (RFC 7496 section 4.1, "Limited Retransmissions Policy").</summary>
    LimitedRetransmissions,

    /// <summary>Abandoned once a lifetime has passed since the message was queued (RFC 3758 section 4.1, RFC 7496 section 3 "Timed Reliability").</summary>
    Timed,
}

/// <summary>
/// How hard the association tries to deliver one message: fully reliable, a bounded number of
/// retransmissions, or a bounded lifetime. <c>default</c> is <see cref="Reliable"/>. Values are
/// validated when created, so every instance is usable as is.
/// </summary>
/// <remarks>
/// The policies other than <see cref="Reliable"/> need the peer to support partial reliability
/// (Forward-TSN, RFC 3758); the association checks that, not this type.
/// </remarks>
public readonly record struct ReliabilityPolicy
{
    private ReliabilityPolicy(ReliabilityKind kind, int maxRetransmissions, TimeSpan lifetime)
    {
        Kind = kind;
        MaxRetransmissions = maxRetransmissions;
        Lifetime = lifetime;
    }

    /// <summary>Fully reliable delivery (RFC 9260): the message is never abandoned.</summary>
    public static ReliabilityPolicy Reliable => default;

    /// <summary>Which policy this is.</summary>
    public ReliabilityKind Kind { get; }

    /// <summary>For <see cref="ReliabilityKind.LimitedRetransmissions"/>: how many retransmissions are allowed (0 = sent once, never retransmitted). Zero otherwise.</summary>
    public int MaxRetransmissions { get; }

    /// <summary>For <see cref="ReliabilityKind.Timed"/>: how long after being queued the message may still be sent. Zero otherwise.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>True for <see cref="ReliabilityKind.Reliable"/>.</summary>
    public bool IsReliable => Kind == ReliabilityKind.Reliable;

    /// <summary>
    /// RFC 7496 section 4.1: the message is abandoned when it would need more than
    /// <paramref name="maxRetransmissions"/> retransmissions; 0 means it is sent once and never retransmitted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetransmissions"/> is negative.</exception>
    public static ReliabilityPolicy LimitedRetransmissions(int maxRetransmissions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetransmissions);
        return new ReliabilityPolicy(ReliabilityKind.LimitedRetransmissions, maxRetransmissions, TimeSpan.Zero);
    }

    /// <summary>
    /// RFC 3758 section 4.1 and RFC 7496 section 3: the message is abandoned once
    /// <paramref name="lifetime"/> has passed since it was queued. A zero lifetime means it is sent
    /// only if it can go out at the instant it was queued.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is negative.</exception>
    public static ReliabilityPolicy Timed(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        return new ReliabilityPolicy(ReliabilityKind.Timed, 0, lifetime);
    }

    /// <summary>
    /// The last instant at which a message queued at <paramref name="enqueuedAt"/> may still be sent:
    /// <c>enqueuedAt + Lifetime</c> for <see cref="ReliabilityKind.Timed"/> (saturating at
    /// <see cref="TimeSpan.MaxValue"/>), <see cref="TimeSpan.MaxValue"/> for the other policies.
    /// </summary>
    public TimeSpan ExpiryFor(TimeSpan enqueuedAt)
    {
        if (Kind != ReliabilityKind.Timed)
        {
            return TimeSpan.MaxValue;
        }

        // Saturate rather than overflow: a huge lifetime means "never", not an exception.
        return enqueuedAt > TimeSpan.MaxValue - Lifetime ? TimeSpan.MaxValue : enqueuedAt + Lifetime;
    }

    /// <summary>
    /// True when a chunk that has already been retransmitted <paramref name="retransmissionsSoFar"/>
    /// times may be retransmitted again under this policy (RFC 7496 section 4.1); always true for the
    /// other policies, whose limits are not counted in retransmissions.
    /// </summary>
    public bool AllowsRetransmission(int retransmissionsSoFar) =>
        Kind != ReliabilityKind.LimitedRetransmissions || retransmissionsSoFar < MaxRetransmissions;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ReliabilityKind.LimitedRetransmissions => string.Create(CultureInfo.InvariantCulture, $"LimitedRetransmissions({MaxRetransmissions})"),
        ReliabilityKind.Timed => string.Create(CultureInfo.InvariantCulture, $"Timed({Lifetime})"),
        _ => "Reliable",
    };
}
