using Sctp.Tx;

namespace Sctp.Tests.Tx;

public class CongestionControlTests
{
    // A 1200-byte SCTP packet leaves 1188 bytes for DATA chunks after the common header.
    private const int Mtu = 1200;
    private const int Pmdcs = 1188;
    private const int InitialCwnd = 4404;

    private static readonly TimeSpan Rto = TimeSpan.FromSeconds(1);

    private static void Sack(
        CongestionControl cc,
        int flightBefore,
        int acked,
        uint cumAck = 1,
        int duplicates = 0,
        bool allAcked = false) =>
        cc.OnSackReceived(new Tsn(cumAck), flightBefore, acked, duplicates, allAcked);

    // Slow start with a full window and a full packet acknowledged each time: cwnd grows by one PMDCS per SACK.
    private static CongestionControl GrownTo(int sacks, int mtu = Mtu)
    {
        var cc = new CongestionControl(mtu);
        for (int i = 0; i < sacks; i++)
        {
            Sack(cc, flightBefore: cc.Cwnd, acked: cc.Pmdcs);
        }

        return cc;
    }

    private static int PacketsSent(CongestionControl cc, int flightSize, int window, int packetBytes)
    {
        int packets = 0;
        while (cc.CanSend(flightSize, window))
        {
            flightSize += packetBytes;
            packets++;
        }

        return packets;
    }

    [Theory]
    [InlineData(1200, 1188, 4404)]
    [InlineData(1500, 1488, 4404)]
    [InlineData(9000, 8988, 17976)]
    [InlineData(1000, 988, 3952)]
    [InlineData(576, 564, 2256)]
    public void Rfc9260_7_2_1_InitialCwndIpv4(int mtu, int pmdcs, int expectedCwnd)
    {
        var cc = new CongestionControl(mtu);

        Assert.Equal(pmdcs, cc.Pmdcs);
        Assert.Equal(expectedCwnd, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
        Assert.False(cc.InFastRecovery);
        Assert.Null(cc.FastRecoveryExitPoint);
    }

    [Theory]
    [InlineData(1200, 4344)]
    [InlineData(1500, 4344)]
    [InlineData(9000, 17976)]
    public void Rfc9260_7_2_1_InitialCwndIpv6(int mtu, int expectedCwnd) =>
        Assert.Equal(expectedCwnd, new CongestionControl(mtu, initialWindowLimit: CongestionControl.Ipv6InitialWindowLimit).Cwnd);

    [Fact]
    public void Rfc9260_7_2_1_InitialSsthreshIsHighUntilPeerWindowIsKnown()
    {
        var cc = new CongestionControl(Mtu);
        Assert.Equal(int.MaxValue, cc.Ssthresh);
        Assert.True(cc.InSlowStart);

        cc.OnAssociationEstablished(100_000);
        Assert.Equal(100_000, cc.Ssthresh);

        cc.OnAssociationEstablished(uint.MaxValue);
        Assert.Equal(int.MaxValue, cc.Ssthresh);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartGrowsByBytesAcknowledgedWhenWindowFullyUsed()
    {
        var cc = new CongestionControl(Mtu);

        Sack(cc, flightBefore: InitialCwnd, acked: 1000);

        Assert.Equal(InitialCwnd + 1000, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartGrowthIsAtMostOnePmdcs()
    {
        var cc = new CongestionControl(Mtu);

        Sack(cc, flightBefore: 5000, acked: 3 * Pmdcs);

        Assert.Equal(InitialCwnd + Pmdcs, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartGrowthIsAtMostLTimesPmdcs()
    {
        var cc = new CongestionControl(Mtu, slowStartIncreaseLimit: 2);

        Sack(cc, flightBefore: 5000, acked: 3 * Pmdcs);

        Assert.Equal(InitialCwnd + (2 * Pmdcs), cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartDoesNotGrowWhenWindowNotFullyUsed()
    {
        var cc = new CongestionControl(Mtu);

        Sack(cc, flightBefore: InitialCwnd - 1, acked: 1000);

        Assert.Equal(InitialCwnd, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartGrowsOnGapAcksWithoutCumulativeAdvance()
    {
        var cc = new CongestionControl(Mtu);

        // The cumulative TSN ack stays put; the bytes were acknowledged by gap ack blocks.
        Sack(cc, flightBefore: InitialCwnd, acked: 500, cumAck: 0);
        Sack(cc, flightBefore: cc.Cwnd, acked: 500, cumAck: 0);

        Assert.Equal(InitialCwnd + 1000, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_SlowStartIgnoresDuplicateTsnBytes()
    {
        var cc = new CongestionControl(Mtu);

        Sack(cc, flightBefore: InitialCwnd, acked: 0, duplicates: 1000);

        Assert.Equal(InitialCwnd, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_2_CongestionAvoidanceGrowsOnePmdcsPerCwndAcknowledged()
    {
        var cc = new CongestionControl(Mtu);
        cc.OnAssociationEstablished(4000);
        Assert.False(cc.InSlowStart);

        Sack(cc, flightBefore: InitialCwnd, acked: Pmdcs);
        Sack(cc, flightBefore: InitialCwnd, acked: Pmdcs);
        Sack(cc, flightBefore: InitialCwnd, acked: Pmdcs);
        Assert.Equal(InitialCwnd, cc.Cwnd);
        Assert.Equal(3 * Pmdcs, cc.PartialBytesAcked);

        Sack(cc, flightBefore: InitialCwnd, acked: Pmdcs);

        // partial_bytes_acked reached 4752 >= 4404: it loses a cwnd and cwnd gains a PMDCS.
        Assert.Equal(InitialCwnd + Pmdcs, cc.Cwnd);
        Assert.Equal((4 * Pmdcs) - InitialCwnd, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_2_CongestionAvoidanceCountsGapAckedAndDuplicateBytes()
    {
        var cc = new CongestionControl(Mtu);
        cc.OnAssociationEstablished(4000);

        Sack(cc, flightBefore: InitialCwnd, acked: 1000, cumAck: 0, duplicates: 300);

        Assert.Equal(1300, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_2_CongestionAvoidanceDoesNotGrowWhenWindowNotFullyUsed()
    {
        var cc = new CongestionControl(Mtu);
        cc.OnAssociationEstablished(4000);

        Sack(cc, flightBefore: InitialCwnd - 1, acked: 4000);
        Assert.Equal(InitialCwnd, cc.Cwnd);
        Assert.Equal(4000, cc.PartialBytesAcked);

        Sack(cc, flightBefore: InitialCwnd - 1, acked: 4000);

        // partial_bytes_acked would be 8000 > cwnd with the window under-used: it is reset to cwnd.
        Assert.Equal(InitialCwnd, cc.Cwnd);
        Assert.Equal(InitialCwnd, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_2_PartialBytesAckedResetWhenAllDataAcknowledged()
    {
        var cc = new CongestionControl(Mtu);
        cc.OnAssociationEstablished(4000);
        Sack(cc, flightBefore: InitialCwnd, acked: 2000);
        Assert.Equal(2000, cc.PartialBytesAcked);

        Sack(cc, flightBefore: 2404, acked: 2404, allAcked: true);

        Assert.Equal(0, cc.PartialBytesAcked);
        Assert.Equal(InitialCwnd, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_3_RetransmissionTimeoutCollapsesCwnd()
    {
        var cc = GrownTo(5);
        Assert.Equal(InitialCwnd + (5 * Pmdcs), cc.Cwnd);

        cc.OnRetransmissionTimeout();

        Assert.Equal((InitialCwnd + (5 * Pmdcs)) / 2, cc.Ssthresh);
        Assert.Equal(Pmdcs, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
        Assert.True(cc.InSlowStart);
    }

    [Fact]
    public void Rfc9260_7_2_3_RetransmissionTimeoutSsthreshFloorIsFourPmdcs()
    {
        var cc = new CongestionControl(Mtu);
        cc.OnAssociationEstablished(4000);
        Sack(cc, flightBefore: InitialCwnd, acked: 2000);

        cc.OnRetransmissionTimeout();

        Assert.Equal(4 * Pmdcs, cc.Ssthresh);
        Assert.Equal(Pmdcs, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
    }

    [Fact]
    public void Rfc9260_7_2_3_OnlyOnePacketInFlightAfterTimeoutUntilAcknowledged()
    {
        var cc = GrownTo(5);
        cc.OnRetransmissionTimeout();

        Assert.True(cc.LimitedToOnePacket);
        Assert.True(cc.CanSend(0));
        Assert.False(cc.CanSend(100));

        // A SACK that acknowledges nothing new keeps the limit.
        Sack(cc, flightBefore: Pmdcs, acked: 0);
        Assert.True(cc.LimitedToOnePacket);

        Sack(cc, flightBefore: Pmdcs, acked: Pmdcs, allAcked: true);
        Assert.False(cc.LimitedToOnePacket);
        Assert.Equal(2 * Pmdcs, cc.Cwnd);
        Assert.True(cc.CanSend(100));
    }

    [Fact]
    public void Rfc9260_7_2_3_RetransmissionTimeoutEndsFastRecovery()
    {
        var cc = GrownTo(5);
        cc.OnFastRetransmit(new Tsn(100));

        cc.OnRetransmissionTimeout();

        Assert.False(cc.InFastRecovery);
        Sack(cc, flightBefore: Pmdcs, acked: Pmdcs, cumAck: 50);
        Assert.Equal(2 * Pmdcs, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_4_FastRetransmitHalvesCwndAndEntersFastRecovery()
    {
        var cc = GrownTo(5);
        Sack(cc, flightBefore: cc.Cwnd, acked: 1000);
        int before = cc.Cwnd;

        Assert.True(cc.OnFastRetransmit(new Tsn(100)));

        Assert.Equal(before / 2, cc.Ssthresh);
        Assert.Equal(before / 2, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
        Assert.True(cc.InFastRecovery);
        Assert.Equal(new Tsn(100), cc.FastRecoveryExitPoint);
    }

    [Fact]
    public void Rfc9260_7_2_4_FastRetransmitSsthreshFloorIsFourPmdcs()
    {
        var cc = new CongestionControl(Mtu);

        cc.OnFastRetransmit(new Tsn(100));

        Assert.Equal(4 * Pmdcs, cc.Ssthresh);
        Assert.Equal(4 * Pmdcs, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_4_OnlyOneReductionPerFastRecovery()
    {
        var cc = GrownTo(5);
        cc.OnFastRetransmit(new Tsn(100));
        (int cwnd, int ssthresh) = (cc.Cwnd, cc.Ssthresh);

        Assert.False(cc.OnFastRetransmit(new Tsn(120)));

        Assert.Equal(cwnd, cc.Cwnd);
        Assert.Equal(ssthresh, cc.Ssthresh);
        Assert.Equal(new Tsn(100), cc.FastRecoveryExitPoint);
    }

    [Fact]
    public void Rfc9260_7_2_4_NoGrowthWhileInFastRecovery()
    {
        var cc = GrownTo(5);
        cc.OnFastRetransmit(new Tsn(100));
        int cwnd = cc.Cwnd;

        Sack(cc, flightBefore: cwnd + 1000, acked: Pmdcs, cumAck: 50);
        Sack(cc, flightBefore: cwnd + 1000, acked: Pmdcs, cumAck: 99);

        Assert.Equal(cwnd, cc.Cwnd);
        Assert.Equal(0, cc.PartialBytesAcked);
        Assert.True(cc.InFastRecovery);
    }

    [Theory]
    [InlineData(100u)]
    [InlineData(101u)]
    public void Rfc9260_7_2_4_FastRecoveryEndsWhenExitPointAcknowledged(uint cumAck)
    {
        var cc = GrownTo(5);
        cc.OnFastRetransmit(new Tsn(100));
        int cwnd = cc.Cwnd;

        Sack(cc, flightBefore: cwnd, acked: 1000, cumAck: cumAck);

        Assert.False(cc.InFastRecovery);
        Assert.Null(cc.FastRecoveryExitPoint);

        // The SACK that ends Fast Recovery already grows cwnd (it is left before the growth rules run).
        Assert.Equal(cwnd + 1000, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_4_FastRecoveryExitUsesSerialArithmetic()
    {
        var cc = GrownTo(5);
        cc.OnFastRetransmit(new Tsn(0xFFFF_FFFE));

        Sack(cc, flightBefore: 0, acked: 0, cumAck: 0xFFFF_FFF0);
        Assert.True(cc.InFastRecovery);

        Sack(cc, flightBefore: 0, acked: 0, cumAck: 1);
        Assert.False(cc.InFastRecovery);
    }

    [Fact]
    public void Rfc9260_7_2_4_NewFastRecoveryAfterExit()
    {
        var cc = GrownTo(8);
        cc.OnFastRetransmit(new Tsn(100));
        Sack(cc, flightBefore: 0, acked: 0, cumAck: 100);
        int cwnd = cc.Cwnd;

        Assert.True(cc.OnFastRetransmit(new Tsn(200)));

        Assert.Equal(Math.Max(cwnd / 2, 4 * Pmdcs), cc.Cwnd);
        Assert.Equal(new Tsn(200), cc.FastRecoveryExitPoint);
    }

    [Fact]
    public void Rfc9260_7_2_1_IdleHalvesCwndPerRto()
    {
        var cc = GrownTo(5);
        int grown = InitialCwnd + (5 * Pmdcs);
        var start = TimeSpan.FromSeconds(10);
        cc.OnDataSent(start);

        cc.ApplyIdleDecay(start + (Rto / 2), Rto);
        Assert.Equal(grown, cc.Cwnd);

        cc.ApplyIdleDecay(start + Rto, Rto);
        Assert.Equal(grown / 2, cc.Cwnd);

        // At the first adjustment ssthresh takes the pre-idle cwnd, so slow start can climb back.
        Assert.Equal(grown, cc.Ssthresh);

        // The same RTO is not counted twice.
        cc.ApplyIdleDecay(start + Rto + (Rto / 2), Rto);
        Assert.Equal(grown / 2, cc.Cwnd);

        cc.ApplyIdleDecay(start + (2 * Rto), Rto);
        Assert.Equal(4 * Pmdcs, cc.Cwnd);
        Assert.Equal(grown, cc.Ssthresh);

        cc.ApplyIdleDecay(start + (10 * Rto), Rto);
        Assert.Equal(4 * Pmdcs, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_IdleForManyRtosAtOnce()
    {
        var cc = GrownTo(20);

        cc.OnDataSent(TimeSpan.Zero);
        cc.ApplyIdleDecay(TimeSpan.FromDays(365), TimeSpan.FromMilliseconds(1));

        Assert.Equal(4 * Pmdcs, cc.Cwnd);
        Assert.Equal(InitialCwnd + (20 * Pmdcs), cc.Ssthresh);
    }

    [Fact]
    public void Rfc9260_7_2_1_IdleNeverRaisesCwnd()
    {
        var fresh = new CongestionControl(Mtu);
        fresh.OnDataSent(TimeSpan.Zero);
        fresh.ApplyIdleDecay(10 * Rto, Rto);
        Assert.Equal(InitialCwnd, fresh.Cwnd);
        Assert.Equal(int.MaxValue, fresh.Ssthresh);

        var afterTimeout = GrownTo(5);
        afterTimeout.OnRetransmissionTimeout();
        afterTimeout.OnDataSent(TimeSpan.Zero);
        afterTimeout.ApplyIdleDecay(10 * Rto, Rto);
        Assert.Equal(Pmdcs, afterTimeout.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_SendingEndsTheIdlePeriod()
    {
        var cc = GrownTo(10);
        int grown = cc.Cwnd;
        cc.OnDataSent(TimeSpan.Zero);
        cc.ApplyIdleDecay(Rto, Rto);
        Assert.Equal(grown / 2, cc.Cwnd);

        cc.OnDataSent(Rto + TimeSpan.FromMilliseconds(100));
        cc.ApplyIdleDecay(2 * Rto, Rto);
        Assert.Equal(grown / 2, cc.Cwnd);

        // A new idle period starts a new first adjustment, which takes ssthresh to the cwnd of then.
        cc.ApplyIdleDecay((2 * Rto) + TimeSpan.FromMilliseconds(100), Rto);
        Assert.Equal(grown / 2, cc.Ssthresh);
        Assert.Equal(Math.Max(grown / 4, 4 * Pmdcs), cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_7_2_1_NoIdleDecayBeforeAnyDataSent()
    {
        var cc = GrownTo(10);
        int grown = cc.Cwnd;

        cc.ApplyIdleDecay(TimeSpan.FromHours(1), Rto);

        Assert.Equal(grown, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_6_1_D_MaxBurstLimitsWindowOfOneOpportunity()
    {
        var cc = GrownTo(5);
        int cwnd = cc.Cwnd;

        Assert.Equal(4 * Pmdcs, cc.BurstLimitedWindow(0));
        Assert.Equal(cwnd, cc.BurstLimitedWindow(6000));
        Assert.Equal(cwnd, cc.Cwnd);
    }

    [Fact]
    public void Rfc9260_6_1_D_MaxBurstLimitsPacketsPerOpportunity()
    {
        var cc = GrownTo(5);

        int window = cc.BurstLimitedWindow(flightSize: 0);

        Assert.Equal(CongestionControl.DefaultMaxBurst, PacketsSent(cc, 0, window, Pmdcs));
        Assert.Equal(9, PacketsSent(cc, 0, cc.Cwnd, Pmdcs));
    }

    [Fact]
    public void Rfc9260_6_1_D_MaxBurstZeroIsOff()
    {
        var cc = new CongestionControl(Mtu, maxBurst: 0);
        for (int i = 0; i < 5; i++)
        {
            Sack(cc, flightBefore: cc.Cwnd, acked: Pmdcs);
        }

        Assert.Equal(cc.Cwnd, cc.BurstLimitedWindow(0));
    }

    [Fact]
    public void Rfc9260_6_1_B_OneSendMayOverbookCwndByLessThanPmdcs()
    {
        var cc = new CongestionControl(Mtu);

        Assert.True(cc.CanSend(0));
        Assert.True(cc.CanSend(InitialCwnd - 1));
        Assert.False(cc.CanSend(InitialCwnd));

        // 4 full packets: the 4th starts at 3564 < 4404 and ends at 4752, past cwnd by less than a PMDCS.
        Assert.Equal(4, PacketsSent(cc, 0, cc.Cwnd, Pmdcs));
        Assert.True((4 * Pmdcs) - InitialCwnd < Pmdcs);
    }

    [Fact]
    public void Rfc9260_7_2_1_SenderUsingOverbookingCountsAsFullyUtilized()
    {
        var cc = new CongestionControl(Mtu);
        int flight = 0;
        while (cc.CanSend(flight))
        {
            flight += 416;
        }

        Sack(cc, flightBefore: flight, acked: 416);

        Assert.Equal(InitialCwnd + 416, cc.Cwnd);
    }

    [Fact]
    public void UpdateMtuChangesPmdcsButNotWindows()
    {
        var cc = new CongestionControl(Mtu);

        cc.UpdateMtu(1500);

        Assert.Equal(1500, cc.Mtu);
        Assert.Equal(1488, cc.Pmdcs);
        Assert.Equal(InitialCwnd, cc.Cwnd);

        Sack(cc, flightBefore: InitialCwnd, acked: 3000);
        Assert.Equal(InitialCwnd + 1488, cc.Cwnd);

        cc.OnRetransmissionTimeout();
        Assert.Equal(1488, cc.Cwnd);
        Assert.Equal(4 * 1488, cc.Ssthresh);
    }

    [Theory]
    [InlineData(CongestionControl.MinimumMtu - 1)]
    [InlineData(CongestionControl.MaximumMtu + 1)]
    [InlineData(0)]
    public void RejectsMtuOutOfRange(int mtu)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionControl(mtu));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionControl(Mtu).UpdateMtu(mtu));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(4, 0)]
    [InlineData(4, 3)]
    public void RejectsInvalidParameters(int maxBurst, int l) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionControl(Mtu, maxBurst, slowStartIncreaseLimit: l));

    [Fact]
    public void RejectsNegativeByteCounts()
    {
        var cc = new CongestionControl(Mtu);

        Assert.Throws<ArgumentOutOfRangeException>(() => Sack(cc, flightBefore: -1, acked: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sack(cc, flightBefore: 0, acked: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sack(cc, flightBefore: 0, acked: 0, duplicates: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cc.CanSend(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cc.BurstLimitedWindow(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cc.ApplyIdleDecay(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void CwndSaturatesInsteadOfOverflowing()
    {
        var cc = new CongestionControl(CongestionControl.MaximumMtu);
        for (int i = 0; i < 40_000; i++)
        {
            Sack(cc, flightBefore: cc.Cwnd, acked: cc.Pmdcs);
        }

        Assert.Equal(int.MaxValue, cc.Cwnd);
    }

    [Fact]
    public void SteadyStateDoesNotAllocate()
    {
        var cc = new CongestionControl(Mtu);
        void Cycle(int i)
        {
            cc.OnDataSent(TimeSpan.FromSeconds(i));
            int window = cc.BurstLimitedWindow(0);
            _ = cc.CanSend(0, window);
            Sack(cc, flightBefore: cc.Cwnd, acked: Pmdcs, cumAck: (uint)i);
            if (i % 10 == 0)
            {
                cc.OnFastRetransmit(new Tsn((uint)i + 5));
            }

            if (i % 50 == 0)
            {
                cc.OnRetransmissionTimeout();
            }

            cc.ApplyIdleDecay(TimeSpan.FromSeconds(i) + (3 * Rto), Rto);
        }

        Cycle(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 1000; i++)
        {
            Cycle(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
