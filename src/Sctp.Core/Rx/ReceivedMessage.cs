using System.Buffers;

namespace Sctp.Rx;

/// <summary>
/// A complete user message handed over by <see cref="ReassemblyQueue.TryDequeue"/>.
/// </summary>
/// <remarks>
/// Ownership: the payload lives in <see cref="Buffer"/>, an array rented from
/// <see cref="ArrayPool{T}.Shared"/> and possibly longer than <see cref="Length"/>. Dequeuing transfers it
/// to the consumer, who must call <see cref="ReturnBuffer"/> exactly once when done with the payload, and
/// must not touch <see cref="Buffer"/> or <see cref="Payload"/> afterwards (the array goes back to the pool
/// and will be handed to someone else). This is a plain value: copies share the same array, so only one of
/// them may return it. Forgetting to return it costs only a garbage-collected array; returning it twice
/// corrupts the pool.
/// </remarks>
public readonly struct ReceivedMessage
{
    internal ReceivedMessage(StreamId streamId, Ppid ppid, bool unordered, Tsn firstTsn, byte[] buffer, int length)
    {
        StreamId = streamId;
        Ppid = ppid;
        Unordered = unordered;
        FirstTsn = firstTsn;
        Buffer = buffer;
        Length = length;
    }

    /// <summary>The stream the message arrived on.</summary>
    public StreamId StreamId { get; }

    /// <summary>The payload protocol identifier of the message (from its first fragment).</summary>
    public Ppid Ppid { get; }

    /// <summary>True when the message was sent unordered (U bit): delivered as soon as it was complete.</summary>
    public bool Unordered { get; }

    /// <summary>The TSN of the message's first fragment (B bit; FSN 0 for I-DATA); useful for tracing.</summary>
    public Tsn FirstTsn { get; }

    /// <summary>The rented array holding the payload in its first <see cref="Length"/> bytes.</summary>
    public byte[] Buffer { get; }

    /// <summary>The payload size in bytes.</summary>
    public int Length { get; }

    /// <summary>The payload.</summary>
    public ReadOnlySpan<byte> Payload => Buffer.AsSpan(0, Length);

    /// <summary>Gives <see cref="Buffer"/> back to <see cref="ArrayPool{T}.Shared"/>; call exactly once, and use no view of the payload afterwards.</summary>
    public void ReturnBuffer() => ArrayPool<byte>.Shared.Return(Buffer);
}
