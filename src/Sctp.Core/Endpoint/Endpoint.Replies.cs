using System.Buffers.Binary;
using System.Net;
using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp;

/// <summary>
/// The stateless replies (INIT ACK, ABORT, SHUTDOWN COMPLETE, ERROR): a ring of reply buffers, each
/// written in place once and reused, so that answering a flood of INITs or out-of-the-blue packets
/// allocates nothing once the ring has grown. Its bound, <see cref="EndpointConfig.MaxQueuedStatelessReplies"/>,
/// keeps such a flood from growing memory (RFC 5062 section 4 on resource exhaustion).
/// </summary>
public sealed partial class Endpoint
{
    private const int ReplyBufferSize = 1500;
    private const int InitialReplySlots = 16;

    // Slot i holds a reply of _replyLengths[i] bytes in _replyBuffers[i] for _replyDestinations[i]; the
    // queued ones are the _replyCount slots from _replyHead on, wrapping. Buffers stay with their slot.
    private byte[]?[] _replyBuffers = [];
    private IPEndPoint?[] _replyDestinations = [];
    private int[] _replyLengths = [];
    private int _replyHead;
    private int _replyCount;

    /// <summary>
    /// Writes the next stateless reply (INIT ACK, ABORT, SHUTDOWN COMPLETE, stale-cookie ERROR) into
    /// <paramref name="buffer"/>; returns its length, or 0 when there is none.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is too short for the reply (which stays queued).</exception>
    public int PollTransmit(Span<byte> buffer, out IPEndPoint? destination)
    {
        if (_replyCount == 0)
        {
            destination = null;
            return 0;
        }

        int slot = _replyHead;
        int length = _replyLengths[slot];
        if (length > buffer.Length)
        {
            throw new ArgumentException($"The buffer has {buffer.Length} bytes; the reply needs {length}.", nameof(buffer));
        }

        _replyBuffers[slot].AsSpan(0, length).CopyTo(buffer);
        destination = _replyDestinations[slot];
        _replyDestinations[slot] = null;
        _replyCount--;

        // An empty queue starts again at the first slot, so that only as many buffers exist as the queue
        // has ever been deep: one, for an endpoint whose replies are sent as they come.
        _replyHead = _replyCount == 0 ? 0 : (slot + 1) % _replyBuffers.Length;
        return length;
    }

    /// <summary>True when stateless replies are waiting for <see cref="PollTransmit"/>.</summary>
    public bool HasPendingTransmit => _replyCount > 0;

    /// <summary>
    /// Hands out the buffer of the next free reply slot to write a packet into, to be queued with
    /// <see cref="CommitReply"/> (or left unused). False, counted, when the queue holds its maximum.
    /// </summary>
    private bool TryReserveReply(out Span<byte> buffer)
    {
        if (_replyCount >= Config.MaxQueuedStatelessReplies)
        {
            Stats.StatelessRepliesDropped++;
            buffer = default;
            return false;
        }

        if (_replyCount == _replyBuffers.Length)
        {
            GrowReplies();
        }

        int slot = (_replyHead + _replyCount) % _replyBuffers.Length;
        buffer = _replyBuffers[slot] ??= new byte[ReplyBufferSize];
        return true;
    }

    /// <summary>Queues the <paramref name="length"/> bytes written into the buffer <see cref="TryReserveReply"/> gave.</summary>
    private void CommitReply(IPEndPoint destination, int length)
    {
        int slot = (_replyHead + _replyCount) % _replyBuffers.Length;
        _replyDestinations[slot] = destination;
        _replyLengths[slot] = length;
        _replyCount++;
        Stats.StatelessReplies++;
    }

    /// <summary>Doubles the ring, up to the configured bound, keeping the queued replies in order.</summary>
    private void GrowReplies()
    {
        int capacity = Math.Min(Config.MaxQueuedStatelessReplies, Math.Max(InitialReplySlots, _replyBuffers.Length * 2));
        var buffers = new byte[]?[capacity];
        var destinations = new IPEndPoint?[capacity];
        var lengths = new int[capacity];
        for (int i = 0; i < _replyBuffers.Length; i++)
        {
            int from = (_replyHead + i) % _replyBuffers.Length;
            buffers[i] = _replyBuffers[from];
            destinations[i] = _replyDestinations[from];
            lengths[i] = _replyLengths[from];
        }

        _replyBuffers = buffers;
        _replyDestinations = destinations;
        _replyLengths = lengths;
        _replyHead = 0;
    }

    /// <summary>
    /// Queues a one-chunk reply to the sender of <paramref name="header"/>, ports swapped, under
    /// <paramref name="tag"/>. The chunk is written straight into a reply buffer; callers pass shared
    /// instances so that nothing is allocated.
    /// </summary>
    private EndpointResult Reply(IPEndPoint remote, CommonHeader header, VerificationTag tag, Chunk chunk)
    {
        Stats.CountDrop(DropReason.OutOfTheBlue);
        if (TryReserveReply(out var buffer))
        {
            var writer = new PacketWriter(buffer, new CommonHeader(header.DestinationPort, header.SourcePort, tag));
            if (writer.TryAdd(chunk))
            {
                CommitReply(remote, writer.Complete());
            }
        }

        return new EndpointResult(EndpointResultKind.Replied, null, DropReason.OutOfTheBlue);
    }

    /// <summary>
    /// Like <see cref="Reply"/> for a chunk (<paramref name="type"/>, no flags) holding a single error
    /// cause whose value is <paramref name="causeValue"/>, written without building the chunk or the cause.
    /// </summary>
    private EndpointResult ReplyWithCause(IPEndPoint remote, CommonHeader header, VerificationTag tag, ChunkType type, ErrorCauseCode code, ReadOnlySpan<byte> causeValue)
    {
        Stats.CountDrop(DropReason.OutOfTheBlue);
        int chunkLength = RawChunk.HeaderSize + RawTlv.HeaderSize + causeValue.Length;
        if (TryReserveReply(out var buffer))
        {
            var writer = new PacketWriter(buffer, new CommonHeader(header.DestinationPort, header.SourcePort, tag));
            if (chunkLength <= ushort.MaxValue && writer.TryReserve(Wire.Pad4(chunkLength), out var chunk))
            {
                chunk[0] = (byte)type;
                chunk[1] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(chunk[2..], (ushort)chunkLength);
                new TlvWriter(chunk[RawChunk.HeaderSize..]).Add((ushort)code, causeValue);
                CommitReply(remote, writer.Complete());
            }
        }

        return new EndpointResult(EndpointResultKind.Replied, null, DropReason.OutOfTheBlue);
    }
}
