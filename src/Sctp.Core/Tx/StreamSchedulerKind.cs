namespace Sctp.Tx;

/// <summary>
/// Which stream scheduler (RFC 8260 section 3) picks the stream that sends next. The per-stream
/// parameter set with <see cref="SendQueue.SetPriority"/> is a priority for <see cref="Priority"/> and
/// a weight for <see cref="WeightedFairQueueing"/>, as the single "stream value" of RFC 8260 section 4.3.2;
/// the other schedulers ignore it.
/// </summary>
public enum StreamSchedulerKind
{
    /// <summary>
    /// RFC 8260 section 3.1: messages go out in the order they were queued, across all streams;
    /// with I-DATA too, a message is finished before the next one starts.
    /// </summary>
    FirstComeFirstServed,

    /// <summary>
    /// RFC 8260 section 3.2: streams with data take turns, one message per turn with DATA and one
    /// fragment per turn with I-DATA.
    /// </summary>
    RoundRobin,

    /// <summary>
    /// RFC 8260 section 3.4: the stream with the highest priority goes first, where a lower value is a
    /// higher priority (as in the Linux and FreeBSD implementations); streams of equal priority take
    /// turns as with <see cref="RoundRobin"/>. With I-DATA a large low-priority message does not hold
    /// back a high-priority one.
    /// </summary>
    Priority,

    /// <summary>
    /// RFC 8260 section 3.6: streams share the capacity in proportion to their weights (a stream of
    /// weight 2n gets twice the bytes of a stream of weight n while both have data). Weights are 1 to 65,535.
    /// </summary>
    WeightedFairQueueing,
}
