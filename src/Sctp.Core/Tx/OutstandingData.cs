using Sctp.Packet.Chunks;

namespace Sctp.Tx;

/// <summary>What processing one SACK found (see <see cref="OutstandingData.HandleSack"/>).</summary>
/// <param name="Accepted">False when the SACK was out of date or acknowledged a TSN never sent; nothing changed then.</param>
/// <param name="CumulativeAckAdvanced">True when the cumulative TSN ack point moved.</param>
/// <param name="BytesNewlyAcked">Bytes of chunks acknowledged for the first time, by the cumulative TSN ack or gap blocks.</param>
/// <param name="FlightSizeBefore">The flight size before the SACK was processed.</param>
/// <param name="TimedChunkSentAt">
/// When the one chunk being timed for an RTT measurement was sent, if this SACK newly acknowledged it
/// (RFC 9260 section 6.3.1, rules C4 and C5); null otherwise. Now minus this is the round-trip sample.
/// </param>
/// <param name="FastRetransmitNeeded">True when a chunk reached its third miss indication (RFC 9260 section 7.2.4).</param>
/// <param name="AllAcknowledged">True when nothing is outstanding after the SACK.</param>
/// <param name="DuplicateTsnBytes">
/// Bytes of the chunks the SACK reports in its Duplicate TSNs, as far as they are still known (RFC 9260
/// section 7.2.2 counts them in partial_bytes_acked).
/// </param>
public readonly record struct SackOutcome(
    bool Accepted,
    bool CumulativeAckAdvanced,
    int BytesNewlyAcked,
    int FlightSizeBefore,
    TimeSpan? TimedChunkSentAt,
    bool FastRetransmitNeeded,
    bool AllAcknowledged,
    int DuplicateTsnBytes = 0);

/// <summary>
/// The DATA chunks sent and not yet cumulatively acknowledged, by TSN (RFC 9260 sections 6.2.1, 6.3,
/// 7.2.4; RFC 3758 section 3.5): what SACKs acknowledge by cumulative ack and gap blocks, what is in
/// flight, what is lost and must be retransmitted (fast retransmit after three miss indications, or a
/// T3-rtx expiry), and what partial reliability abandoned and FORWARD-TSN must skip.
/// </summary>
/// <remarks>
/// <para>
/// Entries live in a ring indexed by TSN offset from the cumulative ack point, so lookups by TSN are O(1)
/// and acknowledging the front is O(1) per chunk; a SACK costs one pass over the entries above the
/// cumulative ack point. Nothing is allocated per chunk once the ring has grown to the window's size.
/// The slots behind the cumulative ack point keep the size of the chunks acknowledged last, until new
/// chunks take them, so that a SACK's Duplicate TSNs can be counted in bytes (RFC 9260 section 7.2.2).
/// </para>
/// <para>
/// Round-trip time is measured on one chunk at a time (RFC 9260 section 6.3.1, rule C4): the first chunk
/// sent while no measurement runs is timed, and the measurement ends when a SACK newly acknowledges it.
/// It is discarded (Karn's algorithm, rule C5) when that chunk is marked for retransmission, whether it is
/// then retransmitted or acknowledged late, or abandoned; the next new chunk starts another.
/// </para>
/// </remarks>
public sealed class OutstandingData
{
    private const int MissIndicationsForFastRetransmit = 3;

    private Entry[] _ring = new Entry[64];
    private int _head;
    private int _count;
    private SerialUnwrapper32 _unwrapper;
    private long _cumulativeAck;
    private int _lostCount;
    private bool _rttMeasurementRunning;

    /// <summary>Starts with <paramref name="initialTsn"/> as the first TSN to assign.</summary>
    public OutstandingData(Tsn initialTsn)
    {
        var cumulative = initialTsn.Previous;
        _unwrapper = new SerialUnwrapper32(cumulative.Value);
        _cumulativeAck = _unwrapper.Unwrap(cumulative.Value);
    }

    /// <summary>The highest TSN the peer acknowledged cumulatively.</summary>
    public Tsn CumulativeTsnAck => new((uint)_cumulativeAck);

    /// <summary>The TSN the next new chunk gets.</summary>
    public Tsn NextTsn => new((uint)(_cumulativeAck + 1 + _count));

    /// <summary>The highest TSN sent (the cumulative ack point when nothing is outstanding).</summary>
    public Tsn HighestSentTsn => new((uint)(_cumulativeAck + _count));

    /// <summary>Bytes of chunks in flight: sent, not acknowledged, not marked lost (RFC 9260's flightsize).</summary>
    public int BytesInFlight { get; private set; }

    /// <summary>Bytes of chunks sent and not cumulatively acknowledged, other than those gap-acknowledged or abandoned.</summary>
    public int BytesOutstanding { get; private set; }

    /// <summary>Chunks not yet cumulatively acknowledged.</summary>
    public int Count => _count;

    /// <summary>True when nothing is outstanding.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>True when chunks are marked lost and wait to be retransmitted.</summary>
    public bool HasChunksToRetransmit => _lostCount > 0;

    /// <summary>True when some chunk is in flight (the T3-rtx timer should run, RFC 9260 section 6.3.2).</summary>
    public bool HasDataInFlight => BytesInFlight > 0;

    /// <summary>True while a chunk is being timed for a round-trip time measurement (RFC 9260 section 6.3.1, rule C4).</summary>
    public bool IsMeasuringRtt => _rttMeasurementRunning;

    /// <summary>
    /// The Advanced.Peer.Ack.Point (RFC 3758 section 3.5, rules C1 and C2): the cumulative ack point moved
    /// past every abandoned chunk directly above it.
    /// </summary>
    public Tsn AdvancedPeerAckPoint
    {
        get
        {
            int i = 0;
            while (i < _count && this[i].State == EntryState.Abandoned)
            {
                i++;
            }

            return new Tsn((uint)(_cumulativeAck + i));
        }
    }

    /// <summary>
    /// The lowest TSN still outstanding: sent, and neither acknowledged (cumulatively or by a gap block) nor
    /// abandoned; null when there is none. RFC 9260 section 7.2.4 restarts T3-rtx when a fast
    /// retransmission sends this one.
    /// </summary>
    public Tsn? LowestOutstandingTsn
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                if (this[i].State is EntryState.InFlight or EntryState.Lost)
                {
                    return new Tsn((uint)(_cumulativeAck + 1 + i));
                }
            }

            return null;
        }
    }

    private ref Entry this[int index] => ref _ring[(_head + index) & (_ring.Length - 1)];

    /// <summary>Records a chunk sent for the first time; returns its TSN.</summary>
    /// <param name="fragment">The fragment; this structure releases it when it is acknowledged or abandoned.</param>
    /// <param name="size">Its size on the wire (chunk header, payload, padding), the unit of flight size.</param>
    /// <param name="now">The send time.</param>
    public Tsn Add(in OutgoingFragment fragment, int size, TimeSpan now)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }

        var tsn = NextTsn;

        // RFC 9260 section 6.3.1, rule C4: at most one measurement per round trip, so only the first new
        // chunk sent while none runs is timed; its acknowledgement ends the measurement.
        bool timed = !_rttMeasurementRunning;
        _rttMeasurementRunning = true;
        this[_count] = new Entry { Fragment = fragment, Size = size, SentAt = now, TransmitCount = 1, State = EntryState.InFlight, Timed = timed };
        _count++;
        BytesInFlight += size;
        BytesOutstanding += size;
        return tsn;
    }

    /// <summary>
    /// Processes a SACK (RFC 9260 section 6.2.1): drops it if its cumulative ack is behind ours or acks a
    /// TSN never sent; acknowledges up to the cumulative ack and what the gap blocks cover; returns to
    /// flight what a previous SACK gap-acknowledged but this one does not (reneging); counts miss
    /// indications by the highest-newly-acknowledged rule and marks a chunk lost on its third
    /// (section 7.2.4). In fast recovery, a SACK that advances the cumulative ack counts a miss for every
    /// TSN it reports missing.
    /// </summary>
    public SackOutcome HandleSack(in SackChunk sack, bool inFastRecovery)
    {
        long cumulative = _unwrapper.PeekUnwrap(sack.CumulativeTsnAck.Value);
        if (cumulative < _cumulativeAck || cumulative > _cumulativeAck + _count)
        {
            return default;
        }

        int flightBefore = BytesInFlight;
        int bytesAcked = 0;
        TimeSpan? timedSentAt = null;
        bool advanced = cumulative > _cumulativeAck;

        AcknowledgeUpTo(cumulative, ref bytesAcked, ref timedSentAt);
        _unwrapper.Unwrap(sack.CumulativeTsnAck.Value);

        // One pass over what remains, walking the gap blocks alongside (blocks that are out of order or
        // overlap are tolerated: a TSN counts as acknowledged if any block covers it).
        long highestNewlyAcked = long.MinValue;
        long highestReported = long.MinValue;
        int blockCount = sack.GapAckBlockCount;
        for (int i = 0; i < _count; i++)
        {
            long offset = i + 1;
            bool covered = false;
            for (int b = 0; b < blockCount; b++)
            {
                var block = sack.GetGapAckBlock(b);
                if (offset >= block.Start && offset <= block.End)
                {
                    covered = true;
                    break;
                }
            }

            ref var entry = ref this[i];
            if (covered)
            {
                highestReported = offset;
                if (entry.State is EntryState.InFlight or EntryState.Lost)
                {
                    bytesAcked += Acknowledge(ref entry, ref timedSentAt);
                    entry.State = EntryState.GapAcked;
                    highestNewlyAcked = offset;
                }
            }
            else if (entry.State == EntryState.GapAcked)
            {
                // RFC 9260 section 6.2.1: the receiver reneged; the chunk is outstanding again and T3-rtx
                // will recover it if it is really gone.
                entry.State = EntryState.InFlight;
                BytesInFlight += entry.Size;
                BytesOutstanding += entry.Size;
            }
        }

        bool fastRetransmit = false;
        long missLimit = inFastRecovery && advanced ? highestReported : highestNewlyAcked;
        for (int i = 0; i < _count && i + 1 < missLimit; i++)
        {
            ref var entry = ref this[i];
            if (entry.State != EntryState.InFlight || entry.FastRetransmitted)
            {
                continue;
            }

            if (++entry.MissIndications >= MissIndicationsForFastRetransmit)
            {
                MarkLost(ref entry);
                entry.FastRetransmitted = true;
                fastRetransmit = true;
            }
        }

        return new SackOutcome(true, advanced, bytesAcked, flightBefore, timedSentAt, fastRetransmit, _count == 0, DuplicateBytes(sack));
    }

    /// <summary>
    /// Processes a cumulative acknowledgement alone, as a SHUTDOWN carries (RFC 9260 section 9.2): what it
    /// covers is acknowledged; gap-acknowledged chunks above it stay so, and no miss is counted.
    /// </summary>
    public SackOutcome HandleCumulativeAck(Tsn cumulativeTsnAck)
    {
        long cumulative = _unwrapper.PeekUnwrap(cumulativeTsnAck.Value);
        if (cumulative < _cumulativeAck || cumulative > _cumulativeAck + _count)
        {
            return default;
        }

        int flightBefore = BytesInFlight;
        int bytesAcked = 0;
        TimeSpan? timedSentAt = null;
        bool advanced = cumulative > _cumulativeAck;
        AcknowledgeUpTo(cumulative, ref bytesAcked, ref timedSentAt);
        _unwrapper.Unwrap(cumulativeTsnAck.Value);
        return new SackOutcome(true, advanced, bytesAcked, flightBefore, timedSentAt, false, _count == 0);
    }

    /// <summary>
    /// T3-rtx expired (RFC 9260 section 6.3.3, rule E3): every chunk in flight is marked for
    /// retransmission. Gap-acknowledged chunks stay as they are.
    /// </summary>
    public void MarkAllInFlightLost()
    {
        for (int i = 0; i < _count; i++)
        {
            ref var entry = ref this[i];
            if (entry.State == EntryState.InFlight)
            {
                MarkLost(ref entry);
            }
        }
    }

    /// <summary>
    /// Finds the lowest-TSN chunk marked lost whose size is at most <paramref name="maxSize"/> and sends it
    /// again: it goes back in flight with its retransmission counted. Chunks whose reliability policy
    /// forbids another transmission (limited retransmissions used up, or lifetime over) are abandoned on
    /// the way (RFC 3758 section 3.5, rule A; RFC 7496), with every other chunk of their message.
    /// </summary>
    /// <returns>True with the chunk's TSN and fragment, or false when none fits.</returns>
    public bool TryRetransmit(TimeSpan now, int maxSize, SendQueue sendQueue, out Tsn tsn, out OutgoingFragment fragment, out int abandonedMessages)
    {
        abandonedMessages = 0;
        for (int i = 0; i < _count && _lostCount > 0; i++)
        {
            ref var entry = ref this[i];
            if (entry.State != EntryState.Lost)
            {
                continue;
            }

            if (!entry.Fragment.Policy.AllowsRetransmission(entry.TransmitCount - 1) || entry.Fragment.IsExpired(now))
            {
                abandonedMessages += Abandon(entry.Fragment.Message, sendQueue);
                continue;
            }

            if (entry.Size > maxSize)
            {
                continue;
            }

            entry.State = EntryState.InFlight;
            entry.TransmitCount++;
            entry.SentAt = now;
            entry.MissIndications = 0;
            _lostCount--;
            BytesInFlight += entry.Size;
            tsn = new Tsn((uint)(_cumulativeAck + 1 + i));
            fragment = entry.Fragment;
            return true;
        }

        tsn = default;
        fragment = default;
        return false;
    }

    /// <summary>
    /// Abandons every outstanding chunk of timed messages whose lifetime has passed (RFC 7496 section 4.2:
    /// an expired message is not sent again). Returns the number of messages abandoned.
    /// </summary>
    public int AbandonExpired(TimeSpan now, SendQueue sendQueue)
    {
        int abandoned = 0;
        for (int i = 0; i < _count; i++)
        {
            ref var entry = ref this[i];
            if (entry.State is EntryState.InFlight or EntryState.Lost && entry.Fragment.IsExpired(now))
            {
                abandoned += Abandon(entry.Fragment.Message, sendQueue);
            }
        }

        return abandoned;
    }

    /// <summary>
    /// The streams and sequence numbers a FORWARD-TSN up to <see cref="AdvancedPeerAckPoint"/> must name
    /// (RFC 3758 section 3.2): for each stream, the highest SSN of an abandoned ordered message.
    /// </summary>
    public List<ForwardTsnStream> GetForwardTsnStreams()
    {
        var streams = new List<ForwardTsnStream>();
        for (int i = 0; i < _count && this[i].State == EntryState.Abandoned; i++)
        {
            ref var entry = ref this[i];
            if (entry.Fragment.IsUnordered)
            {
                continue;
            }

            var item = new ForwardTsnStream(entry.Fragment.Stream, entry.Fragment.Ssn);
            int existing = streams.FindIndex(s => s.StreamId == item.StreamId);
            if (existing < 0)
            {
                streams.Add(item);
            }
            else if (streams[existing].Ssn < item.Ssn)
            {
                streams[existing] = item;
            }
        }

        return streams;
    }

    /// <summary>
    /// The streams an I-FORWARD-TSN up to <see cref="AdvancedPeerAckPoint"/> must name (RFC 8260 section
    /// 2.3): for each stream and ordering, the highest MID of an abandoned message.
    /// </summary>
    public List<IForwardTsnStream> GetIForwardTsnStreams()
    {
        var streams = new List<IForwardTsnStream>();
        for (int i = 0; i < _count && this[i].State == EntryState.Abandoned; i++)
        {
            ref var entry = ref this[i];
            var item = new IForwardTsnStream(entry.Fragment.Stream, entry.Fragment.IsUnordered, entry.Fragment.Mid);
            int existing = streams.FindIndex(s => s.StreamId == item.StreamId && s.Unordered == item.Unordered);
            if (existing < 0)
            {
                streams.Add(item);
            }
            else if (streams[existing].Mid < item.Mid)
            {
                streams[existing] = item;
            }
        }

        return streams;
    }

    /// <summary>Releases every fragment (the association is closing or restarting).</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            this[i].Fragment.Release();
            this[i] = default;
        }

        _count = 0;
        _lostCount = 0;
        _rttMeasurementRunning = false;
        BytesInFlight = 0;
        BytesOutstanding = 0;
    }

    // Cumulatively acknowledged chunks leave the structure; their slot remembers only the size, for
    // Duplicate TSNs reported later (DuplicateBytes).
    private void AcknowledgeUpTo(long cumulative, ref int bytesAcked, ref TimeSpan? timedSentAt)
    {
        while (_cumulativeAck < cumulative)
        {
            ref var entry = ref this[0];
            bytesAcked += Acknowledge(ref entry, ref timedSentAt);
            entry.Fragment.Release();
            entry = new Entry { Size = entry.Size, State = EntryState.Acknowledged };
            _head = (_head + 1) & (_ring.Length - 1);
            _count--;
            _cumulativeAck++;
        }
    }

    private int Acknowledge(ref Entry entry, ref TimeSpan? timedSentAt)
    {
        switch (entry.State)
        {
            case EntryState.InFlight:
                BytesInFlight -= entry.Size;
                BytesOutstanding -= entry.Size;
                break;
            case EntryState.Lost:
                // Marking it lost took it out of flight only: it stayed outstanding until now.
                _lostCount--;
                BytesOutstanding -= entry.Size;
                break;
            default:
                return 0;
        }

        // RFC 9260 section 6.3.1, rule C4: the measurement ends when the timed chunk is acknowledged for
        // the first time, by the cumulative TSN ack or a gap block. A timed chunk is never one that was
        // marked for retransmission (rule C5: MarkLost discards the measurement), so the sample is the
        // round trip of its one transmission, not the wait for a late SACK after a T3-rtx expiry.
        if (entry.Timed)
        {
            entry.Timed = false;
            _rttMeasurementRunning = false;
            if (entry.TransmitCount == 1)
            {
                timedSentAt = entry.SentAt;
            }
        }

        return entry.Size;
    }

    /// <summary>
    /// Bytes of the chunks <paramref name="sack"/> reports as received more than once (RFC 9260 section
    /// 7.2.2). A TSN is looked up among the chunks outstanding and, at or below the cumulative ack point, in
    /// the ring slots that still remember what was acknowledged last; a TSN never sent, or acknowledged so
    /// long ago that its slot was reused, counts nothing.
    /// </summary>
    private int DuplicateBytes(in SackChunk sack)
    {
        int bytes = 0;
        int history = _ring.Length - _count;
        for (int d = 0; d < sack.DuplicateTsnCount; d++)
        {
            long above = _unwrapper.PeekUnwrap(sack.GetDuplicateTsn(d).Value) - _cumulativeAck;
            if (above > 0 && above <= _count)
            {
                bytes += this[(int)(above - 1)].Size;
            }
            else if (above <= 0 && -above < history)
            {
                // The slot just behind the head holds the cumulative ack point, the one before it the TSN
                // below, and so on, until new chunks reuse them (history counts those not reused yet).
                ref var slot = ref _ring[(_head - 1 + (int)above) & (_ring.Length - 1)];
                if (slot.State == EntryState.Acknowledged)
                {
                    bytes += slot.Size;
                }
            }
        }

        return bytes;
    }

    // A chunk marked for retransmission leaves the flight (RFC 9260 section 7.2.4, 6.3.3 E1: flightsize
    // counts what the network may hold) but stays outstanding: it is sent and unacknowledged, and its
    // buffer is still held, until a SACK or an abandonment removes it.
    private void MarkLost(ref Entry entry)
    {
        entry.State = EntryState.Lost;
        _lostCount++;
        BytesInFlight -= entry.Size;
        DiscardRttMeasurement(ref entry);
    }

    // RFC 9260 section 6.3.1, rule C5 (Karn's algorithm): a chunk marked for retransmission gives no RTT
    // sample, whichever transmission its acknowledgement answers; the next new chunk starts a new measurement.
    private void DiscardRttMeasurement(ref Entry entry)
    {
        if (entry.Timed)
        {
            entry.Timed = false;
            _rttMeasurementRunning = false;
        }
    }

    /// <summary>
    /// Abandons a message (RFC 3758 section 3.5): every outstanding chunk of it is marked abandoned (never
    /// sent again), and whatever of it is still queued is discarded behind a placeholder chunk that takes
    /// the next TSN, abandoned and never sent. Returns 1 if it was not abandoned yet.
    /// </summary>
    private int Abandon(OutgoingMessage message, SendQueue sendQueue)
    {
        if (message.IsAbandoned)
        {
            return 0;
        }

        for (int i = 0; i < _count; i++)
        {
            ref var entry = ref this[i];
            if (!ReferenceEquals(entry.Fragment.Message, message) || entry.State == EntryState.Abandoned)
            {
                continue;
            }

            if (entry.State == EntryState.InFlight)
            {
                BytesInFlight -= entry.Size;
                BytesOutstanding -= entry.Size;
            }
            else if (entry.State == EntryState.Lost)
            {
                _lostCount--;
                BytesOutstanding -= entry.Size;
            }

            entry.State = EntryState.Abandoned;
            DiscardRttMeasurement(ref entry);
        }

        // RFC 3758 section 3.5: the unsent rest is never sent, but it takes a TSN, abandoned at once, so that
        // the FORWARD-TSN moves past it and names the message even if the peer has every fragment sent.
        if (sendQueue.DiscardRestOfMessage(message, out var rest))
        {
            if (_count == _ring.Length)
            {
                Grow();
            }

            this[_count] = new Entry { Fragment = rest, Size = 0, SentAt = default, TransmitCount = 0, State = EntryState.Abandoned };
            _count++;
        }

        return 1;
    }

    private void Grow()
    {
        var larger = new Entry[_ring.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = this[i];
        }

        _ring = larger;
        _head = 0;
    }

    private enum EntryState : byte
    {
        InFlight,
        GapAcked,
        Lost,
        Abandoned,

        // A slot behind the cumulative ack point: only Size is kept (see DuplicateBytes).
        Acknowledged,
    }

    private struct Entry
    {
        public OutgoingFragment Fragment;
        public int Size;
        public TimeSpan SentAt;
        public int TransmitCount;
        public EntryState State;
        public byte MissIndications;
        public bool FastRetransmitted;

        // The chunk whose round trip is being measured (RFC 9260 section 6.3.1, rule C4); at most one.
        public bool Timed;
    }
}
