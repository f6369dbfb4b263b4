using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sctp.Rx;

// Reneging (RFC 9260 section 6.2): with the buffer full, a chunk below the largest TSN received is taken by
// dropping the largest TSN held for reordering. "Held for reordering" here is what the application cannot
// have yet and the peer can send again:
//  - fragments of incomplete messages (DATA: the last fragment of a run; I-DATA: any fragment), one TSN at a
//    time, so that a partial message keeps what it can;
//  - complete ordered messages waiting for an earlier one (RFC 9260 section 6.6), whole, since they are
//    already reassembled into one buffer: all their TSNs are forgotten together.
// Never dropped: messages in the ready queue (the application may take them at any time and their SSN or MID
// has been passed), data already handed over, chunks held aside by a deferred stream reset, and anything
// with a TSN at or below the incoming one (which includes everything at or below the cumulative TSN ack,
// which must never move back). Without waiting messages a buffer full of complete messages stuck behind one
// that is missing a chunk could never make room for that chunk.
public sealed partial class ReassemblyQueue
{
    /// <summary>
    /// The payload bytes that <see cref="TryRenegeHighest"/> could release for a chunk with TSN
    /// <paramref name="incoming"/>: held fragments above it and waiting messages wholly above it.
    /// </summary>
    /// <remarks>Walks what is held; for the rare full-buffer path, not for every chunk.</remarks>
    public long RenegeableBytes(Tsn incoming)
    {
        long bytes = 0;
        foreach (var (key, fragment) in _tsnFragments)
        {
            if (Above(new Tsn(unchecked((uint)key)), incoming) > 0)
            {
                bytes += fragment.Length;
            }
        }

        foreach (var fragment in _messageFragments.Values)
        {
            if (Above(fragment.Tsn, incoming) > 0)
            {
                bytes += fragment.Length;
            }
        }

        foreach (var waiting in _waiting.Values)
        {
            if (waiting.Tsns.LowestAbove(incoming) > 0)
            {
                bytes += waiting.Message.Length;
            }
        }

        return bytes;
    }

    /// <summary>
    /// Drops what is held for reordering with the highest TSN above <paramref name="incoming"/> (RFC 9260
    /// section 6.2), and forgets its TSNs in <paramref name="tracker"/> so that the next SACK no longer reports
    /// them (reneging; the peer sends them again, section 6.2.1). That is one fragment of an incomplete
    /// message, or one complete ordered message waiting for its turn with all its TSNs.
    /// </summary>
    /// <param name="incoming">The TSN of the chunk that needs room; nothing at or below it is dropped.</param>
    /// <param name="tracker">The receiver's TSN record, which forgets the dropped TSNs.</param>
    /// <param name="bytes">The payload bytes released.</param>
    /// <param name="chunks">The TSNs forgotten.</param>
    /// <returns>False when nothing held is above <paramref name="incoming"/>.</returns>
    public bool TryRenegeHighest(Tsn incoming, DataTracker tracker, out int bytes, out int chunks)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        bytes = 0;
        chunks = 0;
        int best = 0;
        long runStart = 0;
        FragmentKey fragmentKey = default;
        ulong waitKey = 0;
        var kind = RenegeKind.None;

        // The last fragment of each run is its highest TSN; the other fragments never are the highest held.
        foreach (var (start, run) in _runsByStart)
        {
            int distance = Above(new Tsn(unchecked((uint)run.End)), incoming);
            if (distance > best)
            {
                (best, kind, runStart) = (distance, RenegeKind.DataFragment, start);
            }
        }

        foreach (var (key, fragment) in _messageFragments)
        {
            int distance = Above(fragment.Tsn, incoming);
            if (distance > best)
            {
                (best, kind, fragmentKey) = (distance, RenegeKind.MessageFragment, key);
            }
        }

        foreach (var (key, waiting) in _waiting)
        {
            int distance = waiting.Tsns.HighestAbove(incoming);
            if (distance > best && waiting.Tsns.LowestAbove(incoming) > 0)
            {
                (best, kind, waitKey) = (distance, RenegeKind.WaitingMessage, key);
            }
        }

        switch (kind)
        {
            case RenegeKind.DataFragment:
                bytes = DropLastOfRun(runStart, tracker, out chunks);
                return true;
            case RenegeKind.MessageFragment:
                bytes = DropMessageFragment(fragmentKey, tracker, out chunks);
                return true;
            case RenegeKind.WaitingMessage:
                bytes = DropWaitingMessage(waitKey, tracker, out chunks);
                return true;
            default:
                return false;
        }
    }

    // Serial distance from 'incoming' up to 'tsn' (RFC 1982): positive when tsn is above it.
    private static int Above(Tsn tsn, Tsn incoming) => unchecked((int)(tsn.Value - incoming.Value));

    // DATA: the fragment at the end of the run starting at 'start' goes; the run ends one TSN earlier, without E.
    private int DropLastOfRun(long start, DataTracker tracker, out int chunks)
    {
        var run = _runsByStart[start];
        _tsnFragments.Remove(run.End, out var fragment);
        ArrayPool<byte>.Shared.Return(fragment.Buffer);
        _runStartByEnd.Remove(run.End);
        if (start == run.End)
        {
            _runsByStart.Remove(start);
        }
        else
        {
            _runsByStart[start] = run with { End = run.End - 1, Bytes = run.Bytes - fragment.Length, HasEnding = false };
            _runStartByEnd[run.End - 1] = start;
        }

        BufferedBytes -= fragment.Length;
        chunks = tracker.Forget(new Tsn(unchecked((uint)run.End))) ? 1 : 0;
        return fragment.Length;
    }

    // I-DATA: one fragment of an incomplete message goes. Its message's summary forgets it; the highest FSN
    // seen stays, since the peer did send that fragment and will send it again.
    private int DropMessageFragment(FragmentKey key, DataTracker tracker, out int chunks)
    {
        _messageFragments.Remove(key, out var fragment);
        ArrayPool<byte>.Shared.Return(fragment.Buffer);
        ref var partial = ref CollectionsMarshal.GetValueRefOrNullRef(_partialMessages, key.Message);
        if (!Unsafe.IsNullRef(ref partial))
        {
            partial.Count--;
            partial.Bytes -= fragment.Length;
            if (key.Fsn == 0)
            {
                partial.HasBeginning = false;
                partial.Ppid = default;
                partial.FirstTsn = default;
            }

            if (partial.HasEnding && partial.EndingFsn == key.Fsn)
            {
                partial.HasEnding = false;
            }

            if (partial.Count == 0)
            {
                _partialMessages.Remove(key.Message);
            }
        }

        BufferedBytes -= fragment.Length;
        chunks = tracker.Forget(fragment.Tsn) ? 1 : 0;
        return fragment.Length;
    }

    // A complete ordered message waiting for its turn goes whole; it is reassembled again when its chunks return.
    private int DropWaitingMessage(ulong key, DataTracker tracker, out int chunks)
    {
        _waiting.Remove(key, out var waiting);
        chunks = 0;
        for (int i = 0; i < waiting.Tsns.Count; i++)
        {
            chunks += tracker.Forget(waiting.Tsns[i]) ? 1 : 0;
        }

        waiting.Tsns.Release();
        waiting.Message.ReturnBuffer();
        BufferedBytes -= waiting.Message.Length;
        return waiting.Message.Length;
    }

    private enum RenegeKind
    {
        None,
        DataFragment,
        MessageFragment,
        WaitingMessage,
    }

    private readonly record struct WaitingMessage(ReceivedMessage Message, MessageTsns Tsns);

    // The TSNs a complete message came in. DATA: a run of consecutive TSNs (RFC 9260 section 6.9), kept as
    // its first TSN and count. I-DATA: fragments of other messages may come between, so the TSNs are listed
    // in an array rented from the pool (only for messages that wait; default otherwise, which lists nothing).
    private struct MessageTsns
    {
        private uint[]? _list;
        private Tsn _first;

        public int Count { readonly get; private set; }

        public readonly Tsn this[int index] => _list is null ? _first + (uint)index : new Tsn(_list[index]);

        public static MessageTsns Run(Tsn first, int count) => new() { _first = first, Count = count };

        public static MessageTsns Rent(int capacity) => new() { _list = ArrayPool<uint>.Shared.Rent(capacity) };

        public void Add(Tsn tsn)
        {
            if (_list is not null)
            {
                _list[Count++] = tsn.Value;
            }
        }

        public readonly void Release()
        {
            if (_list is not null)
            {
                ArrayPool<uint>.Shared.Return(_list);
            }
        }

        // Serial distance from 'incoming' to the lowest TSN (0 when none is listed).
        public readonly int LowestAbove(Tsn incoming)
        {
            if (_list is null || Count == 0)
            {
                return Count == 0 ? 0 : Above(_first, incoming);
            }

            int lowest = int.MaxValue;
            for (int i = 0; i < Count; i++)
            {
                lowest = Math.Min(lowest, Above(this[i], incoming));
            }

            return lowest;
        }

        // Serial distance from 'incoming' to the highest TSN (0 when none is listed).
        public readonly int HighestAbove(Tsn incoming)
        {
            if (_list is null || Count == 0)
            {
                return Count == 0 ? 0 : Above(_first + (uint)(Count - 1), incoming);
            }

            int highest = int.MinValue;
            for (int i = 0; i < Count; i++)
            {
                highest = Math.Max(highest, Above(this[i], incoming));
            }

            return highest;
        }
    }
}
