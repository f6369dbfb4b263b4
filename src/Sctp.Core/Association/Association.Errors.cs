using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private int _staleCookieCount;

    /// <summary>
    /// ERROR (RFC 9260 section 3.3.10): reported to the application; the association goes on. A Stale
    /// Cookie error while in COOKIE-ECHOED restarts the handshake with a Cookie Preservative (section 5.2.6).
    /// </summary>
    private bool HandleError(TimeSpan now, RawChunk chunk)
    {
        if (!ErrorChunk.TryParse(chunk.Bytes, out var error, out _))
        {
            return DropChunk(DropReason.MalformedChunk);
        }

        if (_state == AssociationState.CookieEchoed && error.GetCause<StaleCookieCause>() is { } stale)
        {
            RetryAfterStaleCookie(now, stale);
            return true;
        }

        _events.Enqueue(new AssociationEvent(AssociationEventKind.ErrorReceived, default, error.Causes));
        return true;
    }

    /// <summary>
    /// RFC 9260 section 5.2.6: our cookie arrived stale. Send a new INIT asking, through a Cookie
    /// Preservative, for the staleness plus one RTT (at most a second more), and go back to COOKIE-WAIT;
    /// after Max.Init.Retransmits stale cookies, give up.
    /// </summary>
    private void RetryAfterStaleCookie(TimeSpan now, StaleCookieCause stale)
    {
        _timers[TimerId.T1Cookie].Stop();
        if (++_staleCookieCount > _config.MaxInitRetransmits)
        {
            Fail(new AssociationError(AssociationErrorKind.StaleCookie, "The peer found our State Cookie stale too many times.", [stale]));
            return;
        }

        var rtt = _rto.SmoothedRtt ?? _config.RtoInitial;
        var increment = stale.Staleness + (rtt < TimeSpan.FromSeconds(1) ? rtt : TimeSpan.FromSeconds(1));
        var parameters = new List<Parameter>(_init!.Parameters.Where(p => p is not CookiePreservativeParameter))
        {
            new CookiePreservativeParameter((uint)Math.Min(uint.MaxValue, (ulong)increment.TotalMilliseconds)),
        };
        _init = new InitChunk(_init.InitiateTag, _init.AdvertisedReceiverWindowCredit, _init.OutboundStreams, _init.InboundStreams, _init.InitialTsn, parameters);
        PeerTag = default;

        // The peer discarded the whole packet of the stale COOKIE ECHO, DATA bundled with it included: that
        // DATA goes again with the next COOKIE ECHO rather than after a T3-rtx expiry.
        _timers[TimerId.T3Rtx].Stop();
        _outstanding.MarkAllInFlightLost();
        SetState(AssociationState.CookieWait);
        SendInit(now, restartTimer: true);
    }

    /// <summary>
    /// A chunk type we do not act on (RFC 9260 section 3.2): its upper two bits say whether to stop
    /// processing the packet or skip the chunk, and whether to report it in an ERROR with an Unrecognized
    /// Chunk Type cause.
    /// </summary>
    private bool HandleUnrecognizedChunk(RawChunk chunk)
    {
        Stats.CountDrop(DropReason.UnrecognizedChunk);
        var action = chunk.Type.GetUnrecognizedAction();
        if (action is UnrecognizedAction.StopAndReport or UnrecognizedAction.SkipAndReport)
        {
            // The report echoes the chunk; one too large for our packets is not reported.
            int reportSize = CommonHeader.Size + RawChunk.HeaderSize + RawTlv.HeaderSize + Wire.Pad4(chunk.Length);
            if (reportSize <= _config.Mtu)
            {
                QueueControl(new ErrorChunk(new UnrecognizedChunkTypeCause(chunk.Bytes)));
            }
        }

        return action is UnrecognizedAction.Skip or UnrecognizedAction.SkipAndReport;
    }
}
