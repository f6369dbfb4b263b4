using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Rx;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private DataTracker? _dataTracker;
    private ReassemblyQueue? _reassembly;
    private readonly HashSet<ushort> _openedInboundStreams = [];
    private bool _packetHadData;
    private bool _packetHadImmediateFlag;
    private int _readyBeforePacket;
    private int _unconsumedBytes;
    private uint _lastAdvertisedWindow;

    /// <summary>The last TSN received in sequence (our cumulative TSN ack).</summary>
    private Tsn CumulativeTsnAck => _dataTracker?.CumulativeTsnAck ?? default;

    /// <summary>Receive-side state once the peer's initial TSN is known (RFC 9260 section 5.1).</summary>
    private void InitializeReceiveSide(Tsn peerInitialTsn)
    {
        ReleaseReceivedData();
        _dataTracker = new DataTracker(peerInitialTsn);
        _reassembly = new ReassemblyQueue(_config.MaxMessageSize, (Features & NegotiatedFeatures.MessageInterleaving) != 0);
        _openedInboundStreams.Clear();
        _lastAdvertisedWindow = (uint)_config.ReceiveWindow;
    }

    /// <summary>
    /// The receive window we advertise (RFC 9260 section 6.2): the buffer less what reassembly holds and
    /// what the application has taken but not yet returned; zero while that is less than a packet.
    /// </summary>
    /// <remarks>
    /// RFC 9260 section 6.2: the receiver MUST have an algorithm to avoid receiver silly window syndrome (as
    /// described in RFC 813). Advertising every few bytes the application frees makes the sender fill them
    /// with tiny fragments; so, as RFC 1122 section 4.2.3.3 does for TCP, a window smaller than
    /// min(buffer / 2, one packet) is advertised as zero, and the window update of
    /// <see cref="ReturnReceived"/> reopens it once it is worth using.
    /// </remarks>
    private uint AdvertisedReceiveWindow
    {
        get
        {
            long free = (long)_config.ReceiveWindow - (_reassembly?.BufferedBytes ?? 0) - _unconsumedBytes;
            long worthAdvertising = Math.Min(_config.ReceiveWindow / 2, _config.Mtu);
            return free >= worthAdvertising ? (uint)free : 0;
        }
    }

    /// <summary>Bytes of received data held: in reassembly, and delivered to the application but not yet returned.</summary>
    internal long ReceiveBufferedBytes => (long)(_reassembly?.BufferedBytes ?? 0) + _unconsumedBytes;

    private bool CanReceiveData => _state is AssociationState.Established
        or AssociationState.ShutdownPending
        or AssociationState.ShutdownSent;

    /// <summary>DATA (RFC 9260 section 6.2); not allowed once I-DATA was agreed (RFC 8260 section 2.2).</summary>
    private bool HandleDataChunk(TimeSpan now, RawChunk chunk)
    {
        if (!DataChunk.TryParse(chunk.Bytes, out var data, out var error))
        {
            return RejectDataChunk(chunk, error);
        }

        if ((Features & NegotiatedFeatures.MessageInterleaving) != 0)
        {
            AbortForViolation(new ProtocolViolationCause("DATA received after I-DATA was negotiated"), "The peer sent DATA although I-DATA was negotiated (RFC 8260 section 2.2).");
            return false;
        }

        return HandleUserData(now, data.Tsn, data.StreamId, data.IsUnordered, data.IsBeginning, data.IsEnding, data.Ssn.Value, default, data.Ppid, data.Payload, data.IsImmediate);
    }

    /// <summary>I-DATA (RFC 8260 section 2.1); only when it was agreed.</summary>
    private bool HandleIDataChunk(TimeSpan now, RawChunk chunk)
    {
        if ((Features & NegotiatedFeatures.MessageInterleaving) == 0)
        {
            // Not negotiated: the type is unknown to this association (RFC 8260 section 2.2).
            return HandleUnrecognizedChunk(chunk);
        }

        if (!IDataChunk.TryParse(chunk.Bytes, out var data, out var error))
        {
            return RejectDataChunk(chunk, error);
        }

        return HandleUserData(now, data.Tsn, data.StreamId, data.IsUnordered, data.IsBeginning, data.IsEnding, data.Mid.Value, data.Fsn, data.Ppid, data.Payload, data.IsImmediate);
    }

    /// <summary>A DATA or I-DATA chunk that did not parse: no user data is answered with an ABORT (RFC 9260 section 6.2); anything else ends processing of the packet.</summary>
    private bool RejectDataChunk(RawChunk chunk, ParseError error)
    {
        Stats.CountDrop(DropReason.MalformedChunk);
        if (error.Kind == ParseErrorKind.NoUserData && chunk.Length >= 8)
        {
            var tsn = new Tsn(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(chunk.Bytes[4..]));
            AbortForViolation(new NoUserDataCause(tsn), $"The peer sent a DATA chunk with no user data (TSN {tsn}).");
        }

        return false;
    }

    /// <summary>
    /// The user data of a DATA or I-DATA chunk (RFC 9260 sections 6.2 and 6.5): duplicates are counted
    /// and reported, a TSN beyond the receive buffer is dropped (not buffered), an invalid stream is
    /// acknowledged but reported in an ERROR, and everything else goes to reassembly.
    /// </summary>
    private bool HandleUserData(TimeSpan now, Tsn tsn, StreamId stream, bool unordered, bool beginning, bool ending, uint ssnOrMid, Fsn fsn, Ppid ppid, ReadOnlySpan<byte> payload, bool immediate)
    {
        _ = now;
        if (!CanReceiveData || _dataTracker is null || _reassembly is null)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        _packetHadData = true;
        _packetHadImmediateFlag |= immediate;

        if (_dataTracker.HasReceived(tsn))
        {
            _dataTracker.Observe(tsn);
            Stats.DuplicateTsnsReceived++;
            Stats.CountDrop(DropReason.DuplicateData);
            return true;
        }

        // RFC 9260 section 6.2: with the buffer full, a chunk above everything held is dropped ("any new
        // incoming DATA chunk with a TSN larger than the largest TSN received so far"), and one below makes
        // room by dropping the largest TSNs held for reordering: a buffer full of out-of-order data must not
        // block the chunks that let it be delivered. The buffer never holds more than the window.
        long shortfall = (long)_reassembly.BufferedBytes + _unconsumedBytes + payload.Length - _config.ReceiveWindow;
        if ((shortfall > 0 && !Renege(tsn, shortfall)) || _dataTracker.Observe(tsn) == TsnObservation.TooFarAhead)
        {
            // RFC 9260 section 6.2: a receiver that drops a DATA chunk for want of buffer space MUST
            // immediately send back a SACK with its current window, showing only what it accepted. That
            // SACK is what tells a zero window prober that the peer is still there (section 6.1, rule A).
            Stats.CountDrop(DropReason.ReceiveWindowFull);
            _dataTracker.RequestSackNow();
            return true;
        }

        Stats.DataChunksReceived++;
        if (stream.Value >= InboundStreams)
        {
            // RFC 9260 section 6.5: acknowledge the TSN, discard the data, report the stream.
            QueueControl(new ErrorChunk(new InvalidStreamIdentifierCause(stream)));
            Stats.CountDrop(DropReason.InvalidData);
            return true;
        }

        if (_openedInboundStreams.Add(stream.Value))
        {
            _events.Enqueue(new AssociationEvent(AssociationEventKind.StreamOpened, stream));
        }

        switch (_reassembly.Add(tsn, stream, unordered, beginning, ending, ssnOrMid, fsn, ppid, payload))
        {
            case AddResult.MessageTooLarge:
                AbortForViolation(new ProtocolViolationCause($"message on stream {stream} exceeds {_config.MaxMessageSize} bytes"), $"The peer sent a message larger than the {_config.MaxMessageSize}-byte limit.");
                return false;
            case AddResult.InconsistentFragment:
                AbortForViolation(new ProtocolViolationCause($"inconsistent fragment TSN {tsn} on stream {stream}"), $"The peer sent fragments that contradict each other (TSN {tsn}).");
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Makes <paramref name="shortfall"/> bytes of room for the chunk with <paramref name="tsn"/> by dropping
    /// the largest TSNs held for reordering above it (RFC 9260 section 6.2; what qualifies is described in
    /// ReassemblyQueue.Renege.cs). The dropped TSNs leave the next SACK's gap ack blocks (reneging, section
    /// 6.2.1) and the peer sends them again. Drops nothing when that could not make enough room.
    /// </summary>
    private bool Renege(Tsn tsn, long shortfall)
    {
        if (_reassembly!.RenegeableBytes(tsn) < shortfall)
        {
            return false;
        }

        while (shortfall > 0 && _reassembly.TryRenegeHighest(tsn, _dataTracker!, out int bytes, out int chunks))
        {
            shortfall -= bytes;
            Stats.CountDrops(DropReason.Reneged, chunks);
        }

        return shortfall <= 0;
    }

    /// <summary>
    /// After the chunks of a packet: account for the data it carried (RFC 9260 section 6.2: SACK at least
    /// every second packet, at once when asked or on gaps, otherwise within the delayed-ack time), answer
    /// DATA with SHUTDOWN in SHUTDOWN-SENT (section 9.2), and tell the application about new messages.
    /// </summary>
    private void AfterPacket(TimeSpan now)
    {
        if (IsClosed)
        {
            return;
        }

        if (_packetHadData && _dataTracker is not null)
        {
            _dataTracker.OnDataPacketReceived(_packetHadImmediateFlag);
            if (_state == AssociationState.ShutdownSent)
            {
                SendShutdown(now);
            }
            else if (!_dataTracker.ShouldSendSackNow && !_timers[TimerId.DelayedAck].IsRunning && _config.DelayedAckTime > TimeSpan.Zero)
            {
                _timers[TimerId.DelayedAck].Start(now, _config.DelayedAckTime);
            }
            else if (_config.DelayedAckTime == TimeSpan.Zero)
            {
                _dataTracker.RequestSackNow();
            }
        }

        int ready = _reassembly?.QueuedMessageCount ?? 0;
        if (ready > _readyBeforePacket)
        {
            _events.Enqueue(new AssociationEvent(AssociationEventKind.MessagesAvailable));
        }

        _readyBeforePacket = ready;
        _burstBudget = _config.MaxBurst;
        CompleteDeferredIncomingReset();
        MaybeAdvanceShutdown(now);
    }

    /// <summary>
    /// Writes a SACK if one is due, or if data goes out in this packet anyway and something is
    /// unacknowledged (bundling it costs nothing). Gap blocks and duplicates are trimmed to the room left.
    /// </summary>
    private int WriteSackIfDue(TimeSpan now, ref PacketWriter writer, bool dataWillFollow)
    {
        _ = now;
        if (_dataTracker is not { } tracker || !(tracker.ShouldSendSackNow || (dataWillFollow && tracker.HasUnacknowledgedData)))
        {
            return 0;
        }

        int room = (writer.Remaining - SackChunk.HeaderSize) / 4;
        if (room < 0)
        {
            return 0;
        }

        Span<GapAckBlock> gaps = stackalloc GapAckBlock[Math.Min(room, 128)];
        int gapCount = tracker.WriteGapBlocks(gaps);
        var duplicates = tracker.Duplicates;
        if (duplicates.Length > room - gapCount)
        {
            duplicates = duplicates[..Math.Max(0, room - gapCount)];
        }

        uint window = AdvertisedReceiveWindow;
        var sack = new SackChunk(tracker.CumulativeTsnAck, window, gaps[..gapCount], duplicates);
        if (!writer.TryAdd(sack))
        {
            return 0;
        }

        tracker.OnSackSent();
        _timers[TimerId.DelayedAck].Stop();
        _lastAdvertisedWindow = window;
        Stats.SacksSent++;
        Stats.LocalReceiveWindow = window;
        return 1;
    }

    /// <summary>FORWARD-TSN (RFC 3758 section 3.6): skip abandoned data; only when partial reliability was agreed.</summary>
    private bool HandleForwardTsnChunk(TimeSpan now, RawChunk chunk)
    {
        if ((Features & NegotiatedFeatures.PartialReliability) == 0)
        {
            return HandleUnrecognizedChunk(chunk);
        }

        if ((Features & NegotiatedFeatures.MessageInterleaving) != 0)
        {
            AbortForViolation(new ProtocolViolationCause("FORWARD-TSN received after I-DATA was negotiated"), "The peer sent FORWARD-TSN although I-DATA was negotiated (RFC 8260 section 2.3).");
            return false;
        }

        if (!ForwardTsnChunk.TryParse(chunk.Bytes, out var forward, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        if (!CanReceiveData || _dataTracker is null || _reassembly is null)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        if (_dataTracker.ForwardCumulativeTsn(forward.NewCumulativeTsn))
        {
            Span<(StreamId, Ssn)> streams = forward.Streams.Count <= 64 ? stackalloc (StreamId, Ssn)[forward.Streams.Count] : new (StreamId, Ssn)[forward.Streams.Count];
            for (int i = 0; i < streams.Length; i++)
            {
                streams[i] = (forward.Streams[i].StreamId, forward.Streams[i].Ssn);
            }

            _reassembly.HandleForwardTsn(forward.NewCumulativeTsn, streams);
        }

        _ = now;
        return true;
    }

    /// <summary>I-FORWARD-TSN (RFC 8260 section 2.3): skip abandoned messages; only with I-DATA and partial reliability.</summary>
    private bool HandleIForwardTsnChunk(TimeSpan now, RawChunk chunk)
    {
        const NegotiatedFeatures needed = NegotiatedFeatures.PartialReliability | NegotiatedFeatures.MessageInterleaving;
        if ((Features & needed) != needed)
        {
            return HandleUnrecognizedChunk(chunk);
        }

        if (!IForwardTsnChunk.TryParse(chunk.Bytes, out var forward, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        if (!CanReceiveData || _dataTracker is null || _reassembly is null)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        if (_dataTracker.ForwardCumulativeTsn(forward.NewCumulativeTsn))
        {
            Span<(StreamId, bool, Mid)> streams = forward.Streams.Count <= 64 ? stackalloc (StreamId, bool, Mid)[forward.Streams.Count] : new (StreamId, bool, Mid)[forward.Streams.Count];
            for (int i = 0; i < streams.Length; i++)
            {
                streams[i] = (forward.Streams[i].StreamId, forward.Streams[i].Unordered, forward.Streams[i].Mid);
            }

            _reassembly.HandleIForwardTsn(forward.NewCumulativeTsn, streams);
        }

        _ = now;
        return true;
    }

    /// <summary>Returns every buffer reassembly still holds to the pool.</summary>
    private void ReleaseReceivedData()
    {
        _reassembly?.Clear();
        _readyBeforePacket = 0;
    }
}
