using System.Buffers;
using System.Diagnostics;

namespace Sctp.Tx;

/// <summary>
/// One user message on its way out: its stream, PPID, ordering, reliability policy and payload, the
/// SSN or MID it was given when its first fragment was produced, and how much of it has been cut
/// into fragments. Messages are pooled by their <see cref="SendQueue"/> and the payload lives in a
/// buffer rented from an <see cref="ArrayPool{T}"/>.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> A message is alive while anyone holds a reference to it; there are three kinds:</para>
/// <list type="number">
/// <item>The queue's own reference, from <see cref="SendQueue.Enqueue"/> until the last fragment has
/// been produced, or until the message is expired, discarded or cleared.</item>
/// <item>One reference per produced <see cref="OutgoingFragment"/>. The holder of a fragment (in
/// practice the outstanding-data tracker, until the fragment's TSN is acknowledged or abandoned)
/// must call <see cref="OutgoingFragment.Release"/> exactly once.</item>
/// <item>Extra references taken with <see cref="AddRef"/> and given back with <see cref="Release"/>,
/// for a holder that needs the message beyond its fragments.</item>
/// </list>
/// <para>When the count of all three reaches zero the payload buffer goes back to its pool and the
/// message object back to its queue's pool, to be reused for a later message: nothing may touch it
/// after that. Each fragment reference is tracked individually, so releasing the same fragment twice,
/// or releasing one after its message was recycled, throws <see cref="InvalidOperationException"/>
/// in every build instead of returning the buffer while another fragment still reads it.</para>
/// <para>Like the rest of the core, a message is not thread-safe: one association, one thread at a time.</para>
/// </remarks>
public sealed class OutgoingMessage
{
    // Fragments 0 to 63 are tracked in one word; longer messages rent more words.
    private const int InlineFragmentBits = 64;

    private readonly SendQueue _owner;
    private byte[] _buffer = [];
    private ulong _liveFragmentBits;
    private ulong[]? _moreLiveFragmentBits;
    private int _liveFragments;
    private int _extraReferences;
    private bool _heldByQueue;

    internal OutgoingMessage(SendQueue owner)
    {
        _owner = owner;
    }

    /// <summary>The stream the message is sent on.</summary>
    public StreamId Stream { get; private set; }

    /// <summary>The Payload Protocol Identifier passed to the peer's application.</summary>
    public Ppid Ppid { get; private set; }

    /// <summary>True when the message is unordered (U bit, RFC 9260 section 6.6).</summary>
    public bool IsUnordered { get; private set; }

    /// <summary>The partial-reliability policy the message is sent under.</summary>
    public ReliabilityPolicy Policy { get; private set; }

    /// <summary>When the message was queued.</summary>
    public TimeSpan EnqueuedAt { get; private set; }

    /// <summary>The last instant at which the message may still be sent (<see cref="TimeSpan.MaxValue"/> unless the policy is <see cref="ReliabilityKind.Timed"/>).</summary>
    public TimeSpan ExpiresAt { get; private set; }

    /// <summary>The payload length in bytes (never zero).</summary>
    public int Length { get; private set; }

    /// <summary>The whole payload, a view of the rented buffer; valid only while a reference is held.</summary>
    public ReadOnlyMemory<byte> Payload => new(_buffer, 0, Length);

    /// <summary>True once the first fragment has been produced (and the SSN or MID assigned).</summary>
    public bool IsStarted => FragmentsProduced > 0;

    /// <summary>True when the message was numbered for I-DATA (a <see cref="Mid"/>) rather than DATA (an <see cref="Ssn"/>).</summary>
    public bool IsInterleaved { get; private set; }

    /// <summary>The Stream Sequence Number of an ordered DATA message, assigned with its first fragment; 0 for unordered or I-DATA messages.</summary>
    public Ssn Ssn { get; private set; }

    /// <summary>The Message Identifier of an I-DATA message, assigned with its first fragment (RFC 8260 section 2.1).</summary>
    public Mid Mid { get; private set; }

    /// <summary>How many payload bytes have already been produced as fragments.</summary>
    public int BytesFragmented { get; private set; }

    /// <summary>How many fragments have been produced.</summary>
    public int FragmentsProduced { get; private set; }

    /// <summary>True once every byte has been produced as a fragment.</summary>
    public bool IsFullyFragmented => BytesFragmented == Length;

    /// <summary>
    /// True when the message was given up: it expired before being sent, or the rest of it was
    /// discarded after one of its fragments was abandoned (RFC 3758 section 3.5 C1).
    /// </summary>
    public bool IsAbandoned { get; private set; }

    /// <summary>All references currently held: the queue's, one per unreleased fragment, and the extra ones.</summary>
    public int ReferenceCount => (_heldByQueue ? 1 : 0) + _liveFragments + _extraReferences;

    // Bumped every time the message is recycled, so that a fragment of an earlier incarnation is told apart.
    internal int Generation { get; private set; }

    // Where the message is in the global order of Enqueue calls (first-come first-served scheduling).
    internal long Sequence { get; private set; }

    // True while the message sits in its stream's queue.
    internal bool IsQueued => _heldByQueue;

    /// <summary>True when the message is <see cref="ReliabilityKind.Timed"/> and its lifetime has passed at <paramref name="now"/>.</summary>
    public bool IsExpired(TimeSpan now) => now > ExpiresAt;

    /// <summary>Takes an extra reference that keeps the message and its payload alive until the matching <see cref="Release"/>.</summary>
    /// <exception cref="InvalidOperationException">The message is no longer alive (it was recycled).</exception>
    public void AddRef()
    {
        if (ReferenceCount == 0)
        {
            throw new InvalidOperationException("The message was already returned to its pool; a reference can no longer be taken.");
        }

        _extraReferences++;
    }

    /// <summary>Gives back a reference taken with <see cref="AddRef"/>; the last reference returns the buffer and the message to their pools.</summary>
    /// <exception cref="InvalidOperationException">More releases than <see cref="AddRef"/> calls.</exception>
    public void Release()
    {
        if (_extraReferences == 0)
        {
            throw new InvalidOperationException("OutgoingMessage.Release was called without a matching AddRef (released twice?).");
        }

        _extraReferences--;
        RecycleIfUnreferenced();
    }

    internal void Initialize(
        TimeSpan now,
        StreamId stream,
        Ppid ppid,
        bool unordered,
        ReliabilityPolicy policy,
        byte[] buffer,
        int length,
        long sequence)
    {
        Debug.Assert(ReferenceCount == 0, "Only a recycled message is initialized.");
        Stream = stream;
        Ppid = ppid;
        IsUnordered = unordered;
        Policy = policy;
        EnqueuedAt = now;
        ExpiresAt = policy.ExpiryFor(now);
        _buffer = buffer;
        Length = length;
        Sequence = sequence;
        _heldByQueue = true;
    }

    // RFC 9260 section 6.6 and RFC 8260 section 2.1: the number is fixed for all fragments, so it is
    // taken once, when the first fragment is produced (never for a message that expires unsent).
    internal void AssignNumber(bool interleaved, Ssn ssn, Mid mid)
    {
        Debug.Assert(!IsStarted, "A message is numbered once.");
        IsInterleaved = interleaved;
        Ssn = ssn;
        Mid = mid;
    }

    // Records a fragment of `length` bytes: takes the fragment's reference and returns its index.
    internal int AddFragment(int length)
    {
        Debug.Assert(_heldByQueue && length > 0 && BytesFragmented + length <= Length, "Fragments are cut from a queued message.");
        int index = FragmentsProduced;
        SetFragmentBit(index);
        _liveFragments++;
        FragmentsProduced = index + 1;
        BytesFragmented += length;
        return index;
    }

    internal void ReleaseFragment(int generation, int index)
    {
        if (generation != Generation)
        {
            throw new InvalidOperationException("A fragment was released after its message had been returned to the pool (released twice?).");
        }

        if (!TryClearFragmentBit(index))
        {
            throw new InvalidOperationException($"Fragment {index} of the message on stream {Stream} was released twice.");
        }

        _liveFragments--;
        RecycleIfUnreferenced();
    }

    internal void MarkAbandoned() => IsAbandoned = true;

    internal bool IsOwnedBy(SendQueue queue) => ReferenceEquals(_owner, queue);

    // The queue is done with the message: every fragment was produced, or it was expired, discarded or cleared.
    internal void ReleaseQueueReference()
    {
        Debug.Assert(_heldByQueue, "The queue releases its reference once.");
        _heldByQueue = false;
        RecycleIfUnreferenced();
    }

    private void SetFragmentBit(int index)
    {
        ulong mask = 1UL << (index & 63);
        if (index < InlineFragmentBits)
        {
            _liveFragmentBits |= mask;
            return;
        }

        int word = (index - InlineFragmentBits) >> 6;
        if (_moreLiveFragmentBits is null || word >= _moreLiveFragmentBits.Length)
        {
            GrowFragmentBits(word + 1);
        }

        _moreLiveFragmentBits![word] |= mask;
    }

    // False when the fragment's bit was not set: it was never produced or was already released.
    private bool TryClearFragmentBit(int index)
    {
        ulong mask = 1UL << (index & 63);
        if (index < 0)
        {
            return false;
        }

        if (index < InlineFragmentBits)
        {
            bool wasSet = (_liveFragmentBits & mask) != 0;
            _liveFragmentBits &= ~mask;
            return wasSet;
        }

        int word = (index - InlineFragmentBits) >> 6;
        if (_moreLiveFragmentBits is null || word >= _moreLiveFragmentBits.Length || (_moreLiveFragmentBits[word] & mask) == 0)
        {
            return false;
        }

        _moreLiveFragmentBits[word] &= ~mask;
        return true;
    }

    private void GrowFragmentBits(int wordsNeeded)
    {
        // Rented, not allocated, so that long messages cut into many fragments stay allocation-free
        // in steady state. Rented arrays hold stale data, hence the clear.
        var grown = ArrayPool<ulong>.Shared.Rent(Math.Max(wordsNeeded * 2, 4));
        Array.Clear(grown);
        if (_moreLiveFragmentBits is not null)
        {
            _moreLiveFragmentBits.CopyTo(grown, 0);
            ArrayPool<ulong>.Shared.Return(_moreLiveFragmentBits);
        }

        _moreLiveFragmentBits = grown;
    }

    private void RecycleIfUnreferenced()
    {
        if (_heldByQueue || _liveFragments != 0 || _extraReferences != 0)
        {
            return;
        }

        _owner.BufferPool.Return(_buffer);
        _buffer = [];
        if (_moreLiveFragmentBits is not null)
        {
            ArrayPool<ulong>.Shared.Return(_moreLiveFragmentBits);
            _moreLiveFragmentBits = null;
        }

        _liveFragmentBits = 0;
        Length = 0;
        BytesFragmented = 0;
        FragmentsProduced = 0;
        IsInterleaved = false;
        Ssn = default;
        Mid = default;
        IsAbandoned = false;
        Generation = unchecked(Generation + 1);
        _owner.ReturnMessage(this);
    }
}
