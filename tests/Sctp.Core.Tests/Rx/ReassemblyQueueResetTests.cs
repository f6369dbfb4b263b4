using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>Incoming SSN reset (RFC 6525 section 5.2.2), immediate and deferred.</summary>
public class ReassemblyQueueResetTests
{
    private const int MaxMessage = 64 * 1024;

    private static TestChunk Chunk(uint tsn, StreamId stream, bool b, bool e, uint seq, uint fsn, byte[] payload, bool unordered = false) =>
        new(new Tsn(tsn), stream, unordered, b, e, seq, new Fsn(fsn), default, payload);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc6525_5_2_2_ResetStreamExpectsSequenceNumberZeroAgain(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        for (uint i = 0; i < 3; i++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(10 + i), S1, i, [(byte)i])));
            Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(20 + i), S2, i, [(byte)i])));
        }

        Assert.Equal(6, queue.Drain().Count);
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));

        // Stream 1 starts over at 0; stream 2 was not reset and still expects 3.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(30), S1, 0, [7])));
        Assert.Equal(AddResult.Discarded, queue.Add(Whole(new Tsn(31), S2, 0, [7])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(32), S2, 3, [8])));
        Assert.Equal([[7], [8]], queue.Drain().Select(d => d.Payload));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc6525_5_2_2_EmptyListResetsEveryStream(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(1), S1, 0, [1])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2), S2, 0, [2])));
        queue.Drain();
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([]));
        Assert.Equal(0, queue.TrackedStreamCount);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(3), S1, 0, [3])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(4), S2, 0, [4])));
        Assert.Equal([[3], [4]], queue.Drain().Select(d => d.Payload));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc6525_5_2_2_LeftoversOfTheOldSequenceSpaceAreDeliveredIfCompleteAndDroppedIfNot(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);

        // The peer broke the precondition (SSN/MID 0 never came and was never skipped): 1 is complete and
        // waiting, 2 is partial.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(11), S1, 1, [1])));
        Assert.Equal(AddResult.Accepted, queue.Add(Chunk(12, S1, true, false, 2, 0, [2, 2])));
        Assert.Equal(3, queue.BufferedBytes);

        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));
        Assert.Equal([1], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(0, queue.HeldFragmentCount);

        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(20), S1, 0, [0])));
        Assert.Equal([0], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc6525_5_2_2_DataModeUnorderedFragmentsAreNotTiedToTheReset()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        Assert.Equal(AddResult.Accepted, queue.Add(Chunk(40, S1, true, false, 0, 0, [1], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));
        Assert.Equal(1, queue.HeldFragmentCount);
        Assert.Equal(AddResult.Accepted, queue.Add(Chunk(41, S1, false, true, 0, 0, [2], unordered: true)));
        Assert.Equal([1, 2], Assert.Single(queue.Drain()).Payload);
    }

    [Fact]
    public void Rfc6525_5_2_2_ResetForgetsTheUnorderedSkipPoint()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: true);
        queue.HandleIForwardTsn(new Tsn(5), [(S1, true, new Mid(10))]);
        Assert.Equal(AddResult.Discarded, queue.Add(Whole(new Tsn(6), S1, 2, [1], unordered: true)));
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));
        Assert.Equal(0, queue.TrackedStreamCount);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(7), S1, 2, [1], unordered: true)));
        Assert.Single(queue.Drain());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc6525_5_2_2_DeferredResetHoldsDataBeyondTheSendersLastAssignedTsn(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        for (uint i = 0; i < 4; i++)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(10 + i), S1, i, [(byte)i])));
        }

        Assert.Equal(4, queue.Drain().Count);

        // The request names TSN 15 as the peer's last before the reset, but 14 and 15 are missing.
        queue.EnterDeferredReset(new Tsn(15), [S1]);
        Assert.True(queue.IsResetDeferred);

        // Data of the stream's next life (SSN/MID 0 and 1 again, fragmented) arrives first: held aside.
        queue.AddAll([Chunk(17, S1, false, true, 0, 1, [0xB, 0xB]), Chunk(16, S1, true, false, 0, 0, [0xA])]);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(18), S1, 1, [0xC])));

        // Another stream is not affected.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(19), S2, 0, [0xD])));
        Assert.Equal([0xD], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(4, queue.BufferedBytes);

        // The old life's last messages complete.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(15), S1, 5, [5])));
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(14), S1, 4, [4])));
        Assert.Equal([[4], [5]], queue.Drain().Select(d => d.Payload));
        Assert.Equal(4, queue.BufferedBytes);

        // The cumulative TSN reached 15: reset, and the held data follows in order.
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));
        Assert.False(queue.IsResetDeferred);
        Assert.Equal([[0xA, 0xB, 0xB], [0xC]], queue.Drain().Select(d => d.Payload));
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc6525_5_2_2_ForwardTsnBeyondTheResetPointIsAppliedAfterTheReset(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(10), S1, 0, [0])));
        queue.Drain();
        queue.EnterDeferredReset(new Tsn(11), [S1]);

        // New life: SSN/MID 0 (TSN 12) is abandoned, 1 (TSN 13) arrives.
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(13), S1, 1, [1])));
        if (interleaved)
        {
            Assert.Equal(0, queue.HandleIForwardTsn(new Tsn(12), [(S1, false, new Mid(0))]));
        }
        else
        {
            Assert.Equal(0, queue.HandleForwardTsn(new Tsn(12), [(S1, new Ssn(0))]));
        }

        // A FORWARD-TSN that stays within the old life applies at once: TSN 11 (SSN/MID 1) was abandoned.
        if (interleaved)
        {
            queue.HandleIForwardTsn(new Tsn(11), [(S1, false, new Mid(1))]);
        }
        else
        {
            queue.HandleForwardTsn(new Tsn(11), [(S1, new Ssn(1))]);
        }

        Assert.Equal(0, queue.QueuedMessageCount);
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([S1]));
        Assert.Equal([1], Assert.Single(queue.Drain()).Payload);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Fact]
    public void Rfc6525_5_2_2_ErrorsOfReplayedChunksAreReported()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        queue.EnterDeferredReset(new Tsn(1), []);
        Assert.Equal(AddResult.Accepted, queue.Add(Chunk(5, S1, true, false, 0, 0, [1])));
        Assert.Equal(AddResult.Accepted, queue.Add(Chunk(6, S1, true, false, 0, 0, [2])));
        Assert.Equal(2, queue.BufferedBytes);
        Assert.Equal(AddResult.InconsistentFragment, queue.ResetStreams([]));
        Assert.Equal(1, queue.BufferedBytes);
        Assert.Equal(1, queue.HeldFragmentCount);
    }

    [Fact]
    public void Rfc6525_5_2_2_OnlyOneResetCanBeDeferred()
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved: false);
        queue.EnterDeferredReset(new Tsn(1), [S1]);
        Assert.Throws<InvalidOperationException>(() => queue.EnterDeferredReset(new Tsn(2), [S2]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClearReturnsDeferredChunksToo(bool interleaved)
    {
        var queue = new ReassemblyQueue(MaxMessage, interleaved);
        queue.EnterDeferredReset(new Tsn(1), []);
        Assert.Equal(AddResult.Accepted, queue.Add(Whole(new Tsn(2), S1, 0, [1, 2, 3])));
        Assert.Equal(3, queue.BufferedBytes);
        queue.Clear();
        Assert.False(queue.IsResetDeferred);
        Assert.Equal(0, queue.BufferedBytes);
        Assert.Equal(AddResult.Accepted, queue.ResetStreams([]));
        Assert.Equal(0, queue.QueuedMessageCount);
    }
}
