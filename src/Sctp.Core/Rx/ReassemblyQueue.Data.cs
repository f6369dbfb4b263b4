using System.Buffers;

namespace Sctp.Rx;

// DATA mode (RFC 9260 sections 6.5, 6.6, 6.9): the fragments of one message carry consecutive TSNs, B on
// the first, E on the last. Held fragments are keyed by unwrapped TSN, and grouped into "runs": maximal
// sets of consecutive held TSNs that belong to one message. A run knows its first and last TSN, its size
// and whether it starts with B and ends with E; a message is complete when one run has both. Adding a
// fragment looks up only its two neighbours (TSN - 1, TSN + 1), so the work per chunk is constant whatever
// the arrival order.
public sealed partial class ReassemblyQueue
{
    private readonly Dictionary<long, TsnFragment> _tsnFragments = [];
    private readonly Dictionary<long, TsnRun> _runsByStart = [];
    private readonly Dictionary<long, long> _runStartByEnd = [];
    private readonly List<long> _runScratch = [];
    private SerialUnwrapper32 _tsns;

    // The highest new cumulative TSN a FORWARD-TSN carried (unwrapped); long.MinValue before the first.
    private long _forwardCumulativeTsn = long.MinValue;

    /// <summary>
    /// Applies a FORWARD-TSN (RFC 3758 section 3.6) in DATA mode; does nothing in I-DATA mode, where the
    /// peer must use I-FORWARD-TSN (RFC 8260 section 2.3) and the association rejects the other chunk.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Incomplete messages that are missing a TSN at or below <paramref name="newCumulativeTsn"/> can never
    /// complete (that TSN is abandoned, or would be a duplicate) and are dropped: "The receiver MUST remove any
    /// partially reassembled message, which is still missing one or more TSNs earlier than or equal to the new
    /// cumulative TSN point" (RFC 3758 section 3.6). Held fragments at or below it whose message is missing only
    /// TSNs above it are kept: that message was not abandoned and its remaining fragments are still coming. A
    /// fragment arriving later whose message is missing such a TSN is discarded on arrival.
    /// </para>
    /// <para>
    /// For each listed stream, the ordered messages up to and including the listed SSN are skipped: complete
    /// ones still waiting are delivered at once, in order ("Any such stranded data SHOULD be made immediately
    /// available", RFC 3758 section 3.6), incomplete ones are dropped, the stream's next expected SSN becomes
    /// SSN + 1, and the messages now in order follow. An entry behind the stream's next expected SSN is old
    /// and ignored. No abandoned message is ever delivered partially.
    /// </para>
    /// </remarks>
    /// <returns>The payload bytes dropped (delivered stranded messages stay counted until dequeued).</returns>
    public int HandleForwardTsn(Tsn newCumulativeTsn, ReadOnlySpan<(StreamId Stream, Ssn Ssn)> streams)
    {
        if (Interleaved)
        {
            return 0;
        }

        if (_deferred is not null && newCumulativeTsn > _deferred.SenderLastAssignedTsn)
        {
            // RFC 6525 section 5.2.2: it may skip data of the streams' next life; apply it after the reset.
            _deferred.Actions.Add(DeferredAction.ForForwardTsn(newCumulativeTsn, streams.ToArray()));
            return 0;
        }

        int released = 0;
        long cumulative = _tsns.Unwrap(newCumulativeTsn.Value);
        if (cumulative > _forwardCumulativeTsn)
        {
            _forwardCumulativeTsn = cumulative;
            _runScratch.Clear();
            foreach (var (start, run) in _runsByStart)
            {
                if (IsMissingTsnAtOrBelow(start, run.End, run.HasBeginning, run.HasEnding, cumulative))
                {
                    _runScratch.Add(start);
                }
            }

            foreach (long start in _runScratch)
            {
                released += ReleaseRun(start);
            }

            _runScratch.Clear();
        }

        foreach (var (stream, ssn) in streams)
        {
            released += SkipOrderedThrough(stream.Value, ssn.Value);
        }

        return released;
    }

    // An incomplete run lacks the TSN before its start (no B) or after its end (no E).
    private static bool IsMissingTsnAtOrBelow(long start, long end, bool hasBeginning, bool hasEnding, long cumulative) =>
        (!hasBeginning && start - 1 <= cumulative) || (!hasEnding && end + 1 <= cumulative);

    private AddResult AddData(Tsn tsn, StreamId stream, bool unordered, bool beginning, bool ending, ushort ssn, Ppid ppid, ReadOnlySpan<byte> payload)
    {
        long key = _tsns.Unwrap(tsn.Value);
        if (!unordered)
        {
            // RFC 9260 section 6.6: an SSN behind the next expected one belongs to a message already
            // delivered or skipped by FORWARD-TSN; it can never be delivered again.
            if (SequenceDistance(ssn, NextOrderedOf(stream.Value)) < 0)
            {
                return AddResult.Discarded;
            }

            if (_waiting.Count > 0 && _waiting.ContainsKey(WaitKey(stream.Value, ssn)))
            {
                return AddResult.InconsistentFragment;
            }
        }

        bool joinsPrevious = false;
        bool joinsNext = false;
        if (_tsnFragments.Count > 0)
        {
            if (_tsnFragments.TryGetValue(key, out var held))
            {
                bool same = held.Beginning == beginning && held.Ending == ending && held.IsSameMessage(stream, unordered, ssn);
                return same ? AddResult.Discarded : AddResult.InconsistentFragment;
            }

            // RFC 9260 section 6.9: fragments of one message have consecutive TSNs, so the fragment before
            // this one ends a message exactly when this one begins one, and otherwise belongs to the same
            // message (same stream, same U bit, same SSN when ordered). Likewise for the fragment after.
            if (_tsnFragments.TryGetValue(key - 1, out var previous))
            {
                if (previous.Ending != beginning || (!beginning && !previous.IsSameMessage(stream, unordered, ssn)))
                {
                    return AddResult.InconsistentFragment;
                }

                joinsPrevious = !beginning;
            }

            if (_tsnFragments.TryGetValue(key + 1, out var following))
            {
                if (following.Beginning != ending || (!ending && !following.IsSameMessage(stream, unordered, ssn)))
                {
                    return AddResult.InconsistentFragment;
                }

                joinsNext = !ending;
            }
        }

        if (beginning && ending)
        {
            // The common case: a whole message in one chunk, copied once into the buffer the consumer gets.
            if (payload.Length > MaxMessageSize)
            {
                return AddResult.MessageTooLarge;
            }

            BufferedBytes += payload.Length;
            return Complete(stream, unordered, ssn, new ReceivedMessage(stream, ppid, unordered, tsn, CopyToRented(payload), payload.Length), MessageTsns.Run(tsn, 1));
        }

        long start = key;
        long end = key;
        long bytes = payload.Length;
        bool hasBeginning = beginning;
        bool hasEnding = ending;
        if (joinsPrevious)
        {
            start = _runStartByEnd[key - 1];
            var left = _runsByStart[start];
            bytes += left.Bytes;
            hasBeginning = left.HasBeginning;
        }

        if (joinsNext)
        {
            var right = _runsByStart[key + 1];
            end = right.End;
            bytes += right.Bytes;
            hasEnding = right.HasEnding;
        }

        if (bytes > MaxMessageSize)
        {
            return AddResult.MessageTooLarge;
        }

        if (IsMissingTsnAtOrBelow(start, end, hasBeginning, hasEnding, _forwardCumulativeTsn))
        {
            // RFC 3758 section 3.6: a fragment of a message whose missing TSN a FORWARD-TSN skipped (a late
            // arrival from an abandoned message). Drop what was held of it rather than hold it forever.
            if (joinsPrevious)
            {
                ReleaseRun(start);
            }

            if (joinsNext)
            {
                ReleaseRun(key + 1);
            }

            return AddResult.Discarded;
        }

        BufferedBytes += payload.Length;
        if (hasBeginning && hasEnding)
        {
            return AssembleRun(start, end, key, stream, unordered, ssn, ppid, payload, (int)bytes);
        }

        _tsnFragments.Add(key, new TsnFragment(CopyToRented(payload), payload.Length, stream, unordered, ssn, beginning, ending, ppid));
        if (joinsPrevious)
        {
            _runStartByEnd.Remove(key - 1);
        }

        if (joinsNext)
        {
            _runsByStart.Remove(key + 1);
        }

        _runsByStart[start] = new TsnRun(end, (int)bytes, hasBeginning, hasEnding);
        _runStartByEnd[end] = start;
        return AddResult.Accepted;
    }

    // The fragment at 'key' (not stored yet) joins held runs into a whole message [start, end]: copy it all
    // into one buffer, in TSN order, and release the fragments.
    private AddResult AssembleRun(long start, long end, long key, StreamId stream, bool unordered, ushort ssn, Ppid ppid, ReadOnlySpan<byte> payload, int size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        int offset = 0;
        var messagePpid = ppid;
        for (long t = start; t <= end; t++)
        {
            if (t == key)
            {
                payload.CopyTo(buffer.AsSpan(offset));
                offset += payload.Length;
                continue;
            }

            _tsnFragments.Remove(t, out var fragment);
            if (t == start)
            {
                // RFC 9260 section 6.9: the message's PPID is the one its first fragment carries.
                messagePpid = fragment.Ppid;
            }

            fragment.Buffer.AsSpan(0, fragment.Length).CopyTo(buffer.AsSpan(offset));
            offset += fragment.Length;
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }

        if (start != key)
        {
            _runsByStart.Remove(start);
            _runStartByEnd.Remove(key - 1);
        }

        if (end != key)
        {
            _runsByStart.Remove(key + 1);
            _runStartByEnd.Remove(end);
        }

        // The low 32 bits of an unwrapped TSN are the TSN.
        var firstTsn = new Tsn(unchecked((uint)start));
        var message = new ReceivedMessage(stream, messagePpid, unordered, firstTsn, buffer, size);
        return Complete(stream, unordered, ssn, message, MessageTsns.Run(firstTsn, (int)(end - start + 1)));
    }

    private int ReleaseRun(long start)
    {
        _runsByStart.Remove(start, out var run);
        _runStartByEnd.Remove(run.End);
        for (long t = start; t <= run.End; t++)
        {
            _tsnFragments.Remove(t, out var fragment);
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }

        BufferedBytes -= run.Bytes;
        return run.Bytes;
    }

    private int DropDataRuns(in Selection selection)
    {
        if (_runsByStart.Count == 0)
        {
            return 0;
        }

        _runScratch.Clear();
        foreach (long start in _runsByStart.Keys)
        {
            var first = _tsnFragments[start];
            if (IsSelected(selection, first.Stream.Value, first.Unordered, first.Ssn))
            {
                _runScratch.Add(start);
            }
        }

        int released = 0;
        foreach (long start in _runScratch)
        {
            released += ReleaseRun(start);
        }

        _runScratch.Clear();
        return released;
    }

    private void ClearData()
    {
        foreach (var fragment in _tsnFragments.Values)
        {
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }

        _tsnFragments.Clear();
        _runsByStart.Clear();
        _runStartByEnd.Clear();
        _tsns = default;
        _forwardCumulativeTsn = long.MinValue;
    }

    private readonly record struct TsnFragment(byte[] Buffer, int Length, StreamId Stream, bool Unordered, ushort Ssn, bool Beginning, bool Ending, Ppid Ppid)
    {
        // Unordered DATA carries no usable SSN (RFC 9260 section 3.3.1), so it does not take part.
        public bool IsSameMessage(StreamId stream, bool unordered, ushort ssn) =>
            Stream == stream && Unordered == unordered && (unordered || Ssn == ssn);
    }

    // A maximal set of consecutive held TSNs of one message, keyed by its first TSN.
    private readonly record struct TsnRun(long End, int Bytes, bool HasBeginning, bool HasEnding);
}
