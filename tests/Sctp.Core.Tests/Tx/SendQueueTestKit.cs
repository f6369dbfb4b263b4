using System.Buffers;
using Sctp.Tx;

namespace Sctp.Tests.Tx;

/// <summary>What a test keeps of a produced fragment after releasing it.</summary>
internal sealed record Produced(
    StreamId Stream,
    Ssn Ssn,
    Mid Mid,
    Fsn Fsn,
    bool IsBeginning,
    bool IsEnd,
    bool IsUnordered,
    Ppid Ppid,
    byte[] Payload);

/// <summary>An array pool that remembers which arrays are out, to prove every rented buffer comes back exactly once.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly HashSet<byte[]> _outstanding = new(ReferenceEqualityComparer.Instance);

    public int Rented { get; private set; }

    public int Returned { get; private set; }

    public int Outstanding => _outstanding.Count;

    public override byte[] Rent(int minimumLength)
    {
        var array = new byte[minimumLength];
        _outstanding.Add(array);
        Rented++;
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        if (!_outstanding.Remove(array))
        {
            throw new InvalidOperationException("Returned an array that was not rented, or returned it twice.");
        }

        Returned++;
    }
}

internal static class SendQueueTestKit
{
    public static readonly TimeSpan Now = TimeSpan.FromSeconds(10);

    public static StreamId S(ushort id) => new(id);

    /// <summary>A payload whose bytes encode their position and a tag, so misplaced bytes are noticed.</summary>
    public static byte[] Payload(int length, byte tag = 0)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = unchecked((byte)((i * 7) + tag));
        }

        return bytes;
    }

    public static void Enqueue(
        this SendQueue queue,
        ushort stream,
        int length,
        bool unordered = false,
        ReliabilityPolicy policy = default,
        TimeSpan? now = null,
        byte tag = 0,
        uint ppid = 53) =>
        queue.Enqueue(now ?? Now, S(stream), new Ppid(ppid), Payload(length, tag), unordered, policy);

    public static Produced Capture(in OutgoingFragment fragment) => new(
        fragment.Stream,
        fragment.Ssn,
        fragment.Mid,
        fragment.Fsn,
        fragment.IsBeginning,
        fragment.IsEnd,
        fragment.IsUnordered,
        fragment.Ppid,
        fragment.Payload.ToArray());

    /// <summary>Produces one fragment, captures it and releases it.</summary>
    public static Produced? ProduceOne(this SendQueue queue, int maxPayloadSize, bool interleaved = false, TimeSpan? now = null)
    {
        if (!queue.TryProduce(now ?? Now, maxPayloadSize, interleaved, out var fragment))
        {
            return null;
        }

        var produced = Capture(fragment);
        fragment.Release();
        return produced;
    }

    /// <summary>Produces (and releases) fragments until the queue has nothing sendable.</summary>
    public static List<Produced> Drain(this SendQueue queue, int maxPayloadSize, bool interleaved = false, TimeSpan? now = null)
    {
        var all = new List<Produced>();
        while (queue.ProduceOne(maxPayloadSize, interleaved, now) is { } produced)
        {
            all.Add(produced);
        }

        return all;
    }

    /// <summary>The stream of each message, in the order their first fragments were produced.</summary>
    public static ushort[] MessageOrder(IEnumerable<Produced> fragments)
    {
        var order = new List<ushort>();
        foreach (var f in fragments)
        {
            if (f.IsBeginning)
            {
                order.Add(f.Stream.Value);
            }
        }

        return [.. order];
    }

    /// <summary>The stream of each fragment, in order.</summary>
    public static ushort[] FragmentOrder(IEnumerable<Produced> fragments)
    {
        var order = new List<ushort>();
        foreach (var f in fragments)
        {
            order.Add(f.Stream.Value);
        }

        return [.. order];
    }
}
