namespace Sctp.Timers;

/// <summary>How a <see cref="ProtocolTimer"/> changes its duration when it re-arms after expiring.</summary>
/// <remarks><see href="https://www.rfc-editor.org/rfc/rfc9260#section-6.3.3"/></remarks>
public enum TimerBackoff
{
    /// <summary>Re-arms with the same duration.</summary>
    None = 0,

    /// <summary>
    /// Re-arms with double the duration, capped at the timer's maximum, as T3-rtx backs off
    /// (RFC 9260 section 6.3.3, rule E2).
    /// </summary>
    Exponential = 1,
}
