using Sctp.Packet.Chunks;
using Sctp.Tx;

namespace Sctp.Tests.Tx;

/// <summary>
/// Round-trip time measurement in <see cref="OutstandingData"/> (RFC 9260 section 6.3.1, rules C4 and C5):
/// one chunk is timed at a time, the sample is taken when a SACK newly acknowledges that chunk, and the
/// measurement is discarded when the chunk is marked for retransmission or abandoned. Also the Duplicate TSN
/// bytes a SACK reports (section 7.2.2).
/// </summary>
public class OutstandingDataRttTests
{
    private const int Size = 100;
    private static readonly Tsn First = new(uint.MaxValue - 2);
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan T1 = TimeSpan.FromSeconds(11);

    private readonly SendQueue _queue = new();
    private readonly OutstandingData _outstanding = new(First);

    [Fact]
    public void Rfc9260_6_3_1_C4_OnlyTheFirstChunkSentIsTimedAndItsAcknowledgementGivesTheOneSample()
    {
        Assert.False(_outstanding.IsMeasuringRtt);
        AddChunks(4, T0);
        Assert.True(_outstanding.IsMeasuringRtt);

        // The SACK acknowledging the first two ends the measurement on the first, sent at T0.
        var outcome = _outstanding.HandleSack(Sack(First + 1), inFastRecovery: false);
        Assert.Equal(T0, outcome.TimedChunkSentAt);
        Assert.False(_outstanding.IsMeasuringRtt);

        // The next new chunk (First + 4, sent at T1) starts the next measurement; the chunks of the previous
        // round trip (First + 2, First + 3) give nothing when they are acknowledged.
        AddChunks(2, T1);
        Assert.True(_outstanding.IsMeasuringRtt);
        Assert.Null(_outstanding.HandleSack(Sack(First + 3), inFastRecovery: false).TimedChunkSentAt);
        Assert.Equal(T1, _outstanding.HandleSack(Sack(First + 4), inFastRecovery: false).TimedChunkSentAt);
        Assert.Null(_outstanding.HandleSack(Sack(First + 5), inFastRecovery: false).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C4_ATimedChunkAcknowledgedByAGapBlockGivesTheSampleOnce()
    {
        // The chunk before the timed one is outstanding (nothing from a previous measurement); then the
        // timed chunk is the first sent after a measurement ended.
        AddChunks(1, T0);
        Assert.Equal(T0, _outstanding.HandleSack(Sack(First), inFastRecovery: false).TimedChunkSentAt);
        AddChunks(3, T1);

        // First + 1 (timed) is lost on the way; First + 2 arrives: no sample.
        var gap = _outstanding.HandleSack(Sack(First, new GapAckBlock(2, 2)), inFastRecovery: false);
        Assert.Null(gap.TimedChunkSentAt);
        Assert.True(_outstanding.IsMeasuringRtt);

        // Later, all three: the cumulative ack covers the timed chunk for the first time.
        Assert.Equal(T1, _outstanding.HandleSack(Sack(First + 3), inFastRecovery: false).TimedChunkSentAt);

        // And a timed chunk first acknowledged by a gap block gives its sample then, not again later.
        AddChunks(2, T1 + TimeSpan.FromSeconds(1));
        var byGap = _outstanding.HandleSack(Sack(First + 3, new GapAckBlock(1, 1)), inFastRecovery: false);
        Assert.Equal(T1 + TimeSpan.FromSeconds(1), byGap.TimedChunkSentAt);
        Assert.Null(_outstanding.HandleSack(Sack(First + 5), inFastRecovery: false).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_ARetransmittedTimedChunkGivesNoSampleAndTheNextNewChunkIsTimed()
    {
        AddChunks(2, T0);

        // T3-rtx expires: the timed chunk is marked for retransmission, so the measurement is discarded.
        _outstanding.MarkAllInFlightLost();
        Assert.False(_outstanding.IsMeasuringRtt);
        Assert.True(_outstanding.TryRetransmit(T1, 1200, _queue, out var tsn, out _, out _));
        Assert.Equal(First, tsn);

        // Its acknowledgement may answer either transmission: no sample.
        Assert.Null(_outstanding.HandleSack(Sack(First), inFastRecovery: false).TimedChunkSentAt);

        // A new chunk is timed again.
        AddChunks(1, T1);
        Assert.True(_outstanding.IsMeasuringRtt);
        Assert.Equal(T1, _outstanding.HandleSack(Sack(First + 2), inFastRecovery: false).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_ATimedChunkMarkedLostAndAcknowledgedLateWithoutRetransmissionGivesNoSample()
    {
        // First + 1 is left over from the previous measurement, which First ended; First + 2 is timed.
        AddChunks(2, T0);
        Assert.Equal(T0, _outstanding.HandleSack(Sack(First), inFastRecovery: false).TimedChunkSentAt);
        var sentAt = T0 + TimeSpan.FromMilliseconds(1);
        AddChunks(3, sentAt);

        // The chunks arrived, but the SACKs for them were lost. T3-rtx marks them all for retransmission,
        // and only the earliest (First + 1, untimed) goes again: one packet after a timeout (section 7.2.3).
        _outstanding.MarkAllInFlightLost();
        Assert.True(_outstanding.TryRetransmit(T1, 1200, _queue, out var retransmitted, out _, out _));
        Assert.Equal(First + 1, retransmitted);

        // The SACK for that retransmission acknowledges the timed chunk, sent once, with the others: as a
        // sample it would be T1 + RTT - sentAt, a whole timeout too long, so none is taken.
        var outcome = _outstanding.HandleSack(Sack(First + 4), inFastRecovery: false);
        Assert.Equal(4 * Size, outcome.BytesNewlyAcked);
        Assert.Null(outcome.TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_ATimedChunkMarkedForFastRetransmitGivesNoSample()
    {
        AddChunks(5, T0);

        // Three SACKs report the timed chunk missing: it is marked for fast retransmission (section 7.2.4).
        for (ushort end = 2; end <= 4; end++)
        {
            var sack = _outstanding.HandleSack(Sack(First.Previous, new GapAckBlock(2, end)), inFastRecovery: false);
            Assert.Null(sack.TimedChunkSentAt);
            Assert.Equal(end == 4, sack.FastRetransmitNeeded);
        }

        Assert.False(_outstanding.IsMeasuringRtt);

        // Acknowledged before its retransmission went out: still no sample.
        Assert.Null(_outstanding.HandleSack(Sack(First + 4), inFastRecovery: true).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C5_AnAbandonedTimedChunkEndsTheMeasurement()
    {
        _queue.Enqueue(T0, new StreamId(0), default, new byte[Size - DataChunk.HeaderSize], unordered: false, ReliabilityPolicy.LimitedRetransmissions(0));
        Assert.True(_queue.TryProduce(T0, 1200, interleaved: false, out var fragment));
        _outstanding.Add(fragment, Size, T0);
        Assert.True(_outstanding.IsMeasuringRtt);

        // RFC 3758 section 3.5: no retransmission allowed, so marking it lost abandons it.
        _outstanding.MarkAllInFlightLost();
        Assert.False(_outstanding.TryRetransmit(T1, 1200, _queue, out _, out _, out int abandoned));
        Assert.Equal(1, abandoned);
        Assert.False(_outstanding.IsMeasuringRtt);

        AddChunks(1, T1);
        Assert.True(_outstanding.IsMeasuringRtt);
        Assert.Equal(T1, _outstanding.HandleSack(Sack(First + 1), inFastRecovery: false).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_6_3_1_C4_ASackThatIsAcceptedButAcknowledgesNothingNewGivesNoSample()
    {
        AddChunks(2, T0);
        Assert.Equal(T0, _outstanding.HandleSack(Sack(First), inFastRecovery: false).TimedChunkSentAt);

        // The same SACK again (duplicated by the network): nothing new, no second sample.
        Assert.Null(_outstanding.HandleSack(Sack(First), inFastRecovery: false).TimedChunkSentAt);
    }

    [Fact]
    public void Rfc9260_7_2_2_DuplicateTsnsAreCountedInBytesWhereverTheChunkIsKnown()
    {
        // Chunks of different sizes, so that each duplicate's contribution shows.
        var sizes = new[] { 100, 200, 300, 400, 500 };
        foreach (int size in sizes)
        {
            AddChunk(size, T0);
        }

        // First and First + 1 were acknowledged by an earlier SACK; First + 3 is gap-acknowledged.
        _outstanding.HandleSack(Sack(First + 1, new GapAckBlock(2, 2)), inFastRecovery: false);

        // The next SACK reports duplicates of an earlier-acknowledged chunk (First + 1), of one it
        // acknowledges now (First + 2), of a gap-acknowledged one (First + 3), and of TSNs never sent.
        var outcome = _outstanding.HandleSack(
            new SackChunk(First + 2, 100_000, [new GapAckBlock(1, 1)], [First + 1, First + 2, First + 3, First + 10, First - 1000]),
            inFastRecovery: false);

        Assert.True(outcome.Accepted);
        Assert.Equal(200 + 300 + 400, outcome.DuplicateTsnBytes);
        Assert.Equal(300, outcome.BytesNewlyAcked);
    }

    [Fact]
    public void Rfc9260_7_2_2_ADuplicateOfAChunkWhoseSlotWasReusedCountsNothing()
    {
        // 64 is the ring's starting size: after 64 more chunks, the slot of First holds First + 64.
        AddChunks(1, T0);
        _outstanding.HandleSack(Sack(First), inFastRecovery: false);
        AddChunks(64, T0);

        var outcome = _outstanding.HandleSack(new SackChunk(First, 100_000, [], [First]), inFastRecovery: false);
        Assert.Equal(0, outcome.DuplicateTsnBytes);

        // Once acknowledged, the most recent ones are remembered again.
        var later = _outstanding.HandleSack(new SackChunk(First + 64, 100_000, [], [First + 64, First + 63]), inFastRecovery: false);
        Assert.Equal(2 * Size, later.DuplicateTsnBytes);
    }

    private static SackChunk Sack(Tsn cumulative, params GapAckBlock[] gaps) => new(cumulative, 100_000, gaps);

    private void AddChunks(int count, TimeSpan now)
    {
        for (int i = 0; i < count; i++)
        {
            AddChunk(Size, now);
        }
    }

    private void AddChunk(int size, TimeSpan now)
    {
        _queue.Enqueue(now, new StreamId(0), default, new byte[size - DataChunk.HeaderSize], unordered: false, ReliabilityPolicy.Reliable);
        Assert.True(_queue.TryProduce(now, 1200, interleaved: false, out var fragment));
        _outstanding.Add(fragment, size, now);
    }
}
