namespace Sctp;

/// <summary>Why a received packet or chunk was dropped; counted per reason in the statistics.</summary>
public enum DropReason
{
    /// <summary>The packet's framing was malformed (header, chunk lengths, padding).</summary>
    Malformed,
    /// <summary>The CRC32c did not match (RFC 9260 section 6.8).</summary>
    BadChecksum,
    /// <summary>The verification tag did not match (RFC 9260 section 8.5).</summary>
    BadVerificationTag,
    /// <summary>A chunk's contents could not be parsed.</summary>
    MalformedChunk,
    /// <summary>Out of the blue: no association, answered or silently discarded as RFC 9260 section 8.4 says.</summary>
    OutOfTheBlue,
    /// <summary>A State Cookie whose MAC did not verify, or whose ports or tag did not match (RFC 9260 section 5.1.5).</summary>
    InvalidCookie,
    /// <summary>A State Cookie that was valid but stale (RFC 9260 section 5.1.5, step 3).</summary>
    StaleCookie,
    /// <summary>A chunk not expected in the current state (RFC 9260 sections 5.2.3, 5.2.5, 9).</summary>
    UnexpectedChunk,
    /// <summary>INIT, INIT ACK or SHUTDOWN COMPLETE bundled with other chunks (RFC 9260 section 6.10).</summary>
    IllegalBundling,
    /// <summary>A chunk type with upper bits 00 or 01, which stops processing of the packet (RFC 9260 section 3.2).</summary>
    UnrecognizedChunk,
    /// <summary>DATA beyond the receive window or too far ahead of the cumulative TSN.</summary>
    ReceiveWindowFull,
    /// <summary>A DATA or I-DATA chunk received more than once.</summary>
    DuplicateData,
    /// <summary>DATA that the negotiated features do not allow (DATA when I-DATA was agreed, or the reverse; a stream id out of range).</summary>
    InvalidData,
    /// <summary>The endpoint was at its association limit, or was not accepting.</summary>
    NotAccepting,
    /// <summary>The packet's source address does not belong to the association it named.</summary>
    WrongAddress,
    /// <summary>The packet was addressed to a port we do not serve.</summary>
    WrongPort,
    /// <summary>
    /// Held data dropped to make room (reneging, RFC 9260 section 6.2): a chunk above the cumulative TSN ack
    /// that had been acknowledged in a gap ack block and not yet delivered; counted once per chunk.
    /// </summary>
    Reneged,
}
