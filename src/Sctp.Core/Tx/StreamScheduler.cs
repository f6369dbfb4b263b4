namespace Sctp.Tx;

/// <summary>
/// Picks which stream sends next (RFC 8260 section 3). Every scheduler keeps the streams that have
/// something to send in one binary min-heap, so a pick is O(1) and every change O(log n) in the number
/// of active streams (never in the 65,536 possible ones), without allocating; the schedulers differ
/// only in the keys they give a stream.
/// </summary>
/// <remarks>
/// The <see cref="SendQueue"/> tells the scheduler when a stream gains or loses its last sendable
/// message (<see cref="Activate"/>, <see cref="Deactivate"/>), when its head message changes, when a
/// fragment was produced and when its priority changed. With DATA the queue itself keeps a started
/// message going until its last fragment (RFC 9260 section 6.9), and asks the scheduler only between
/// messages; with I-DATA it asks before every fragment.
/// </remarks>
internal abstract class StreamScheduler
{
    private readonly StreamHeap _heap = new();

    /// <summary>Which scheduler this is.</summary>
    public abstract StreamSchedulerKind Kind { get; }

    /// <summary>How many streams have something to send.</summary>
    public int ActiveStreamCount => _heap.Count;

    /// <summary>Creates the scheduler of the given kind.</summary>
    public static StreamScheduler Create(StreamSchedulerKind kind) => kind switch
    {
        StreamSchedulerKind.FirstComeFirstServed => new FirstComeFirstServedScheduler(),
        StreamSchedulerKind.RoundRobin => new RoundRobinScheduler(),
        StreamSchedulerKind.Priority => new PriorityScheduler(),
        StreamSchedulerKind.WeightedFairQueueing => new WeightedFairQueueingScheduler(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown stream scheduler."),
    };

    /// <summary>The stream to serve next, or null when no stream has anything to send.</summary>
    public SendStream? Peek() => _heap.Peek();

    /// <summary>The stream now has something to send.</summary>
    public void Activate(SendStream stream)
    {
        SetKeysOnActivation(stream);
        _heap.Push(stream);
    }

    /// <summary>The stream has nothing left to send (or only messages of a paused stream).</summary>
    public void Deactivate(SendStream stream)
    {
        OnDeactivating(stream);
        _heap.Remove(stream);
    }

    /// <summary>The stream's head message changed (finished, expired or discarded) and the stream is still active.</summary>
    public virtual void OnHeadChanged(SendStream stream)
    {
    }

    /// <summary>A fragment of <paramref name="bytes"/> bytes was produced from the (still scheduled) stream.</summary>
    public abstract void OnFragmentProduced(SendStream stream, int bytes, bool isBeginning, bool isEnd, bool interleaved);

    /// <summary>The stream's priority or weight changed.</summary>
    public virtual void OnPriorityChanged(SendStream stream)
    {
    }

    /// <summary>Sets the keys of a stream about to enter the heap.</summary>
    protected abstract void SetKeysOnActivation(SendStream stream);

    /// <summary>Called before a stream leaves the heap.</summary>
    protected virtual void OnDeactivating(SendStream stream)
    {
    }

    /// <summary>Restores the heap order after the keys of a scheduled stream changed.</summary>
    protected void Reorder(SendStream stream) => _heap.Update(stream);
}

/// <summary>
/// A binary min-heap of streams, ordered by <see cref="SendStream.MajorKey"/>, then
/// <see cref="SendStream.MinorKey"/> in serial arithmetic (so counters and virtual times may wrap),
/// then stream id so that ties break the same way on every run. Each stream knows its index, which
/// makes removal and re-keying O(log n).
/// </summary>
internal sealed class StreamHeap
{
    private SendStream[] _items = new SendStream[8];

    public int Count { get; private set; }

    public SendStream? Peek() => Count > 0 ? _items[0] : null;

    public void Push(SendStream stream)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count] = stream;
        stream.HeapIndex = Count;
        Count++;
        SiftUp(stream.HeapIndex);
    }

    public void Remove(SendStream stream)
    {
        int index = stream.HeapIndex;
        Count--;
        var last = _items[Count];
        _items[Count] = null!;
        stream.HeapIndex = -1;
        if (index < Count)
        {
            _items[index] = last;
            last.HeapIndex = index;
            Update(last);
        }
    }

    public void Update(SendStream stream)
    {
        SiftUp(stream.HeapIndex);
        SiftDown(stream.HeapIndex);
    }

    private static bool Precedes(SendStream a, SendStream b)
    {
        if (a.MajorKey != b.MajorKey)
        {
            return a.MajorKey < b.MajorKey;
        }

        long distance = unchecked(a.MinorKey - b.MinorKey);
        if (distance != 0)
        {
            return distance < 0;
        }

        return a.Id.Value < b.Id.Value;
    }

    private void SiftUp(int index)
    {
        var item = _items[index];
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (!Precedes(item, _items[parent]))
            {
                break;
            }

            Place(_items[parent], index);
            index = parent;
        }

        Place(item, index);
    }

    private void SiftDown(int index)
    {
        var item = _items[index];
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Precedes(_items[child + 1], _items[child]))
            {
                child++;
            }

            if (!Precedes(_items[child], item))
            {
                break;
            }

            Place(_items[child], index);
            index = child;
        }

        Place(item, index);
    }

    private void Place(SendStream stream, int index)
    {
        _items[index] = stream;
        stream.HeapIndex = index;
    }
}
