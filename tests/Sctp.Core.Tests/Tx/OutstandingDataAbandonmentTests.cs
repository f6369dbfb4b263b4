using Sctp.Packet.Chunks;
using Sctp.Tx;

namespace Sctp.Tests.Tx;

/// <summary>The partial-reliability bookkeeping of <see cref="OutstandingData"/> (RFC 3758 section 3.5, RFC 7496, RFC 8260 section 2.3).</summary>
public class OutstandingDataAbandonmentTests
{
    private static readonly TimeSpan Now = TimeSpan.FromSeconds(10);
    private static readonly Tsn First = new(1000);

    private readonly SendQueue _queue = new();
    private readonly OutstandingData _outstanding = new(First);

    /// <summary>Queues a message and sends all of it in fragments of <paramref name="fragment"/> bytes; returns the TSNs used.</summary>
    private List<Tsn> Send(ushort stream, int length, ReliabilityPolicy policy, bool unordered = false, int fragment = 1000, bool interleaved = false)
    {
        _queue.Enqueue(Now, new StreamId(stream), default, new byte[length], unordered, policy);
        var tsns = new List<Tsn>();
        bool end;
        do
        {
            Assert.True(_queue.TryProduce(Now, fragment, interleaved, out var produced));
            end = produced.IsEnd;
            tsns.Add(_outstanding.Add(produced, 16 + produced.Payload.Length, Now));
        }
        while (!end);
        return tsns;
    }

    private static SackChunk Sack(Tsn cumulative, params GapAckBlock[] gaps) => new(cumulative, 100_000, gaps);

    private int RetransmitAll(TimeSpan now)
    {
        int abandoned = 0;
        bool more;
        do
        {
            more = _outstanding.TryRetransmit(now, 1500, _queue, out _, out _, out int count);
            abandoned += count;
        }
        while (more);

        return abandoned;
    }

    private int AbandonLost(TimeSpan now)
    {
        _outstanding.TryRetransmit(now, 1500, _queue, out _, out _, out int abandoned);
        return abandoned;
    }

    [Fact]
    public void Rfc7496_4_1_ChunkWithNoRetransmissionsLeftIsAbandonedWithTheRestOfItsMessage()
    {
        var a = Send(0, 100, ReliabilityPolicy.Reliable);
        var b = Send(1, 2500, ReliabilityPolicy.LimitedRetransmissions(0));
        var c = Send(0, 100, ReliabilityPolicy.Reliable);
        Assert.Equal(3, b.Count);

        // A acknowledged; B's last fragment and C gap-acknowledged; B's first two lost by T3-rtx.
        _outstanding.HandleSack(Sack(a[0], new GapAckBlock(3, 4)), inFastRecovery: false);
        _outstanding.MarkAllInFlightLost();
        Assert.Equal(1, AbandonLost(Now));

        // RFC 3758 section 3.5, C1/C2: the point moves past every chunk of B, even the gap-acknowledged one.
        Assert.Equal(b[2], _outstanding.AdvancedPeerAckPoint);
        Assert.Equal([new ForwardTsnStream(new StreamId(1), new Ssn(0))], _outstanding.GetForwardTsnStreams());
        Assert.False(_outstanding.HasChunksToRetransmit);
        Assert.Equal(0, _outstanding.BytesInFlight);
        Assert.Equal(0, _outstanding.BytesOutstanding);

        // The peer's SACK after the FORWARD-TSN acknowledges through C.
        var outcome = _outstanding.HandleSack(Sack(c[0]), inFastRecovery: false);
        Assert.True(outcome.Accepted);
        Assert.True(_outstanding.IsEmpty);
        Assert.Equal(0, _outstanding.BytesOutstanding);
    }

    [Fact]
    public void Rfc3758_3_5_C2_PointStopsAtTheFirstChunkNeitherAbandonedNorAcknowledged()
    {
        var a = Send(0, 100, ReliabilityPolicy.LimitedRetransmissions(0));
        var b = Send(0, 100, ReliabilityPolicy.Reliable);
        Send(0, 100, ReliabilityPolicy.LimitedRetransmissions(0));
        _outstanding.MarkAllInFlightLost();

        int abandoned = RetransmitAll(Now);

        // A is abandoned; B is retransmitted and stays outstanding, so the point stops before it, and C
        // (abandoned behind it) waits for a later FORWARD-TSN.
        Assert.Equal(2, abandoned);
        Assert.Equal(a[0], _outstanding.AdvancedPeerAckPoint);
        Assert.Equal([new ForwardTsnStream(new StreamId(0), new Ssn(0))], _outstanding.GetForwardTsnStreams());
        _outstanding.HandleSack(Sack(b[0]), inFastRecovery: false);
        Assert.Equal(b[0].Next, _outstanding.AdvancedPeerAckPoint);
        Assert.Equal([new ForwardTsnStream(new StreamId(0), new Ssn(2))], _outstanding.GetForwardTsnStreams());
    }

    [Fact]
    public void Rfc3758_3_2_StreamListHasTheHighestSsnPerStreamAndNoUnorderedMessages()
    {
        Send(1, 100, ReliabilityPolicy.LimitedRetransmissions(0));
        Send(1, 100, ReliabilityPolicy.LimitedRetransmissions(0));
        Send(2, 100, ReliabilityPolicy.LimitedRetransmissions(0), unordered: true);
        Send(3, 100, ReliabilityPolicy.LimitedRetransmissions(0));
        _outstanding.MarkAllInFlightLost();

        Assert.Equal(4, RetransmitAll(Now));
        Assert.Equal(First + 3, _outstanding.AdvancedPeerAckPoint);
        Assert.Equal(
            [new ForwardTsnStream(new StreamId(1), new Ssn(1)), new ForwardTsnStream(new StreamId(3), new Ssn(0))],
            _outstanding.GetForwardTsnStreams());
    }

    [Fact]
    public void Rfc8260_2_3_IForwardTsnNamesOrderedAndUnorderedMidsSeparately()
    {
        Send(1, 100, ReliabilityPolicy.LimitedRetransmissions(0), interleaved: true);
        Send(1, 100, ReliabilityPolicy.LimitedRetransmissions(0), unordered: true, interleaved: true);
        Send(1, 100, ReliabilityPolicy.LimitedRetransmissions(0), interleaved: true);
        _outstanding.MarkAllInFlightLost();

        Assert.Equal(3, RetransmitAll(Now));
        Assert.Equal(
            [new IForwardTsnStream(new StreamId(1), false, new Mid(1)), new IForwardTsnStream(new StreamId(1), true, new Mid(0))],
            _outstanding.GetIForwardTsnStreams());
    }

    [Fact]
    public void Rfc7496_3_ExpiredTimedMessagesAreAbandonedOnT3AndOthersAreKept()
    {
        var timed = Send(0, 100, ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(500)));
        Send(0, 100, ReliabilityPolicy.Timed(TimeSpan.FromSeconds(5)));

        Assert.Equal(0, _outstanding.AbandonExpired(Now + TimeSpan.FromMilliseconds(500), _queue));
        Assert.Equal(1, _outstanding.AbandonExpired(Now + TimeSpan.FromMilliseconds(501), _queue));
        Assert.Equal(0, _outstanding.AbandonExpired(Now + TimeSpan.FromSeconds(1), _queue));
        Assert.Equal(timed[0], _outstanding.AdvancedPeerAckPoint);
        Assert.Equal(116, _outstanding.BytesInFlight);
        Assert.Equal(116, _outstanding.BytesOutstanding);
    }

    [Fact]
    public void Rfc7496_4_1_PartlySentMessageIsAbandonedWithItsUnsentRest()
    {
        _queue.Enqueue(Now, new StreamId(0), default, new byte[3000], false, ReliabilityPolicy.LimitedRetransmissions(0));
        Assert.True(_queue.TryProduce(Now, 1000, false, out var first));
        var tsn = _outstanding.Add(first, 1016, Now);
        Assert.Equal(2000, _queue.TotalBufferedAmount);
        _outstanding.MarkAllInFlightLost();

        Assert.Equal(1, AbandonLost(Now));

        // RFC 3758 section 3.5: the rest of the message is never sent, but it takes the next TSN, abandoned,
        // so that the FORWARD-TSN goes past it.
        Assert.Equal(0, _queue.TotalBufferedAmount);
        Assert.True(_queue.IsEmpty);
        Assert.Equal(tsn.Next, _outstanding.NextTsn.Previous);
        Assert.Equal(tsn.Next, _outstanding.AdvancedPeerAckPoint);
        Assert.Equal([new ForwardTsnStream(new StreamId(0), new Ssn(0))], _outstanding.GetForwardTsnStreams());
        Assert.Equal(0, _outstanding.BytesOutstanding);

        // Even when the peer turns out to have the fragment that was sent, the point stays ahead of its
        // cumulative TSN, so the FORWARD-TSN is not taken for an old one and the message is skipped.
        _outstanding.HandleSack(Sack(tsn), inFastRecovery: false);
        Assert.Equal(tsn.Next, _outstanding.AdvancedPeerAckPoint);
        Assert.Equal([new ForwardTsnStream(new StreamId(0), new Ssn(0))], _outstanding.GetForwardTsnStreams());

        // The placeholder leaves (and lets go of the message) when the FORWARD-TSN is acknowledged.
        _outstanding.HandleSack(Sack(tsn.Next), inFastRecovery: false);
        Assert.True(_outstanding.IsEmpty);
    }

    [Fact]
    public void Rfc3758_3_5_FullySentMessageTakesNoPlaceholder()
    {
        var tsns = Send(0, 2500, ReliabilityPolicy.LimitedRetransmissions(0));
        _outstanding.MarkAllInFlightLost();

        Assert.Equal(1, AbandonLost(Now));
        Assert.Equal(tsns[^1], _outstanding.NextTsn.Previous);
        Assert.Equal(tsns[^1], _outstanding.AdvancedPeerAckPoint);
    }

    [Fact]
    public void LostChunksStayOutstandingUntilAcknowledgedOrAbandoned()
    {
        var a = Send(0, 100, ReliabilityPolicy.Reliable);
        Send(0, 200, ReliabilityPolicy.LimitedRetransmissions(0));
        _outstanding.MarkAllInFlightLost();

        // Marked for retransmission: out of the flight, still outstanding (sent, unacknowledged, buffered).
        Assert.Equal(0, _outstanding.BytesInFlight);
        Assert.Equal(116 + 216, _outstanding.BytesOutstanding);

        // The original of A arrives after all and is acknowledged before it was retransmitted.
        var outcome = _outstanding.HandleSack(Sack(a[0]), inFastRecovery: false);
        Assert.Equal(116, outcome.BytesNewlyAcked);
        Assert.Equal(216, _outstanding.BytesOutstanding);

        Assert.Equal(1, AbandonLost(Now));
        Assert.Equal(0, _outstanding.BytesOutstanding);
        Assert.Equal(0, _outstanding.BytesInFlight);
    }
}
