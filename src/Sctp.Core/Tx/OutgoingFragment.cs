namespace Sctp.Tx;

/// <summary>
/// One fragment of an <see cref="OutgoingMessage"/>, ready to become a DATA or I-DATA chunk: the
/// fields of the chunk header and a view of the payload bytes. It is also a handle that owns one
/// reference to its message: whoever ends up holding it (the outstanding-data tracker, until the
/// chunk is acknowledged or abandoned) calls <see cref="Release"/> exactly once.
/// </summary>
/// <remarks>
/// The header fields are copied in, so they stay readable after <see cref="Release"/>; the
/// <see cref="Payload"/> and <see cref="Message"/> do not, because the buffer and the message go back
/// to their pools once the last reference is released. Copies of this struct are the same handle:
/// release only one of them.
/// </remarks>
public readonly struct OutgoingFragment
{
    private readonly int _generation;

    internal OutgoingFragment(OutgoingMessage message, int fragmentIndex, int offset, int length)
    {
        Message = message;
        _generation = message.Generation;
        FragmentIndex = fragmentIndex;
        Stream = message.Stream;
        Ppid = message.Ppid;
        IsUnordered = message.IsUnordered;
        IsInterleaved = message.IsInterleaved;
        Ssn = message.Ssn;
        Mid = message.Mid;
        IsBeginning = offset == 0;
        IsEnd = offset + length == message.Length;
        Policy = message.Policy;
        ExpiresAt = message.ExpiresAt;
        Payload = message.Payload.Slice(offset, length);
    }

    /// <summary>The message this fragment was cut from; valid only until the fragment is released.</summary>
    public OutgoingMessage Message { get; }

    /// <summary>The fragment's position in its message: 0, 1, 2, ...</summary>
    public int FragmentIndex { get; }

    /// <summary>The stream identifier.</summary>
    public StreamId Stream { get; }

    /// <summary>The Payload Protocol Identifier (carried by every DATA chunk, and by the first I-DATA chunk of a message).</summary>
    public Ppid Ppid { get; }

    /// <summary>The U bit: the message is unordered (RFC 9260 section 6.6).</summary>
    public bool IsUnordered { get; }

    /// <summary>True when the fragment is to be sent as I-DATA (RFC 8260), false for DATA (RFC 9260).</summary>
    public bool IsInterleaved { get; }

    /// <summary>
    /// The Stream Sequence Number of a DATA chunk: the same in every fragment of an ordered message
    /// (RFC 9260 section 6.6), 0 for an unordered message, whose SSN the receiver ignores (RFC 9260
    /// section 3.3.1).
    /// </summary>
    public Ssn Ssn { get; }

    /// <summary>The Message Identifier of an I-DATA chunk, the same in every fragment of the message (RFC 8260 section 2.1).</summary>
    public Mid Mid { get; }

    /// <summary>The Fragment Sequence Number of an I-DATA chunk (RFC 8260 section 2.1): the fragment index.</summary>
    public Fsn Fsn => new((uint)FragmentIndex);

    /// <summary>The B bit: this is the first fragment of the message (RFC 9260 section 6.9).</summary>
    public bool IsBeginning { get; }

    /// <summary>The E bit: this is the last fragment of the message (RFC 9260 section 6.9).</summary>
    public bool IsEnd { get; }

    /// <summary>The partial-reliability policy of the message.</summary>
    public ReliabilityPolicy Policy { get; }

    /// <summary>The last instant at which the message may still be sent (<see cref="TimeSpan.MaxValue"/> unless <see cref="ReliabilityKind.Timed"/>).</summary>
    public TimeSpan ExpiresAt { get; }

    /// <summary>The fragment's payload bytes, a view of the message buffer; valid only until the fragment is released.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>True for <c>default</c>, which refers to no message.</summary>
    public bool IsDefault => Message is null;

    /// <summary>True when the message's lifetime has passed at <paramref name="now"/> (RFC 3758 section 3.5 A3: the sender may abandon it).</summary>
    public bool IsExpired(TimeSpan now) => now > ExpiresAt;

    /// <summary>Gives back this fragment's reference to its message.</summary>
    /// <exception cref="InvalidOperationException">The fragment was already released (or is <c>default</c>).</exception>
    public void Release()
    {
        if (Message is null)
        {
            throw new InvalidOperationException("A default OutgoingFragment refers to no message.");
        }

        Message.ReleaseFragment(_generation, FragmentIndex);
    }
}
