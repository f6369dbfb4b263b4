using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sctp.Rx;

/// <summary>
/// Turns the user data of received DATA (RFC 9260 sections 6.5, 6.6, 6.9) or I-DATA (RFC 8260 section 2.1)
/// chunks back into whole messages and hands them over in the order the streams require.
/// </summary>
/// <remarks>
/// <para>
/// The association feeds it only chunks whose TSN its <see cref="DataTracker"/> reported as new: duplicate
/// and window checks happen before. The queue copies each payload into a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> (the span handed to <see cref="Add"/> is a slice of a receive buffer
/// that will be reused), so a single-fragment message is copied exactly once, into the buffer the consumer
/// receives. A fragmented message is copied twice: into its fragment buffer, then into the message buffer
/// (the fragment that completes it is copied straight into the message buffer).
/// </para>
/// <para>
/// Two modes, fixed at construction. DATA mode: the fragments of one message carry consecutive TSNs, B on
/// the first and E on the last (RFC 9260 section 6.9), so a message is a run of consecutive TSNs; ordered
/// messages are sequenced per stream by their 16-bit SSN (section 6.6); unordered ones carry no usable SSN
/// and are assembled by TSN contiguity alone. I-DATA mode: a fragment is identified by stream, U bit, MID
/// and FSN (RFC 8260 section 2.1); fragments of different messages may interleave in TSN order, and ordered
/// messages are sequenced per stream by their 32-bit MID.
/// </para>
/// <para>
/// Ordered messages are delivered per stream strictly in sequence order starting at 0 (RFC 9260 section
/// 6.6); a complete message that is early waits for the gap to fill. Unordered messages are delivered as
/// soon as they are complete (RFC 9260 section 6.6). Sequence numbers compare by serial arithmetic relative
/// to the next one each stream expects, so ordering survives wrap-around; a sequence number behind it
/// belongs to a message already delivered or skipped and its payload is discarded.
/// </para>
/// <para>
/// Memory: everything held is counted in <see cref="BufferedBytes"/>, from which the association derives its
/// advertised receive window, so the peer can only make it hold what that window allows. Nothing is tracked
/// without a payload or a sequencing state to justify it: empty payloads are refused, fragments are held
/// only with their bytes, and per-stream state (the next expected sequence number, the unordered skip
/// point) exists only for streams that delivered ordered data or were named by a FORWARD-TSN or
/// I-FORWARD-TSN entry, at most one per stream id (the association checks ids against its inbound stream
/// count, RFC 9260 section 6.5); a reset removes it. Per-chunk work uses dictionaries keyed by value types
/// and allocates nothing beyond the pooled payload buffers once the collections have grown to their working
/// size.
/// </para>
/// <para>Not thread-safe: like the rest of the core, it is driven by one caller at a time.</para>
/// </remarks>
public sealed partial class ReassemblyQueue
{
    private readonly Queue<ReceivedMessage> _ready = new(16);

    // Complete ordered messages waiting for their turn, by WaitKey(stream, SSN or MID), with their TSNs (for reneging).
    private readonly Dictionary<ulong, WaitingMessage> _waiting = [];

    // Streams that delivered ordered data or were named by a FORWARD-TSN / I-FORWARD-TSN entry.
    private readonly Dictionary<ushort, StreamState> _streams = [];

    // Scratch space for the rare operations (FORWARD-TSN, reset), reused so that they do not allocate each time.
    private readonly List<(ushort Stream, int Distance, ulong Key)> _strandedScratch = [];

    private DeferredReset? _deferred;
    private int _streamsWithUnorderedSkip;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="maxMessageSize">The largest message, in bytes, this endpoint reassembles.</param>
    /// <param name="interleaved">True for I-DATA (RFC 8260), false for DATA (RFC 9260), as negotiated.</param>
    public ReassemblyQueue(int maxMessageSize, bool interleaved)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        MaxMessageSize = maxMessageSize;
        Interleaved = interleaved;
    }

    /// <summary>The largest message, in bytes, this queue reassembles.</summary>
    public int MaxMessageSize { get; }

    /// <summary>True in I-DATA mode (RFC 8260), false in DATA mode (RFC 9260).</summary>
    public bool Interleaved { get; }

    /// <summary>
    /// Payload bytes held: fragments, complete messages waiting for their turn, messages ready to dequeue,
    /// and chunks held aside by a deferred stream reset. The association derives its advertised receive
    /// window from it (RFC 9260 section 6.2.1).
    /// </summary>
    public int BufferedBytes { get; private set; }

    /// <summary>The number of complete messages ready for <see cref="TryDequeue"/>.</summary>
    public int QueuedMessageCount => _ready.Count;

    /// <summary>True between <see cref="EnterDeferredReset"/> and the <see cref="ResetStreams"/> that ends it.</summary>
    public bool IsResetDeferred => _deferred is not null;

    /// <summary>Streams with per-stream state (for tests of the memory bound).</summary>
    internal int TrackedStreamCount => _streams.Count;

    /// <summary>Fragments held that are not yet part of a complete message (for tests of the memory bound).</summary>
    internal int HeldFragmentCount => Interleaved ? _messageFragments.Count : _tsnFragments.Count;

    /// <summary>
    /// Takes the user data of one DATA or I-DATA chunk whose TSN the association accepted as new.
    /// Never throws on peer input: every problem is a returned <see cref="AddResult"/>.
    /// </summary>
    /// <param name="tsn">The chunk's TSN.</param>
    /// <param name="stream">The stream identifier.</param>
    /// <param name="unordered">The U bit.</param>
    /// <param name="beginning">The B bit: the first fragment of a message.</param>
    /// <param name="ending">The E bit: the last fragment of a message.</param>
    /// <param name="ssnOrMid">DATA: the SSN (only the low 16 bits are used; ignored when unordered). I-DATA: the MID.</param>
    /// <param name="fsn">I-DATA: the FSN (0 on the first fragment). Ignored for DATA.</param>
    /// <param name="ppid">The PPID. I-DATA carries it on the first fragment only, which is the one used.</param>
    /// <param name="payload">The user data; copied, so the caller may reuse the memory afterwards.</param>
    public AddResult Add(
        Tsn tsn,
        StreamId stream,
        bool unordered,
        bool beginning,
        bool ending,
        uint ssnOrMid,
        Fsn fsn,
        Ppid ppid,
        ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return AddResult.NoUserData;
        }

        if (_deferred is not null && _deferred.Covers(tsn, stream))
        {
            if (payload.Length > MaxMessageSize)
            {
                return AddResult.MessageTooLarge;
            }

            // RFC 6525 section 5.2.2: data beyond the Sender's Last Assigned TSN for a stream being reset
            // belongs to the stream's next life; hold it until the reset is done.
            _deferred.Actions.Add(DeferredAction.ForChunk(tsn, stream, unordered, beginning, ending, ssnOrMid, fsn, ppid, CopyToRented(payload), payload.Length));
            BufferedBytes += payload.Length;
            return AddResult.Accepted;
        }

        return Interleaved
            ? AddInterleaved(tsn, stream, unordered, beginning, ending, ssnOrMid, fsn.Value, ppid, payload)
            : AddData(tsn, stream, unordered, beginning, ending, (ushort)ssnOrMid, ppid, payload);
    }

    /// <summary>
    /// Takes the next deliverable message, if any. Ownership of its buffer passes to the caller, who calls
    /// <see cref="ReceivedMessage.ReturnBuffer"/> once done; its bytes leave <see cref="BufferedBytes"/> now.
    /// </summary>
    public bool TryDequeue(out ReceivedMessage message)
    {
        if (_ready.TryDequeue(out message))
        {
            BufferedBytes -= message.Length;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Resets the incoming sequence numbers of <paramref name="streams"/> (all streams when empty) to 0, as an
    /// incoming SSN reset request asks (RFC 6525 section 5.2.2), and ends a deferred reset if one is pending,
    /// replaying the chunks and FORWARD-TSNs it held aside.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Precondition: every TSN up to and including the request's Sender's Last Assigned TSN has been received
    /// (or skipped by FORWARD-TSN), and no chunk above it for these streams was added other than through
    /// <see cref="EnterDeferredReset"/>. The association calls this at once when that already holds, and
    /// otherwise calls <see cref="EnterDeferredReset"/> first and this when its cumulative TSN reaches that
    /// point.
    /// </para>
    /// <para>
    /// Under that precondition, every ordered message sent before the reset has arrived whole, so nothing of
    /// the old sequence space should remain. What does remain can only be the peer's doing (a message
    /// abandoned without a FORWARD-TSN entry for it): complete messages still waiting for their turn are
    /// delivered first, in sequence order (the same "stranded data" rule as RFC 3758 section 3.6), and
    /// incomplete ordered messages of these streams are dropped, since they can never complete and must not
    /// be taken for messages of the new sequence space. In I-DATA mode incomplete unordered messages of these
    /// streams are dropped too (their MIDs restart as well) and the unordered skip point is forgotten. In DATA
    /// mode unordered fragments are left alone: they are identified by TSN, not by a sequence number.
    /// </para>
    /// </remarks>
    /// <returns><see cref="AddResult.Accepted"/>, or the first error a replayed deferred chunk produced (the association acts on it as it would on <see cref="Add"/>'s).</returns>
    public AddResult ResetStreams(ReadOnlySpan<StreamId> streams)
    {
        if (streams.IsEmpty)
        {
            DeliverStranded(-1, int.MaxValue);
            DropPartialMessages(Selection.WholeStream(-1, Interleaved));
            _streams.Clear();
            _streamsWithUnorderedSkip = 0;
        }
        else
        {
            foreach (var stream in streams)
            {
                DeliverStranded(stream.Value, int.MaxValue);
                DropPartialMessages(Selection.WholeStream(stream.Value, Interleaved));
                if (_streams.Remove(stream.Value, out var state) && state.HasUnorderedSkip)
                {
                    _streamsWithUnorderedSkip--;
                }
            }
        }

        var deferred = _deferred;
        _deferred = null;
        return deferred is null ? AddResult.Accepted : Replay(deferred);
    }

    /// <summary>
    /// Enters "deferred reset processing" (RFC 6525 section 5.2.2): an incoming SSN reset request arrived
    /// before every TSN up to its Sender's Last Assigned TSN did. From now until <see cref="ResetStreams"/>,
    /// chunks of <paramref name="streams"/> (all streams when empty) with a TSN above
    /// <paramref name="senderLastAssignedTsn"/> are held aside (counted in <see cref="BufferedBytes"/>), and so
    /// are FORWARD-TSN and I-FORWARD-TSN chunks whose new cumulative TSN is above it; they are replayed in
    /// arrival order after the reset.
    /// </summary>
    /// <exception cref="InvalidOperationException">A reset is already deferred: the association answers a second request with "In progress" instead (RFC 6525 section 5.2.2).</exception>
    public void EnterDeferredReset(Tsn senderLastAssignedTsn, ReadOnlySpan<StreamId> streams)
    {
        if (_deferred is not null)
        {
            throw new InvalidOperationException("A stream reset is already deferred.");
        }

        HashSet<ushort>? set = null;
        if (!streams.IsEmpty)
        {
            set = new HashSet<ushort>(streams.Length);
            foreach (var stream in streams)
            {
                set.Add(stream.Value);
            }
        }

        _deferred = new DeferredReset(senderLastAssignedTsn, set);
    }

    /// <summary>
    /// Returns every buffer the queue holds (fragments, waiting and ready messages, deferred chunks) to the
    /// pool and starts over as if new. For association teardown; messages not yet dequeued are lost.
    /// </summary>
    public void Clear()
    {
        while (_ready.TryDequeue(out var message))
        {
            message.ReturnBuffer();
        }

        foreach (var waiting in _waiting.Values)
        {
            waiting.Message.ReturnBuffer();
            waiting.Tsns.Release();
        }

        _waiting.Clear();
        ClearData();
        ClearInterleaved();
        if (_deferred is not null)
        {
            foreach (var action in _deferred.Actions)
            {
                if (action.Buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(action.Buffer);
                }
            }

            _deferred = null;
        }

        _streams.Clear();
        _streamsWithUnorderedSkip = 0;
        BufferedBytes = 0;
    }

    private static byte[] CopyToRented(ReadOnlySpan<byte> payload)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer);
        return buffer;
    }

    private static ulong WaitKey(ushort stream, uint sequence) => ((ulong)stream << 32) | sequence;

    // The sequence number after this one: SSNs wrap at 2^16 (RFC 9260 section 3.3.1), MIDs at 2^32 (RFC 8260 section 2.1).
    private uint NextSequence(uint sequence) => Interleaved ? unchecked(sequence + 1) : (ushort)(sequence + 1);

    // Signed serial distance (RFC 1982) from 'from' to 'sequence', over 16 bits for SSNs and 32 bits for MIDs.
    private int SequenceDistance(uint sequence, uint from) =>
        Interleaved ? unchecked((int)(sequence - from)) : unchecked((short)(ushort)(sequence - from));

    private uint NextOrderedOf(ushort stream)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, stream);
        return Unsafe.IsNullRef(ref state) ? 0 : state.NextOrdered;
    }

    // A message is whole: deliver it, or park it until its turn (RFC 9260 section 6.6) with the TSNs it came
    // in, which a renege would forget. Its bytes are already counted in BufferedBytes; this takes ownership
    // of the TSN list.
    private AddResult Complete(StreamId stream, bool unordered, uint sequence, ReceivedMessage message, MessageTsns tsns)
    {
        if (unordered)
        {
            tsns.Release();
            _ready.Enqueue(message);
            return AddResult.Accepted;
        }

        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, stream.Value, out _);
        if (sequence == state.NextOrdered)
        {
            tsns.Release();
            _ready.Enqueue(message);
            state.NextOrdered = NextSequence(sequence);
            DeliverWaiting(stream.Value, ref state);
            return AddResult.Accepted;
        }

        if (!_waiting.TryAdd(WaitKey(stream.Value, sequence), new WaitingMessage(message, tsns)))
        {
            // Two different messages claim one sequence number: the peer reused it. Keep the first.
            BufferedBytes -= message.Length;
            message.ReturnBuffer();
            tsns.Release();
            return AddResult.InconsistentFragment;
        }

        return AddResult.Accepted;
    }

    private void DeliverWaiting(ushort stream, ref StreamState state)
    {
        while (_waiting.Count > 0 && _waiting.Remove(WaitKey(stream, state.NextOrdered), out var waiting))
        {
            waiting.Tsns.Release();
            _ready.Enqueue(waiting.Message);
            state.NextOrdered = NextSequence(state.NextOrdered);
        }
    }

    // RFC 3758 section 3.6: the ordered messages of 'stream' up to and including 'sequence' are skipped.
    // Complete ones still waiting are "stranded data", made available at once in order; incomplete ones can
    // never complete and are dropped. An entry behind the next expected number is old and changes nothing.
    private int SkipOrderedThrough(ushort stream, uint sequence)
    {
        uint next = NextOrderedOf(stream);
        int span = SequenceDistance(sequence, next);
        if (span < 0)
        {
            return 0;
        }

        DeliverStranded(stream, span);
        int released = DropPartialMessages(Selection.OrderedRange(stream, next, span));
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, stream, out _);
        state.NextOrdered = NextSequence(sequence);
        DeliverWaiting(stream, ref state);
        return released;
    }

    // RFC 8260 section 2.3.1: the unordered messages of 'stream' up to and including 'mid' are skipped.
    // Incomplete ones are dropped, and the skip point is remembered (unwrapped, so it stays right across
    // wrap-around) so that a late fragment of one of them is not held forever.
    private int SkipUnorderedThrough(ushort stream, uint mid)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, stream, out _);
        if (!state.HasUnorderedSkip)
        {
            state.HasUnorderedSkip = true;
            state.UnorderedMids = new SerialUnwrapper32(mid);
            state.UnorderedSkippedThrough = state.UnorderedMids.Unwrap(mid);
            _streamsWithUnorderedSkip++;
        }
        else
        {
            long through = state.UnorderedMids.Unwrap(mid);
            if (through <= state.UnorderedSkippedThrough)
            {
                return 0;
            }

            state.UnorderedSkippedThrough = through;
        }

        return DropPartialMessages(Selection.UnorderedThrough(stream, mid));
    }

    // Moves complete waiting messages of 'stream' (every stream when -1) whose sequence number is within
    // 'span' of the stream's next expected one to the ready queue, in sequence order per stream.
    private void DeliverStranded(int stream, int span)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        _strandedScratch.Clear();
        foreach (ulong key in _waiting.Keys)
        {
            ushort keyStream = (ushort)(key >> 32);
            if (stream >= 0 && keyStream != stream)
            {
                continue;
            }

            int distance = SequenceDistance((uint)key, NextOrderedOf(keyStream));
            if (distance >= 0 && distance <= span)
            {
                _strandedScratch.Add((keyStream, distance, key));
            }
        }

        _strandedScratch.Sort();
        foreach (var (_, _, key) in _strandedScratch)
        {
            _waiting.Remove(key, out var waiting);
            waiting.Tsns.Release();
            _ready.Enqueue(waiting.Message);
        }

        _strandedScratch.Clear();
    }

    // Drops the incomplete messages 'selection' picks; returns the bytes released.
    private int DropPartialMessages(in Selection selection) =>
        Interleaved ? DropInterleavedMessages(selection) : DropDataRuns(selection);

    private bool IsSelected(in Selection selection, ushort stream, bool unordered, uint sequence)
    {
        if (selection.Stream >= 0 && selection.Stream != stream)
        {
            return false;
        }

        if (unordered)
        {
            return selection.Unordered switch
            {
                UnorderedSelection.All => true,
                UnorderedSelection.Through => SequenceDistance(sequence, selection.Sequence) <= 0,
                _ => false,
            };
        }

        if (selection.OrderedSpan == Selection.AllOrdered)
        {
            return true;
        }

        int distance = SequenceDistance(sequence, selection.Sequence);
        return distance >= 0 && distance <= selection.OrderedSpan;
    }

    private AddResult Replay(DeferredReset deferred)
    {
        var firstError = AddResult.Accepted;
        foreach (var action in deferred.Actions)
        {
            if (action.Buffer is { } buffer)
            {
                // Add counts the bytes again if it keeps them.
                BufferedBytes -= action.Length;
                var result = Add(action.Tsn, action.Stream, action.Unordered, action.Beginning, action.Ending, action.SsnOrMid, action.Fsn, action.Ppid, buffer.AsSpan(0, action.Length));
                ArrayPool<byte>.Shared.Return(buffer);
                if (firstError == AddResult.Accepted && result is not (AddResult.Accepted or AddResult.Discarded))
                {
                    firstError = result;
                }
            }
            else if (action.SkippedMids is { } mids)
            {
                HandleIForwardTsn(action.Tsn, mids);
            }
            else
            {
                HandleForwardTsn(action.Tsn, action.SkippedSsns);
            }
        }

        return firstError;
    }

    private struct StreamState
    {
        // The next SSN (DATA, below 2^16) or MID (I-DATA) to deliver on this stream.
        public uint NextOrdered;

        // I-DATA: unordered MIDs up to UnorderedSkippedThrough (unwrapped) were skipped by I-FORWARD-TSN.
        public bool HasUnorderedSkip;
        public SerialUnwrapper32 UnorderedMids;
        public long UnorderedSkippedThrough;
    }

    private enum UnorderedSelection
    {
        None,
        Through,
        All,
    }

    // Which incomplete messages a FORWARD-TSN or a reset drops. Stream -1 means every stream.
    private readonly record struct Selection(int Stream, uint Sequence, int OrderedSpan, UnorderedSelection Unordered)
    {
        public const int AllOrdered = int.MaxValue;
        public const int NoOrdered = -1;

        public static Selection OrderedRange(ushort stream, uint from, int span) => new(stream, from, span, UnorderedSelection.None);

        public static Selection UnorderedThrough(ushort stream, uint mid) => new(stream, mid, NoOrdered, UnorderedSelection.Through);

        // In DATA mode unordered fragments carry no sequence number and are not tied to a stream's sequence space.
        public static Selection WholeStream(int stream, bool interleaved) =>
            new(stream, 0, AllOrdered, interleaved ? UnorderedSelection.All : UnorderedSelection.None);
    }

    private sealed class DeferredReset(Tsn senderLastAssignedTsn, HashSet<ushort>? streams)
    {
        public Tsn SenderLastAssignedTsn { get; } = senderLastAssignedTsn;

        public List<DeferredAction> Actions { get; } = [];

        public bool Covers(Tsn tsn, StreamId stream) =>
            tsn > SenderLastAssignedTsn && (streams is null || streams.Contains(stream.Value));
    }

    // A chunk (Buffer set) or a FORWARD-TSN / I-FORWARD-TSN (Buffer null) held aside by a deferred reset.
    private readonly record struct DeferredAction(
        Tsn Tsn,
        StreamId Stream,
        bool Unordered,
        bool Beginning,
        bool Ending,
        uint SsnOrMid,
        Fsn Fsn,
        Ppid Ppid,
        byte[]? Buffer,
        int Length,
        (StreamId Stream, Ssn Ssn)[] SkippedSsns,
        (StreamId Stream, bool Unordered, Mid Mid)[]? SkippedMids)
    {
        public static DeferredAction ForChunk(Tsn tsn, StreamId stream, bool unordered, bool beginning, bool ending, uint ssnOrMid, Fsn fsn, Ppid ppid, byte[] buffer, int length) =>
            new(tsn, stream, unordered, beginning, ending, ssnOrMid, fsn, ppid, buffer, length, [], null);

        public static DeferredAction ForForwardTsn(Tsn newCumulativeTsn, (StreamId Stream, Ssn Ssn)[] skipped) =>
            new(newCumulativeTsn, default, false, false, false, 0, default, default, null, 0, skipped, null);

        public static DeferredAction ForIForwardTsn(Tsn newCumulativeTsn, (StreamId Stream, bool Unordered, Mid Mid)[] skipped) =>
            new(newCumulativeTsn, default, false, false, false, 0, default, default, null, 0, [], skipped);
    }
}
