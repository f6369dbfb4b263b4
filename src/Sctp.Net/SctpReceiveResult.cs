namespace Sctp.Net;

/// <summary>What <see cref="SctpStream.ReadMessageAsync"/> read.</summary>
/// <param name="BytesRead">Bytes copied into the caller's buffer.</param>
/// <param name="Ppid">The message's payload protocol identifier.</param>
/// <param name="Unordered">Whether the message was sent unordered.</param>
/// <param name="EndOfMessage">True when these bytes end the message; false when the buffer was too small and more of it follows.</param>
/// <param name="Completed">True when the stream's read side has ended and nothing was read.</param>
public readonly record struct SctpReceiveResult(int BytesRead, Ppid Ppid, bool Unordered, bool EndOfMessage, bool Completed);

/// <summary>How <see cref="SctpStream.WriteMessageAsync"/> sends a message.</summary>
public sealed record SctpMessageOptions
{
    /// <summary>The payload protocol identifier (for example 51 WebRTC string, 53 WebRTC binary).</summary>
    public Ppid Ppid { get; init; }

    /// <summary>Deliver as soon as complete rather than in order.</summary>
    public bool Unordered { get; init; }

    /// <summary>Partial reliability (RFC 3758, RFC 7496); reliable unless the peer agreed and this says otherwise.</summary>
    public Tx.ReliabilityPolicy Reliability { get; init; }
}
