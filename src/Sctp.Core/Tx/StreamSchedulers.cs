namespace Sctp.Tx;

/// <summary>
/// RFC 8260 section 3.1: messages leave in the order they were queued, whatever their stream. The key
/// of a stream is the global queue order of its head message, so the oldest sendable message wins;
/// a started message is the oldest of all, so with I-DATA too it is finished before another starts.
/// </summary>
internal sealed class FirstComeFirstServedScheduler : StreamScheduler
{
    public override StreamSchedulerKind Kind => StreamSchedulerKind.FirstComeFirstServed;

    public override void OnHeadChanged(SendStream stream)
    {
        stream.MinorKey = stream.Head!.Sequence;
        Reorder(stream);
    }

    public override void OnFragmentProduced(SendStream stream, int bytes, bool isBeginning, bool isEnd, bool interleaved)
    {
        // The order changes only when the head message does, which the queue reports separately.
    }

    protected override void SetKeysOnActivation(SendStream stream)
    {
        stream.MajorKey = 0;
        stream.MinorKey = stream.Head!.Sequence;
    }
}

/// <summary>
/// RFC 8260 section 3.2: active streams take turns. A turn is one message with DATA and one fragment
/// with I-DATA. Each turn, and each newly active stream, draws the next value of a counter as its key,
/// which puts the stream behind every other active stream.
/// </summary>
internal class RoundRobinScheduler : StreamScheduler
{
    private long _turn;

    public override StreamSchedulerKind Kind => StreamSchedulerKind.RoundRobin;

    public override void OnFragmentProduced(SendStream stream, int bytes, bool isBeginning, bool isEnd, bool interleaved)
    {
        if (interleaved || isEnd)
        {
            stream.MinorKey = NextTurn();
            Reorder(stream);
        }
    }

    protected override void SetKeysOnActivation(SendStream stream)
    {
        stream.MajorKey = 0;
        stream.MinorKey = NextTurn();
    }

    /// <summary>A value later than every turn handed out so far (compared in serial arithmetic, so it may wrap).</summary>
    protected long NextTurn() => _turn = unchecked(_turn + 1);
}

/// <summary>
/// RFC 8260 section 3.4: strict priority, the lowest value first; streams of the same priority take
/// turns as in round robin (the RFC leaves that choice to the implementation).
/// </summary>
internal sealed class PriorityScheduler : RoundRobinScheduler
{
    public override StreamSchedulerKind Kind => StreamSchedulerKind.Priority;

    public override void OnPriorityChanged(SendStream stream)
    {
        stream.MajorKey = stream.Priority;
        Reorder(stream);
    }

    protected override void SetKeysOnActivation(SendStream stream)
    {
        base.SetKeysOnActivation(stream);
        stream.MajorKey = stream.Priority;
    }
}

/// <summary>
/// RFC 8260 section 3.6: weighted fair queueing. The RFC leaves the details open; this is start-time
/// fair queueing: every active stream carries a virtual start time, the smallest goes next, and after
/// sending b bytes the stream's virtual time advances by b / weight. Backlogged streams therefore
/// receive bytes in proportion to their weights, within one message (DATA) or one fragment (I-DATA)
/// of the ideal. The system virtual time is the start time of the unit last begun; a stream that
/// becomes active starts there, so idle time earns no credit, while a stream that left ahead of it
/// keeps its later start and gains nothing by going idle.
/// </summary>
/// <remarks>
/// Virtual times are integers in units of 1/65,536 byte, with the remainder of each division carried
/// per stream, so shares are exact and runs are reproducible; they are compared in serial arithmetic,
/// so they may wrap.
/// </remarks>
internal sealed class WeightedFairQueueingScheduler : StreamScheduler
{
    private const long Scale = 1 << 16;

    // A stream's saved virtual time counts as "ahead" only within this distance; anything else is
    // stale (from before a wrap) and the stream restarts at the system virtual time.
    private const long MaxLead = 1L << 62;

    private long _virtualTime;

    public override StreamSchedulerKind Kind => StreamSchedulerKind.WeightedFairQueueing;

    public override void OnFragmentProduced(SendStream stream, int bytes, bool isBeginning, bool isEnd, bool interleaved)
    {
        // A unit is a whole message with DATA (it cannot be interrupted) and a fragment with I-DATA.
        if ((interleaved || isBeginning) && unchecked(stream.MinorKey - _virtualTime) > 0)
        {
            _virtualTime = stream.MinorKey;
        }

        long weight = Math.Max((int)stream.Priority, 1);
        long charge = (bytes * Scale) + stream.ChargeRemainder;
        stream.MinorKey = unchecked(stream.MinorKey + (charge / weight));
        stream.ChargeRemainder = charge % weight;
        Reorder(stream);
    }

    protected override void SetKeysOnActivation(SendStream stream)
    {
        stream.MajorKey = 0;
        long lead = unchecked(stream.VirtualFinish - _virtualTime);
        stream.MinorKey = lead > 0 && lead < MaxLead ? stream.VirtualFinish : _virtualTime;
    }

    protected override void OnDeactivating(SendStream stream) => stream.VirtualFinish = stream.MinorKey;
}
