using System.Buffers;

namespace Sctp.Tx;

/// <summary>
/// The messages an association has accepted from its user but not yet cut into chunks: one queue
/// per stream, a stream scheduler (RFC 8260 section 3) choosing between them, fragmentation into
/// DATA or I-DATA sized pieces (RFC 9260 section 6.9, RFC 8260), sequence number assignment, and the
/// partial-reliability rule that a message whose lifetime ends before it was sent is dropped unsent
/// (RFC 3758, RFC 7496).
/// </summary>
/// <remarks>
/// <para>The association calls <see cref="Enqueue"/> for each user message and, whenever congestion
/// and receiver windows allow, <see cref="TryProduce"/> for the next fragment; it gives the fragment a
/// TSN and keeps it in its outstanding-data tracker until acknowledged (see <see cref="OutgoingMessage"/>
/// for the reference counting that keeps the payload alive that long).</para>
/// <para>Payloads are copied once, into buffers rented from the <see cref="ArrayPool{T}"/> given to the
/// constructor; message objects are pooled; producing a fragment allocates nothing in steady state.
/// The queue does not enforce the maximum message size or the send buffer size: the association does,
/// using <see cref="TotalBufferedAmount"/> and <see cref="BufferedAmount"/>.</para>
/// </remarks>
public sealed class SendQueue
{
    /// <summary>The priority (or weight) a stream has until <see cref="SetPriority"/> is called: mid-range, so others can be set above and below it.</summary>
    public const ushort DefaultPriority = 256;

    // Enough to serve a busy association from the pool without keeping an unbounded number of idle objects.
    private const int MaxPooledMessages = 1024;

    private readonly Dictionary<StreamId, SendStream> _streams = [];
    private readonly StreamScheduler _scheduler;
    private readonly Stack<OutgoingMessage> _messagePool = new();
    private readonly Queue<StreamId> _bufferedAmountLowEvents = new();

    // With DATA, the stream whose message has been started and not finished: it is continued before
    // anything else, because the fragments of a DATA message need consecutive TSNs (RFC 9260 section 6.9).
    private SendStream? _currentDataStream;
    private long _nextMessageSequence;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="scheduler">The stream scheduler (RFC 8260 section 3).</param>
    /// <param name="bufferPool">Where payload buffers are rented from; <see cref="ArrayPool{T}.Shared"/> when null.</param>
    public SendQueue(StreamSchedulerKind scheduler = StreamSchedulerKind.RoundRobin, ArrayPool<byte>? bufferPool = null)
    {
        _scheduler = StreamScheduler.Create(scheduler);
        BufferPool = bufferPool ?? ArrayPool<byte>.Shared;
    }

    /// <summary>The stream scheduler in use.</summary>
    public StreamSchedulerKind SchedulerKind => _scheduler.Kind;

    /// <summary>Bytes queued on all streams and not yet produced as fragments.</summary>
    public int TotalBufferedAmount { get; private set; }

    /// <summary>Messages queued on all streams and not yet fully produced as fragments.</summary>
    public int QueuedMessageCount { get; private set; }

    /// <summary>True when no message is queued.</summary>
    public bool IsEmpty => QueuedMessageCount == 0;

    /// <summary>
    /// Messages dropped unsent because their lifetime (<see cref="ReliabilityKind.Timed"/>) had passed
    /// before their first fragment was produced (RFC 7496 section 3). They used no TSN and no SSN or MID.
    /// </summary>
    public long AbandonedMessageCount { get; private set; }

    internal ArrayPool<byte> BufferPool { get; }

    /// <summary>
    /// Queues a copy of <paramref name="payload"/> as one user message on <paramref name="stream"/>.
    /// </summary>
    /// <param name="now">The current time; a <see cref="ReliabilityKind.Timed"/> lifetime counts from it.</param>
    /// <param name="stream">The stream to send on.</param>
    /// <param name="ppid">The Payload Protocol Identifier.</param>
    /// <param name="payload">The message; copied, so the caller may reuse its buffer at once.</param>
    /// <param name="unordered">True to send the message unordered (U bit, RFC 9260 section 6.6).</param>
    /// <param name="policy">The partial-reliability policy.</param>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is empty: SCTP has no empty user messages (RFC 9260 section 6.2, "No User Data").</exception>
    /// <exception cref="InvalidOperationException">The stream is closed for writing (<see cref="CloseStream"/>), or the queue would hold more than <see cref="int.MaxValue"/> bytes.</exception>
    public void Enqueue(TimeSpan now, StreamId stream, Ppid ppid, ReadOnlySpan<byte> payload, bool unordered, ReliabilityPolicy policy)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("An SCTP user message cannot be empty (RFC 9260 section 6.2: a DATA chunk without user data is a protocol error).", nameof(payload));
        }

        var sendStream = GetOrCreateStream(stream);
        if (sendStream.IsClosed)
        {
            throw new InvalidOperationException($"Stream {stream} is closed for writing until its reset completes.");
        }

        if (payload.Length > int.MaxValue - TotalBufferedAmount)
        {
            throw new InvalidOperationException("The send queue cannot hold more than 2 GiB.");
        }

        var buffer = BufferPool.Rent(payload.Length);
        payload.CopyTo(buffer);
        var message = RentMessage();
        message.Initialize(now, stream, ppid, unordered, policy, buffer, payload.Length, _nextMessageSequence++);

        sendStream.Messages.Enqueue(message);
        sendStream.BufferedAmount += payload.Length;
        TotalBufferedAmount += payload.Length;
        QueuedMessageCount++;
        UpdateScheduling(sendStream, headChanged: sendStream.Messages.Count == 1);
    }

    /// <summary>
    /// Produces the next fragment to send: the scheduler picks the stream, and the fragment is the
    /// next at most <paramref name="maxPayloadSize"/> bytes of that stream's current message.
    /// </summary>
    /// <remarks>
    /// <para>The first fragment of a message carries the B bit and the last the E bit (RFC 9260
    /// section 6.9). The message is numbered when its first fragment is produced: with DATA an ordered
    /// message takes the stream's next SSN and an unordered one none (RFC 9260 section 3.3.1: the
    /// receiver ignores it); with I-DATA it takes the next MID of the stream's ordered or unordered
    /// sequence (RFC 8260 section 2.1) and its fragments are numbered 0, 1, 2, ... (FSN).</para>
    /// <para>With DATA (<paramref name="interleaved"/> false) a started message is finished before any
    /// other starts, because the receiver reassembles by consecutive TSNs (RFC 9260 section 6.9); with
    /// I-DATA the scheduler may switch streams between any two fragments (RFC 8260 section 1).</para>
    /// <para>A <see cref="ReliabilityKind.Timed"/> message whose lifetime has passed before its first
    /// fragment is dropped here without consuming a TSN, SSN or MID (RFC 7496 section 3, RFC 3758
    /// section 3.5 A3) and counted in <see cref="AbandonedMessageCount"/>. One that expires after being
    /// started is not: its fragments in flight carry TSNs, so abandoning it takes a FORWARD-TSN, which
    /// is the outstanding-data tracker's decision; it then calls <see cref="DiscardRestOfMessage(OutgoingMessage, out OutgoingFragment)"/>.</para>
    /// </remarks>
    /// <param name="now">The current time, for lifetime expiry.</param>
    /// <param name="maxPayloadSize">The most payload bytes the fragment may carry (the room left in the packet less the chunk header).</param>
    /// <param name="interleaved">True when I-DATA is in use (both sides support RFC 8260), false for DATA.</param>
    /// <param name="fragment">The fragment, which holds one reference to its message until released.</param>
    /// <returns>False when no stream has anything it may send now.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPayloadSize"/> is less than 1.</exception>
    public bool TryProduce(TimeSpan now, int maxPayloadSize, bool interleaved, out OutgoingFragment fragment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 1);

        SendStream? stream;
        OutgoingMessage message;
        while (true)
        {
            stream = !interleaved && _currentDataStream is not null ? _currentDataStream : _scheduler.Peek();
            if (stream is null)
            {
                fragment = default;
                return false;
            }

            message = stream.Messages.Peek();
            if (message.IsStarted || !message.IsExpired(now))
            {
                break;
            }

            DropExpired(stream, message);
        }

        if (!message.IsStarted)
        {
            AssignNumber(stream, message, interleaved);
        }

        int offset = message.BytesFragmented;
        int length = Math.Min(maxPayloadSize, message.Length - offset);
        int index = message.AddFragment(length);
        fragment = new OutgoingFragment(message, index, offset, length);
        ReduceBufferedAmount(stream, length);

        if (fragment.IsEnd)
        {
            stream.Messages.Dequeue();
            QueuedMessageCount--;
            _currentDataStream = null;
            message.ReleaseQueueReference();
        }
        else if (!interleaved)
        {
            _currentDataStream = stream;
        }

        _scheduler.OnFragmentProduced(stream, length, fragment.IsBeginning, fragment.IsEnd, interleaved);
        if (fragment.IsEnd)
        {
            UpdateScheduling(stream, headChanged: true);
        }

        return true;
    }

    /// <summary>
    /// Discards what is left of <paramref name="message"/> after one of its fragments was abandoned:
    /// RFC 3758 section 3.5 C1, a partly abandoned message is abandoned as a whole, so its remaining
    /// fragments must not be sent. Marks the message abandoned either way.
    /// </summary>
    /// <param name="message">A message of this queue, kept alive by a fragment reference the caller still holds.</param>
    /// <returns>True when unsent bytes were discarded; false when every fragment had already been produced.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> belongs to another queue.</exception>
    public bool DiscardRestOfMessage(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsOwnedBy(this))
        {
            throw new ArgumentException("The message belongs to another send queue.", nameof(message));
        }

        message.MarkAbandoned();
        if (!message.IsQueued || !_streams.TryGetValue(message.Stream, out var stream))
        {
            return false;
        }

        bool wasHead = ReferenceEquals(stream.Head, message);
        RemoveFromStream(stream, message);
        if (wasHead && ReferenceEquals(_currentDataStream, stream))
        {
            // The started DATA message is gone, so nothing needs consecutive TSNs any more.
            _currentDataStream = null;
        }

        UpdateScheduling(stream, headChanged: wasHead);
        return true;
    }

    /// <summary>
    /// Abandons <paramref name="message"/> like <see cref="DiscardRestOfMessage(OutgoingMessage)"/>, but
    /// hands its unsent rest back as one last fragment, never to be sent: the outstanding-data tracker
    /// gives it a TSN of its own and abandons it at once, so that the FORWARD-TSN (or I-FORWARD-TSN) that
    /// skips the message always has a new cumulative TSN beyond anything the peer holds and names the
    /// message's stream and sequence number. Otherwise a peer that had received every sent fragment would
    /// ignore the FORWARD-TSN as old (RFC 3758 section 3.6) and wait forever for the rest, stalling the
    /// stream's ordered messages (RFC 3758 section 3.5, C1 and C4; dcSCTP and usrsctp do the same).
    /// </summary>
    /// <param name="message">A started message of this queue, kept alive by a fragment reference the caller still holds.</param>
    /// <param name="rest">The end fragment covering every unsent byte, holding one reference to the message until released.</param>
    /// <returns>True with <paramref name="rest"/> when unsent bytes were discarded; false when every fragment had already been produced.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> belongs to another queue.</exception>
    public bool DiscardRestOfMessage(OutgoingMessage message, out OutgoingFragment rest)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsOwnedBy(this))
        {
            throw new ArgumentException("The message belongs to another send queue.", nameof(message));
        }

        message.MarkAbandoned();
        if (!message.IsQueued || !message.IsStarted || !_streams.TryGetValue(message.Stream, out var stream))
        {
            rest = default;
            return false;
        }

        int offset = message.BytesFragmented;
        int length = message.Length - offset;
        rest = new OutgoingFragment(message, message.AddFragment(length), offset, length);
        ReduceBufferedAmount(stream, length);
        bool wasHead = ReferenceEquals(stream.Head, message);
        RemoveFromStream(stream, message);
        if (wasHead && ReferenceEquals(_currentDataStream, stream))
        {
            _currentDataStream = null;
        }

        UpdateScheduling(stream, headChanged: wasHead);
        return true;
    }

    /// <summary>Bytes queued on <paramref name="stream"/> and not yet produced as fragments (WebRTC's bufferedAmount, less what is in flight).</summary>
    public int BufferedAmount(StreamId stream) => _streams.TryGetValue(stream, out var s) ? s.BufferedAmount : 0;

    /// <summary>The level at or below which <see cref="BufferedAmount"/> must drop, from above, for a buffered-amount-low event. Default 0.</summary>
    public int GetBufferedAmountLowThreshold(StreamId stream) => _streams.TryGetValue(stream, out var s) ? s.BufferedAmountLowThreshold : 0;

    /// <summary>
    /// Sets the level at or below which <see cref="BufferedAmount"/> must drop, from above, for a
    /// buffered-amount-low event (as WebRTC's bufferedAmountLowThreshold). Changing it raises no event by itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative.</exception>
    public void SetBufferedAmountLowThreshold(StreamId stream, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        GetOrCreateStream(stream).BufferedAmountLowThreshold = threshold;
    }

    /// <summary>
    /// Takes the next buffered-amount-low event: a stream whose <see cref="BufferedAmount"/> dropped from
    /// above its threshold to at or below it. A stream has at most one event waiting: crossings before
    /// it is polled count as one.
    /// </summary>
    public bool TryDequeueBufferedAmountLow(out StreamId stream)
    {
        while (_bufferedAmountLowEvents.TryDequeue(out stream))
        {
            if (_streams.TryGetValue(stream, out var s) && s.BufferedAmountLowPending)
            {
                s.BufferedAmountLowPending = false;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Pauses <paramref name="stream"/> ahead of a stream reset (RFC 6525 section 5.1.2): a partly sent
    /// message is finished, so that every SSN in use is covered by the reset request, but no new message
    /// is started. Queued messages stay queued until <see cref="Resume"/>.
    /// </summary>
    public void Pause(StreamId stream)
    {
        var s = GetOrCreateStream(stream);
        s.IsPaused = true;
        UpdateScheduling(s, headChanged: false);
    }

    /// <summary>Lets a paused stream start messages again.</summary>
    public void Resume(StreamId stream)
    {
        if (_streams.TryGetValue(stream, out var s))
        {
            s.IsPaused = false;
            UpdateScheduling(s, headChanged: false);
        }
    }

    /// <summary>True when <paramref name="stream"/> is paused.</summary>
    public bool IsPaused(StreamId stream) => _streams.TryGetValue(stream, out var s) && s.IsPaused;

    /// <summary>True when <paramref name="stream"/> has a message some but not all of whose fragments have been produced.</summary>
    public bool HasPartialMessage(StreamId stream) => _streams.TryGetValue(stream, out var s) && s.HasPartialMessage;

    /// <summary>
    /// Completes a reset of <paramref name="stream"/> (RFC 6525 section 5.1.2): the next SSN and both
    /// next MIDs go back to 0, and a stream closed with <see cref="CloseStream"/> accepts messages again.
    /// It stays paused until <see cref="Resume"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream has a partly sent message, whose number the reset request could not have covered.</exception>
    public void ResetSequenceNumbers(StreamId stream)
    {
        if (!_streams.TryGetValue(stream, out var s))
        {
            return;
        }

        if (s.HasPartialMessage)
        {
            throw new InvalidOperationException($"Stream {stream} cannot be reset while a message is partly sent; pause it and wait until HasPartialMessage is false.");
        }

        s.NextSsn = default;
        s.NextOrderedMid = default;
        s.NextUnorderedMid = default;
        s.IsClosed = false;
    }

    /// <summary>
    /// Closes <paramref name="stream"/> for writing: further <see cref="Enqueue"/> calls for it throw
    /// until <see cref="ResetSequenceNumbers"/> completes its reset. Messages already queued are still
    /// sent, so the association can wait for <see cref="BufferedAmount"/> to reach 0 before resetting.
    /// </summary>
    public void CloseStream(StreamId stream) => GetOrCreateStream(stream).IsClosed = true;

    /// <summary>
    /// Opens a stream closed by <see cref="CloseStream"/> again without touching its sequence numbers, as
    /// when the peer refused its reset (RFC 6525 section 5.2.7).
    /// </summary>
    public void ReopenStream(StreamId stream)
    {
        if (_streams.TryGetValue(stream, out var s))
        {
            s.IsClosed = false;
        }
    }

    /// <summary>True when <paramref name="stream"/> is closed for writing.</summary>
    public bool IsClosed(StreamId stream) => _streams.TryGetValue(stream, out var s) && s.IsClosed;

    /// <summary>
    /// Sets the scheduler parameter of <paramref name="stream"/> (RFC 8260 section 4.3.2): with
    /// <see cref="StreamSchedulerKind.Priority"/> a priority, lower values first; with
    /// <see cref="StreamSchedulerKind.WeightedFairQueueing"/> a weight, higher values get more bytes;
    /// ignored by the other schedulers. Default <see cref="DefaultPriority"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight of 0 with weighted fair queueing.</exception>
    public void SetPriority(StreamId stream, ushort priority)
    {
        if (priority == 0 && _scheduler.Kind == StreamSchedulerKind.WeightedFairQueueing)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "A weighted fair queueing weight must be at least 1.");
        }

        var s = GetOrCreateStream(stream);
        s.Priority = priority;
        if (s.IsScheduled)
        {
            _scheduler.OnPriorityChanged(s);
        }
    }

    /// <summary>The scheduler parameter of <paramref name="stream"/>.</summary>
    public ushort GetPriority(StreamId stream) => _streams.TryGetValue(stream, out var s) ? s.Priority : DefaultPriority;

    /// <summary>
    /// Drops every queued message (for example when the association ends), returning their buffers
    /// once their fragments still held elsewhere are released. Stream settings are kept, and so are
    /// sequence numbers unless <paramref name="resetStreams"/>: then every stream starts again from SSN
    /// and MID 0, neither paused nor closed, as in a new association (RFC 9260 section 5.2.4, action A).
    /// </summary>
    public void Clear(bool resetStreams = false)
    {
        foreach (var stream in _streams.Values)
        {
            while (stream.Messages.TryDequeue(out var message))
            {
                message.ReleaseQueueReference();
            }

            if (resetStreams)
            {
                stream.NextSsn = default;
                stream.NextOrderedMid = default;
                stream.NextUnorderedMid = default;
                stream.IsPaused = false;
                stream.IsClosed = false;
            }

            if (stream.IsScheduled)
            {
                _scheduler.Deactivate(stream);
            }

            stream.BufferedAmount = 0;
            stream.BufferedAmountLowPending = false;
        }

        _bufferedAmountLowEvents.Clear();
        _currentDataStream = null;
        TotalBufferedAmount = 0;
        QueuedMessageCount = 0;
    }

    internal void ReturnMessage(OutgoingMessage message)
    {
        if (_messagePool.Count < MaxPooledMessages)
        {
            _messagePool.Push(message);
        }
    }

    private OutgoingMessage RentMessage() => _messagePool.TryPop(out var message) ? message : new OutgoingMessage(this);

    private SendStream GetOrCreateStream(StreamId id)
    {
        if (!_streams.TryGetValue(id, out var stream))
        {
            stream = new SendStream(id, DefaultPriority);
            _streams.Add(id, stream);
        }

        return stream;
    }

    private static void AssignNumber(SendStream stream, OutgoingMessage message, bool interleaved)
    {
        if (interleaved)
        {
            // RFC 8260 section 2.1: ordered and unordered messages are numbered in separate MID sequences.
            if (message.IsUnordered)
            {
                message.AssignNumber(interleaved: true, default, stream.NextUnorderedMid);
                stream.NextUnorderedMid = stream.NextUnorderedMid.Next;
            }
            else
            {
                message.AssignNumber(interleaved: true, default, stream.NextOrderedMid);
                stream.NextOrderedMid = stream.NextOrderedMid.Next;
            }
        }
        else if (message.IsUnordered)
        {
            // RFC 9260 section 3.3.1: an unordered DATA chunk has no SSN (the receiver ignores the
            // field), so it takes none from the ordered sequence.
            message.AssignNumber(interleaved: false, default, default);
        }
        else
        {
            message.AssignNumber(interleaved: false, stream.NextSsn, default);
            stream.NextSsn = stream.NextSsn.Next;
        }
    }

    private void DropExpired(SendStream stream, OutgoingMessage message)
    {
        // RFC 7496 section 3 / RFC 3758 section 3.5: never sent, so nothing is owed to the peer: no
        // TSN, no SSN or MID, no FORWARD-TSN. The next message takes the number this one would have had.
        message.MarkAbandoned();
        AbandonedMessageCount++;
        RemoveFromStream(stream, message);
        UpdateScheduling(stream, headChanged: true);
    }

    // Takes an unfinished message out of its stream's queue and gives up the queue's reference.
    private void RemoveFromStream(SendStream stream, OutgoingMessage message)
    {
        if (ReferenceEquals(stream.Head, message))
        {
            stream.Messages.Dequeue();
        }
        else
        {
            // Only a started message can be discarded through DiscardRestOfMessage, and only the head
            // can be started; this keeps the queue consistent if that ever changes. Order is kept.
            int count = stream.Messages.Count;
            for (int i = 0; i < count; i++)
            {
                var queued = stream.Messages.Dequeue();
                if (!ReferenceEquals(queued, message))
                {
                    stream.Messages.Enqueue(queued);
                }
            }
        }

        QueuedMessageCount--;
        ReduceBufferedAmount(stream, message.Length - message.BytesFragmented);
        message.ReleaseQueueReference();
    }

    private void ReduceBufferedAmount(SendStream stream, int bytes)
    {
        int before = stream.BufferedAmount;
        stream.BufferedAmount = before - bytes;
        TotalBufferedAmount -= bytes;

        // Like WebRTC's bufferedamountlow: once per drop from above the threshold to at or below it.
        int threshold = stream.BufferedAmountLowThreshold;
        if (before > threshold && stream.BufferedAmount <= threshold && !stream.BufferedAmountLowPending)
        {
            stream.BufferedAmountLowPending = true;
            _bufferedAmountLowEvents.Enqueue(stream.Id);
        }
    }

    // Keeps the scheduler's set equal to the streams that have something they may send now.
    private void UpdateScheduling(SendStream stream, bool headChanged)
    {
        bool sendable = stream.HasSendableMessage;
        if (sendable && !stream.IsScheduled)
        {
            _scheduler.Activate(stream);
        }
        else if (!sendable && stream.IsScheduled)
        {
            _scheduler.Deactivate(stream);
        }
        else if (sendable && headChanged)
        {
            _scheduler.OnHeadChanged(stream);
        }
    }
}
