using Sctp.Packet.Chunks;
using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>
/// The receiver's side of reneging (RFC 9260 sections 6.2 and 6.2.1): the data tracker forgets TSNs above
/// the cumulative ack so that SACKs stop reporting them, and the reassembly queue drops the largest TSNs held
/// for reordering, which reassemble correctly when they come again.
/// </summary>
public class RenegeTests
{
    [Fact]
    public void Rfc9260_6_2_1_ForgettingATsnSplitsShrinksOrRemovesItsGapBlock()
    {
        var tracker = new DataTracker(new Tsn(1));
        tracker.Observe(new Tsn(1));
        foreach (uint t in new uint[] { 3, 4, 5, 6, 7, 9 })
        {
            tracker.Observe(new Tsn(t));
        }

        tracker.OnSackSent();
        Assert.Equal([new GapAckBlock(2, 6), new GapAckBlock(8, 8)], Gaps(tracker));

        // The highest: its one-TSN block goes, and a SACK is due at once.
        Assert.True(tracker.Forget(new Tsn(9)));
        Assert.True(tracker.ShouldSendSackNow);
        Assert.Equal([new GapAckBlock(2, 6)], Gaps(tracker));

        // The end, the start and the middle of a block.
        Assert.True(tracker.Forget(new Tsn(7)));
        Assert.True(tracker.Forget(new Tsn(3)));
        Assert.Equal([new GapAckBlock(3, 5)], Gaps(tracker));
        Assert.True(tracker.Forget(new Tsn(5)));
        Assert.Equal([new GapAckBlock(3, 3), new GapAckBlock(5, 5)], Gaps(tracker));

        // At or below the cumulative ack, or never received: nothing changes.
        Assert.False(tracker.Forget(new Tsn(1)));
        Assert.False(tracker.Forget(new Tsn(0)));
        Assert.False(tracker.Forget(new Tsn(2)));
        Assert.False(tracker.Forget(new Tsn(5)));
        Assert.Equal(new Tsn(1), tracker.CumulativeTsnAck);

        // A forgotten TSN is new again when it comes back, and fills its gap as before.
        Assert.False(tracker.HasReceived(new Tsn(5)));
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(5)));
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(2)));
        Assert.Equal(TsnObservation.New, tracker.Observe(new Tsn(3)));
        Assert.Equal(new Tsn(6), tracker.CumulativeTsnAck);
        Assert.Empty(Gaps(tracker));
    }

    [Fact]
    public void Rfc9260_1_6_ForgettingWorksAcrossTsnWrapAround()
    {
        var tracker = new DataTracker(new Tsn(uint.MaxValue - 2));
        tracker.Observe(new Tsn(uint.MaxValue - 2));
        foreach (uint t in new uint[] { uint.MaxValue, 0, 1, 2 })
        {
            tracker.Observe(new Tsn(t));
        }

        Assert.Equal([new GapAckBlock(2, 5)], Gaps(tracker));
        Assert.True(tracker.Forget(new Tsn(2)));
        Assert.True(tracker.Forget(new Tsn(0)));
        Assert.Equal([new GapAckBlock(2, 2), new GapAckBlock(4, 4)], Gaps(tracker));
        Assert.False(tracker.Forget(new Tsn(uint.MaxValue - 2)));

        tracker.Observe(new Tsn(uint.MaxValue - 1));
        tracker.Observe(new Tsn(0));
        tracker.Observe(new Tsn(2));
        Assert.Equal(new Tsn(2), tracker.CumulativeTsnAck);
        Assert.Empty(Gaps(tracker));
    }

    [Theory]
    [InlineData(false, 100u)]
    [InlineData(true, 100u)]
    [InlineData(false, uint.MaxValue - 3)]
    [InlineData(true, uint.MaxValue - 3)]
    public void Rfc9260_6_2_TheHighestFragmentsOfAPartialMessageAreDroppedAndReassembleWhenResent(bool interleaved, uint first)
    {
        // One 8-fragment message on stream 1 whose first fragment is missing; the rest is held.
        var message = Pattern(800, 1);
        var chunks = Fragment(message, 100, new Tsn(first), S1, false, 0, new Ppid(9), interleaved);
        var (queue, tracker) = Receiving(interleaved, new Tsn(first), chunks.Skip(1));
        Assert.Equal(700, queue.BufferedBytes);
        Assert.Equal(700, queue.RenegeableBytes(chunks[0].Tsn));

        // The highest TSNs go first, one at a time, and leave the tracker's gap blocks.
        Assert.True(queue.TryRenegeHighest(chunks[0].Tsn, tracker, out int bytes, out int reneged));
        Assert.Equal((100, 1), (bytes, reneged));
        Assert.True(queue.TryRenegeHighest(chunks[0].Tsn, tracker, out bytes, out reneged));
        Assert.Equal((100, 1), (bytes, reneged));
        Assert.Equal(500, queue.BufferedBytes);
        Assert.Equal([new GapAckBlock(2, 6)], Gaps(tracker));
        Assert.False(tracker.HasReceived(chunks[7].Tsn));
        Assert.False(tracker.HasReceived(chunks[6].Tsn));

        // Nothing at or above the highest TSN held can be made room for.
        Assert.Equal(0, queue.RenegeableBytes(chunks[5].Tsn));
        Assert.False(queue.TryRenegeHighest(chunks[5].Tsn, tracker, out _, out _));

        // The missing and the dropped fragments come again: the message is whole, exactly once.
        foreach (int i in new[] { 0, 7, 6 })
        {
            Assert.Equal(TsnObservation.New, tracker.Observe(chunks[i].Tsn));
            Assert.Equal(AddResult.Accepted, queue.Add(chunks[i]));
        }

        var delivered = Assert.Single(queue.Drain());
        Assert.Equal(message, delivered.Payload);
        Assert.Equal(new Ppid(9), delivered.Ppid);
        Assert.Equal(chunks[0].Tsn, delivered.FirstTsn);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(chunks[7].Tsn, tracker.CumulativeTsnAck);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_2_ACompleteMessageWaitingForItsTurnIsDroppedWholeAndDeliveredInOrderLater(bool interleaved)
    {
        // Stream 1: SSN/MID 0 (TSN 10) is missing; 1 (TSNs 11-13) and 2 (TSN 14) are complete and waiting.
        var m0 = Whole(new Tsn(10), S1, 0, Pattern(50, 0));
        var m1 = Fragment(Pattern(250, 1), 100, new Tsn(11), S1, false, 1, default, interleaved);
        var m2 = Whole(new Tsn(14), S1, 2, Pattern(50, 2));
        var (queue, tracker) = Receiving(interleaved, new Tsn(10), [.. m1, m2]);
        Assert.Equal(300, queue.BufferedBytes);
        Assert.Equal(300, queue.RenegeableBytes(m0.Tsn));
        Assert.Equal(50, queue.RenegeableBytes(new Tsn(13)));

        // The highest (message 2) goes first, then message 1 with all three of its TSNs.
        Assert.True(queue.TryRenegeHighest(m0.Tsn, tracker, out int bytes, out int reneged));
        Assert.Equal((50, 1), (bytes, reneged));
        Assert.True(queue.TryRenegeHighest(m0.Tsn, tracker, out bytes, out reneged));
        Assert.Equal((250, 3), (bytes, reneged));
        Assert.False(queue.TryRenegeHighest(m0.Tsn, tracker, out _, out _));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Empty(Gaps(tracker));

        // Everything comes again, out of order: delivered once each, in order.
        foreach (var chunk in new[] { m2, m1[2], m0, m1[0], m1[1] })
        {
            Assert.Equal(TsnObservation.New, tracker.Observe(chunk.Tsn));
            Assert.Equal(AddResult.Accepted, queue.Add(chunk));
        }

        Assert.Equal([Pattern(50, 0), Pattern(250, 1), Pattern(50, 2)], queue.Drain().Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_1_AWaitingInterleavedMessageIsDroppedOnlyWhenAllItsTsnsAreAboveTheIncomingOne()
    {
        // I-DATA: message 1 of stream 1 (TSNs 11 and 13) interleaves with a message of stream 2 (TSN 12,
        // missing); message 0 of stream 1 (TSN 10) is missing too, so message 1 waits.
        var s1m1 = Fragment(Pattern(200, 1), 100, new Tsn(11), S1, false, 1, default, interleaved: true);
        var first = s1m1[0];
        var second = s1m1[1] with { Tsn = new Tsn(13) };
        var (queue, tracker) = Receiving(true, new Tsn(10), [first, second]);
        Assert.Equal(200, queue.BufferedBytes);

        // For TSN 12 it cannot go: TSN 11 is below. For TSN 10 it can, with both TSNs.
        Assert.Equal(0, queue.RenegeableBytes(new Tsn(12)));
        Assert.False(queue.TryRenegeHighest(new Tsn(12), tracker, out _, out _));
        Assert.True(queue.TryRenegeHighest(new Tsn(10), tracker, out int bytes, out int reneged));
        Assert.Equal((200, 2), (bytes, reneged));
        Assert.False(tracker.HasReceived(new Tsn(11)));
        Assert.False(tracker.HasReceived(new Tsn(13)));
    }

    [Fact]
    public void Rfc9260_6_2_MessagesReadyForTheApplicationAreNeverDropped()
    {
        var (queue, tracker) = Receiving(false, new Tsn(10), [Whole(new Tsn(11), S1, 0, Pattern(50, 0), unordered: true), Whole(new Tsn(12), S2, 0, Pattern(50, 1))]);
        Assert.Equal(2, queue.QueuedMessageCount);
        Assert.Equal(0, queue.RenegeableBytes(new Tsn(10)));
        Assert.False(queue.TryRenegeHighest(new Tsn(10), tracker, out _, out _));
        Assert.Equal(100, queue.BufferedBytes);
    }

    private static (ReassemblyQueue Queue, DataTracker Tracker) Receiving(bool interleaved, Tsn initial, IEnumerable<TestChunk> chunks)
    {
        var queue = new ReassemblyQueue(64 * 1024, interleaved);
        var tracker = new DataTracker(initial);
        foreach (var chunk in chunks)
        {
            Assert.Equal(TsnObservation.New, tracker.Observe(chunk.Tsn));
            Assert.Equal(AddResult.Accepted, queue.Add(chunk));
        }

        return (queue, tracker);
    }

    private static GapAckBlock[] Gaps(DataTracker tracker)
    {
        var gaps = new GapAckBlock[32];
        return gaps[..tracker.WriteGapBlocks(gaps)];
    }
}
