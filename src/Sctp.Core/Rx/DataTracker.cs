using Sctp.Packet.Chunks;

namespace Sctp.Rx;

/// <summary>What the data tracker made of a received TSN.</summary>
public enum TsnObservation
{
    /// <summary>Not seen before: the chunk is to be delivered to reassembly.</summary>
    New,
    /// <summary>Already received (at or below the cumulative ack point, or in a gap block): reported as a duplicate.</summary>
    Duplicate,
    /// <summary>Too far ahead of the cumulative ack point to track: dropped, not buffered.</summary>
    TooFarAhead,
}

/// <summary>
/// Tracks which TSNs have arrived, to build SACKs (RFC 9260 section 6.2): the cumulative TSN ack point,
/// gap ack blocks for what arrived above it, and the duplicates seen since the last SACK. Also decides
/// when a SACK is due: at once on gaps, duplicates and the I bit, otherwise on every second packet or
/// when the delayed-ack timer expires.
/// </summary>
/// <remarks>
/// TSNs are kept unwrapped to 64 bits so that ordering survives wrap-around. Received TSNs above the
/// cumulative point are stored as sorted, disjoint, non-adjacent ranges; their count is bounded by
/// <see cref="MaxTrackedDistance"/>, so a peer cannot grow this without bound.
/// </remarks>
public sealed class DataTracker
{
    /// <summary>The most duplicate TSNs reported in one SACK; more are counted but not listed.</summary>
    public const int MaxReportedDuplicates = 32;

    private readonly List<TsnRange> _ranges = new(16);
    private readonly Tsn[] _duplicates = new Tsn[MaxReportedDuplicates];
    private SerialUnwrapper32 _unwrapper;
    private long _cumulative;
    private int _duplicateCount;
    private int _packetsSinceSack;
    private bool _sackNow;

    /// <summary>Starts tracking after the peer's initial TSN (the cumulative ack point is initial TSN - 1).</summary>
    /// <param name="peerInitialTsn">The Initial TSN from the peer's INIT or INIT ACK.</param>
    /// <param name="maxTrackedDistance">How far above the cumulative ack point a TSN may be and still be tracked.</param>
    public DataTracker(Tsn peerInitialTsn, uint maxTrackedDistance = 65_535)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxTrackedDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxTrackedDistance, 0x7FFF_FFFFu);
        var cumulative = peerInitialTsn.Previous;
        _unwrapper = new SerialUnwrapper32(cumulative.Value);
        _cumulative = _unwrapper.Unwrap(cumulative.Value);
        MaxTrackedDistance = maxTrackedDistance;
    }

    /// <summary>How far above the cumulative ack point a TSN may be and still be tracked.</summary>
    public uint MaxTrackedDistance { get; }

    /// <summary>The cumulative TSN ack point: every TSN up to and including it has arrived (or was skipped by FORWARD-TSN).</summary>
    public Tsn CumulativeTsnAck => new((uint)_cumulative);

    /// <summary>True when TSNs above the cumulative ack point have arrived, i.e. there are gaps.</summary>
    public bool HasGaps => _ranges.Count > 0;

    /// <summary>The number of gap ack blocks a SACK would carry.</summary>
    public int GapBlockCount => _ranges.Count;

    /// <summary>Duplicates recorded since the last SACK (at most <see cref="MaxReportedDuplicates"/>).</summary>
    public ReadOnlySpan<Tsn> Duplicates => _duplicates.AsSpan(0, _duplicateCount);

    /// <summary>True when a SACK should go out now rather than wait for the delayed-ack timer.</summary>
    public bool ShouldSendSackNow => _sackNow;

    /// <summary>True when received data has not been acknowledged yet.</summary>
    public bool HasUnacknowledgedData => _packetsSinceSack > 0 || _sackNow;

    /// <summary>Records the arrival of a DATA or I-DATA chunk with <paramref name="tsn"/>.</summary>
    public TsnObservation Observe(Tsn tsn)
    {
        long value = _unwrapper.PeekUnwrap(tsn.Value);
        if (value <= _cumulative || Contains(value))
        {
            // RFC 9260 section 6.2: report the duplicate in the next SACK, and send that SACK at once.
            if (_duplicateCount < MaxReportedDuplicates)
            {
                _duplicates[_duplicateCount++] = tsn;
            }

            _sackNow = true;
            return TsnObservation.Duplicate;
        }

        if (value - _cumulative > MaxTrackedDistance)
        {
            return TsnObservation.TooFarAhead;
        }

        _unwrapper.Unwrap(tsn.Value);
        bool hadGaps = _ranges.Count > 0;
        if (value == _cumulative + 1)
        {
            _cumulative = value;
            if (_ranges.Count > 0 && _ranges[0].Start == _cumulative + 1)
            {
                _cumulative = _ranges[0].End;
                _ranges.RemoveAt(0);
            }
        }
        else
        {
            Insert(value);
        }

        // RFC 9260 section 6.7: a receiver that sees a gap (or sees one filled) sends a SACK at once,
        // so the sender learns of the loss, or of the recovery, without waiting for the delayed ack.
        if (_ranges.Count > 0 || hadGaps)
        {
            _sackNow = true;
        }

        return TsnObservation.New;
    }

    /// <summary>
    /// Call once per received packet that carried DATA or I-DATA, after its chunks were observed.
    /// RFC 9260 section 6.2: a SACK is sent for at least every second such packet; the I bit
    /// (RFC 9260 section 3.3.1, from RFC 7053) asks for one at once.
    /// </summary>
    public void OnDataPacketReceived(bool immediateAckRequested)
    {
        _packetsSinceSack++;
        if (immediateAckRequested || _packetsSinceSack >= 2)
        {
            _sackNow = true;
        }
    }

    /// <summary>Asks for a SACK at once (for example when the delayed-ack timer expires or on SHUTDOWN handling).</summary>
    public void RequestSackNow() => _sackNow = true;

    /// <summary>
    /// Writes the gap ack blocks as offsets from the cumulative ack point (RFC 9260 section 3.3.4) into
    /// <paramref name="destination"/>; returns how many were written (the lowest first, as many as fit
    /// and as can be expressed in 16-bit offsets).
    /// </summary>
    public int WriteGapBlocks(Span<GapAckBlock> destination)
    {
        int count = 0;
        foreach (var range in _ranges)
        {
            if (count == destination.Length || range.End - _cumulative > ushort.MaxValue)
            {
                break;
            }

            destination[count++] = new GapAckBlock((ushort)(range.Start - _cumulative), (ushort)(range.End - _cumulative));
        }

        return count;
    }

    /// <summary>Records that a SACK carrying the current state was sent: clears duplicates and the pending flags.</summary>
    public void OnSackSent()
    {
        _duplicateCount = 0;
        _packetsSinceSack = 0;
        _sackNow = false;
    }

    /// <summary>
    /// Moves the cumulative ack point forward to <paramref name="newCumulativeTsn"/> as a FORWARD-TSN or
    /// I-FORWARD-TSN asks (RFC 3758 section 3.6): TSNs up to it are treated as received. A point at or
    /// below the current one changes nothing (an old or duplicate FORWARD-TSN). Returns true if it moved.
    /// </summary>
    public bool ForwardCumulativeTsn(Tsn newCumulativeTsn)
    {
        long target = _unwrapper.PeekUnwrap(newCumulativeTsn.Value);
        if (target <= _cumulative)
        {
            // RFC 3758 section 3.6: still acknowledge, so a sender whose FORWARD-TSN was late learns where we are.
            _sackNow = true;
            return false;
        }

        _unwrapper.Unwrap(newCumulativeTsn.Value);
        _cumulative = target;
        while (_ranges.Count > 0 && _ranges[0].Start <= _cumulative + 1)
        {
            _cumulative = Math.Max(_cumulative, _ranges[0].End);
            _ranges.RemoveAt(0);
        }

        _sackNow = true;
        return true;
    }

    /// <summary>
    /// Forgets that <paramref name="tsn"/> arrived, when the receiver drops the chunk it held (reneging, RFC
    /// 9260 section 6.2): the next SACK, sent at once, no longer reports it in a gap ack block, so the sender
    /// takes it as outstanding again (section 6.2.1) and the chunk counts as new when it comes back. Only a
    /// TSN above the cumulative ack point can be forgotten: the cumulative ack never moves back.
    /// </summary>
    /// <returns>True if the TSN was in a gap ack block and is forgotten; false (nothing changed) otherwise.</returns>
    public bool Forget(Tsn tsn)
    {
        long value = _unwrapper.PeekUnwrap(tsn.Value);
        int index = value > _cumulative ? FindRangeIndex(value) : -1;
        if (index < 0)
        {
            return false;
        }

        var range = _ranges[index];
        if (range.Start == range.End)
        {
            _ranges.RemoveAt(index);
        }
        else if (value == range.Start)
        {
            _ranges[index] = new TsnRange(value + 1, range.End);
        }
        else if (value == range.End)
        {
            _ranges[index] = new TsnRange(range.Start, value - 1);
        }
        else
        {
            _ranges[index] = new TsnRange(range.Start, value - 1);
            _ranges.Insert(index + 1, new TsnRange(value + 1, range.End));
        }

        _sackNow = true;
        return true;
    }

    /// <summary>True when <paramref name="tsn"/> has arrived (at or below the cumulative point, or in a gap block).</summary>
    public bool HasReceived(Tsn tsn)
    {
        long value = _unwrapper.PeekUnwrap(tsn.Value);
        return value <= _cumulative || Contains(value);
    }

    private bool Contains(long value)
    {
        int index = FindRangeIndex(value);
        return index >= 0;
    }

    // Binary search: the index of the range holding value, or ~insertionPoint.
    private int FindRangeIndex(long value)
    {
        int lo = 0;
        int hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var range = _ranges[mid];
            if (value < range.Start)
            {
                hi = mid - 1;
            }
            else if (value > range.End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return ~lo;
    }

    private void Insert(long value)
    {
        int index = ~FindRangeIndex(value);
        bool joinsPrevious = index > 0 && _ranges[index - 1].End + 1 == value;
        bool joinsNext = index < _ranges.Count && _ranges[index].Start - 1 == value;
        if (joinsPrevious && joinsNext)
        {
            _ranges[index - 1] = new TsnRange(_ranges[index - 1].Start, _ranges[index].End);
            _ranges.RemoveAt(index);
        }
        else if (joinsPrevious)
        {
            _ranges[index - 1] = new TsnRange(_ranges[index - 1].Start, value);
        }
        else if (joinsNext)
        {
            _ranges[index] = new TsnRange(value, _ranges[index].End);
        }
        else
        {
            _ranges.Insert(index, new TsnRange(value, value));
        }
    }

    private readonly record struct TsnRange(long Start, long End);
}
