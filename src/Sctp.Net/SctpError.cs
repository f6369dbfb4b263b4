using System.Net.Sockets;

namespace Sctp.Net;

/// <summary>What went wrong, for <see cref="SctpException"/>.</summary>
public enum SctpError
{
    /// <summary>An error not covered by another value.</summary>
    InternalError,
    /// <summary>The peer did not answer in time: INIT or COOKIE ECHO unanswered, or Association.Max.Retrans consecutive failures on an established association.</summary>
    ConnectionTimeout,
    /// <summary>The peer refused the association (ABORT in answer to INIT, or ICMP port unreachable).</summary>
    ConnectionRefused,
    /// <summary>The association was aborted, by the peer or locally.</summary>
    ConnectionAborted,
    /// <summary>The operation is not valid in the connection's or stream's current state.</summary>
    InvalidState,
    /// <summary>The local address is in use or cannot be bound.</summary>
    AddressInUse,
    /// <summary>The operation was aborted because the connection or stream was closed or disposed.</summary>
    OperationAborted,
}

/// <summary>An SCTP failure, with an <see cref="SctpError"/> that says which.</summary>
public sealed class SctpException : IOException
{
    /// <summary>Creates an exception.</summary>
    public SctpException(SctpError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SctpError = error;
    }

    /// <summary>What went wrong.</summary>
    public SctpError SctpError { get; }

    /// <summary>The association error behind it, when the association was lost.</summary>
    public AssociationError? AssociationError { get; init; }

    internal static SctpException FromAssociationError(AssociationError error)
    {
        var kind = error.Kind switch
        {
            AssociationErrorKind.HandshakeTimeout or AssociationErrorKind.RetransmissionLimit or AssociationErrorKind.ShutdownTimeout => SctpError.ConnectionTimeout,
            AssociationErrorKind.Refused => SctpError.ConnectionRefused,
            _ => SctpError.ConnectionAborted,
        };
        return new SctpException(kind, error.Message) { AssociationError = error };
    }

    internal static SctpException FromSocketError(SocketException exception) =>
        exception.SocketErrorCode == SocketError.AddressAlreadyInUse
            ? new SctpException(SctpError.AddressInUse, exception.Message, exception)
            : new SctpException(SctpError.InternalError, exception.Message, exception);
}
