using Sctp.Packet.Chunks;
using Sctp.Rx;

namespace Sctp.Tests.Rx;

public class DataTrackerTests
{
    private static GapAckBlock[] Gaps(DataTracker tracker)
    {
        var blocks = new GapAckBlock[64];
        return blocks[..tracker.WriteGapBlocks(blocks)];
    }

    [Fact]
    public void Rfc9260_6_2_InSequenceDataAdvancesTheCumulativeAck()
    {
        var tracker = new DataTracker(new Tsn(100));
        Assert.Equal(new Tsn(99), tracker.CumulativeTsnAck);
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(100)));
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(101)));
        Assert.Equal(new Tsn(101), tracker.CumulativeTsnAck);
        Assert.False(tracker.HasGaps);
        Assert.False(tracker.ShouldSendSackNow);
    }

    [Fact]
    public void Rfc9260_6_2_SackEverySecondPacket()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        tracker.OnDataPacketReceived(immediateAckRequested: false);
        Assert.False(tracker.ShouldSendSackNow);
        Assert.True(tracker.HasUnacknowledgedData);
        tracker.Observe(new Tsn(2));
        tracker.OnDataPacketReceived(immediateAckRequested: false);
        Assert.True(tracker.ShouldSendSackNow);
        tracker.OnSackSent();
        Assert.False(tracker.ShouldSendSackNow);
        Assert.False(tracker.HasUnacknowledgedData);
    }

    [Fact]
    public void Rfc7053_IBitAsksForAnImmediateSack()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        tracker.OnDataPacketReceived(immediateAckRequested: true);
        Assert.True(tracker.ShouldSendSackNow);
    }

    [Fact]
    public void Rfc9260_6_7_GapsAreReportedAsBlocksAndAckedAtOnce()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        tracker.Observe(new Tsn(3));
        Assert.True(tracker.ShouldSendSackNow);
        tracker.Observe(new Tsn(4));
        tracker.Observe(new Tsn(7));
        Assert.Equal(new Tsn(1), tracker.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 3), new GapAckBlock(6, 6)], Gaps(tracker));
        tracker.OnSackSent();

        // Filling the gap joins the first block into the cumulative point and acks at once.
        tracker.Observe(new Tsn(2));
        Assert.True(tracker.ShouldSendSackNow);
        Assert.Equal(new Tsn(4), tracker.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(3, 3)], Gaps(tracker));
    }

    [Fact]
    public void AdjacentArrivalsMergeBlocksFromBothSides()
    {
        var tracker = new DataTracker(new Tsn(10));
        tracker.Observe(new Tsn(12));
        tracker.Observe(new Tsn(14));
        tracker.Observe(new Tsn(13));
        Assert.Equal([new GapAckBlock(3, 5)], Gaps(tracker));
        tracker.Observe(new Tsn(16));
        tracker.Observe(new Tsn(15));
        Assert.Equal([new GapAckBlock(3, 7)], Gaps(tracker));
    }

    [Fact]
    public void Rfc9260_6_2_DuplicatesAreReportedOnceEachAndAckedAtOnce()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        tracker.Observe(new Tsn(3));
        tracker.OnSackSent();
        Assert.Equal(TsnObservation.Duplicate, tracker.Observe(new Tsn(1)));
        Assert.Equal(TsnObservation.Duplicate, tracker.Observe(new Tsn(3)));
        Assert.True(tracker.ShouldSendSackNow);
        Assert.Equal([new Tsn(1), new Tsn(3)], tracker.Duplicates.ToArray());
        tracker.OnSackSent();
        Assert.True(tracker.Duplicates.IsEmpty);
    }

    [Fact]
    public void DuplicateListIsBounded()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(TsnObservation.Duplicate, tracker.Observe(new Tsn(1)));
        }

        Assert.Equal(DataTracker.MaxReportedDuplicates, tracker.Duplicates.Length);
    }

    [Fact]
    public void TsnsBeyondTheTrackedDistanceAreRefused()
    {
        var tracker = new DataTracker(new Tsn(1), maxTrackedDistance: 100);
        Assert.Equal(TsnObservation.TooFarAhead, tracker.Observe(new Tsn(101)));
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(100)));
        Assert.False(tracker.HasReceived(new Tsn(101)));

        // Far ahead in serial arithmetic, or behind by more than half the space: never tracked as new.
        Assert.NotEqual(TsnObservation.New, tracker.Observe(new Tsn(0x9000_0000)));
    }

    [Fact]
    public void WrapsAroundTheTsnSpace()
    {
        var tracker = new DataTracker(new Tsn(0xFFFF_FFFE));
        tracker.Observe(new Tsn(0xFFFF_FFFE));
        tracker.Observe(new Tsn(0));
        Assert.Equal([new GapAckBlock(2, 2)], Gaps(tracker));
        tracker.Observe(new Tsn(0xFFFF_FFFF));
        Assert.Equal(new Tsn(0), tracker.CumulativeTsnAck);
        Assert.False(tracker.HasGaps);
        Assert.True(tracker.HasReceived(new Tsn(0xFFFF_FFFF)));
    }

    [Fact]
    public void Rfc3758_3_6_ForwardTsnMovesTheCumulativePointAndSwallowsBlocks()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(5));
        tracker.Observe(new Tsn(6));
        tracker.Observe(new Tsn(9));
        tracker.OnSackSent();
        Assert.True(tracker.ForwardCumulativeTsn(new Tsn(4)));
        Assert.Equal(new Tsn(6), tracker.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(3, 3)], Gaps(tracker));
        Assert.True(tracker.ShouldSendSackNow);
        Assert.Equal(TsnObservation.Duplicate, tracker.Observe(new Tsn(3)));

        tracker.OnSackSent();
        Assert.False(tracker.ForwardCumulativeTsn(new Tsn(2)));
        Assert.True(tracker.ShouldSendSackNow);
        Assert.Equal(new Tsn(6), tracker.CumulativeTsnAck);
    }

    [Fact]
    public void GapBlocksStopWhereTheBufferIsFull()
    {
        var tracker = new DataTracker(new Tsn(1));
        for (uint tsn = 2; tsn < 100; tsn += 2)
        {
            tracker.Observe(new Tsn(tsn));
        }

        var blocks = new GapAckBlock[4];
        Assert.Equal(4, tracker.WriteGapBlocks(blocks));
        Assert.Equal(new GapAckBlock(2, 2), blocks[0]);
        Assert.Equal(new GapAckBlock(8, 8), blocks[3]);
        Assert.Equal(49, tracker.GapBlockCount);
    }

    [Fact]
    public void RandomArrivalOrderAlwaysEndsFullyAcknowledged()
    {
        var random = new SeededRandomSource(7);
        for (int round = 0; round < 50; round++)
        {
            uint start = (uint)random.NextUInt64();
            var tracker = new DataTracker(new Tsn(start));
            var order = Enumerable.Range(0, 300).OrderBy(_ => random.NextUInt64()).ToArray();
            foreach (int i in order)
            {
                Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(start + (uint)i)));
            }

            Assert.Equal(new Tsn(start + 299), tracker.CumulativeTsnAck);
            Assert.False(tracker.HasGaps);
        }
    }
}
