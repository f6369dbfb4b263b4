namespace Sctp;

/// <summary>
/// Per-association protocol settings, shared by both sides of a handshake. Defaults follow RFC 9260
/// section 16 ("Suggested SCTP Protocol Parameter Values") where it gives one. Call
/// <see cref="Validate"/> (the entry points do) to reject inconsistent values with a clear message.
/// </summary>
public sealed record TransportConfig
{
    /// <summary>
    /// The largest SCTP packet we send, common header included (the path MTU less IP and UDP headers), and
    /// with path MTU discovery on (<see cref="MaxMtu"/> above it) the size it starts from and falls back to:
    /// BASE_PLPMTU of RFC 8899 section 5.1.2. Default 1200, safe over any path that carries WebRTC.
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>
    /// MAX_PLPMTU (RFC 8899 section 5.1.2): the largest SCTP packet path MTU discovery may probe for and
    /// then send. Null (the default) or equal to <see cref="Mtu"/> turns discovery off, so every packet
    /// stays within <see cref="Mtu"/>. At most 65,507, the largest UDP payload. With it above
    /// <see cref="Mtu"/>, the association probes with HEARTBEAT and PAD chunks once established
    /// (RFC 8899 section 6.2) and builds packets up to the size it confirmed.
    /// </summary>
    public int? MaxMtu { get; init; }

    /// <summary>MAX_PROBES (RFC 8899 section 5.1.2): unanswered probes of one size before that size counts as failed. Default 3.</summary>
    public int MtuMaxProbes { get; init; } = 3;

    /// <summary>
    /// PROBE_TIMER (RFC 8899 section 5.1.1): how long a path MTU probe waits for its HEARTBEAT ACK before it
    /// counts as lost. At least 1 s (the RFC's floor; it suggests 15 s or more). Default 15 s.
    /// </summary>
    public TimeSpan MtuProbeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>PMTU_RAISE_TIMER (RFC 8899 section 5.1.1): how long after a completed search the path is probed again for a larger size. Default 600 s.</summary>
    public TimeSpan MtuRaiseInterval { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// The largest packet this association may write: <see cref="MaxMtu"/> when path MTU discovery is on,
    /// <see cref="Mtu"/> otherwise. <see cref="Association.PollTransmit"/> needs a buffer this large, so a
    /// caller can allocate it once.
    /// </summary>
    public int MaxPacketSize => Math.Max(Mtu, MaxMtu ?? Mtu);

    /// <summary>True when path MTU discovery (RFC 8899) runs: <see cref="MaxMtu"/> is above <see cref="Mtu"/>.</summary>
    public bool PathMtuDiscoveryEnabled => MaxMtu is { } max && max > Mtu;

    /// <summary>Bytes of received data we buffer (reassembly plus delivered but unread): the advertised receiver window, a_rwnd (RFC 9260 section 6.2). Default 1 MiB.</summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>Bytes of unsent and unacknowledged data a writer may queue before writes must wait. Default 1 MiB.</summary>
    public int SendBufferSize { get; init; } = 1024 * 1024;

    /// <summary>The largest message a stream accepts or reassembles. Default 256 KiB.</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>Outbound streams we ask for in INIT (OS, RFC 9260 section 3.3.2). Default 65,535.</summary>
    public ushort OutboundStreams { get; init; } = ushort.MaxValue;

    /// <summary>Inbound streams we allow the peer (MIS, RFC 9260 section 3.3.2). Default 65,535.</summary>
    public ushort MaxInboundStreams { get; init; } = ushort.MaxValue;

    /// <summary>RTO.Initial (RFC 9260 section 16). Default 1 s.</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Min (RFC 9260 section 16). Default 1 s.</summary>
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Max (RFC 9260 section 16). Default 60 s.</summary>
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Max.Init.Retransmits: INIT and COOKIE ECHO retransmissions before giving up (RFC 9260 section 16). Default 8.</summary>
    public int MaxInitRetransmits { get; init; } = 8;

    /// <summary>Association.Max.Retrans: consecutive failures before the association is lost (RFC 9260 sections 8.1 and 16). Default 10.</summary>
    public int AssociationMaxRetransmits { get; init; } = 10;

    /// <summary>Path.Max.Retrans: consecutive failures before the path is inactive (RFC 9260 sections 8.2 and 16). Default 5.</summary>
    public int PathMaxRetransmits { get; init; } = 5;

    /// <summary>HB.interval: idle time before a HEARTBEAT, added to the RTO (RFC 9260 sections 8.3 and 16); <see cref="TimeSpan.Zero"/> turns heartbeats off. Default 30 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a SACK may be delayed (RFC 9260 section 6.2: at most 500 ms, 200 ms suggested). Default 200 ms.</summary>
    public TimeSpan DelayedAckTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Max.Burst: packets sent at once in response to one event (RFC 9260 sections 6.1 and 16). Default 4.</summary>
    public int MaxBurst { get; init; } = 4;

    /// <summary>Valid.Cookie.Life: how long a State Cookie we issue stays valid (RFC 9260 sections 5.1.5 and 16). Default 60 s.</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Offer partial reliability (RFC 3758 Forward-TSN-Supported). Default on.</summary>
    public bool EnablePartialReliability { get; init; } = true;

    /// <summary>Offer message interleaving with I-DATA (RFC 8260). Used only when both sides offer it. Default off.</summary>
    public bool EnableMessageInterleaving { get; init; }

    /// <summary>Offer stream reconfiguration (RFC 6525), which is how a stream is closed. Default on.</summary>
    public bool EnableStreamReset { get; init; } = true;

    /// <summary>
    /// Offer to skip the CRC32c (RFC 9653) because the lower layer (for example DTLS) already detects
    /// errors. Never safe over plain UDP. Default off.
    /// </summary>
    public bool EnableZeroChecksum { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range or inconsistent.</summary>
    public void Validate()
    {
        // An SCTP packet must hold at least a common header, a DATA chunk header and some payload;
        // 576 - 28 is the smallest MTU IPv4 guarantees end to end.
        Require(Mtu is >= 508 and <= 65_507, nameof(Mtu), "must be between 508 and 65,507 bytes");
        Require(MaxMtu is null || MaxMtu >= Mtu, nameof(MaxMtu), "cannot be below Mtu, the size path MTU discovery starts from (RFC 8899 section 5.1.2)");
        Require(MaxMtu is null or <= 65_507, nameof(MaxMtu), "cannot exceed 65,507 bytes, the largest UDP payload");
        Require(MtuMaxProbes >= 1, nameof(MtuMaxProbes), "must be at least 1 (RFC 8899 section 5.1.2)");
        Require(MtuProbeTimeout >= TimeSpan.FromSeconds(1), nameof(MtuProbeTimeout), "must be at least 1 s (RFC 8899 section 5.1.1)");
        Require(MtuRaiseInterval >= MtuProbeTimeout, nameof(MtuRaiseInterval), "cannot be shorter than MtuProbeTimeout (RFC 8899 section 5.1.1)");
        Require(ReceiveWindow >= 1500, nameof(ReceiveWindow), "must be at least 1,500 bytes (RFC 9260 section 3.3.2)");
        Require(SendBufferSize >= Mtu, nameof(SendBufferSize), "must hold at least one packet");
        Require(MaxMessageSize >= 1, nameof(MaxMessageSize), "must be positive");
        Require(MaxMessageSize <= ReceiveWindow, nameof(MaxMessageSize), "cannot exceed the receive window, which must hold a whole message to reassemble it");
        Require(OutboundStreams >= 1, nameof(OutboundStreams), "must be at least 1 (RFC 9260 section 3.3.2)");
        Require(MaxInboundStreams >= 1, nameof(MaxInboundStreams), "must be at least 1 (RFC 9260 section 3.3.2)");
        Require(RtoMin > TimeSpan.Zero, nameof(RtoMin), "must be positive");
        Require(RtoMin <= RtoInitial && RtoInitial <= RtoMax, nameof(RtoInitial), "must lie between RtoMin and RtoMax");
        Require(MaxInitRetransmits >= 0, nameof(MaxInitRetransmits), "cannot be negative");
        Require(AssociationMaxRetransmits >= 1, nameof(AssociationMaxRetransmits), "must be at least 1");
        Require(PathMaxRetransmits >= 1, nameof(PathMaxRetransmits), "must be at least 1");
        Require(HeartbeatInterval >= TimeSpan.Zero, nameof(HeartbeatInterval), "cannot be negative");
        Require(DelayedAckTime >= TimeSpan.Zero && DelayedAckTime <= TimeSpan.FromMilliseconds(500), nameof(DelayedAckTime), "must be between 0 and 500 ms (RFC 9260 section 6.2)");
        Require(MaxBurst >= 1, nameof(MaxBurst), "must be at least 1");
        Require(CookieLifetime > TimeSpan.Zero, nameof(CookieLifetime), "must be positive");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"TransportConfig.{name} {rule}.", name);
        }
    }
}
