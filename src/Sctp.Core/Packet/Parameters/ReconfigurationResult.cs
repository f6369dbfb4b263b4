namespace Sctp.Packet.Parameters;

/// <summary>The outcome a Re-configuration Response reports (RFC 6525 section 4.4).</summary>
public enum ReconfigurationResult : uint
{
    /// <summary>Success, nothing to do: the request asked for nothing that needed doing.</summary>
    SuccessNothingToDo = 0,
    /// <summary>Success, performed.</summary>
    SuccessPerformed = 1,
    /// <summary>Denied.</summary>
    Denied = 2,
    /// <summary>Error, wrong SSN.</summary>
    ErrorWrongSsn = 3,
    /// <summary>Error, a request is already in progress.</summary>
    ErrorRequestAlreadyInProgress = 4,
    /// <summary>Error, bad sequence number.</summary>
    ErrorBadSequenceNumber = 5,
    /// <summary>In progress: the request was accepted but is not finished yet (for example, data still outstanding).</summary>
    InProgress = 6,
}
