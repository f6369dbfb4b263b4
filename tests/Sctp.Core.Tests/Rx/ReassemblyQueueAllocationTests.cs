using Sctp.Rx;
using static Sctp.Tests.Rx.ReassemblyTestKit;

namespace Sctp.Tests.Rx;

/// <summary>
/// The data path allocates nothing per chunk once warmed up: payloads go to pooled buffers and the
/// bookkeeping collections have reached their working size (docs/ARCHITECTURE.md, "the rules of the core").
/// </summary>
[Collection(Sctp.Tests.Harness.AllocationMeasurement.Name)]
public class ReassemblyQueueAllocationTests
{
    private const int Rounds = 2000;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void SingleFragmentMessagesAllocateNothingInSteadyState(bool interleaved, bool unordered)
    {
        var queue = new ReassemblyQueue(64 * 1024, interleaved);
        var payload = Pattern(1100, 1);
        uint tsn = 1;
        uint sequence = 0;

        void Round()
        {
            // Two messages on each of two streams, the second of each arriving first (so it waits).
            for (ushort s = 0; s < 2; s++)
            {
                var stream = new StreamId(s);
                queue.Add(new Tsn(tsn + 1), stream, unordered, true, true, sequence + 1, default, default, payload);
                queue.Add(new Tsn(tsn), stream, unordered, true, true, sequence, default, default, payload);
                tsn += 2;
            }

            sequence = interleaved ? sequence + 2 : (ushort)(sequence + 2);
            while (queue.TryDequeue(out var message))
            {
                message.ReturnBuffer();
            }
        }

        AssertNoAllocation(Round);
        Assert.Equal(0, queue.BufferedBytes);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void FragmentedMessagesAllocateNothingInSteadyState(bool interleaved, bool unordered)
    {
        var queue = new ReassemblyQueue(64 * 1024, interleaved);
        var payload = Pattern(1184, 2);
        uint tsn = 0xFFFF_0000;
        uint sequence = 0;
        var stream = new StreamId(3);
        long delivered = 0;

        void Round()
        {
            // Four fragments arriving 3, 1, 0, 2.
            ReadOnlySpan<int> order = [3, 1, 0, 2];
            foreach (int f in order)
            {
                queue.Add(new Tsn(tsn + (uint)f), stream, unordered, f == 0, f == 3, sequence, new Fsn((uint)f), default, payload);
            }

            tsn += 4;
            sequence = interleaved ? sequence + 1 : (ushort)(sequence + 1);
            // No asserts in here: xunit's assertions allocate.
            if (queue.TryDequeue(out var message))
            {
                delivered += message.Length;
                message.ReturnBuffer();
            }
        }

        AssertNoAllocation(Round);
        Assert.Equal(2 * Rounds * 4 * 1184L, delivered);
        Assert.Equal(0, queue.BufferedBytes);
    }

    private static void AssertNoAllocation(Action round)
    {
        for (int i = 0; i < Rounds; i++)
        {
            round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
