using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Timers;

namespace Sctp;

public sealed partial class Association
{
    private InitChunk? _init;
    private CookieEchoChunk? _cookieEcho;
    private TimeSpan _handshakeSentAt;
    private CommonHeader _header;

    /// <summary>RFC 9260 section 5.1, step A: send INIT, start T1-init, enter COOKIE-WAIT.</summary>
    internal void StartConnect(TimeSpan now)
    {
        _init = new InitChunk(
            LocalTag,
            (uint)_config.ReceiveWindow,
            _config.OutboundStreams,
            _config.MaxInboundStreams,
            LocalInitialTsn,
            Negotiation.OfferedParameters(_config));
        SetState(AssociationState.CookieWait);
        SendInit(now, restartTimer: true);
    }

    private void SendInit(TimeSpan now, bool restartTimer)
    {
        // RFC 9260 section 8.5.1, rule A: the packet carrying INIT has a zero tag, and INIT stands alone.
        QueueControl(_init!, VerificationTag.Zero, alone: true);
        _handshakeSentAt = now;
        if (restartTimer)
        {
            _timers[TimerId.T1Init].Start(now, _rto.Rto);
        }
    }

    /// <summary>
    /// T1-init or T1-cookie expired (RFC 9260 section 5.1, steps C and E): send the chunk again, with the
    /// timer backed off, until Max.Init.Retransmits is exceeded; then the association has failed.
    /// </summary>
    private void OnT1Expired(TimeSpan now, TimerId id)
    {
        if (_timers[id].IsExhausted)
        {
            Fail(new AssociationError(AssociationErrorKind.HandshakeTimeout, $"No answer to {(id == TimerId.T1Init ? "INIT" : "COOKIE ECHO")} after {_config.MaxInitRetransmits} retransmissions."));
            return;
        }

        if (id == TimerId.T1Init && _state == AssociationState.CookieWait)
        {
            SendInit(now, restartTimer: false);
        }
        else if (id == TimerId.T1Cookie && _state == AssociationState.CookieEchoed)
        {
            // DATA bundled with the unanswered COOKIE ECHO shared its fate: it goes again with it (RFC 9260
            // section 5.1, step D), and T3-rtx restarts when it does.
            _timers[TimerId.T3Rtx].Stop();
            _outstanding.MarkAllInFlightLost();
            QueueControl(_cookieEcho!);
            _handshakeSentAt = now;
        }
    }

    /// <summary>
    /// INIT ACK (RFC 9260 section 5.1, step C): in COOKIE-WAIT, take the peer's side of the association from
    /// it, echo its State Cookie, and enter COOKIE-ECHOED. Anywhere else it is discarded (section 5.2.3).
    /// </summary>
    private bool HandleInitAck(TimeSpan now, RawChunk chunk)
    {
        if (_state != AssociationState.CookieWait)
        {
            return DropChunk(DropReason.UnexpectedChunk);
        }

        if (!InitAckChunk.TryParse(chunk.Bytes, out var initAck, out var error))
        {
            Stats.CountDrop(DropReason.MalformedChunk);
            if (error.Kind == ParseErrorKind.InvalidField)
            {
                // RFC 9260 section 3.3.3: a zero Initiate Tag or stream count destroys the association.
                Fail(new AssociationError(AssociationErrorKind.ProtocolViolation, $"The INIT ACK was invalid: {error}."));
            }

            return false;
        }

        if (Negotiation.Find<StateCookieParameter>(initAck) is not { } cookie)
        {
            // RFC 9260 section 5.1, step C: without a State Cookie the handshake cannot go on.
            var cause = new MissingMandatoryParameterCause(ParameterType.StateCookie);
            QueueControl(new AbortChunk(false, cause), initAck.InitiateTag);
            Fail(new AssociationError(AssociationErrorKind.ProtocolViolation, "The INIT ACK had no State Cookie.", [cause]));
            return false;
        }

        if (Negotiation.Find<HostNameAddressParameter>(initAck) is { } hostName)
        {
            var cause = new UnresolvableAddressCause(hostName);
            QueueControl(new AbortChunk(false, cause), initAck.InitiateTag);
            Fail(new AssociationError(AssociationErrorKind.ProtocolViolation, "The INIT ACK listed a host name, which we do not resolve.", [cause]));
            return false;
        }

        if (_timers[TimerId.T1Init].ExpirationCount == 0)
        {
            // Karn's rule (RFC 9260 section 6.3.1, C5): only an INIT sent once gives an RTT sample.
            ObserveRtt(now - _handshakeSentAt);
        }

        PeerTag = initAck.InitiateTag;
        Features = Negotiation.Agree(_config, initAck);
        OutboundStreams = Negotiation.OutboundStreams(_config, initAck);
        InboundStreams = Negotiation.InboundStreams(_config, initAck);
        InitializeReceiveSide(initAck.InitialTsn);
        InitializeReconfig(LocalInitialTsn, initAck.InitialTsn);
        SetPeerReceiveWindow(initAck.AdvertisedReceiverWindowCredit);

        _timers[TimerId.T1Init].Stop();
        _cookieEcho = new CookieEchoChunk(cookie.Cookie.Span);
        QueueControl(_cookieEcho);
        if (Negotiation.UnrecognizedToReport(initAck) is { } unrecognized)
        {
            // RFC 9260 section 3.2.2: unrecognized parameters of an INIT ACK are reported in an ERROR
            // bundled with the COOKIE ECHO.
            QueueControl(new ErrorChunk(new UnrecognizedParametersCause(unrecognized)));
        }

        _handshakeSentAt = now;
        _timers[TimerId.T1Cookie].Start(now, _rto.Rto);
        SetState(AssociationState.CookieEchoed);
        return false;
    }

    /// <summary>COOKIE ACK (RFC 9260 section 5.1, step E): the association is up. Discarded in any state but COOKIE-ECHOED (section 5.2.5).</summary>
    private bool HandleCookieAck(TimeSpan now)
    {
        if (_state != AssociationState.CookieEchoed)
        {
            Stats.CountDrop(DropReason.UnexpectedChunk);
            return true;
        }

        if (_timers[TimerId.T1Cookie].ExpirationCount == 0)
        {
            ObserveRtt(now - _handshakeSentAt);
        }

        EnterEstablished(now);
        return true;
    }

    private void EnterEstablished(TimeSpan now)
    {
        _timers[TimerId.T1Init].Stop();
        _timers[TimerId.T1Cookie].Stop();
        SetState(AssociationState.Established);
        _init = null;
        _cookieEcho = null;
        StartHeartbeat(now);
        _events.Enqueue(new AssociationEvent(AssociationEventKind.Connected));
        if (_shutdownAfterHandshake)
        {
            // Shutdown was asked for in COOKIE-ECHOED with messages accepted: they are drained first.
            _shutdownAfterHandshake = false;
            SetState(AssociationState.ShutdownPending);
            MaybeAdvanceShutdown(now);
        }
    }

    /// <summary>
    /// An INIT for an association that exists (RFC 9260 sections 5.2.1 and 5.2.2): answered with an INIT
    /// ACK without changing state. In COOKIE-WAIT and COOKIE-ECHOED the answer repeats our own tag and
    /// TSN (an initialization collision); in later states it offers a new tag, with tie-tags in the cookie
    /// so that a genuine restart can be told from an attack. In SHUTDOWN-ACK-SENT the SHUTDOWN ACK is sent
    /// again instead (section 9.2).
    /// </summary>
    private bool HandleInitInState(TimeSpan now, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        if (!_endpoint.TryReadLoneInit(Remote, header, packet, out var init, out var drop))
        {
            // Section 8.5.1, rule A: a non-zero tag or other chunks bundled; otherwise a malformed INIT.
            Stats.CountDrop(drop.DropReason is DropReason.BadVerificationTag or DropReason.IllegalBundling ? drop.DropReason.Value : DropReason.MalformedChunk);
            return false;
        }

        switch (_state)
        {
            case AssociationState.CookieWait:
                _endpoint.QueueInitAck(now, Remote, header, init, _config, LocalTag, LocalInitialTsn, default, default);
                break;
            case AssociationState.CookieEchoed:
                _endpoint.QueueInitAck(now, Remote, header, init, _config, LocalTag, LocalInitialTsn, LocalTag, PeerTag);
                break;
            case AssociationState.ShutdownAckSent:
                QueueControl(ShutdownAckChunk.Instance);
                break;
            default:
                _endpoint.QueueInitAck(now, Remote, header, init, _config, _endpoint.NewLocalTag(), new Tsn(_endpoint.Random.NextUInt32()), LocalTag, PeerTag);
                break;
        }

        return false;
    }

    /// <summary>
    /// A COOKIE ECHO for an association that exists (RFC 9260 section 5.2.4), compared against it by tags
    /// and tie-tags: (A) the peer restarted, (B) our INITs collided, (C) a late cookie of an old
    /// collision, discarded, (D) a repeated cookie. The endpoint has already verified the MAC, freshness
    /// (a stale cookie with both of our tags passes, step 3), ports and tag (section 5.1.5).
    /// </summary>
    private bool HandleCookieEchoInState(TimeSpan now, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        if (!_endpoint.TryReadCookie(now, Remote, header, packet, out var cookie, out var drop, this))
        {
            // The endpoint answered a stale cookie with an ERROR (section 5.2.4, step 3); anything else was invalid.
            Stats.CountDrop(drop.Kind == EndpointResultKind.Replied ? DropReason.StaleCookie : DropReason.InvalidCookie);
            return false;
        }

        bool localMatches = cookie.LocalTag == LocalTag;
        bool peerMatches = cookie.PeerTag == PeerTag;
        bool tieTagsMatch = cookie.LocalTieTag == LocalTag && cookie.PeerTieTag == PeerTag;

        if (!localMatches && !peerMatches && tieTagsMatch)
        {
            // (A) The peer restarted.
            if (_state == AssociationState.ShutdownAckSent)
            {
                // Section 5.2.4, action A: no restart while shutting down; say why, under the new tag.
                QueueControl(ShutdownAckChunk.Instance, cookie.PeerTag);
                QueueControl(new ErrorChunk(CookieReceivedWhileShuttingDownCause.Instance), cookie.PeerTag);
                return false;
            }

            var oldTag = LocalTag;
            ResetDataPath(now);
            ApplyCookie(cookie, now);
            _endpoint.OnLocalTagChanged(this, oldTag);
            _timers.StopAll();
            SetState(AssociationState.Established);
            StartHeartbeat(now);
            _events.Enqueue(new AssociationEvent(AssociationEventKind.Restarted));
            QueueControl(CookieAckChunk.Instance);
            return true;
        }

        if (localMatches && !peerMatches)
        {
            // (B) Initialization collision: take the peer's side from the cookie and come up.
            PeerTag = cookie.PeerTag;
            Features = cookie.Features;
            OutboundStreams = cookie.OutboundStreams;
            InboundStreams = cookie.InboundStreams;
            InitializeReceiveSide(cookie.PeerInitialTsn);
            InitializeReconfig(LocalInitialTsn, cookie.PeerInitialTsn);
            SetPeerReceiveWindow(cookie.PeerReceiverWindow);
            if (_state is AssociationState.CookieWait or AssociationState.CookieEchoed)
            {
                EnterEstablished(now);
            }

            QueueControl(CookieAckChunk.Instance);
            return true;
        }

        if (!localMatches && peerMatches && cookie.LocalTieTag.Value == 0 && cookie.PeerTieTag.Value == 0)
        {
            // (C) The cookie of an earlier collision, arriving late: discarded silently.
            return DropChunk(DropReason.InvalidCookie);
        }

        if (localMatches && peerMatches)
        {
            // (D) Both tags match: a repeated COOKIE ECHO (our COOKIE ACK was lost) or the first one.
            if (_state is AssociationState.CookieWait or AssociationState.CookieEchoed)
            {
                EnterEstablished(now);
            }

            QueueControl(CookieAckChunk.Instance);
            return true;
        }

        return DropChunk(DropReason.InvalidCookie);
    }

    /// <summary>Takes both sides of the association from a State Cookie (RFC 9260 section 5.1.5, step 5).</summary>
    private void ApplyCookie(StateCookie cookie, TimeSpan now)
    {
        LocalTag = cookie.LocalTag;
        PeerTag = cookie.PeerTag;
        LocalInitialTsn = cookie.LocalInitialTsn;
        Features = cookie.Features;
        OutboundStreams = cookie.OutboundStreams;
        InboundStreams = cookie.InboundStreams;
        InitializeSendSide(cookie.LocalInitialTsn, now);
        InitializeReceiveSide(cookie.PeerInitialTsn);
        InitializeReconfig(cookie.LocalInitialTsn, cookie.PeerInitialTsn);
        SetPeerReceiveWindow(cookie.PeerReceiverWindow);
    }

    /// <summary>
    /// The verification tag rules (RFC 9260 sections 8.5 and 8.5.1), applied before any chunk is processed.
    /// INIT and COOKIE ECHO are checked by their handlers; ABORT and SHUTDOWN COMPLETE accept the peer's
    /// tag when their T bit says it was reflected.
    /// </summary>
    private bool CheckVerificationTag(TimeSpan now, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        _header = header;
        var reader = SctpPacket.GetChunks(packet);
        if (!reader.TryReadNext(out var first, out _))
        {
            Stats.CountDrop(DropReason.Malformed);
            return false;
        }

        bool ok;
        switch (first.Type)
        {
            case ChunkType.Init:
            case ChunkType.CookieEcho:
                ok = true;
                break;
            case ChunkType.Abort:
            case ChunkType.ShutdownComplete:
                ok = IsTagValidForTBitChunk(header, first);
                break;
            case ChunkType.ShutdownAck when _state is AssociationState.CookieWait or AssociationState.CookieEchoed:
                // Rule E: treated as out of the blue (section 8.4, rule 5).
                QueueControl(ShutdownCompleteChunk.Reflected, header.VerificationTag, alone: true);
                Stats.CountDrop(DropReason.OutOfTheBlue);
                return false;
            default:
                ok = header.VerificationTag == LocalTag;
                break;
        }

        if (!ok)
        {
            Stats.CountDrop(DropReason.BadVerificationTag);
        }

        return ok;
    }

    /// <summary>
    /// RFC 9260 section 8.5.1, rules B and C: T bit clear, the tag must be ours; T bit set, the peer's.
    /// In COOKIE-WAIT the peer's tag is not known yet, so only our own is accepted.
    /// </summary>
    private bool IsTagValidForTBitChunk(CommonHeader header, RawChunk chunk)
    {
        bool reflected = (chunk.Flags & 0x01) != 0;
        if (!reflected)
        {
            return header.VerificationTag == LocalTag;
        }

        return _state != AssociationState.CookieWait && header.VerificationTag == PeerTag;
    }
}
