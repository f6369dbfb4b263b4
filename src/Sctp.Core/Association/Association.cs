using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Rx;
using Sctp.Timers;
using Sctp.Tx;

namespace Sctp;

/// <summary>
/// One SCTP association: the state machine of RFC 9260, driven by its owner. Sans-IO and deterministic:
/// received packets come in through the <see cref="Endpoint"/>, time is passed in, packets go out through
/// <see cref="PollTransmit"/> into the caller's buffer, and the application learns what happened through
/// <see cref="PollEvent"/>. Not thread-safe: one caller at a time.
/// </summary>
/// <remarks>
/// After any call that changes state (<see cref="Endpoint.Handle"/>, <see cref="HandleTimeout"/>, a
/// send, <see cref="Shutdown"/>, <see cref="Abort"/>), call <see cref="PollTransmit"/> until it returns
/// 0, drain <see cref="PollEvent"/>, and arm a timer for <see cref="PollTimeout"/>.
/// The association is split into partial files by concern: handshake, data, SACK and retransmission,
/// shutdown and abort, heartbeat, stream reset, errors.
/// </remarks>
public sealed partial class Association
{
    private readonly Endpoint _endpoint;
    private readonly TransportConfig _config;
    private readonly TimerSet _timers;
    private readonly RetransmissionTimeout _rto;
    private readonly Queue<AssociationEvent> _events = new();
    private readonly Queue<OutgoingControl> _control = new();
    private AssociationState _state;

    /// <summary>A client association, about to send its INIT.</summary>
    internal Association(Endpoint endpoint, TransportConfig config, IPEndPoint remote, ushort localPort, ushort remotePort, VerificationTag localTag, TimeSpan now)
        : this(endpoint, config, remote, localPort, remotePort, now)
    {
        LocalTag = localTag;
        LocalInitialTsn = new Tsn(endpoint.Random.NextUInt32());
        InitializeSendSide(LocalInitialTsn, now);
    }

    /// <summary>A server association, created from a valid State Cookie (RFC 9260 section 5.1.5, step 5): established at once.</summary>
    internal Association(Endpoint endpoint, TransportConfig config, IPEndPoint remote, StateCookie cookie, TimeSpan now)
        : this(endpoint, config, remote, cookie.LocalPort, cookie.PeerPort, now)
    {
        ApplyCookie(cookie, now);
        _state = AssociationState.Established;
        StartHeartbeat(now);
        _events.Enqueue(new AssociationEvent(AssociationEventKind.Connected));
    }

    private Association(Endpoint endpoint, TransportConfig config, IPEndPoint remote, ushort localPort, ushort remotePort, TimeSpan now)
    {
        _endpoint = endpoint;
        _config = config;
        Remote = remote;
        LocalPort = localPort;
        RemotePort = remotePort;
        _timers = TimerSet.CreateAssociationTimers(config.RtoMax, config.MaxInitRetransmits);
        _rto = new RetransmissionTimeout(config.RtoInitial, config.RtoMin, config.RtoMax, TimeSpan.FromMilliseconds(1));
        _congestion = new CongestionControl(config.Mtu, config.MaxBurst);
        _lastActivity = now;
        Stats.Rto = _rto.Rto;
        InitializePathMtu();
    }

    /// <summary>The peer's address (single-homed: the one address we send to and accept from).</summary>
    public IPEndPoint Remote { get; }

    /// <summary>Our SCTP port.</summary>
    public ushort LocalPort { get; }

    /// <summary>The peer's SCTP port.</summary>
    public ushort RemotePort { get; }

    /// <summary>Our verification tag: the peer puts it in every packet it sends us.</summary>
    public VerificationTag LocalTag { get; private set; }

    /// <summary>The peer's verification tag: we put it in every packet we send (zero until the peer's INIT or INIT ACK is known).</summary>
    public VerificationTag PeerTag { get; private set; }

    /// <summary>The current state (RFC 9260 section 4).</summary>
    public AssociationState State => _state;

    /// <summary>True once the association has ended; nothing more will be received.</summary>
    public bool IsClosed => _state == AssociationState.Closed;

    /// <summary>The optional features both sides agreed on.</summary>
    public NegotiatedFeatures Features { get; private set; }

    /// <summary>Streams we may send on (ids 0 to this value less one), once established.</summary>
    public ushort OutboundStreams { get; private set; }

    /// <summary>Streams the peer may send on, once established.</summary>
    public ushort InboundStreams { get; private set; }

    /// <summary>The settings of this association.</summary>
    public TransportConfig Config => _config;

    /// <summary>Counters and gauges.</summary>
    public AssociationStats Stats { get; } = new();

    /// <summary>Our initial TSN.</summary>
    internal Tsn LocalInitialTsn { get; private set; }

    internal bool AcceptsZeroChecksum => (Features & NegotiatedFeatures.ZeroChecksum) != 0;

    /// <summary>When <see cref="HandleTimeout"/> should next be called; null when no timer runs.</summary>
    public TimeSpan? PollTimeout() => _timers.NextDeadline;

    /// <summary>Takes the next event for the application; false when there is none.</summary>
    public bool PollEvent(out AssociationEvent associationEvent) => _events.TryDequeue(out associationEvent);

    /// <summary>Handles every timer that has expired at <paramref name="now"/>.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        while (!IsClosed && _timers.TryHandleNextExpired(now, out var id))
        {
            switch (id)
            {
                case TimerId.T1Init:
                case TimerId.T1Cookie:
                    OnT1Expired(now, id);
                    break;
                case TimerId.T2Shutdown:
                    OnT2ShutdownExpired(now);
                    break;
                case TimerId.T3Rtx:
                    OnT3RtxExpired(now);
                    break;
                case TimerId.T5ShutdownGuard:
                    OnT5ShutdownGuardExpired(now);
                    break;
                case TimerId.DelayedAck:
                    _dataTracker?.RequestSackNow();
                    break;
                case TimerId.Heartbeat:
                    OnHeartbeatTimer(now);
                    break;
                case TimerId.Reconfig:
                    OnReconfigTimerExpired(now);
                    break;
                case TimerId.PathMtuProbe:
                    OnPathMtuProbeTimer(now);
                    break;
                case TimerId.PathMtuRaise:
                    OnPathMtuRaiseTimer(now);
                    break;
            }
        }
    }

    /// <summary>
    /// Handles a packet the endpoint routed here (its framing and checksum already verified). Applies the
    /// verification tag rules (RFC 9260 section 8.5) and processes the chunks in order.
    /// </summary>
    internal void HandlePacket(TimeSpan now, CommonHeader header, ReadOnlySpan<byte> packet)
    {
        if (IsClosed)
        {
            return;
        }

        if (!CheckVerificationTag(now, header, packet))
        {
            return;
        }

        Stats.PacketsReceived++;
        Stats.BytesReceived += packet.Length;
        OnPacketDuringShutdown();
        _packetHadData = false;
        _packetHadImmediateFlag = false;

        var reader = SctpPacket.GetChunks(packet);
        bool first = true;
        while (!IsClosed && reader.TryReadNext(out var chunk, out _))
        {
            Stats.ChunksReceived++;
            if (!HandleChunk(now, header, packet, chunk, first))
            {
                break;
            }

            first = false;
        }

        AfterPacket(now);
    }

    /// <summary>
    /// Dispatches one chunk by type. Returns false to stop processing the rest of the packet (after an
    /// ABORT, a malformed chunk, or an unrecognized type whose upper bits say stop).
    /// </summary>
    private bool HandleChunk(TimeSpan now, CommonHeader header, ReadOnlySpan<byte> packet, RawChunk chunk, bool first)
    {
        switch (chunk.Type)
        {
            case ChunkType.Data:
                return HandleDataChunk(now, chunk);
            case ChunkType.IData:
                return HandleIDataChunk(now, chunk);
            case ChunkType.Sack:
                return HandleSackChunk(now, chunk);
            case ChunkType.Init:
                return HandleInitInState(now, header, packet);
            case ChunkType.InitAck:
                return HandleInitAck(now, chunk);
            case ChunkType.CookieEcho:
                return first ? HandleCookieEchoInState(now, header, packet) : DropChunk(DropReason.UnexpectedChunk);
            case ChunkType.CookieAck:
                return HandleCookieAck(now);
            case ChunkType.Heartbeat:
                return HandleHeartbeat(chunk);
            case ChunkType.HeartbeatAck:
                return HandleHeartbeatAck(now, chunk);
            case ChunkType.Abort:
                return HandleAbort(chunk);
            case ChunkType.Shutdown:
                return HandleShutdown(now, chunk);
            case ChunkType.ShutdownAck:
                return HandleShutdownAck(now);
            case ChunkType.ShutdownComplete:
                return HandleShutdownComplete();
            case ChunkType.Error:
                return HandleError(now, chunk);
            case ChunkType.ForwardTsn:
                return HandleForwardTsnChunk(now, chunk);
            case ChunkType.IForwardTsn:
                return HandleIForwardTsnChunk(now, chunk);
            case ChunkType.ReConfig:
                return HandleReConfig(now, chunk);
            case ChunkType.Pad:
                // RFC 4820 section 3: the padding is ignored.
                return true;
            default:
                return HandleUnrecognizedChunk(chunk);
        }
    }

    /// <summary>Counts a dropped chunk and says whether to go on with the packet (it does not).</summary>
    private bool DropChunk(DropReason reason)
    {
        Stats.CountDrop(reason);
        return false;
    }

    /// <summary>Moves to <paramref name="state"/>.</summary>
    private void SetState(AssociationState state) => _state = state;

    /// <summary>Ends the association: stops every timer, frees buffers and leaves the endpoint's tables.</summary>
    private void EnterClosed()
    {
        if (_state == AssociationState.Closed)
        {
            return;
        }

        _state = AssociationState.Closed;
        _timers.StopAll();
        ReleaseDataResources();
        _endpoint.OnClosed(this);
    }

    /// <summary>Reports the loss of the association and closes it.</summary>
    private void Fail(AssociationError error)
    {
        if (IsClosed)
        {
            return;
        }

        _events.Enqueue(new AssociationEvent(AssociationEventKind.Lost, default, error));
        EnterClosed();
    }

    /// <summary>Queues a control chunk for the next packet (with the peer's tag unless another is given).</summary>
    private void QueueControl(Chunk chunk, VerificationTag? tag = null, bool alone = false) =>
        _control.Enqueue(new OutgoingControl(chunk, tag, alone));

    /// <summary>A control chunk waiting to be sent, with the tag its packet must carry when it is not the peer's.</summary>
    private readonly record struct OutgoingControl(Chunk Chunk, VerificationTag? Tag, bool Alone);
}
