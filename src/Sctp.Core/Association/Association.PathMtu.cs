using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Timers;

namespace Sctp;

/// <summary>
/// Packetization layer path MTU discovery (RFC 8899, with the SCTP specifics of section 6.2): probes of
/// a HEARTBEAT padded with a PAD chunk (RFC 4820) find the largest packet the path carries, from
/// <see cref="TransportConfig.Mtu"/> (BASE_PLPMTU) up to <see cref="TransportConfig.MaxMtu"/>
/// (MAX_PLPMTU), and a black hole sends the association back to the base size.
/// </summary>
/// <remarks>
/// <para>
/// The state machine is that of RFC 8899 section 5.2: DISABLED until the association is established
/// (or for good when discovery is off), BASE while a probe of the base size confirms the path, SEARCHING
/// while ever larger probes are acknowledged, SEARCH_COMPLETE once a size failed MAX_PROBES times or
/// MAX_PLPMTU was reached, and ERROR when even the base size goes unanswered.
/// </para>
/// <para>
/// The search steps through a table of common sizes (section 5.3: a table is one of the suggested
/// search algorithms) above the PLPMTU and below MAX_PLPMTU, ending with MAX_PLPMTU itself. The first
/// size that fails ends the search: larger ones are not tried until PMTU_RAISE_TIMER starts another.
/// A probe that is acknowledged leads to the next at once; one that is not counts as lost when
/// PROBE_TIMER expires and is sent again, up to MAX_PROBES times.
/// </para>
/// <para>
/// Probes are not DATA: they travel alone, are not counted in the congestion window or flight size, are
/// never retransmitted as such, and their loss is neither a congestion signal nor an error of the
/// association (RFC 8899 sections 4.1 and 6.2.1.1).
/// </para>
/// </remarks>
public sealed partial class Association
{
    /// <summary>Marks the heartbeat info of a probe ("PLPM"), so its ACK is told apart from a path heartbeat's.</summary>
    private const uint ProbeMarker = 0x504C_504D;

    /// <summary>Probe heartbeat info: marker (4), probe size (4), nonce (8), time sent (8).</summary>
    private const int ProbeInfoLength = 24;

    /// <summary>The bytes of a probe before its PAD chunk: common header, HEARTBEAT chunk header, Heartbeat Info parameter header and the info.</summary>
    private const int ProbeOverhead = CommonHeader.Size + RawChunk.HeaderSize + RawTlv.HeaderSize + ProbeInfoLength;

    /// <summary>
    /// Probe sizes tried in turn (RFC 8899 section 5.3): SCTP packets (UDP payloads) that fill common
    /// link MTUs — IPv6 minimum 1280, 1280 itself, tunnels, PPPoE over IPv6 and IPv4, Ethernet over IPv6
    /// and IPv4, jumbo frames over IPv6 and IPv4. All are multiples of 4, as SCTP packets are.
    /// </summary>
    private static readonly int[] ProbeSizes = [1232, 1280, 1400, 1444, 1452, 1464, 1472, 8952, 8972];

    private PathMtuState _pmtuState;
    private int _pathMtu;
    private int _largestMtuOutstanding;
    private int _probeSize;
    private int _probeCount;
    private ulong _probeNonce;
    private bool _probePending;
    private bool _probeOutstanding;
    private bool _confirmingPathMtu;
    private int _failedProbeSize = int.MaxValue;

    /// <summary>
    /// The current PLPMTU (RFC 8899 section 2): the largest SCTP packet the association builds now.
    /// <see cref="TransportConfig.Mtu"/> until path MTU discovery confirms a larger size.
    /// </summary>
    public int PathMtu => _pathMtu;

    /// <summary>
    /// True when the packet the last <see cref="PollTransmit"/> returned is larger than <see cref="PathMtu"/>
    /// because it retransmits DATA cut for a larger PLPMTU that a black hole then took away. RFC 9260
    /// section 7.3 asks that such a datagram be sent without the IP Don't Fragment bit, so that the
    /// network may fragment it; new data always fits <see cref="PathMtu"/>.
    /// </summary>
    public bool LastPacketMayFragment { get; private set; }

    /// <summary>Sets up the PLPMTU at BASE_PLPMTU (RFC 8899 section 5.1.2); called by the constructor.</summary>
    private void InitializePathMtu()
    {
        _pathMtu = _config.Mtu;
        _largestMtuOutstanding = _config.Mtu;
        Stats.PathMtu = _config.Mtu;
    }

    /// <summary>
    /// RFC 8899 section 5.2: probing begins once the association is established (DISABLED to BASE), when
    /// <see cref="TransportConfig.MaxMtu"/> is above the base. Called as packets are polled, which follows
    /// every change of state.
    /// </summary>
    private void MaybeStartPathMtuDiscovery()
    {
        if (_pmtuState == PathMtuState.Disabled && _state == AssociationState.Established && _config.PathMtuDiscoveryEnabled)
        {
            EnterPathMtuBase();
        }
    }

    /// <summary>
    /// The size limit of the next packet: the PLPMTU, except while DATA cut for a larger PLPMTU waits to be
    /// retransmitted after the PLPMTU shrank. Those chunks keep their size (their TSNs fix them) and go out
    /// in a packet as large as the PLPMTU they were cut for, flagged by <see cref="LastPacketMayFragment"/>.
    /// </summary>
    private int PacketSizeLimit()
    {
        if (_outstanding.IsEmpty || _pathMtu > _largestMtuOutstanding)
        {
            _largestMtuOutstanding = _pathMtu;
        }

        return _largestMtuOutstanding > _pathMtu && _outstanding.HasChunksToRetransmit ? _largestMtuOutstanding : _pathMtu;
    }

    /// <summary>True when a probe waits to be written by <see cref="PollTransmit"/>: only in the states that send DATA.</summary>
    private bool ProbeDue => _probePending && CanSendData;

    /// <summary>
    /// Writes the pending probe (RFC 8899 section 6.2.1.2): a HEARTBEAT whose info carries the probe size
    /// and a nonce, then a PAD chunk (RFC 4820 section 3) that makes the packet exactly the probed size.
    /// Nothing else rides with it, so the probe's fate says only whether that size crosses the path.
    /// Starts PROBE_TIMER.
    /// </summary>
    private int WriteProbe(TimeSpan now, Span<byte> buffer)
    {
        Span<byte> info = stackalloc byte[ProbeInfoLength];
        _probeNonce = ((ulong)_endpoint.Random.NextUInt32() << 32) | _endpoint.Random.NextUInt32();
        BinaryPrimitives.WriteUInt32BigEndian(info, ProbeMarker);
        BinaryPrimitives.WriteInt32BigEndian(info[4..], _probeSize);
        BinaryPrimitives.WriteUInt64BigEndian(info[8..], _probeNonce);
        BinaryPrimitives.WriteInt64BigEndian(info[16..], now.Ticks);

        var writer = new PacketWriter(buffer[.._probeSize], new CommonHeader(LocalPort, RemotePort, PeerTag));
        writer.TryAdd(new HeartbeatChunk(info));
        writer.TryAdd(PadChunk.ForSerializedSize(_probeSize - ProbeOverhead));

        _probePending = false;
        _probeOutstanding = true;
        _timers[TimerId.PathMtuProbe].Start(now, _config.MtuProbeTimeout);
        Stats.MtuProbesSent++;
        int length = Sent(ref writer, AcceptsZeroChecksum, chunks: 2);

        // A probe tests whether the path carries this size whole: it must never be fragmented.
        LastPacketMayFragment = false;
        return length;
    }

    /// <summary>
    /// A HEARTBEAT ACK carrying probe info (RFC 8899 section 6.2.1.2): when it echoes the outstanding
    /// probe's size and nonce, that size is confirmed and the state machine moves on; anything else is a
    /// stale echo and proves nothing.
    /// </summary>
    private bool HandleProbeAck(TimeSpan now, ReadOnlySpan<byte> info)
    {
        int size = BinaryPrimitives.ReadInt32BigEndian(info[4..]);
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(info[8..]);
        if (!_probeOutstanding || size != _probeSize || nonce != _probeNonce)
        {
            Stats.CountDrop(DropReason.UnexpectedChunk);
            return true;
        }

        _probeOutstanding = false;
        _timers[TimerId.PathMtuProbe].Stop();
        Stats.MtuProbesAcked++;
        switch (_pmtuState)
        {
            case PathMtuState.Base:
            case PathMtuState.Error:
                // RFC 8899 section 5.2: BASE_PLPMTU confirmed, the search for a larger size begins.
                EnterPathMtuSearch(now);
                break;
            case PathMtuState.Searching when _confirmingPathMtu:
                _confirmingPathMtu = false;
                ContinuePathMtuSearch(now);
                break;
            case PathMtuState.Searching:
                SetPathMtu(size);
                ContinuePathMtuSearch(now);
                break;
            case PathMtuState.SearchComplete:
                // The PLPMTU still crosses the path: the loss that raised the doubt was not a black hole.
                _confirmingPathMtu = false;
                break;
        }

        return true;
    }

    /// <summary>
    /// PROBE_TIMER expired (RFC 8899 section 5.1.1): the probe is lost. It is sent again until MAX_PROBES
    /// have failed; then a search probe marks its size as too large, a base probe moves to ERROR, and a
    /// probe of the current PLPMTU means a black hole: back to BASE (section 5.2).
    /// </summary>
    private void OnPathMtuProbeTimer(TimeSpan now)
    {
        if (!_probeOutstanding)
        {
            return;
        }

        _probeOutstanding = false;
        Stats.MtuProbesLost++;
        if (++_probeCount < _config.MtuMaxProbes)
        {
            _probePending = true;
            return;
        }

        if (_confirmingPathMtu)
        {
            Stats.MtuBlackHolesDetected++;
            EnterPathMtuBase();
            return;
        }

        switch (_pmtuState)
        {
            case PathMtuState.Base:
            case PathMtuState.Error:
                // RFC 8899 section 5.2: BASE_PLPMTU is not confirmed. Packets stay at the base size (our
                // MIN_PLPMTU is BASE_PLPMTU: nothing smaller is configured) and the base is probed again.
                _pmtuState = PathMtuState.Error;
                Stats.PathMtuState = _pmtuState;
                StartProbe(_probeSize);
                break;
            case PathMtuState.Searching:
                _failedProbeSize = _probeSize;
                ContinuePathMtuSearch(now);
                break;
        }
    }

    /// <summary>PMTU_RAISE_TIMER expired (RFC 8899 section 5.1.1): search again for a larger PLPMTU.</summary>
    private void OnPathMtuRaiseTimer(TimeSpan now)
    {
        if (_pmtuState != PathMtuState.SearchComplete || !CanSendData)
        {
            return;
        }

        if (_confirmingPathMtu)
        {
            // A black hole check is under way; the search waits for its verdict.
            _timers[TimerId.PathMtuRaise].Start(now, _config.MtuProbeTimeout);
            return;
        }

        EnterPathMtuSearch(now);
    }

    /// <summary>
    /// A T3-rtx expiry (RFC 8899 section 4.3, black hole detection): while the PLPMTU is above the base,
    /// the loss may mean the path no longer carries packets that large. A probe of the current PLPMTU
    /// settles it; MAX_PROBES of them lost is a black hole. A search probe in flight is forgotten.
    /// </summary>
    private void OnPathMtuLossSuspected()
    {
        if (_pmtuState is not (PathMtuState.Searching or PathMtuState.SearchComplete) || _pathMtu <= _config.Mtu || _confirmingPathMtu)
        {
            return;
        }

        _confirmingPathMtu = true;
        _timers[TimerId.PathMtuProbe].Stop();
        _probeOutstanding = false;
        StartProbe(_pathMtu);
    }

    /// <summary>RFC 8899 section 5.2, BASE: the PLPMTU returns to BASE_PLPMTU, which a probe of that size confirms.</summary>
    private void EnterPathMtuBase()
    {
        _pmtuState = PathMtuState.Base;
        Stats.PathMtuState = _pmtuState;
        _confirmingPathMtu = false;
        _failedProbeSize = int.MaxValue;
        _timers[TimerId.PathMtuRaise].Stop();
        _timers[TimerId.PathMtuProbe].Stop();
        _probeOutstanding = false;
        SetPathMtu(_config.Mtu);
        StartProbe(_config.Mtu & ~3);
    }

    /// <summary>RFC 8899 section 5.2, SEARCHING: every size above the PLPMTU may be tried again.</summary>
    private void EnterPathMtuSearch(TimeSpan now)
    {
        _pmtuState = PathMtuState.Searching;
        Stats.PathMtuState = _pmtuState;
        _failedProbeSize = int.MaxValue;
        ContinuePathMtuSearch(now);
    }

    /// <summary>Probes the next size, or completes the search when none is left (RFC 8899 sections 5.2 and 5.3).</summary>
    private void ContinuePathMtuSearch(TimeSpan now)
    {
        int next = NextProbeSize();
        if (next > 0)
        {
            StartProbe(next);
            return;
        }

        _pmtuState = PathMtuState.SearchComplete;
        Stats.PathMtuState = _pmtuState;
        _timers[TimerId.PathMtuRaise].Start(now, _config.MtuRaiseInterval);
    }

    /// <summary>
    /// The smallest table size above the PLPMTU and below both MAX_PLPMTU and the last size that failed,
    /// else MAX_PLPMTU (rounded down to a multiple of 4) when it is still untried; 0 when none is left.
    /// </summary>
    private int NextProbeSize()
    {
        int ceiling = _config.MaxPacketSize & ~3;
        int limit = Math.Min(ceiling, _failedProbeSize);
        foreach (int size in ProbeSizes)
        {
            if (size > _pathMtu && size < limit)
            {
                return size;
            }
        }

        return ceiling > _pathMtu && ceiling < _failedProbeSize ? ceiling : 0;
    }

    /// <summary>Queues a first probe of <paramref name="size"/> (PROBED_SIZE, with PROBE_COUNT at zero).</summary>
    private void StartProbe(int size)
    {
        _probeSize = size;
        _probeCount = 0;
        _probePending = true;
    }

    /// <summary>
    /// Changes the PLPMTU: new DATA is cut to the new size and the congestion controller counts packets
    /// in it (RFC 9260 section 7.2 PMDCS). Chunks already cut keep their size.
    /// </summary>
    private void SetPathMtu(int size)
    {
        _pathMtu = size;
        _congestion.UpdateMtu(size);
        Stats.PathMtu = size;
    }
}
