using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private const int HeartbeatInfoLength = 16;

    private ulong _heartbeatNonce;
    private bool _heartbeatOutstanding;
    private TimeSpan _lastActivity;
    private int _errorCount;

    /// <summary>
    /// Arms the heartbeat timer for an idle path (RFC 9260 section 8.3): HB.interval plus the RTO, with a
    /// jitter of up to half the RTO either way so that associations do not beat in step.
    /// </summary>
    private void StartHeartbeat(TimeSpan now)
    {
        if (_config.HeartbeatInterval <= TimeSpan.Zero)
        {
            return;
        }

        long rto = _rto.Rto.Ticks;
        long jitter = rto == 0 ? 0 : (long)(_endpoint.Random.NextUInt32() % (ulong)rto) - (rto / 2);
        var delay = TimeSpan.FromTicks(Math.Max(1, _config.HeartbeatInterval.Ticks + rto + jitter));
        _timers[TimerId.Heartbeat].Start(now, delay);
    }

    /// <summary>
    /// The heartbeat timer expired (RFC 9260 section 8.3). If the path was idle for the whole period, a
    /// HEARTBEAT goes out with a fresh nonce and the time it was sent; an earlier one still unanswered
    /// counts as an error of the association (section 8.1), which fails past Association.Max.Retrans, and
    /// backs the RTO off.
    /// </summary>
    private void OnHeartbeatTimer(TimeSpan now)
    {
        if (_state is not (AssociationState.Established or AssociationState.ShutdownPending or AssociationState.ShutdownReceived))
        {
            _timers[TimerId.Heartbeat].Stop();
            return;
        }

        if (_heartbeatOutstanding)
        {
            if (CountError())
            {
                return;
            }

            // RFC 9260 section 8.3: the RTO backs off exponentially while the previous HEARTBEAT goes
            // unanswered, which spaces the next ones out too.
            _rto.Backoff();
            Stats.Rto = _rto.Rto;
        }

        if (now - _lastActivity >= _config.HeartbeatInterval || _heartbeatOutstanding)
        {
            Span<byte> info = stackalloc byte[HeartbeatInfoLength];
            _heartbeatNonce = ((ulong)_endpoint.Random.NextUInt32() << 32) | _endpoint.Random.NextUInt32();
            BinaryPrimitives.WriteUInt64BigEndian(info, _heartbeatNonce);
            BinaryPrimitives.WriteInt64BigEndian(info[8..], now.Ticks);
            QueueControl(new HeartbeatChunk(info));
            _heartbeatOutstanding = true;
            Stats.HeartbeatsSent++;
        }

        StartHeartbeat(now);
    }

    /// <summary>
    /// HEARTBEAT (RFC 9260 section 8.3): answered with a HEARTBEAT ACK that echoes its information unchanged.
    /// A path MTU probe from the peer (RFC 8899 section 6.2) is one too: its PAD chunk is skipped (RFC 4820
    /// section 3), and the ACK carries only the info, not the padding.
    /// </summary>
    private bool HandleHeartbeat(RawChunk chunk)
    {
        if (!HeartbeatChunk.TryParse(chunk.Bytes, out var heartbeat, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        QueueControl(heartbeat.CreateAck());
        return true;
    }

    /// <summary>
    /// HEARTBEAT ACK (RFC 9260 section 8.3): if it echoes our outstanding nonce, the peer is reachable
    /// (the error counter clears) and the time it carries gives an RTT sample.
    /// </summary>
    private bool HandleHeartbeatAck(TimeSpan now, RawChunk chunk)
    {
        if (!HeartbeatAckChunk.TryParse(chunk.Bytes, out var ack, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        var info = ack.Info.Span;
        if (info.Length == ProbeInfoLength && BinaryPrimitives.ReadUInt32BigEndian(info) == ProbeMarker)
        {
            // RFC 8899 section 6.2.1.2: the answer to a path MTU probe, not to a path heartbeat.
            return HandleProbeAck(now, info);
        }

        if (!_heartbeatOutstanding || info.Length != HeartbeatInfoLength || BinaryPrimitives.ReadUInt64BigEndian(info) != _heartbeatNonce)
        {
            // Not an answer to our current HEARTBEAT: a forgery or a stale echo, it proves nothing.
            Stats.CountDrop(DropReason.UnexpectedChunk);
            return true;
        }

        _heartbeatOutstanding = false;
        _errorCount = 0;
        var sentAt = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(info[8..]));
        if (sentAt <= now)
        {
            ObserveRtt(now - sentAt);
        }

        return true;
    }

    /// <summary>
    /// Counts a failure to reach the peer (RFC 9260 section 8.1: a T3-rtx expiry or an unanswered
    /// HEARTBEAT). Returns true when the count passed Association.Max.Retrans and the association failed.
    /// </summary>
    private bool CountError()
    {
        if (++_errorCount <= _config.AssociationMaxRetransmits)
        {
            return false;
        }

        Fail(new AssociationError(AssociationErrorKind.RetransmissionLimit, $"The peer did not answer {_errorCount} times in a row (Association.Max.Retrans is {_config.AssociationMaxRetransmits})."));
        return true;
    }

    /// <summary>Takes an RTT sample (RFC 9260 section 6.3.1) and refreshes the statistics.</summary>
    private void ObserveRtt(TimeSpan rtt)
    {
        _rto.ObserveRtt(rtt);
        Stats.Rto = _rto.Rto;
        Stats.SmoothedRtt = _rto.SmoothedRtt;
    }
}
