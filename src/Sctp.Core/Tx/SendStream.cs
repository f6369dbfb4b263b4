namespace Sctp.Tx;

/// <summary>
/// The send side of one stream: its queue of messages, its sequence numbers, its buffered amount,
/// pause and close state, and the fields its scheduler keys it by. Internal to <see cref="SendQueue"/>.
/// </summary>
internal sealed class SendStream
{
    public SendStream(StreamId id, ushort priority)
    {
        Id = id;
        Priority = priority;
    }

    public StreamId Id { get; }

    /// <summary>Messages not yet fully fragmented, oldest first; only the head may be partly fragmented.</summary>
    public Queue<OutgoingMessage> Messages { get; } = new();

    /// <summary>The SSN the next ordered DATA message gets (RFC 9260 section 6.5; wraps 65,535 to 0).</summary>
    public Ssn NextSsn { get; set; }

    /// <summary>The MID the next ordered I-DATA message gets (RFC 8260 section 2.1).</summary>
    public Mid NextOrderedMid { get; set; }

    /// <summary>The MID the next unordered I-DATA message gets: a separate sequence (RFC 8260 section 2.1).</summary>
    public Mid NextUnorderedMid { get; set; }

    /// <summary>Bytes queued but not yet produced as fragments.</summary>
    public int BufferedAmount { get; set; }

    /// <summary>The buffered-amount-low event fires when <see cref="BufferedAmount"/> drops from above this to at or below it.</summary>
    public int BufferedAmountLowThreshold { get; set; }

    /// <summary>True while a buffered-amount-low event for this stream waits to be polled (so one is queued at most once).</summary>
    public bool BufferedAmountLowPending { get; set; }

    /// <summary>A paused stream finishes its partly sent message but starts no new one (RFC 6525 section 5.1.2).</summary>
    public bool IsPaused { get; set; }

    /// <summary>A closed stream accepts no new messages until its reset is done.</summary>
    public bool IsClosed { get; set; }

    /// <summary>The scheduler parameter (RFC 8260 section 4.3.2): a priority or a weight depending on the scheduler.</summary>
    public ushort Priority { get; set; }

    /// <summary>The oldest queued message, or null.</summary>
    public OutgoingMessage? Head => Messages.Count > 0 ? Messages.Peek() : null;

    /// <summary>True when the head message has been started and not finished.</summary>
    public bool HasPartialMessage => Messages.Count > 0 && Messages.Peek().IsStarted;

    /// <summary>True when the stream has something it may send now: a partly sent message, or a queued one if not paused.</summary>
    public bool HasSendableMessage => Messages.Count > 0 && (!IsPaused || Messages.Peek().IsStarted);

    // Scheduler state. A stream is in the scheduler's heap exactly while it has a sendable message.

    /// <summary>The stream's position in the scheduler heap, or -1 when it is not scheduled.</summary>
    public int HeapIndex { get; set; } = -1;

    /// <summary>True while the stream is in the scheduler.</summary>
    public bool IsScheduled => HeapIndex >= 0;

    /// <summary>The primary heap key, compared plainly (lower first): the priority for the priority scheduler, 0 otherwise.</summary>
    public long MajorKey { get; set; }

    /// <summary>The secondary heap key, compared in serial arithmetic (lower first): a turn, a message order or a virtual time.</summary>
    public long MinorKey { get; set; }

    /// <summary>Weighted fair queueing: the virtual time the stream had reached when it last left the scheduler.</summary>
    public long VirtualFinish { get; set; }

    /// <summary>Weighted fair queueing: the part of the last charge that did not divide by the weight, carried so no byte is lost to rounding.</summary>
    public long ChargeRemainder { get; set; }
}
