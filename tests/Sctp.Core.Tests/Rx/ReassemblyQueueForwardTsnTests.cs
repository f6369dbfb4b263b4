using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>Partial reliability: FORWARD-TSN (RFC 3758 section 3.6) and I-FORWARD-TSN (RFC 8260 section 2.3.1).</summary>
public class ReassemblyQueueForwardTsnTests
{
    private const int MaxMessage = 64 * 1024;

    private static TestChunk Data(uint tsn, StreamId stream, bool b, bool e, uint ssn, byte[] payload, bool unordered = false) =>
        new(new Tsn(tsn), stream, unordered, b, e, ssn, default, default, payload);

    private static TestChunk IData(uint tsn, StreamId stream, bool b, bool e, uint mid, uint fsn, byte[] payload, bool unordered = false) =>
        new(new Tsn(tsn), stream, unordered, b, e, mid, new Fsn(fsn), default, payload);

    [Fact]
    public void Rfc3758_3_6_PartialUnorderedMessageMissingASkippedTsnIsDropped()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(10, S1, true, false, 0, [1, 1], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(11, S1, false, false, 0, [2, 2, 2], unordered: true)));
        Assert.Equal(5, queue.BufferedBytes);

        // TSN 12 (the E fragment) was abandoned.
        Assert.Equal(5, queue.HandleForwardTsn(new Tsn(12), []));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        // Later messages are unaffected.
        queue.AddAll([Data(13, S1, true, false, 0, [3], unordered: true), Data(14, S1, false, true, 0, [4], unordered: true)]);
        Assert.Equal([3, 4], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc3758_3_6_LateFragmentOfAnAbandonedMessageIsDiscarded()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);

        // TSNs 20 and 21 (B and a middle) were abandoned and never arrived; 22 (E) arrives after the FORWARD-TSN.
        Assert.Equal(0, queue.HandleForwardTsn(new Tsn(21), []));
        Assert.Equal(AddResult.Discarded, queue.Add(Data(22, S1, false, true, 0, [9], unordered: true)));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        // A message that begins after the new cumulative TSN is fine.
        Assert.Equal(AddResult.Accepted, queue.Add(Data(24, S1, false, true, 0, [2], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(23, S1, true, false, 0, [1], unordered: true)));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc3758_3_6_MessageMissingOnlyTsnsAboveTheNewCumulativeTsnIsKept()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);

        // The message is TSNs 5..9; 5..7 arrived. TSNs below 5 were abandoned, so the peer's ack point
        // moves to 7 while 8 and 9 are still on their way: the message is alive.
        queue.AddAll([Data(5, S1, true, false, 0, [5]), Data(6, S1, false, false, 0, [6]), Data(7, S1, false, false, 0, [7])]);
        Assert.Equal(0, queue.HandleForwardTsn(new Tsn(7), []));
        Assert.Equal(3, queue.HeldFragmentCount);

        queue.AddAll([Data(9, S1, false, true, 0, [9]), Data(8, S1, false, false, 0, [8])]);
        Assert.Equal([5, 6, 7, 8, 9], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc3758_3_6_SkippedSsnUnblocksTheOrderedMessagesBehindIt()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);

        // SSN 0 is TSNs 10..12, of which only 10 arrived; SSN 1 (TSN 13) and SSN 2 (TSNs 14, 15) are complete.
        Assert.Equal(AddResult.Accepted, queue.Add(Data(10, S1, true, false, 0, [0, 0, 0, 0])));
        queue.AddAll([Data(13, S1, true, true, 1, [1]), Data(15, S1, false, true, 2, [2, 2]), Data(14, S1, true, false, 2, [2])]);
        Assert.Equal(0, queue.QueuedMessageCount);
        Assert.Equal(8, queue.BufferedBytes);

        Assert.Equal(4, queue.HandleForwardTsn(new Tsn(12), [(S1, new Ssn(0))]));
        Assert.Equal([[1], [2, 2, 2]], queue.Drain().Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        // The stream now expects SSN 3; a late fragment of SSN 0 is discarded.
        Assert.Equal(AddResult.Discarded, queue.Add(Data(16, S1, false, true, 0, [7])));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(17, S1, true, true, 3, [3])));
        Assert.Equal([3], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc3758_3_6_StrandedCompleteMessagesUpToTheSkippedSsnAreDeliveredInOrder()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);

        // SSN 0 never arrives (abandoned); SSNs 1, 2, 4 are complete and waiting, SSN 3 is partial.
        queue.AddAll([
            Data(12, S2, true, true, 2, [2]),
            Data(11, S2, true, true, 1, [1]),
            Data(15, S2, true, true, 4, [4]),
            Data(13, S2, true, false, 3, [3, 3]),
        ]);
        Assert.Equal(0, queue.QueuedMessageCount);

        // The peer abandoned SSNs up to 3 (3 after sending its first fragment).
        Assert.Equal(2, queue.HandleForwardTsn(new Tsn(14), [(S2, new Ssn(3))]));
        Assert.Equal([[1], [2], [4]], queue.Drain().Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc3758_3_6_OldForwardTsnChangesNothing()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        queue.AddAll([Data(1, S1, true, true, 0, [0]), Data(2, S1, true, true, 1, [1])]);
        Assert.Equal(2, queue.Drain().Count);
        Assert.Equal(AddResult.Accepted, queue.Add(Data(4, S1, true, true, 3, [3])));

        // SSN 0 is behind the next expected SSN (2): an old entry that must not move the stream back.
        Assert.Equal(0, queue.HandleForwardTsn(new Tsn(2), [(S1, new Ssn(0))]));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(3, S1, true, true, 2, [2])));
        Assert.Equal([[2], [3]], queue.Drain().Select(d => d.Payload));
    }

    [Fact]
    public void Rfc3758_3_6_StreamNeverSeenStartsAfterTheSkippedSsn()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(0, queue.HandleForwardTsn(new Tsn(5), [(S3, new Ssn(4))]));
        Assert.Equal(1, queue.TrackedStreamCount);
        Assert.Equal(AddResult.Discarded, queue.Add(Data(6, S3, true, true, 4, [4])));
        Assert.Equal(AddResult.Accepted, queue.Add(Data(7, S3, true, true, 5, [5])));
        Assert.Equal([5], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc3758_3_6_SsnSkipWorksAcrossTheWrap()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        queue.SkipTo(S1, 65_534, new Tsn(0xFFFF_FFF0));
        queue.AddAll([Data(0xFFFF_FFF3, S1, true, true, 1, [1]), Data(0xFFFF_FFF2, S1, true, true, 0, [0])]);
        Assert.Equal(0, queue.QueuedMessageCount);

        // Skip 65534 and 65535: 0 and 1 follow.
        Assert.Equal(0, queue.HandleForwardTsn(new Tsn(0xFFFF_FFF1), [(S1, new Ssn(65_535))]));
        Assert.Equal([[0], [1]], queue.Drain().Select(d => d.Payload));
    }

    [Fact]
    public void Rfc8260_2_3_1_SkippedMidDropsThePartialOrderedMessageAndUnblocksLaterOnes()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);

        // MID 0 is partial (FSN 0 and 2 held), MID 1 complete, MID 2 partial.
        queue.AddAll([
            IData(1, S1, true, false, 0, 0, [0]),
            IData(3, S1, false, false, 0, 2, [0, 0]),
            IData(4, S1, true, true, 1, 0, [1]),
            IData(5, S1, true, false, 2, 0, [2]),
        ]);

        Assert.Equal(3, queue.HandleIForwardTsn(new Tsn(2), [(S1, false, new Mid(0))]));
        Assert.Equal([1], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(1, queue.BufferedBytes);

        // Late fragments of MID 0 are discarded; MID 2 completes normally.
        Assert.Equal(AddResult.Discarded, queue.Add(IData(6, S1, false, true, 0, 3, [9])));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(7, S1, false, true, 2, 1, [2])));
        Assert.Equal([2, 2], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_3_1_SkippedUnorderedMidDropsThatMessageAndEarlierOnesOnly()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        queue.AddAll([
            IData(1, S2, true, false, 3, 0, [3], unordered: true),
            IData(2, S2, true, false, 4, 0, [4, 4], unordered: true),
            IData(3, S2, true, false, 6, 0, [6], unordered: true),
            IData(4, S3, true, false, 4, 0, [7], unordered: true),
            IData(5, S2, true, false, 4, 0, [8], unordered: false),
        ]);

        // Unordered MIDs 3 and 4 of stream 2 go; MID 6, stream 3, and the ordered MID 4 stay.
        Assert.Equal(3, queue.HandleIForwardTsn(new Tsn(2), [(S2, true, new Mid(4))]));
        Assert.Equal(3, queue.HeldFragmentCount);
        Assert.Equal(3, queue.BufferedBytes);

        // A late fragment of MID 4 is discarded rather than held forever; MID 5 and 6 are fine.
        Assert.Equal(AddResult.Discarded, queue.Add(IData(6, S2, false, true, 4, 1, [4], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(7, S2, true, true, 5, 0, [5], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(8, S2, false, true, 6, 1, [6], unordered: true)));
        Assert.Equal([[5], [6, 6]], queue.Drain().Select(d => d.Payload));
        Assert.Equal(2, queue.BufferedBytes);

        // An older entry changes nothing.
        Assert.Equal(0, queue.HandleIForwardTsn(new Tsn(2), [(S2, true, new Mid(2))]));
        Assert.Equal(2, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc8260_2_3_1_UnorderedSkipPointWorksAcrossTheMidWrap()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        Assert.Equal(0, queue.HandleIForwardTsn(new Tsn(1), [(S1, true, new Mid(0xFFFF_FFFE))]));
        Assert.Equal(AddResult.Discarded, queue.Add(IData(2, S1, true, true, 0xFFFF_FFFD, 0, [1], unordered: true)));
        Assert.Equal(AddResult.Discarded, queue.Add(IData(3, S1, true, true, 0xFFFF_FFFE, 0, [1], unordered: true)));

        queue.AddAll([
            IData(4, S1, true, false, 0xFFFF_FFFF, 0, [1], unordered: true),
            IData(5, S1, true, false, 0, 0, [2], unordered: true),
            IData(6, S1, false, true, 0, 1, [2], unordered: true),
            IData(7, S1, false, true, 0xFFFF_FFFF, 1, [1], unordered: true),
        ]);
        Assert.Equal([[2, 2], [1, 1]], queue.Drain().Select(d => d.Payload));

        // Far beyond the skip point (more than 2^31 messages later the unwrapped comparison still holds).
        for (uint mid = 1; mid < 0x9000_0000u && mid != 0; mid += 0x1000_0000u)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(IData(8, S1, true, true, mid, 0, [3], unordered: true)));
        }

        Assert.Equal(9, queue.Drain().Count);
    }

    [Fact]
    public void Rfc8260_2_3_1_FragmentsAtOrBelowTheNewCumulativeTsnOfLiveMessagesAreKept()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);

        // Message (S1, MID 0) has FSN 0 at TSN 5; TSNs 6 and 7 carried a message of stream 2 that was
        // abandoned. FSN 1 of S1's message comes with TSN 8, after the I-FORWARD-TSN.
        Assert.Equal(AddResult.Accepted, queue.Add(IData(5, S1, true, false, 0, 0, [1])));
        Assert.Equal(0, queue.HandleIForwardTsn(new Tsn(7), [(S2, false, new Mid(0))]));
        Assert.Equal(AddResult.Accepted, queue.Add(IData(8, S1, false, true, 0, 1, [2])));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void ForwardTsnOfTheOtherModeIsIgnored()
    {
        var data = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, data.Add(Data(1, S1, true, false, 0, [1])));
        Assert.Equal(0, data.HandleIForwardTsn(new Tsn(5), [(S1, false, new Mid(0))]));
        Assert.Equal(1, data.HeldFragmentCount);

        var interleaved = new ReassemblyQueue(MaxMessage, interleaved: true);
        Assert.Equal(AddResult.Accepted, interleaved.Add(IData(1, S1, true, false, 0, 0, [1])));
        Assert.Equal(0, interleaved.HandleForwardTsn(new Tsn(5), [(S1, new Ssn(0))]));
        Assert.Equal(1, interleaved.HeldFragmentCount);
        Assert.Equal(0, interleaved.TrackedStreamCount);
    }
}
