namespace Sctp;

/// <summary>
/// Counters and gauges of one association, for applications and diagnostics. Counters only grow; gauges
/// (congestion window, receive windows, RTT, bytes in flight) show the value at the last update.
/// </summary>
public sealed class AssociationStats
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];

    /// <summary>Packets sent.</summary>
    public long PacketsSent { get; internal set; }

    /// <summary>Packets received and accepted for processing.</summary>
    public long PacketsReceived { get; internal set; }

    /// <summary>Bytes of SCTP packets sent.</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Bytes of SCTP packets received.</summary>
    public long BytesReceived { get; internal set; }

    /// <summary>Chunks sent.</summary>
    public long ChunksSent { get; internal set; }

    /// <summary>Chunks received.</summary>
    public long ChunksReceived { get; internal set; }

    /// <summary>DATA or I-DATA chunks sent for the first time.</summary>
    public long DataChunksSent { get; internal set; }

    /// <summary>DATA or I-DATA chunks received (new, not duplicates).</summary>
    public long DataChunksReceived { get; internal set; }

    /// <summary>Messages delivered complete to the application's queues.</summary>
    public long MessagesReceived { get; internal set; }

    /// <summary>Messages accepted from the application.</summary>
    public long MessagesSent { get; internal set; }

    /// <summary>DATA or I-DATA chunks retransmitted (any reason).</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Fast retransmit events (RFC 9260 section 7.2.4).</summary>
    public long FastRetransmits { get; internal set; }

    /// <summary>T3-rtx expiries (RFC 9260 section 6.3.3).</summary>
    public long T3Expiries { get; internal set; }

    /// <summary>SACKs sent.</summary>
    public long SacksSent { get; internal set; }

    /// <summary>SACKs received.</summary>
    public long SacksReceived { get; internal set; }

    /// <summary>Duplicate TSNs received.</summary>
    public long DuplicateTsnsReceived { get; internal set; }

    /// <summary>Messages abandoned under partial reliability (RFC 3758), before or after being sent.</summary>
    public long MessagesAbandoned { get; internal set; }

    /// <summary>HEARTBEATs sent.</summary>
    public long HeartbeatsSent { get; internal set; }

    /// <summary>The current PLPMTU (RFC 8899): the largest SCTP packet the association builds, bytes.</summary>
    public int PathMtu { get; internal set; }

    /// <summary>Where path MTU discovery stands (RFC 8899 section 5.2).</summary>
    public PathMtuState PathMtuState { get; internal set; }

    /// <summary>Path MTU probes (HEARTBEAT plus PAD, RFC 8899 section 6.2) sent.</summary>
    public long MtuProbesSent { get; internal set; }

    /// <summary>Path MTU probes the peer acknowledged.</summary>
    public long MtuProbesAcked { get; internal set; }

    /// <summary>Path MTU probes that went unanswered until PROBE_TIMER expired.</summary>
    public long MtuProbesLost { get; internal set; }

    /// <summary>Black holes detected (RFC 8899 section 4.3): the PLPMTU fell back to the base size.</summary>
    public long MtuBlackHolesDetected { get; internal set; }

    /// <summary>The congestion window, bytes.</summary>
    public long CongestionWindow { get; internal set; }

    /// <summary>The slow-start threshold, bytes.</summary>
    public long SlowStartThreshold { get; internal set; }

    /// <summary>The peer's receive window as we last computed it, bytes.</summary>
    public long PeerReceiveWindow { get; internal set; }

    /// <summary>The receive window we last advertised, bytes.</summary>
    public long LocalReceiveWindow { get; internal set; }

    /// <summary>Bytes of DATA sent and not yet acknowledged.</summary>
    public long BytesInFlight { get; internal set; }

    /// <summary>
    /// Round-trip time measurements taken from acknowledged DATA: at most one per round trip, from a chunk
    /// sent once and never marked for retransmission (RFC 9260 section 6.3.1, rules C4 and C5). Measurements
    /// from the handshake and HEARTBEATs are not counted here.
    /// </summary>
    public long DataRttMeasurements { get; internal set; }

    /// <summary>The smoothed round-trip time, when measured.</summary>
    public TimeSpan? SmoothedRtt { get; internal set; }

    /// <summary>The current retransmission timeout.</summary>
    public TimeSpan Rto { get; internal set; }

    /// <summary>
    /// DATA or I-DATA chunks this endpoint had acknowledged in a gap ack block and then dropped to make room
    /// for a chunk below them (reneging, RFC 9260 sections 6.2 and 6.2.1); the peer sends them again.
    /// </summary>
    public long ChunksReneged => Dropped(DropReason.Reneged);

    /// <summary>Packets and chunks dropped for <paramref name="reason"/>.</summary>
    public long Dropped(DropReason reason) => _drops[(int)reason];

    /// <summary>Packets and chunks dropped for any reason.</summary>
    public long TotalDropped => _drops.Sum();

    internal void CountDrop(DropReason reason) => _drops[(int)reason]++;

    internal void CountDrops(DropReason reason, int count) => _drops[(int)reason] += count;
}
