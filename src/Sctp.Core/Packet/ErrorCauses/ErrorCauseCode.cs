namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Error cause codes of ERROR and ABORT chunks (RFC 9260 section 3.3.10 and the IANA "Error Cause
/// Codes" registry).
/// </summary>
public enum ErrorCauseCode : ushort
{
    /// <summary>Invalid Stream Identifier (RFC 9260 section 3.3.10.1).</summary>
    InvalidStreamIdentifier = 1,
    /// <summary>Missing Mandatory Parameter (RFC 9260 section 3.3.10.2).</summary>
    MissingMandatoryParameter = 2,
    /// <summary>Stale Cookie Error (RFC 9260 section 3.3.10.3).</summary>
    StaleCookie = 3,
    /// <summary>Out of Resource (RFC 9260 section 3.3.10.4).</summary>
    OutOfResource = 4,
    /// <summary>Unresolvable Address (RFC 9260 section 3.3.10.5).</summary>
    UnresolvableAddress = 5,
    /// <summary>Unrecognized Chunk Type (RFC 9260 section 3.3.10.6).</summary>
    UnrecognizedChunkType = 6,
    /// <summary>Invalid Mandatory Parameter (RFC 9260 section 3.3.10.7).</summary>
    InvalidMandatoryParameter = 7,
    /// <summary>Unrecognized Parameters (RFC 9260 section 3.3.10.8).</summary>
    UnrecognizedParameters = 8,
    /// <summary>No User Data (RFC 9260 section 3.3.10.9).</summary>
    NoUserData = 9,
    /// <summary>Cookie Received While Shutting Down (RFC 9260 section 3.3.10.10).</summary>
    CookieReceivedWhileShuttingDown = 10,
    /// <summary>Restart of an Association with New Addresses (RFC 9260 section 3.3.10.11).</summary>
    RestartWithNewAddresses = 11,
    /// <summary>User-Initiated Abort (RFC 9260 section 3.3.10.12).</summary>
    UserInitiatedAbort = 12,
    /// <summary>Protocol Violation (RFC 9260 section 3.3.10.13).</summary>
    ProtocolViolation = 13,
    /// <summary>Request to Delete Last Remaining IP Address (RFC 5061 section 4.3.1).</summary>
    DeleteLastRemainingAddress = 0x00A0,
    /// <summary>Operation Refused Due to Resource Shortage (RFC 5061 section 4.3.2).</summary>
    ResourceShortage = 0x00A1,
    /// <summary>Request to Delete Source IP Address (RFC 5061 section 4.3.3).</summary>
    DeleteSourceAddress = 0x00A2,
    /// <summary>Association Aborted Due to Illegal ASCONF-ACK (RFC 5061 section 4.3.4).</summary>
    IllegalAsconfAck = 0x00A3,
    /// <summary>Request Refused - No Authorization (RFC 5061 section 4.3.5).</summary>
    NoAuthorization = 0x00A4,
    /// <summary>Unsupported HMAC Identifier (RFC 4895 section 4.1).</summary>
    UnsupportedHmacIdentifier = 0x0105,
}
