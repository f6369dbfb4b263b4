namespace Sctp.Timers;

/// <summary>
/// The timers of one association, named as in RFC 9260, RFC 6525 and RFC 8899. The numeric order is the order in
/// which <see cref="TimerSet"/> reports timers that expire at the same instant.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260"/>, <see href="https://www.rfc-editor.org/rfc/rfc6525#section-5.1.1"/>
/// </remarks>
public enum TimerId
{
    /// <summary>T1-init: retransmits INIT until an INIT ACK arrives (RFC 9260 section 5.1).</summary>
    T1Init = 0,

    /// <summary>T1-cookie: retransmits COOKIE ECHO until a COOKIE ACK arrives (RFC 9260 section 5.1).</summary>
    T1Cookie = 1,

    /// <summary>T2-shutdown: retransmits SHUTDOWN or SHUTDOWN ACK (RFC 9260 section 9.2).</summary>
    T2Shutdown = 2,

    /// <summary>T3-rtx: retransmits outstanding DATA (RFC 9260 section 6.3).</summary>
    T3Rtx = 3,

    /// <summary>T5-shutdown-guard: bounds the whole shutdown, then aborts (RFC 9260 section 9.2).</summary>
    T5ShutdownGuard = 4,

    /// <summary>The delayed SACK timer (RFC 9260 section 6.2).</summary>
    DelayedAck = 5,

    /// <summary>The heartbeat timer that probes an idle destination (RFC 9260 section 8.3).</summary>
    Heartbeat = 6,

    /// <summary>Retransmits an unanswered RE-CONFIG request (RFC 6525 section 5.1.1).</summary>
    Reconfig = 7,

    /// <summary>PROBE_TIMER: a path MTU probe counts as lost when it expires (RFC 8899 section 5.1.1).</summary>
    PathMtuProbe = 8,

    /// <summary>PMTU_RAISE_TIMER: probes for a larger path MTU again after a completed search (RFC 8899 section 5.1.1).</summary>
    PathMtuRaise = 9,
}
