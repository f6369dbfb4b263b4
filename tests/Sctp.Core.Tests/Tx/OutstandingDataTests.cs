using Sctp.Packet.Chunks;
using Sctp.Tx;

namespace Sctp.Tests.Tx;

/// <summary>
/// The byte accounting and loss marking of <see cref="OutstandingData"/> (RFC 9260 sections 6.2.1, 6.3.3
/// and 7.2.4): whatever path a chunk takes (in flight, gap-acknowledged, marked lost, retransmitted,
/// acknowledged), the flight size and outstanding bytes come back to zero when everything is acknowledged.
/// </summary>
public class OutstandingDataTests
{
    private const int Size = 100;
    private static readonly Tsn First = new(uint.MaxValue - 2);
    private static readonly TimeSpan Now = TimeSpan.FromSeconds(10);

    [Fact]
    public void Rfc9260_6_3_3_ChunksMarkedLostThenAcknowledgedWithoutRetransmissionLeaveNothingOutstanding()
    {
        var (outstanding, queue) = WithChunks(4);
        outstanding.MarkAllInFlightLost();

        // Marked chunks leave the flight but stay outstanding: sent, unacknowledged, buffers held.
        Assert.Equal(0, outstanding.BytesInFlight);
        Assert.Equal(4 * Size, outstanding.BytesOutstanding);
        Assert.True(outstanding.HasChunksToRetransmit);

        // The SACK for the original transmissions arrives late, after T3 marked them.
        var outcome = outstanding.HandleSack(new SackChunk(First + 3, 100_000), inFastRecovery: false);
        Assert.True(outcome.Accepted);
        Assert.Equal(4 * Size, outcome.BytesNewlyAcked);
        Assert.True(outcome.AllAcknowledged);
        Assert.Equal(0, outstanding.BytesInFlight);
        Assert.Equal(0, outstanding.BytesOutstanding);
        Assert.False(outstanding.HasChunksToRetransmit);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Rfc9260_7_2_4_AChunkMarkedLostByMissIndicationsThenAcknowledgedLeavesNothingOutstanding()
    {
        var (outstanding, queue) = WithChunks(5);

        // Three SACKs each newly acknowledge one TSN above the first: three miss indications for it.
        for (ushort k = 2; k <= 4; k++)
        {
            var outcome = outstanding.HandleSack(new SackChunk(First.Previous, 100_000, [new GapAckBlock(2, k)]), inFastRecovery: false);
            Assert.Equal(k == 4, outcome.FastRetransmitNeeded);
        }

        Assert.True(outstanding.HasChunksToRetransmit);
        Assert.Equal(Size, outstanding.BytesInFlight);
        Assert.Equal(2 * Size, outstanding.BytesOutstanding);

        // Acknowledged before it was sent again.
        var last = outstanding.HandleSack(new SackChunk(First + 4, 100_000), inFastRecovery: true);
        Assert.True(last.AllAcknowledged);
        Assert.Equal(2 * Size, last.BytesNewlyAcked);
        Assert.Equal(0, outstanding.BytesInFlight);
        Assert.Equal(0, outstanding.BytesOutstanding);
        Assert.False(outstanding.HasChunksToRetransmit);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Rfc9260_6_3_3_RetransmittedChunksAreCountedOnceAgain()
    {
        var (outstanding, queue) = WithChunks(3);
        outstanding.MarkAllInFlightLost();
        Assert.True(outstanding.TryRetransmit(Now, 1200, queue, out var tsn, out _, out _));
        Assert.Equal(First, tsn);
        Assert.Equal(Size, outstanding.BytesInFlight);
        Assert.Equal(3 * Size, outstanding.BytesOutstanding);

        var outcome = outstanding.HandleSack(new SackChunk(First + 2, 100_000), inFastRecovery: false);
        Assert.Equal(3 * Size, outcome.BytesNewlyAcked);

        // Karn (section 6.3.1, C5): the timed chunk was marked for retransmission, so there is no sample,
        // neither from it nor from the others, which were marked too.
        Assert.Null(outcome.TimedChunkSentAt);
        Assert.Equal(0, outstanding.BytesInFlight);
        Assert.Equal(0, outstanding.BytesOutstanding);
    }

    [Fact]
    public void Rfc9260_6_2_1_RenegedChunksReturnToFlightAndAreCountedOnce()
    {
        var (outstanding, _) = WithChunks(3);
        outstanding.HandleSack(new SackChunk(First.Previous, 100_000, [new GapAckBlock(2, 3)]), inFastRecovery: false);
        Assert.Equal(Size, outstanding.BytesInFlight);
        Assert.Equal(Size, outstanding.BytesOutstanding);

        // The receiver reneged: the next SACK no longer reports them.
        outstanding.HandleSack(new SackChunk(First.Previous, 100_000), inFastRecovery: false);
        Assert.Equal(3 * Size, outstanding.BytesInFlight);
        Assert.Equal(3 * Size, outstanding.BytesOutstanding);

        var outcome = outstanding.HandleSack(new SackChunk(First + 2, 100_000), inFastRecovery: false);
        Assert.Equal(3 * Size, outcome.BytesNewlyAcked);
        Assert.Equal(0, outstanding.BytesInFlight);
        Assert.Equal(0, outstanding.BytesOutstanding);
    }

    [Fact]
    public void Rfc9260_6_2_1_ASackBehindTheCumulativeAckPointOrBeyondWhatWasSentIsRejected()
    {
        var (outstanding, _) = WithChunks(3);
        Assert.True(outstanding.HandleSack(new SackChunk(First, 100_000), inFastRecovery: false).Accepted);
        Assert.False(outstanding.HandleSack(new SackChunk(First.Previous, 100_000), inFastRecovery: false).Accepted);
        Assert.False(outstanding.HandleSack(new SackChunk(First + 3, 100_000), inFastRecovery: false).Accepted);
        Assert.Equal(2 * Size, outstanding.BytesOutstanding);
    }

    private static (OutstandingData Outstanding, SendQueue Queue) WithChunks(int count)
    {
        var queue = new SendQueue();
        var outstanding = new OutstandingData(First);
        for (int i = 0; i < count; i++)
        {
            queue.Enqueue(Now, new StreamId(0), default, new byte[Size - DataChunk.HeaderSize], unordered: false, ReliabilityPolicy.Reliable);
            Assert.True(queue.TryProduce(Now, 1200, interleaved: false, out var fragment));
            Assert.Equal(First + (uint)i, outstanding.Add(fragment, Size, Now));
        }

        Assert.Equal(count * Size, outstanding.BytesInFlight);
        return (outstanding, queue);
    }
}
