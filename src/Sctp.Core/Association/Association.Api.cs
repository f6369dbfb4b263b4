using Sctp.Rx;
using Sctp.Tx;

namespace Sctp;

public sealed partial class Association
{
    /// <summary>Bytes queued or sent and not yet acknowledged: what the send buffer holds.</summary>
    public int SendBufferUsed => _sendQueue.TotalBufferedAmount + _outstanding.BytesOutstanding;

    /// <summary>Bytes queued on <paramref name="stream"/> and not yet sent (WebRTC's bufferedAmount).</summary>
    public int GetBufferedAmount(StreamId stream) => _sendQueue.BufferedAmount(stream);

    /// <summary>
    /// Sets the level at or below which <paramref name="stream"/>'s queued bytes raise
    /// <see cref="AssociationEventKind.BufferedAmountLow"/> after having been above it.
    /// </summary>
    public void SetBufferedAmountLowThreshold(StreamId stream, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        _sendQueue.SetBufferedAmountLowThreshold(stream, threshold);
    }

    /// <summary>Sets a stream's priority or weight for the stream scheduler (RFC 8260 section 3).</summary>
    public void SetStreamPriority(StreamId stream, ushort priority) => _sendQueue.SetPriority(stream, priority);

    /// <summary>
    /// Queues one message on <paramref name="stream"/> (RFC 9260 section 6): fragmented to fit the path,
    /// sent in order on its stream unless <paramref name="unordered"/>, and reliably unless
    /// <paramref name="reliability"/> says otherwise and the peer agreed to partial reliability (without that
    /// agreement every message is reliable). Returns false, queuing nothing, when the send buffer is full;
    /// <see cref="AssociationEventKind.Writable"/> says when to try again.
    /// </summary>
    /// <remarks>
    /// Messages may be sent from COOKIE-ECHOED on, once the peer's INIT ACK has fixed the stream counts and
    /// the extensions both sides support: the first of them ride in the packet of the COOKIE ECHO (RFC 9260
    /// section 5.1, step D), saving a round trip; the rest follow when the COOKIE ACK arrives.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The association has not received the peer's INIT ACK yet, is shutting down or closed, or the stream is being reset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stream is not one the association negotiated.</exception>
    /// <exception cref="ArgumentException">The message is empty or larger than <see cref="TransportConfig.MaxMessageSize"/>.</exception>
    public bool TrySend(TimeSpan now, StreamId stream, ReadOnlySpan<byte> payload, Ppid ppid = default, bool unordered = false, ReliabilityPolicy reliability = default)
    {
        if (!AcceptsNewMessages)
        {
            throw new InvalidOperationException(_state switch
            {
                AssociationState.Closed => "The association is closed.",
                AssociationState.CookieWait when OutboundStreams == 0 => "The association is not established yet: messages are accepted once the peer's INIT ACK arrives (COOKIE-ECHOED).",
                _ => "The association is shutting down and accepts no new messages.",
            });
        }

        if (stream.Value >= OutboundStreams)
        {
            throw new ArgumentOutOfRangeException(nameof(stream), stream, $"The association has {OutboundStreams} outbound streams (ids 0 to {OutboundStreams - 1}).");
        }

        if (payload.IsEmpty)
        {
            throw new ArgumentException("SCTP messages carry at least one byte (RFC 9260 section 6.2).", nameof(payload));
        }

        if (payload.Length > _config.MaxMessageSize)
        {
            throw new ArgumentException($"The message has {payload.Length} bytes; the limit is {_config.MaxMessageSize} (TransportConfig.MaxMessageSize).", nameof(payload));
        }

        if (_sendQueue.IsClosed(stream))
        {
            throw new InvalidOperationException($"Stream {stream} is being reset and accepts no new messages until the reset completes.");
        }

        int used = SendBufferUsed;
        if (used > 0 && used + payload.Length > _config.SendBufferSize)
        {
            _sendBlocked = true;
            return false;
        }

        if ((Features & NegotiatedFeatures.PartialReliability) == 0)
        {
            reliability = ReliabilityPolicy.Reliable;
        }

        _sendQueue.Enqueue(now, stream, ppid, payload, unordered, reliability);
        Stats.MessagesSent++;
        _burstBudget = _config.MaxBurst;
        return true;
    }

    /// <summary>
    /// True in ESTABLISHED, and during the handshake once an INIT ACK has fixed the stream counts (COOKIE-
    /// ECHOED, or COOKIE-WAIT again after a stale cookie, RFC 9260 section 5.2.6) unless a shutdown was
    /// asked for meanwhile: the states in which <see cref="TrySend"/> queues messages.
    /// </summary>
    private bool AcceptsNewMessages => _state == AssociationState.Established
        || (_state is AssociationState.CookieWait or AssociationState.CookieEchoed && OutboundStreams > 0 && !_shutdownAfterHandshake);

    /// <summary>
    /// Takes the next complete message, in delivery order across streams (ordered messages in sequence
    /// per stream). The message's buffer belongs to the caller until it hands the message back with
    /// <see cref="ReturnReceived"/>, which also frees its bytes in the receive window.
    /// </summary>
    public bool TryReceive(out ReceivedMessage message)
    {
        if (_reassembly is null || !_reassembly.TryDequeue(out message))
        {
            message = default;
            return false;
        }

        _unconsumedBytes += message.Length;
        _readyBeforePacket = _reassembly.QueuedMessageCount;
        Stats.MessagesReceived++;
        return true;
    }

    /// <summary>
    /// Hands back a message from <see cref="TryReceive"/> once read: its buffer returns to the pool and its
    /// bytes to the receive window. When that opens the window substantially after it had closed, a SACK
    /// tells the peer at once (RFC 9260 section 6.2: a window update).
    /// </summary>
    public void ReturnReceived(in ReceivedMessage message)
    {
        if (message.Buffer is null)
        {
            return;
        }

        _unconsumedBytes = Math.Max(0, _unconsumedBytes - message.Length);
        message.ReturnBuffer();
        if (_dataTracker is not null && !IsClosed)
        {
            // A window we advertised as closed is reopened at once: the sender is down to zero window
            // probes, paced by its backed-off RTO (RFC 9260 section 6.1, rule A). A small one is updated
            // once it has grown substantially; otherwise the SACKs that data brings carry the window.
            uint window = AdvertisedReceiveWindow;
            bool wasClosed = _lastAdvertisedWindow == 0;
            bool wasSmall = _lastAdvertisedWindow < (uint)_config.ReceiveWindow / 2;
            if ((wasClosed && window > 0)
                || (wasSmall && window >= _lastAdvertisedWindow + (uint)Math.Max(_config.Mtu, _config.ReceiveWindow / 4)))
            {
                _dataTracker.RequestSackNow();
            }
        }
    }
}
