using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private readonly SortedSet<ushort> _streamsToReset = [];
    private OutgoingSsnResetRequestParameter? _outstandingResetRequest;
    private ReconfigRequestSequenceNumber _nextRequestSequence;
    private ReconfigRequestSequenceNumber _peerNextRequestSequence;
    private ReconfigurationResult _lastResponseResult;
    private DeferredIncomingReset? _deferredIncomingReset;
    private bool _reconfigRequestPending;
    private bool _reconfigAnsweredInProgress;

    /// <summary>
    /// Resets outgoing <paramref name="streams"/> (RFC 6525 section 5.1.2), which is how a stream is closed
    /// (WebRTC data channels do this): no new message is accepted on them; once what is queued on them has
    /// been sent, an Outgoing SSN Reset Request names the last TSN used, and when the peer confirms, their
    /// sequence numbers start again from 0 and <see cref="AssociationEventKind.OutgoingStreamsReset"/> is
    /// reported (or <see cref="AssociationEventKind.StreamResetFailed"/> if the peer refuses). The peer
    /// sees the end of those streams.
    /// </summary>
    /// <exception cref="InvalidOperationException">The peer did not agree to stream reconfiguration, or the association is not established.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stream is not one the association negotiated.</exception>
    public void ResetStreams(TimeSpan now, ReadOnlySpan<StreamId> streams)
    {
        _ = now;
        if ((Features & NegotiatedFeatures.StreamReset) == 0)
        {
            throw new InvalidOperationException("The peer did not agree to stream reconfiguration (RFC 6525), so streams cannot be reset.");
        }

        if (_state != AssociationState.Established)
        {
            throw new InvalidOperationException("Streams can be reset only while the association is established.");
        }

        foreach (var stream in streams)
        {
            if (stream.Value >= OutboundStreams)
            {
                throw new ArgumentOutOfRangeException(nameof(streams), stream, $"The association has {OutboundStreams} outbound streams.");
            }
        }

        foreach (var stream in streams)
        {
            // RFC 6525 section 5.1.2: after the request, the sender may not send on the stream until the
            // reset is done; here new messages are refused at once and what is queued drains first.
            _sendQueue.CloseStream(stream);
            _streamsToReset.Add(stream.Value);
        }
    }

    /// <summary>
    /// Writes the RE-CONFIG chunk carrying our Outgoing SSN Reset Request when one is due: a new request once
    /// the streams to reset have drained and none is outstanding (RFC 6525 section 5.1.1 allows one at a
    /// time), or the outstanding one again after T-reconfig expired.
    /// </summary>
    private int WritePendingReconfig(TimeSpan now, ref PacketWriter writer)
    {
        if (_outstandingResetRequest is null && _streamsToReset.Count > 0 && StreamsToResetHaveDrained())
        {
            var streams = new List<StreamId>(_streamsToReset.Count);
            foreach (ushort stream in _streamsToReset)
            {
                streams.Add(new StreamId(stream));
            }

            _streamsToReset.Clear();
            _outstandingResetRequest = new OutgoingSsnResetRequestParameter(
                _nextRequestSequence,
                _peerNextRequestSequence.Previous,
                _outstanding.NextTsn.Previous,
                streams);
            _nextRequestSequence = _nextRequestSequence.Next;
            _reconfigRequestPending = true;
        }

        if (!_reconfigRequestPending || _outstandingResetRequest is null)
        {
            return 0;
        }

        if (!writer.TryAdd(new ReConfigChunk(_outstandingResetRequest)))
        {
            return 0;
        }

        _reconfigRequestPending = false;
        _timers[TimerId.Reconfig].Start(now, _rto.Rto, resetExpirationCount: false);
        return 1;
    }

    private bool StreamsToResetHaveDrained()
    {
        foreach (ushort stream in _streamsToReset)
        {
            var id = new StreamId(stream);
            if (_sendQueue.BufferedAmount(id) > 0 || _sendQueue.HasPartialMessage(id))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// T-reconfig expired (RFC 6525 section 5.1.1): the request goes again, and the failure counts against
    /// the association (RFC 9260 section 8.1), unless the peer had answered "In progress": then it is asked
    /// again without counting an error (section 5.2.7), since it did answer.
    /// </summary>
    private void OnReconfigTimerExpired(TimeSpan now)
    {
        _ = now;
        if (_outstandingResetRequest is null)
        {
            _timers[TimerId.Reconfig].Stop();
            return;
        }

        if (_reconfigAnsweredInProgress)
        {
            // RFC 6525 section 5.2.7: after "In progress" the RE-CONFIG is retransmitted when the timer runs
            // out, but the error counters are not incremented (nor, then, the RTO backed off).
            _reconfigAnsweredInProgress = false;
            _reconfigRequestPending = true;
            return;
        }

        if (CountError())
        {
            return;
        }

        _rto.Backoff();
        _reconfigRequestPending = true;
    }

    /// <summary>
    /// RE-CONFIG (RFC 6525 section 5.2): each request parameter gets a response; a response to our own
    /// request completes or fails it. Without an agreement to reconfigure, the chunk is unknown to us.
    /// </summary>
    private bool HandleReConfig(TimeSpan now, RawChunk chunk)
    {
        if ((Features & NegotiatedFeatures.StreamReset) == 0)
        {
            return HandleUnrecognizedChunk(chunk);
        }

        if (!ReConfigChunk.TryParse(chunk.Bytes, out var reconfig, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        if (_state < AssociationState.Established)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        foreach (var parameter in reconfig.Parameters)
        {
            switch (parameter)
            {
                case OutgoingSsnResetRequestParameter request:
                    HandleIncomingResetRequest(request);
                    break;
                case ReconfigurationResponseParameter response:
                    HandleReconfigResponse(now, response);
                    break;
                case IncomingSsnResetRequestParameter or SsnTsnResetRequestParameter or AddOutgoingStreamsRequestParameter or AddIncomingStreamsRequestParameter:
                    // Requests we do not perform are refused (RFC 6525 sections 5.2.3 to 5.2.6 allow "Denied").
                    RespondToRequest(RequestSequenceOf(parameter), ReconfigurationResult.Denied);
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// The peer resets its outgoing streams, our incoming ones (RFC 6525 section 5.2.2): at once when every
    /// TSN up to its last assigned one has arrived, otherwise deferred ("In progress") until they have.
    /// A repeated request gets the answer the first one got, updated if the reset has since completed.
    /// </summary>
    private void HandleIncomingResetRequest(OutgoingSsnResetRequestParameter request)
    {
        var sequence = request.RequestSequenceNumber;
        if (sequence == _peerNextRequestSequence.Previous)
        {
            RespondToRequest(sequence, _lastResponseResult, advance: false);
            return;
        }

        if (sequence != _peerNextRequestSequence)
        {
            RespondToRequest(sequence, ReconfigurationResult.ErrorBadSequenceNumber, advance: false);
            return;
        }

        if (_deferredIncomingReset is not null)
        {
            // Section 5.2.2: one deferred reset at a time.
            RespondToRequest(sequence, ReconfigurationResult.ErrorRequestAlreadyInProgress);
            return;
        }

        var streams = request.Streams.ToArray();
        if (request.SenderLastAssignedTsn <= CumulativeTsnAck)
        {
            PerformIncomingReset(streams);
            RespondToRequest(sequence, ReconfigurationResult.SuccessPerformed);
        }
        else
        {
            _reassembly!.EnterDeferredReset(request.SenderLastAssignedTsn, streams);
            _deferredIncomingReset = new DeferredIncomingReset(request.SenderLastAssignedTsn, streams);
            RespondToRequest(sequence, ReconfigurationResult.InProgress);
        }
    }

    /// <summary>Completes a deferred incoming reset once the cumulative TSN reached the peer's last assigned TSN.</summary>
    private void CompleteDeferredIncomingReset()
    {
        if (_deferredIncomingReset is { } deferred && deferred.SenderLastAssignedTsn <= CumulativeTsnAck)
        {
            _deferredIncomingReset = null;
            PerformIncomingReset(deferred.Streams);
            _lastResponseResult = ReconfigurationResult.SuccessPerformed;
        }
    }

    private void PerformIncomingReset(StreamId[] streams)
    {
        _reassembly!.ResetStreams(streams);
        _events.Enqueue(new AssociationEvent(AssociationEventKind.IncomingStreamsReset, default, (IReadOnlyList<StreamId>)streams));
    }

    private void RespondToRequest(ReconfigRequestSequenceNumber sequence, ReconfigurationResult result, bool advance = true)
    {
        if (advance)
        {
            _peerNextRequestSequence = _peerNextRequestSequence.Next;
            _lastResponseResult = result;
        }

        QueueControl(new ReConfigChunk(new ReconfigurationResponseParameter(sequence, result)));
    }

    /// <summary>The peer's answer to our Outgoing SSN Reset Request (RFC 6525 section 5.2.7).</summary>
    private void HandleReconfigResponse(TimeSpan now, ReconfigurationResponseParameter response)
    {
        if (_outstandingResetRequest is not { } request || response.ResponseSequenceNumber != request.RequestSequenceNumber)
        {
            return;
        }

        switch (response.Result)
        {
            case ReconfigurationResult.InProgress:
                // Ask again after an RTO, when the peer may have caught up (RFC 6525 section 5.2.7).
                _reconfigAnsweredInProgress = true;
                _timers[TimerId.Reconfig].Start(now, _rto.Rto, resetExpirationCount: false);
                return;
            case ReconfigurationResult.SuccessPerformed:
            case ReconfigurationResult.SuccessNothingToDo:
                foreach (var stream in request.Streams)
                {
                    _sendQueue.ResetSequenceNumbers(stream);
                }

                _events.Enqueue(new AssociationEvent(AssociationEventKind.OutgoingStreamsReset, default, request.Streams));
                break;
            default:
                foreach (var stream in request.Streams)
                {
                    _sendQueue.ReopenStream(stream);
                }

                _events.Enqueue(new AssociationEvent(AssociationEventKind.StreamResetFailed, default, request.Streams));
                break;
        }

        _outstandingResetRequest = null;
        _reconfigRequestPending = false;
        _reconfigAnsweredInProgress = false;
        _timers[TimerId.Reconfig].Stop();
        _errorCount = 0;
    }

    private static ReconfigRequestSequenceNumber RequestSequenceOf(Parameter parameter) => parameter switch
    {
        StreamResetRequestParameter reset => reset.RequestSequenceNumber,
        SsnTsnResetRequestParameter ssnTsn => ssnTsn.RequestSequenceNumber,
        AddStreamsRequestParameter add => add.RequestSequenceNumber,
        _ => default,
    };

    /// <summary>Request sequence numbers start at each side's initial TSN (RFC 6525 section 4.1).</summary>
    private void InitializeReconfig(Tsn localInitialTsn, Tsn peerInitialTsn)
    {
        _nextRequestSequence = new ReconfigRequestSequenceNumber(localInitialTsn.Value);
        _peerNextRequestSequence = new ReconfigRequestSequenceNumber(peerInitialTsn.Value);
        _outstandingResetRequest = null;
        _reconfigAnsweredInProgress = false;
        _deferredIncomingReset = null;
        _streamsToReset.Clear();
    }

    private sealed record DeferredIncomingReset(Tsn SenderLastAssignedTsn, StreamId[] Streams);
}
