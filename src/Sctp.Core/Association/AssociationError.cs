using Sctp.Packet.ErrorCauses;

namespace Sctp;

/// <summary>Why an association ended other than by a graceful shutdown.</summary>
public enum AssociationErrorKind
{
    /// <summary>The peer sent an ABORT.</summary>
    PeerAborted,
    /// <summary>The application aborted the association.</summary>
    LocalAbort,
    /// <summary>INIT or COOKIE ECHO went unanswered Max.Init.Retransmits times (RFC 9260 section 5.1, step 3... T1 expiry).</summary>
    HandshakeTimeout,
    /// <summary>The peer stopped answering: Association.Max.Retrans consecutive failures (RFC 9260 section 8.1).</summary>
    RetransmissionLimit,
    /// <summary>The peer broke the protocol and we aborted (the ABORT carried a cause saying how).</summary>
    ProtocolViolation,
    /// <summary>The peer's State Cookie kept coming back stale (RFC 9260 section 5.2.6).</summary>
    StaleCookie,
    /// <summary>The peer refused the association (an ABORT in answer to our INIT or COOKIE ECHO).</summary>
    Refused,
    /// <summary>The shutdown did not complete in time (T5-shutdown-guard, RFC 9260 section 9.2).</summary>
    ShutdownTimeout,
}

/// <summary>Why an association was lost: the kind, a message, and the error causes of the ABORT involved.</summary>
public sealed class AssociationError
{
    /// <summary>Creates an error.</summary>
    public AssociationError(AssociationErrorKind kind, string message, IReadOnlyList<ErrorCause>? causes = null)
    {
        Kind = kind;
        Message = message;
        Causes = causes ?? [];
    }

    /// <summary>What happened.</summary>
    public AssociationErrorKind Kind { get; }

    /// <summary>A sentence for logs and exceptions.</summary>
    public string Message { get; }

    /// <summary>The error causes of the ABORT received or sent, if any.</summary>
    public IReadOnlyList<ErrorCause> Causes { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {Message}";
}
