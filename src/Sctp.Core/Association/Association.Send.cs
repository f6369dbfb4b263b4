using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Timers;
using Sctp.Tx;

namespace Sctp;

public sealed partial class Association
{
    private readonly SendQueue _sendQueue = new();
    private readonly CongestionControl _congestion;
    private OutstandingData _outstanding = new(default);
    private long _peerReceiveWindow;
    private int _burstBudget;
    private bool _fastRetransmitPending;
    private bool _forwardTsnPending;
    private bool _sendBlocked;
    private bool _sackSinceT3;
    private uint _peerAdvertisedWindow = uint.MaxValue;

    /// <summary>True while queued or unacknowledged data remains (a shutdown waits for it, RFC 9260 section 9.2).</summary>
    private bool HasUnfinishedSendData => !_sendQueue.IsEmpty || !_outstanding.IsEmpty;

    private bool Interleaved => (Features & NegotiatedFeatures.MessageInterleaving) != 0;

    /// <summary>Send-side state from our initial TSN.</summary>
    private void InitializeSendSide(Tsn initialTsn, TimeSpan now)
    {
        _outstanding.Clear();
        _outstanding = new OutstandingData(initialTsn);
        _burstBudget = _config.MaxBurst;
        _congestion.OnDataSent(now);
    }

    /// <summary>The peer's advertised window from its INIT, INIT ACK or cookie; also the initial ssthresh (RFC 9260 section 7.2.1).</summary>
    private void SetPeerReceiveWindow(uint window)
    {
        _peerReceiveWindow = window;
        _peerAdvertisedWindow = window;
        _congestion.OnAssociationEstablished(window);
        UpdateWindowStats();
    }

    /// <summary>True when retransmissions or queued messages wait to go out.</summary>
    private bool HasDataToSend(TimeSpan now)
    {
        _ = now;
        return _outstanding.HasChunksToRetransmit || !_sendQueue.IsEmpty;
    }

    /// <summary>
    /// Writes DATA or I-DATA chunks: retransmissions first (RFC 9260 section 6.3.3, rule E3, and section
    /// 7.2.4: a fast retransmission goes out even when the window is full), then new fragments while the
    /// congestion window (section 7.2), the peer's receive window (section 6.1, rule A: one chunk may probe a
    /// zero window when nothing is in flight) and Max.Burst allow.
    /// </summary>
    private int WriteData(TimeSpan now, ref PacketWriter writer)
    {
        int chunks = 0;
        int headerSize = Interleaved ? IDataChunk.HeaderSize : DataChunk.HeaderSize;
        if (_burstBudget <= 0)
        {
            return 0;
        }

        _congestion.ApplyIdleDecay(now, _rto.Rto);

        bool packetWasEmpty = writer.IsEmpty;
        bool fastRetransmission = _fastRetransmitPending;
        bool restartT3 = false;
        while (_outstanding.HasChunksToRetransmit)
        {
            bool windowAllows = _congestion.CanSend(_outstanding.BytesInFlight) && !(_congestion.LimitedToOnePacket && _outstanding.HasDataInFlight && chunks == 0);
            if (!windowAllows && !_fastRetransmitPending)
            {
                break;
            }

            if (!_outstanding.TryRetransmit(now, writer.Remaining, _sendQueue, out var tsn, out var fragment, out int abandoned))
            {
                CountAbandoned(abandoned);
                break;
            }

            CountAbandoned(abandoned);
            WriteDataChunk(ref writer, tsn, fragment, headerSize);
            Stats.Retransmissions++;
            chunks++;

            // RFC 9260 section 7.2.4: T3-rtx is restarted "if the endpoint is retransmitting the first
            // outstanding DATA chunk"; a fast retransmission of a later TSN leaves it running, so that the
            // earliest chunk still gets its timeout in time.
            restartT3 |= fastRetransmission && tsn == _outstanding.LowestOutstandingTsn;
        }

        // RFC 9260 section 7.2.4, step 3: the fast retransmission goes out in one packet whatever cwnd says,
        // without delay. When this packet had no room for it (a SACK or control chunks came first and a
        // full-size chunk no longer fits), the next packet, which PollTransmit's caller asks for at once,
        // carries it.
        if (chunks > 0 || packetWasEmpty || !_outstanding.HasChunksToRetransmit)
        {
            _fastRetransmitPending = false;
        }

        while (true)
        {
            // RFC 9260 section 6.1, rule C: before new DATA, the chunks marked for retransmission go out
            // (limited by cwnd). Those that did not fit this packet go in the next, still ahead of new data.
            if (_outstanding.HasChunksToRetransmit)
            {
                break;
            }

            if (_congestion.LimitedToOnePacket && _outstanding.HasDataInFlight)
            {
                break;
            }

            if (!_congestion.CanSend(_outstanding.BytesInFlight))
            {
                break;
            }

            int maxPayload = Math.Min(writer.Remaining, _congestion.Pmdcs) - headerSize;
            maxPayload &= ~3;
            if (maxPayload <= 0 || (chunks > 0 && maxPayload < 64 && !_sendQueue.IsEmpty && writer.Remaining < _congestion.Pmdcs / 4))
            {
                break;
            }

            // RFC 9260 section 6.1, rule A: no new data beyond the peer's window, except one probe into a
            // zero window while nothing is in flight.
            if (_peerReceiveWindow < headerSize + 1 && _outstanding.HasDataInFlight)
            {
                break;
            }

            if (_outstanding.BytesInFlight > 0 && _peerReceiveWindow < maxPayload + headerSize)
            {
                // Sender silly window avoidance (RFC 9260 section 6.2 asks the receiver to avoid SWS; the
                // sender side follows RFC 1122 section 4.2.3.4, as usrsctp does): a window too small for a
                // full chunk is used only if everything queued fits it. Otherwise the SACK that the data in
                // flight will bring is awaited, rather than cutting messages into slivers.
                long usable = _peerReceiveWindow - headerSize;
                if (usable < _sendQueue.TotalBufferedAmount)
                {
                    break;
                }

                maxPayload = (int)Math.Max(0, usable) & ~3;
                if (maxPayload <= 0)
                {
                    break;
                }
            }

            if (!_sendQueue.TryProduce(now, maxPayload, Interleaved, out var fragment))
            {
                break;
            }

            int size = Wire.Pad4(headerSize + fragment.Payload.Length);
            var tsn = _outstanding.Add(fragment, size, now);
            WriteDataChunk(ref writer, tsn, fragment, headerSize);
            _peerReceiveWindow = Math.Max(0, _peerReceiveWindow - size);
            Stats.DataChunksSent++;
            chunks++;
        }

        CountAbandoned((int)(_sendQueue.AbandonedMessageCount - _abandonedInQueueCounted));
        _abandonedInQueueCounted = _sendQueue.AbandonedMessageCount;

        if (chunks > 0)
        {
            _burstBudget--;
            _congestion.OnDataSent(now);
            _lastActivity = now;

            // RFC 9260 section 6.3.2, rule R1: sending data starts T3-rtx if it is not running; section
            // 7.2.4: fast-retransmitting the earliest outstanding chunk restarts it.
            if (restartT3 || !_timers[TimerId.T3Rtx].IsRunning)
            {
                _timers[TimerId.T3Rtx].Start(now, _rto.Rto);
            }

            UpdateWindowStats();
        }

        while (_sendQueue.TryDequeueBufferedAmountLow(out var stream))
        {
            _events.Enqueue(new AssociationEvent(AssociationEventKind.BufferedAmountLow, stream));
        }

        return chunks;
    }

    private long _abandonedInQueueCounted;

    private void WriteDataChunk(ref PacketWriter writer, Tsn tsn, in OutgoingFragment fragment, int headerSize)
    {
        var flags = DataChunkFlags.None;
        if (fragment.IsBeginning)
        {
            flags |= DataChunkFlags.Beginning;
        }

        if (fragment.IsEnd)
        {
            flags |= DataChunkFlags.End;
        }

        if (fragment.IsUnordered)
        {
            flags |= DataChunkFlags.Unordered;
        }

        // RFC 7053 (RFC 9260 section 3.3.1): when shutting down and this is the last data, ask for the
        // SACK at once rather than after the delayed-ack time.
        if (_state == AssociationState.ShutdownPending && _sendQueue.IsEmpty && fragment.IsEnd)
        {
            flags |= DataChunkFlags.Immediate;
        }

        var payload = fragment.Payload.Span;
        int size = Wire.Pad4(headerSize + payload.Length);
        writer.TryReserve(size, out var space);
        if (Interleaved)
        {
            if (fragment.IsBeginning)
            {
                IDataChunk.WriteHeader(space, payload.Length, tsn, fragment.Stream, fragment.Mid, fragment.Ppid, flags);
            }
            else
            {
                IDataChunk.WriteHeader(space, payload.Length, tsn, fragment.Stream, fragment.Mid, fragment.Fsn, flags);
            }
        }
        else
        {
            DataChunk.WriteHeader(space, payload.Length, tsn, fragment.Stream, fragment.Ssn, fragment.Ppid, flags);
        }

        payload.CopyTo(space[headerSize..]);
        space[(headerSize + payload.Length)..].Clear();
    }

    /// <summary>
    /// SACK (RFC 9260 section 6.2.1): acknowledges data, updates the peer's window, feeds the RTT estimate,
    /// congestion control and fast retransmit, and runs the T3-rtx rules of section 6.3.2.
    /// </summary>
    private bool HandleSackChunk(TimeSpan now, RawChunk chunk)
    {
        if (!SackChunk.TryParse(chunk.Bytes, out var sack, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        if (_state < AssociationState.Established)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        Stats.SacksReceived++;
        ProcessAcknowledgement(now, sack, updatesWindow: true);
        return true;
    }

    /// <summary>A SHUTDOWN's Cumulative TSN Ack acknowledges like a SACK without gap blocks (RFC 9260 section 9.2), without renege or window meaning.</summary>
    private void HandleCumulativeAckOnly(TimeSpan now, Tsn cumulativeTsnAck)
    {
        var sack = new SackChunk(cumulativeTsnAck, 0);
        ProcessAcknowledgement(now, sack, updatesWindow: false);
    }

    private void ProcessAcknowledgement(TimeSpan now, in SackChunk sack, bool updatesWindow)
    {
        var outcome = updatesWindow
            ? _outstanding.HandleSack(sack, _congestion.InFastRecovery)
            : _outstanding.HandleCumulativeAck(sack.CumulativeTsnAck);
        if (!outcome.Accepted)
        {
            // RFC 9260 section 6.2.1, rule D.i: a SACK behind the cumulative ack point is out of date.
            Stats.CountDrop(DropReason.UnexpectedChunk);
            return;
        }

        if (updatesWindow)
        {
            // RFC 9260 section 6.2: a receiver with a closed window drops new DATA and its SACKs leave it
            // out. So when the window reopens, what is still in flight (the zero window probe) was dropped:
            // it goes again now, not when its backed-off T3-rtx expires, and it no longer counts as the one
            // packet allowed in flight after an expiry (section 7.2.3).
            if (_peerAdvertisedWindow == 0 && sack.AdvertisedReceiverWindowCredit > 0 && _outstanding.HasDataInFlight)
            {
                _outstanding.MarkAllInFlightLost();
            }

            // RFC 9260 section 6.2.1, rule D.iv: the peer's window less what is still outstanding.
            _peerReceiveWindow = Math.Max(0, (long)sack.AdvertisedReceiverWindowCredit - _outstanding.BytesOutstanding);
            _peerAdvertisedWindow = sack.AdvertisedReceiverWindowCredit;
            _sackSinceT3 = true;
        }

        if (outcome.BytesNewlyAcked > 0)
        {
            // RFC 9260 section 8.3: acknowledged new data shows the peer is reachable.
            _errorCount = 0;
        }

        // RFC 9260 section 6.3.1, rules C4 and C5: a sample only when the one chunk being timed was newly
        // acknowledged, never from a chunk that was marked for retransmission.
        if (outcome.TimedChunkSentAt is { } sentAt && sentAt <= now)
        {
            ObserveRtt(now - sentAt);
            Stats.DataRttMeasurements++;
        }

        // RFC 9260 section 7.2.2: congestion avoidance counts, besides the bytes newly acknowledged by the
        // cumulative TSN ack and gap blocks, the bytes of the chunks reported in Duplicate TSNs: each is a
        // copy that left the network (slow start, section 7.2.1, counts only the newly acknowledged bytes).
        _congestion.OnSackReceived(sack.CumulativeTsnAck, outcome.FlightSizeBefore, outcome.BytesNewlyAcked, outcome.DuplicateTsnBytes, outcome.AllAcknowledged);
        if (outcome.FastRetransmitNeeded)
        {
            if (_congestion.OnFastRetransmit(_outstanding.HighestSentTsn))
            {
                Stats.FastRetransmits++;
            }

            _fastRetransmitPending = true;
        }

        // RFC 9260 section 6.3.2: R2, all data acknowledged stops T3-rtx; R3, an advanced cumulative ack
        // with data still outstanding restarts it with the current RTO.
        if (!_outstanding.HasDataInFlight && !_outstanding.HasChunksToRetransmit)
        {
            _timers[TimerId.T3Rtx].Stop();
        }
        else if (outcome.CumulativeAckAdvanced)
        {
            _timers[TimerId.T3Rtx].Start(now, _rto.Rto);
        }

        // RFC 3758 section 3.5, rule C3: a cumulative ack behind the Advanced.Peer.Ack.Point calls for a
        // FORWARD-TSN (again, if the last one was lost).
        if ((Features & NegotiatedFeatures.PartialReliability) != 0 && _outstanding.AdvancedPeerAckPoint > _outstanding.CumulativeTsnAck)
        {
            _forwardTsnPending = true;
        }

        if (_sendBlocked && SendBufferUsed <= _config.SendBufferSize / 2)
        {
            _sendBlocked = false;
            _events.Enqueue(new AssociationEvent(AssociationEventKind.Writable));
        }

        _burstBudget = _config.MaxBurst;
        UpdateWindowStats();
    }

    /// <summary>
    /// T3-rtx expired (RFC 9260 section 6.3.3): count the failure (section 8.1), back the RTO off (E2),
    /// collapse the congestion window (section 7.2.3), abandon what partial reliability says to (RFC 3758
    /// section 3.5, rule A3), mark everything in flight for retransmission (E3) and restart the timer.
    /// </summary>
    private void OnT3RtxExpired(TimeSpan now)
    {
        if (_outstanding.IsEmpty)
        {
            _timers[TimerId.T3Rtx].Stop();
            return;
        }

        Stats.T3Expiries++;

        // RFC 9260 section 6.1, rule A: if the sender continues to receive SACKs from the peer while doing
        // zero window probing, the unacknowledged window probes SHOULD NOT increment the error counter: the
        // receiver may keep its window closed for as long as it likes. Other expiries count (section 8.1).
        bool probingAnsweredWindow = _peerAdvertisedWindow == 0 && _sackSinceT3;
        _sackSinceT3 = false;
        if (!probingAnsweredWindow && CountError())
        {
            return;
        }

        _rto.Backoff();
        Stats.Rto = _rto.Rto;
        _congestion.OnRetransmissionTimeout();
        CountAbandoned(_outstanding.AbandonExpired(now, _sendQueue));
        _outstanding.MarkAllInFlightLost();
        if ((Features & NegotiatedFeatures.PartialReliability) != 0 && _outstanding.AdvancedPeerAckPoint > _outstanding.CumulativeTsnAck)
        {
            _forwardTsnPending = true;
        }

        _timers[TimerId.T3Rtx].Start(now, _rto.Rto);
        _burstBudget = _config.MaxBurst;
        UpdateWindowStats();

        // RFC 8899 section 4.3: the loss may be a black hole for packets of the current PLPMTU.
        OnPathMtuLossSuspected();
    }

    /// <summary>
    /// Writes a FORWARD-TSN or I-FORWARD-TSN up to the Advanced.Peer.Ack.Point when one is due (RFC 3758
    /// section 3.5, rule C3; RFC 8260 section 2.3), and makes sure T3-rtx runs while it is unanswered (rule
    /// C5): a lost FORWARD-TSN is sent again when T3-rtx expires, even when no DATA is in flight.
    /// </summary>
    private int WritePendingForwardTsn(TimeSpan now, ref PacketWriter writer)
    {
        if (!_forwardTsnPending)
        {
            return 0;
        }

        var point = _outstanding.AdvancedPeerAckPoint;
        if (point <= _outstanding.CumulativeTsnAck)
        {
            _forwardTsnPending = false;
            return 0;
        }

        Chunk chunk = Interleaved
            ? new IForwardTsnChunk(point, _outstanding.GetIForwardTsnStreams())
            : new ForwardTsnChunk(point, _outstanding.GetForwardTsnStreams());
        if (!writer.TryAdd(chunk))
        {
            return 0;
        }

        _forwardTsnPending = false;
        if (!_timers[TimerId.T3Rtx].IsRunning)
        {
            _timers[TimerId.T3Rtx].Start(now, _rto.Rto);
        }

        return 1;
    }

    private void CountAbandoned(int messages)
    {
        if (messages > 0)
        {
            Stats.MessagesAbandoned += messages;
            if ((Features & NegotiatedFeatures.PartialReliability) != 0)
            {
                _forwardTsnPending |= _outstanding.AdvancedPeerAckPoint > _outstanding.CumulativeTsnAck;
            }
        }
    }

    private void UpdateWindowStats()
    {
        Stats.CongestionWindow = _congestion.Cwnd;
        Stats.SlowStartThreshold = _congestion.Ssthresh;
        Stats.PeerReceiveWindow = _peerReceiveWindow;
        Stats.BytesInFlight = _outstanding.BytesInFlight;
    }

    /// <summary>Drops all data state for a restart (RFC 9260 section 5.2.4, action A): sequence numbers begin afresh.</summary>
    private void ResetDataPath(TimeSpan now)
    {
        _ = now;
        _outstanding.Clear();

        // The peer restarted: its new association expects every stream to begin at sequence number 0.
        _sendQueue.Clear(resetStreams: true);
        ReleaseReceivedData();
        _fastRetransmitPending = false;
        _forwardTsnPending = false;
    }

    /// <summary>
    /// Returns the send side's pooled buffers when the association closes. Messages already received stay
    /// readable through <see cref="TryReceive"/>: a graceful close delivers everything sent before it.
    /// </summary>
    private void ReleaseDataResources()
    {
        _outstanding.Clear();
        _sendQueue.Clear();
    }
}
