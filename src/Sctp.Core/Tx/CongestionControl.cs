using System.Globalization;
using Sctp.Packet;

namespace Sctp.Tx;

/// <summary>
/// Congestion control of one destination transport address (RFC 9260 section 7.2): slow start,
/// congestion avoidance, the reactions to T3-rtx expiry and fast retransmit, idle decay, and the
/// sending rules of section 6.1 (rule B's limited overbooking and rule D's Max.Burst).
/// </summary>
/// <remarks>
/// <para><see href="https://www.rfc-editor.org/rfc/rfc9260#section-7.2"/></para>
/// <para>
/// Every byte count here (cwnd, ssthresh, partial_bytes_acked, flight size, bytes acknowledged) is in
/// bytes of DATA or I-DATA chunks including their chunk header and padding, the unit RFC 9260 section
/// 7.2.2 uses. The matching unit of "one packet's worth" is the PMDCS (<see cref="Pmdcs"/>): the
/// largest chunk that fits in one SCTP packet, which RFC 9260 uses wherever RFC 4960 said MTU.
/// </para>
/// <para>
/// The class only keeps the congestion state; the sender owns flight size and tells it about SACKs,
/// timeouts, fast retransmits and transmissions. It is deterministic and allocation-free.
/// </para>
/// </remarks>
public sealed class CongestionControl
{
    /// <summary>The byte term of the initial cwnd when the peer address is IPv4 (RFC 9260 section 7.2.1): three full packets on a 1500-byte path.</summary>
    public const int Ipv4InitialWindowLimit = 4404;

    /// <summary>The byte term of the initial cwnd when the peer address is IPv6 (RFC 9260 section 7.2.1).</summary>
    public const int Ipv6InitialWindowLimit = 4344;

    /// <summary>Max.Burst, 4 packets (RFC 9260 section 16).</summary>
    public const int DefaultMaxBurst = 4;

    /// <summary>The smallest SCTP packet size accepted: a common header and one DATA chunk carrying one (padded) byte.</summary>
    public const int MinimumMtu = CommonHeader.Size + 20;

    /// <summary>The largest SCTP packet size accepted, the most a UDP datagram can carry in round numbers.</summary>
    public const int MaximumMtu = 65535;

    private TimeSpan? _idleSince;
    private bool _idleDecayStarted;

    /// <summary>Creates the congestion state of a destination before any data has been sent.</summary>
    /// <param name="mtu">The largest SCTP packet, in bytes (common header included, IP and UDP headers excluded).</param>
    /// <param name="maxBurst">Max.Burst, in packets; 0 turns the burst limit off.</param>
    /// <param name="initialWindowLimit">
    /// The byte term of the initial cwnd: <see cref="Ipv4InitialWindowLimit"/> or <see cref="Ipv6InitialWindowLimit"/>
    /// for the peer's address family.
    /// </param>
    /// <param name="slowStartIncreaseLimit">
    /// L of RFC 9260 section 7.2.1: slow start grows cwnd by at most L * PMDCS per SACK. It SHOULD be 1 and
    /// MUST NOT exceed 2 (RFC 3465 section 2.3).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its documented range.</exception>
    public CongestionControl(
        int mtu,
        int maxBurst = DefaultMaxBurst,
        int initialWindowLimit = Ipv4InitialWindowLimit,
        int slowStartIncreaseLimit = 1)
    {
        ValidateMtu(mtu);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBurst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialWindowLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(slowStartIncreaseLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slowStartIncreaseLimit, 2);

        Mtu = mtu;
        MaxBurst = maxBurst;
        SlowStartIncreaseLimit = slowStartIncreaseLimit;

        // RFC 9260 section 7.2.1: the initial cwnd before data transmission MUST be
        // min(4 * PMDCS, max(2 * PMDCS, 4404)) for an IPv4 peer and min(4 * PMDCS, max(2 * PMDCS, 4344)) for IPv6.
        Cwnd = Math.Min(4 * Pmdcs, Math.Max(2 * Pmdcs, initialWindowLimit));

        // RFC 9260 section 7.2.1: the initial ssthresh may be arbitrarily high; it becomes the peer's
        // advertised receiver window once the handshake tells us that (OnAssociationEstablished).
        Ssthresh = int.MaxValue;
    }

    /// <summary>The largest SCTP packet, in bytes, as last set by the constructor or <see cref="UpdateMtu"/>.</summary>
    public int Mtu { get; private set; }

    /// <summary>
    /// PMDCS, the largest DATA or I-DATA chunk (header and padding included) that fits in one packet:
    /// <see cref="Mtu"/> minus the 12-byte common header. Callers that bundle other chunks in every packet
    /// (AUTH) pass an <see cref="Mtu"/> already reduced by them.
    /// </summary>
    public int Pmdcs => Mtu - CommonHeader.Size;

    /// <summary>Max.Burst in packets (RFC 9260 section 6.1, rule D); 0 when the burst limit is off.</summary>
    public int MaxBurst { get; }

    /// <summary>L, the number of PMDCS slow start may grow cwnd by per SACK (RFC 9260 section 7.2.1).</summary>
    public int SlowStartIncreaseLimit { get; }

    /// <summary>cwnd, the congestion window in bytes.</summary>
    public int Cwnd { get; private set; }

    /// <summary>ssthresh, the slow start threshold in bytes.</summary>
    public int Ssthresh { get; private set; }

    /// <summary>partial_bytes_acked, the congestion avoidance byte counter (RFC 9260 section 7.2.2).</summary>
    public int PartialBytesAcked { get; private set; }

    /// <summary>True while in slow start (cwnd &lt;= ssthresh); false in congestion avoidance.</summary>
    public bool InSlowStart => Cwnd <= Ssthresh;

    /// <summary>True between a fast retransmit and the SACK that acknowledges <see cref="FastRecoveryExitPoint"/> (RFC 9260 section 7.2.4).</summary>
    public bool InFastRecovery => FastRecoveryExitPoint.HasValue;

    /// <summary>The highest TSN outstanding when Fast Recovery was entered; null when not in Fast Recovery.</summary>
    public Tsn? FastRecoveryExitPoint { get; private set; }

    /// <summary>
    /// True after a T3-rtx expiry until data is acknowledged: only one packet may be in flight
    /// (RFC 9260 section 7.2.3). <see cref="CanSend(int, int)"/> enforces it.
    /// </summary>
    public bool LimitedToOnePacket { get; private set; }

    /// <summary>
    /// Sets ssthresh to the peer's advertised receiver window once the handshake has completed
    /// (RFC 9260 section 7.2.1 allows an arbitrarily high initial ssthresh, for example that window).
    /// </summary>
    /// <param name="peerReceiverWindow">a_rwnd from the peer's INIT or INIT ACK.</param>
    public void OnAssociationEstablished(uint peerReceiverWindow) =>
        Ssthresh = (int)Math.Min(peerReceiverWindow, int.MaxValue);

    /// <summary>
    /// Changes the packet size after a path MTU change. cwnd and ssthresh keep their byte values; from
    /// now on every rule that counts in packets uses the new PMDCS.
    /// </summary>
    /// <param name="mtu">The new largest SCTP packet, in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mtu"/> is outside [<see cref="MinimumMtu"/>, <see cref="MaximumMtu"/>].</exception>
    public void UpdateMtu(int mtu)
    {
        ValidateMtu(mtu);
        Mtu = mtu;
    }

    /// <summary>
    /// Applies a SACK: leaves Fast Recovery when its exit point is acknowledged, then grows cwnd by slow
    /// start or congestion avoidance (RFC 9260 sections 7.2.1, 7.2.2 and 7.2.4).
    /// </summary>
    /// <remarks>
    /// RFC 9260 grows cwnd on any SACK that newly acknowledges data (by the cumulative TSN ack or by gap
    /// ack blocks), not only on one that advances the cumulative TSN ack point as RFC 4960 required, so
    /// this takes every valid SACK. Fast Recovery is left before the growth rules run, so the SACK that
    /// ends it may already grow cwnd.
    /// </remarks>
    /// <param name="cumulativeTsnAck">The SACK's cumulative TSN ack.</param>
    /// <param name="flightSizeBeforeSack">Bytes outstanding just before this SACK was processed.</param>
    /// <param name="bytesNewlyAcknowledged">
    /// Bytes of previously outstanding chunks that this SACK acknowledges for the first time, by its
    /// cumulative TSN ack or its gap ack blocks.
    /// </param>
    /// <param name="duplicateTsnBytes">Bytes of the chunks this SACK reports in its Duplicate TSNs (counted by congestion avoidance only).</param>
    /// <param name="allDataAcknowledged">True when, after this SACK, every DATA chunk sent has been cumulatively acknowledged.</param>
    /// <exception cref="ArgumentOutOfRangeException">A byte count is negative.</exception>
    public void OnSackReceived(
        Tsn cumulativeTsnAck,
        int flightSizeBeforeSack,
        int bytesNewlyAcknowledged,
        int duplicateTsnBytes,
        bool allDataAcknowledged)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flightSizeBeforeSack);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesNewlyAcknowledged);
        ArgumentOutOfRangeException.ThrowIfNegative(duplicateTsnBytes);

        // RFC 9260 section 7.2.4: when a SACK acknowledges all TSNs up to and including the exit point,
        // Fast Recovery is exited.
        if (FastRecoveryExitPoint is { } exitPoint && cumulativeTsnAck >= exitPoint)
        {
            FastRecoveryExitPoint = null;
        }

        // RFC 9260 section 7.2.3: after T3-rtx, one packet at a time until data is acknowledged.
        if (bytesNewlyAcknowledged > 0)
        {
            LimitedToOnePacket = false;
        }

        // RFC 9260 section 7.2.2 defines full use of the window as "before the arrival of the SACK,
        // flightsize was greater than or equal to cwnd"; section 7.2.1's "fully utilized" is read the
        // same way. A sender with data always gets there, since rule B lets its last packet overbook cwnd.
        bool windowFullyUsed = flightSizeBeforeSack >= Cwnd;

        if (InSlowStart)
        {
            // RFC 9260 section 7.2.1: in slow start, cwnd MUST be increased only if the window is fully
            // utilized and the sender is not in Fast Recovery, and then by at most the lesser of the bytes
            // of previously outstanding chunks acknowledged and L * PMDCS.
            if (windowFullyUsed && !InFastRecovery && bytesNewlyAcknowledged > 0)
            {
                Cwnd = SaturatingAdd(Cwnd, Math.Min(bytesNewlyAcknowledged, SlowStartIncreaseLimit * Pmdcs));
            }
        }
        else
        {
            // RFC 9260 section 7.2.2: above ssthresh, each SACK adds to partial_bytes_acked the bytes of all
            // new chunks it acknowledges (by the cumulative TSN ack and by gap ack blocks) and of the
            // duplicated chunks it reports in Duplicate TSNs.
            PartialBytesAcked = SaturatingAdd(PartialBytesAcked, SaturatingAdd(bytesNewlyAcknowledged, duplicateTsnBytes));

            if (PartialBytesAcked >= Cwnd && windowFullyUsed)
            {
                // RFC 9260 section 7.2.2: when partial_bytes_acked >= cwnd and flightsize was >= cwnd before
                // the SACK, partial_bytes_acked = partial_bytes_acked - cwnd, then cwnd grows by one PMDCS.
                PartialBytesAcked -= Cwnd;
                Cwnd = SaturatingAdd(Cwnd, Pmdcs);
            }
            else if (PartialBytesAcked > Cwnd && !windowFullyUsed)
            {
                // RFC 9260 section 7.2.2: when partial_bytes_acked > cwnd but flightsize was below cwnd
                // before the SACK, partial_bytes_acked is reset to cwnd, so an under-used window cannot
                // bank growth for later.
                PartialBytesAcked = Cwnd;
            }
        }

        // RFC 9260 section 7.2.2: when all data sent has been acknowledged, partial_bytes_acked = 0.
        if (allDataAcknowledged)
        {
            PartialBytesAcked = 0;
        }
    }

    /// <summary>
    /// Reacts to a T3-rtx expiry: back to slow start from one packet (RFC 9260 section 7.2.3), with only
    /// one packet in flight until data is acknowledged. Also ends Fast Recovery.
    /// </summary>
    public void OnRetransmissionTimeout()
    {
        // RFC 9260 section 7.2.3: on T3-rtx expiry, ssthresh = max(cwnd/2, 4 * PMDCS), cwnd = PMDCS,
        // partial_bytes_acked = 0, and no more than one packet in flight until an acknowledgement.
        Ssthresh = Math.Max(Cwnd / 2, 4 * Pmdcs);
        Cwnd = Pmdcs;
        PartialBytesAcked = 0;
        LimitedToOnePacket = true;

        // RFC 9260 is silent on Fast Recovery across a timeout. Every outstanding chunk is now marked for
        // retransmission and slow start restarts from one packet; staying in Fast Recovery would block
        // that slow start (section 7.2.1) until the old exit point was acknowledged. Linux does the same.
        FastRecoveryExitPoint = null;
    }

    /// <summary>
    /// Reacts to loss detected from SACKs: on the first fast retransmit halves the window and enters Fast
    /// Recovery; while already in Fast Recovery changes nothing (RFC 9260 section 7.2.4).
    /// </summary>
    /// <param name="highestOutstandingTsn">The highest TSN outstanding now, which becomes the Fast Recovery exit point.</param>
    /// <returns>True when Fast Recovery was entered; false when it was already in progress.</returns>
    public bool OnFastRetransmit(Tsn highestOutstandingTsn)
    {
        // RFC 9260 section 7.2.4: while in Fast Recovery, ssthresh and cwnd SHOULD NOT change due to a
        // subsequent fast retransmit.
        if (InFastRecovery)
        {
            return false;
        }

        // RFC 9260 section 7.2.4, via section 7.2.3: on packet loss detected from SACK,
        // ssthresh = max(cwnd/2, 4 * PMDCS), cwnd = ssthresh, partial_bytes_acked = 0.
        Ssthresh = Math.Max(Cwnd / 2, 4 * Pmdcs);
        Cwnd = Ssthresh;
        PartialBytesAcked = 0;

        // RFC 9260 section 7.2.4: enter Fast Recovery and mark the highest outstanding TSN as its exit point.
        FastRecoveryExitPoint = highestOutstandingTsn;
        return true;
    }

    /// <summary>Records that DATA was sent at <paramref name="now"/>, which ends any idle period.</summary>
    /// <param name="now">The current time.</param>
    public void OnDataSent(TimeSpan now)
    {
        _idleSince = now;
        _idleDecayStarted = false;
    }

    /// <summary>
    /// Shrinks cwnd for the time no DATA has been sent (RFC 9260 sections 7.2.1 and 7.2.2): halved once per
    /// full RTO of idleness, never below 4 * PMDCS. Call it before sending and from periodic work such as
    /// the heartbeat timer; calling it again for the same idle period only applies the RTOs not yet counted.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="rto">The destination's current RTO.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rto"/> is not positive.</exception>
    public void ApplyIdleDecay(TimeSpan now, TimeSpan rto)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rto, TimeSpan.Zero);
        if (_idleSince is not { } since || now - since < rto)
        {
            return;
        }

        long periods = (now - since).Ticks / rto.Ticks;
        _idleSince = since + TimeSpan.FromTicks(periods * rto.Ticks);

        // RFC 9260 section 7.2.1: with no data sent, cwnd SHOULD be adjusted to max(cwnd/2, 4 * PMDCS)
        // per RTO. Read literally that would raise a cwnd already below 4 * PMDCS (the initial window,
        // or one PMDCS after T3-rtx), which would reward idleness; the decay only ever lowers cwnd.
        int floor = 4 * Pmdcs;
        if (Cwnd <= floor)
        {
            return;
        }

        // RFC 9260 section 7.2.1: at the first cwnd adjustment, ssthresh SHOULD be adjusted to the cwnd.
        // It takes cwnd before the halving, so slow start can climb back to the pre-idle rate.
        if (!_idleDecayStarted)
        {
            Ssthresh = Cwnd;
            _idleDecayStarted = true;
        }

        // Halving reaches the floor within 32 steps, so a long idle period costs no more than that.
        for (long i = 0; i < periods && Cwnd > floor; i++)
        {
            Cwnd = Math.Max(Cwnd / 2, floor);
        }
    }

    /// <summary>
    /// The window for one transmission opportunity under Max.Burst (RFC 9260 section 6.1, rule D):
    /// flightsize + Max.Burst * PMDCS when that is below cwnd, else cwnd. cwnd itself is not changed.
    /// </summary>
    /// <remarks>
    /// Compute it once, from the flight size when the opportunity starts, and pass it to every
    /// <see cref="CanSend(int, int)"/> of that opportunity: recomputed per packet it would grow with the
    /// flight size and never limit anything.
    /// </remarks>
    /// <param name="flightSize">Bytes outstanding when the transmission opportunity starts.</param>
    /// <returns>The window in bytes.</returns>
    public int BurstLimitedWindow(int flightSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flightSize);
        if (MaxBurst == 0)
        {
            return Cwnd;
        }

        // RFC 9260 section 6.1, rule D: if (flightsize + Max.Burst * PMDCS) < cwnd then
        // cwnd = flightsize + Max.Burst * PMDCS, applied temporarily: cwnd SHOULD NOT change permanently.
        long burstWindow = (long)flightSize + ((long)MaxBurst * Pmdcs);
        return burstWindow < Cwnd ? (int)burstWindow : Cwnd;
    }

    /// <summary>Whether one more packet of DATA may be sent now, against cwnd (see <see cref="CanSend(int, int)"/>).</summary>
    /// <param name="flightSize">Bytes outstanding now.</param>
    /// <returns>True when a packet carrying up to <see cref="Pmdcs"/> bytes of DATA chunks may be sent.</returns>
    public bool CanSend(int flightSize) => CanSend(flightSize, Cwnd);

    /// <summary>
    /// Whether one more packet of DATA may be sent now, against <paramref name="window"/> (cwnd, or the
    /// <see cref="BurstLimitedWindow"/> of this transmission opportunity).
    /// </summary>
    /// <remarks>
    /// RFC 9260 section 6.1, rule B: while flightsize is below cwnd the sender may send one more packet even
    /// if it takes flightsize past cwnd by up to PMDCS - 1 bytes; that breach is one packet only, so once
    /// flightsize reaches cwnd nothing more is sent. After T3-rtx only one packet may be in flight at all
    /// (section 7.2.3). The receiver window (rule A) is the sender's to check.
    /// </remarks>
    /// <param name="flightSize">Bytes outstanding now.</param>
    /// <param name="window">The window to test against, in bytes.</param>
    /// <returns>True when a packet carrying up to <see cref="Pmdcs"/> bytes of DATA chunks may be sent.</returns>
    public bool CanSend(int flightSize, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flightSize);

        // RFC 9260 section 7.2.3: after T3-rtx, no more than one packet in flight until acknowledged.
        if (LimitedToOnePacket)
        {
            return flightSize == 0;
        }

        // RFC 9260 section 6.1, rule B: no new data once cwnd + (PMDCS - 1) bytes are outstanding, and the
        // breach of cwnd is one packet only: a packet may start only while flightsize < cwnd.
        return flightSize < window;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"cwnd={Cwnd} ssthresh={Ssthresh} pba={PartialBytesAcked} pmdcs={Pmdcs} fast_recovery={FastRecoveryExitPoint?.ToString() ?? "no"}");

    private static void ValidateMtu(int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, MinimumMtu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mtu, MaximumMtu);
    }

    private static int SaturatingAdd(int a, int b) => a > int.MaxValue - b ? int.MaxValue : a + b;
}
