using System.Text;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private int _shutdownRetransmissions;

    /// <summary>A shutdown asked for during the handshake with messages accepted: it begins once ESTABLISHED.</summary>
    private bool _shutdownAfterHandshake;

    /// <summary>
    /// Starts a graceful shutdown (RFC 9260 section 9.2): no new data is accepted, what is queued and
    /// outstanding is delivered, then SHUTDOWN, SHUTDOWN ACK and SHUTDOWN COMPLETE close the association
    /// and <see cref="AssociationEventKind.ShutdownComplete"/> is reported. Before the handshake
    /// completes with nothing accepted to send, there is nothing to drain: the association just closes.
    /// Messages accepted during the handshake (from COOKIE-ECHOED on) are not lost: the shutdown waits for
    /// the COOKIE ACK, then drains them as SHUTDOWN-PENDING does.
    /// </summary>
    public void Shutdown(TimeSpan now)
    {
        switch (_state)
        {
            case AssociationState.CookieWait or AssociationState.CookieEchoed when SendBufferUsed > 0:
                _shutdownAfterHandshake = true;
                break;
            case AssociationState.CookieWait:
            case AssociationState.CookieEchoed:
                _events.Enqueue(new AssociationEvent(AssociationEventKind.ShutdownComplete));
                EnterClosed();
                break;
            case AssociationState.Established:
                SetState(AssociationState.ShutdownPending);
                MaybeAdvanceShutdown(now);
                break;
        }
    }

    /// <summary>
    /// Aborts the association (RFC 9260 section 9.1): an ABORT with a User-Initiated Abort cause carrying
    /// <paramref name="reason"/> goes to the peer (when its tag is known), queued and unacknowledged data is
    /// discarded, and the association closes with <see cref="AssociationErrorKind.LocalAbort"/>.
    /// </summary>
    public void Abort(TimeSpan now, string? reason = null)
    {
        _ = now;
        if (IsClosed)
        {
            return;
        }

        var cause = reason is null ? new UserInitiatedAbortCause() : new UserInitiatedAbortCause(TruncatedReason(reason));
        if (_state != AssociationState.CookieWait)
        {
            QueueControl(new AbortChunk(false, cause));
        }

        Fail(new AssociationError(AssociationErrorKind.LocalAbort, reason ?? "The association was aborted locally.", [cause]));
    }

    /// <summary>
    /// The UTF-8 bytes of <paramref name="reason"/>, cut between characters so that the ABORT carrying
    /// them fits in one packet: a control chunk that does not fit would never be sent, and the peer
    /// would never learn of the abort (RFC 9260 section 9.1 requires the ABORT).
    /// </summary>
    private byte[] TruncatedReason(string reason)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(reason);
        int room = _config.Mtu - CommonHeader.Size - RawChunk.HeaderSize - RawTlv.HeaderSize;
        if (bytes.Length <= room)
        {
            return bytes;
        }

        int length = room;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--; // back off to the first byte of the character that does not fit
        }

        return bytes[..length];
    }

    /// <summary>Sends an ABORT with <paramref name="cause"/> because the peer broke the protocol, and closes.</summary>
    private void AbortForViolation(ErrorCause cause, string message)
    {
        QueueControl(new AbortChunk(false, cause));
        Fail(new AssociationError(AssociationErrorKind.ProtocolViolation, message, [cause]));
    }

    /// <summary>
    /// Moves a shutdown on once nothing is left to send or acknowledge (RFC 9260 section 9.2): from
    /// SHUTDOWN-PENDING send SHUTDOWN, from SHUTDOWN-RECEIVED send SHUTDOWN ACK.
    /// </summary>
    private void MaybeAdvanceShutdown(TimeSpan now)
    {
        if (HasUnfinishedSendData)
        {
            return;
        }

        if (_state == AssociationState.ShutdownPending)
        {
            SetState(AssociationState.ShutdownSent);
            SendShutdown(now);

            // RFC 9260 section 9.2: T5-shutdown-guard bounds the whole shutdown; 5 times RTO.Max is suggested.
            _timers[TimerId.T5ShutdownGuard].Start(now, TimeSpan.FromTicks(_config.RtoMax.Ticks * 5));
        }
        else if (_state == AssociationState.ShutdownReceived)
        {
            SetState(AssociationState.ShutdownAckSent);
            SendShutdownAck(now);
        }
    }

    private void SendShutdown(TimeSpan now)
    {
        QueueShutdownChunk();
        if (_dataTracker is { } tracker)
        {
            // RFC 9260 section 9.2: the SHUTDOWN's cumulative TSN ack stands in for a SACK, unless TSNs above
            // it have arrived (gaps) or duplicates did: then a SACK must go too, or the peer still sending
            // could recover its losses only by T3-rtx, without fast retransmit.
            if (tracker.HasGaps || !tracker.Duplicates.IsEmpty)
            {
                tracker.RequestSackNow();
            }
            else
            {
                tracker.OnSackSent();
            }
        }

        _timers[TimerId.T2Shutdown].Start(now, _rto.Rto, resetExpirationCount: false);
    }

    /// <summary>
    /// Queues a SHUTDOWN with our current cumulative TSN ack. One still waiting to go out (several DATA
    /// packets can arrive before the next transmission, each to be answered with SHUTDOWN) is replaced
    /// rather than joined: only the newest cumulative TSN ack means anything.
    /// </summary>
    private void QueueShutdownChunk()
    {
        if (_control.Any(c => c.Chunk.Type == ChunkType.Shutdown))
        {
            var others = _control.Where(c => c.Chunk.Type != ChunkType.Shutdown).ToArray();
            _control.Clear();
            foreach (var control in others)
            {
                _control.Enqueue(control);
            }
        }

        QueueControl(new ShutdownChunk(CumulativeTsnAck));
    }

    /// <summary>
    /// RFC 9260 section 9.2: in SHUTDOWN-SENT, any packet from the peer (which may still be sending the DATA
    /// it had queued) clears the SHUTDOWN retransmission count, giving the peer ample opportunity to send
    /// everything; only a peer that stays silent exhausts Association.Max.Retrans. T2-shutdown is restarted
    /// by the SHUTDOWN that answers DATA (<see cref="AfterPacket"/>), not by other packets: a peer's
    /// HEARTBEATs arriving more often than the RTO would otherwise keep a lost SHUTDOWN from ever being sent
    /// again, and only T5-shutdown-guard would end the wait.
    /// </summary>
    private void OnPacketDuringShutdown()
    {
        if (_state == AssociationState.ShutdownSent)
        {
            _shutdownRetransmissions = 0;
        }
    }

    private void SendShutdownAck(TimeSpan now)
    {
        QueueControl(ShutdownAckChunk.Instance);
        _timers[TimerId.T2Shutdown].Start(now, _rto.Rto, resetExpirationCount: false);
    }

    /// <summary>SHUTDOWN (RFC 9260 section 9.2): acknowledges data like a SACK and starts the peer's side of the shutdown.</summary>
    private bool HandleShutdown(TimeSpan now, RawChunk chunk)
    {
        if (!ShutdownChunk.TryParse(chunk.Bytes, out var shutdown, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        switch (_state)
        {
            case AssociationState.Established:
            case AssociationState.ShutdownPending:
                SetState(AssociationState.ShutdownReceived);
                HandleCumulativeAckOnly(now, shutdown.CumulativeTsnAck);
                MaybeAdvanceShutdown(now);
                break;
            case AssociationState.ShutdownReceived:
                HandleCumulativeAckOnly(now, shutdown.CumulativeTsnAck);
                MaybeAdvanceShutdown(now);
                break;
            case AssociationState.ShutdownSent:
                // Both sides shut down at once: answer at once and wait for SHUTDOWN COMPLETE.
                HandleCumulativeAckOnly(now, shutdown.CumulativeTsnAck);
                SetState(AssociationState.ShutdownAckSent);
                SendShutdownAck(now);
                break;
            default:
                Stats.CountDrop(DropReason.UnexpectedChunk);
                break;
        }

        return true;
    }

    /// <summary>SHUTDOWN ACK (RFC 9260 section 9.2): send SHUTDOWN COMPLETE and close.</summary>
    private bool HandleShutdownAck(TimeSpan now)
    {
        _ = now;
        if (_state is not (AssociationState.ShutdownSent or AssociationState.ShutdownAckSent))
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        QueueControl(ShutdownCompleteChunk.Instance, PeerTag, alone: true);
        CompleteShutdown();
        return false;
    }

    /// <summary>SHUTDOWN COMPLETE (RFC 9260 section 9.2): accepted only in SHUTDOWN-ACK-SENT; the association closes.</summary>
    private bool HandleShutdownComplete()
    {
        if (_state != AssociationState.ShutdownAckSent)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        CompleteShutdown();
        return false;
    }

    private void CompleteShutdown()
    {
        _events.Enqueue(new AssociationEvent(AssociationEventKind.ShutdownComplete));
        EnterClosed();
    }

    /// <summary>
    /// T2-shutdown expired (RFC 9260 section 9.2): send SHUTDOWN or SHUTDOWN ACK again; past
    /// Association.Max.Retrans the peer is unreachable.
    /// </summary>
    private void OnT2ShutdownExpired(TimeSpan now)
    {
        if (++_shutdownRetransmissions > _config.AssociationMaxRetransmits)
        {
            Fail(new AssociationError(AssociationErrorKind.RetransmissionLimit, $"The shutdown went unanswered {_config.AssociationMaxRetransmits} times."));
            return;
        }

        if (_state == AssociationState.ShutdownSent)
        {
            QueueShutdownChunk();
        }
        else if (_state == AssociationState.ShutdownAckSent)
        {
            QueueControl(ShutdownAckChunk.Instance);
        }
        else
        {
            _timers[TimerId.T2Shutdown].Stop();
        }
    }

    /// <summary>T5-shutdown-guard expired (RFC 9260 section 9.2): give up on the graceful close with an ABORT.</summary>
    private void OnT5ShutdownGuardExpired(TimeSpan now)
    {
        _ = now;
        QueueControl(new AbortChunk(false));
        Fail(new AssociationError(AssociationErrorKind.ShutdownTimeout, "The shutdown did not complete within the shutdown guard time."));
    }

    /// <summary>ABORT (RFC 9260 section 9.1): the association ends at once; the tag was checked already.</summary>
    private bool HandleAbort(RawChunk chunk)
    {
        if (!IsTagValidForTBitChunk(_header, chunk))
        {
            // An ABORT bundled after other chunks must agree with the packet's tag too (section 8.5.1, rule B).
            return DropChunk(DropReason.BadVerificationTag);
        }

        AbortChunk.TryParse(chunk.Bytes, out var abort, out _);
        var causes = abort?.Causes ?? [];
        bool refused = _state is AssociationState.CookieWait or AssociationState.CookieEchoed;
        Fail(new AssociationError(
            refused ? AssociationErrorKind.Refused : AssociationErrorKind.PeerAborted,
            refused ? "The peer refused the association." : "The peer aborted the association.",
            causes));
        return false;
    }
}
