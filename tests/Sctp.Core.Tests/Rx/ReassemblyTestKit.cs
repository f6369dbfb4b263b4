using Sctp.Rx;

namespace Sctp.Tests.Rx;

/// <summary>One DATA or I-DATA chunk as the association would hand it to the reassembly queue.</summary>
internal sealed record TestChunk(
    Tsn Tsn,
    StreamId Stream,
    bool Unordered,
    bool Beginning,
    bool Ending,
    uint SsnOrMid,
    Fsn Fsn,
    Ppid Ppid,
    byte[] Payload);

/// <summary>A dequeued message, its payload copied out so that the pooled buffer could be returned.</summary>
internal sealed record Delivered(StreamId Stream, Ppid Ppid, bool Unordered, Tsn FirstTsn, byte[] Payload);

internal static class ReassemblyTestKit
{
    public static readonly StreamId S1 = new(1);
    public static readonly StreamId S2 = new(2);
    public static readonly StreamId S3 = new(3);

    /// <summary>Deterministic, position- and seed-dependent bytes, so that a misplaced fragment shows.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        uint x = (uint)seed * 2_654_435_761u + 1;
        for (int i = 0; i < length; i++)
        {
            x = (x * 1_103_515_245u) + 12_345u;
            bytes[i] = (byte)(x >> 16);
        }

        return bytes;
    }

    /// <summary>
    /// Splits <paramref name="message"/> into chunks of at most <paramref name="fragmentSize"/> bytes with
    /// consecutive TSNs from <paramref name="firstTsn"/>. DATA repeats the PPID on every fragment; I-DATA
    /// carries it on the first only (RFC 8260 section 2.1) and numbers fragments by FSN from 0.
    /// </summary>
    public static TestChunk[] Fragment(
        byte[] message,
        int fragmentSize,
        Tsn firstTsn,
        StreamId stream,
        bool unordered,
        uint ssnOrMid,
        Ppid ppid,
        bool interleaved)
    {
        int count = Math.Max(1, (message.Length + fragmentSize - 1) / fragmentSize);
        var chunks = new TestChunk[count];
        for (int i = 0; i < count; i++)
        {
            int offset = i * fragmentSize;
            int length = Math.Min(fragmentSize, message.Length - offset);
            bool first = i == 0;
            chunks[i] = new TestChunk(
                firstTsn + (uint)i,
                stream,
                unordered,
                first,
                i == count - 1,
                ssnOrMid,
                new Fsn((uint)i),
                interleaved && !first ? default : ppid,
                message.AsSpan(offset, length).ToArray());
        }

        return chunks;
    }

    /// <summary>A single-chunk message.</summary>
    public static TestChunk Whole(Tsn tsn, StreamId stream, uint ssnOrMid, byte[] payload, bool unordered = false, Ppid ppid = default) =>
        new(tsn, stream, unordered, true, true, ssnOrMid, new Fsn(0), ppid, payload);

    public static AddResult Add(this ReassemblyQueue queue, TestChunk chunk) =>
        queue.Add(chunk.Tsn, chunk.Stream, chunk.Unordered, chunk.Beginning, chunk.Ending, chunk.SsnOrMid, chunk.Fsn, chunk.Ppid, chunk.Payload);

    /// <summary>Adds every chunk, asserting each is accepted.</summary>
    public static void AddAll(this ReassemblyQueue queue, IEnumerable<TestChunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            Assert.Equal(AddResult.Accepted, queue.Add(chunk));
        }
    }

    /// <summary>Dequeues everything ready, copying payloads out and returning the pooled buffers.</summary>
    public static List<Delivered> Drain(this ReassemblyQueue queue)
    {
        var delivered = new List<Delivered>();
        int before = queue.QueuedMessageCount;
        while (queue.TryDequeue(out var message))
        {
            delivered.Add(new Delivered(message.StreamId, message.Ppid, message.Unordered, message.FirstTsn, message.Payload.ToArray()));
            Assert.True(message.Buffer.Length >= message.Length);
            message.ReturnBuffer();
        }

        Assert.Equal(before, delivered.Count);
        Assert.Equal(0, queue.QueuedMessageCount);
        return delivered;
    }

    /// <summary>Sum of the payload sizes of <paramref name="chunks"/>.</summary>
    public static int Bytes(IEnumerable<TestChunk> chunks)
    {
        int total = 0;
        foreach (var chunk in chunks)
        {
            total += chunk.Payload.Length;
        }

        return total;
    }

    /// <summary>Every ordering of 0..n-1.</summary>
    public static IEnumerable<int[]> Permutations(int n)
    {
        var items = Enumerable.Range(0, n).ToArray();
        return Permute(items, 0);

        static IEnumerable<int[]> Permute(int[] items, int k)
        {
            if (k == items.Length)
            {
                yield return (int[])items.Clone();
                yield break;
            }

            for (int i = k; i < items.Length; i++)
            {
                (items[k], items[i]) = (items[i], items[k]);
                foreach (var permutation in Permute(items, k + 1))
                {
                    yield return permutation;
                }

                (items[k], items[i]) = (items[i], items[k]);
            }
        }
    }

    /// <summary>
    /// Moves the next expected SSN or MID of <paramref name="stream"/> to <paramref name="next"/> the way a
    /// peer would: by skipping the messages before it with FORWARD-TSN / I-FORWARD-TSN, in steps of less than
    /// half the sequence space (serial arithmetic cannot express a larger step).
    /// </summary>
    public static void SkipTo(this ReassemblyQueue queue, StreamId stream, uint next, Tsn cumulativeTsn)
    {
        uint modulus = queue.Interleaved ? 0u : 0x1_0000u;
        uint half = queue.Interleaved ? 0x4000_0000u : 0x4000u;
        uint current = 0;
        uint target = modulus == 0 ? next - 1 : (next + 0xFFFFu) % modulus;
        uint distance = modulus == 0 ? target - current : (target - current) % modulus;
        while (true)
        {
            uint step = Math.Min(distance, half);
            current = modulus == 0 ? current + step : (current + step) % modulus;
            distance -= step;
            if (queue.Interleaved)
            {
                queue.HandleIForwardTsn(cumulativeTsn, [(stream, false, new Mid(current))]);
            }
            else
            {
                queue.HandleForwardTsn(cumulativeTsn, [(stream, new Ssn((ushort)current))]);
            }

            if (distance == 0)
            {
                return;
            }
        }
    }
}
