namespace Sctp.Packet;

/// <summary>
/// Chunk types (RFC 9260 section 3.2 and the IANA "Chunk Types" registry). The upper two bits of a
/// type we do not know say what to do with it; see <see cref="ChunkTypeExtensions.GetUnrecognizedAction"/>.
/// </summary>
public enum ChunkType : byte
{
    /// <summary>Payload Data (RFC 9260 section 3.3.1).</summary>
    Data = 0,
    /// <summary>Initiation (RFC 9260 section 3.3.2).</summary>
    Init = 1,
    /// <summary>Initiation Acknowledgement (RFC 9260 section 3.3.3).</summary>
    InitAck = 2,
    /// <summary>Selective Acknowledgement (RFC 9260 section 3.3.4).</summary>
    Sack = 3,
    /// <summary>Heartbeat Request (RFC 9260 section 3.3.5).</summary>
    Heartbeat = 4,
    /// <summary>Heartbeat Acknowledgement (RFC 9260 section 3.3.6).</summary>
    HeartbeatAck = 5,
    /// <summary>Abort (RFC 9260 section 3.3.7).</summary>
    Abort = 6,
    /// <summary>Shutdown (RFC 9260 section 3.3.8).</summary>
    Shutdown = 7,
    /// <summary>Shutdown Acknowledgement (RFC 9260 section 3.3.9).</summary>
    ShutdownAck = 8,
    /// <summary>Operation Error (RFC 9260 section 3.3.10).</summary>
    Error = 9,
    /// <summary>State Cookie (RFC 9260 section 3.3.11).</summary>
    CookieEcho = 10,
    /// <summary>Cookie Acknowledgement (RFC 9260 section 3.3.12).</summary>
    CookieAck = 11,
    /// <summary>Explicit Congestion Notification Echo (RFC 9260 appendix A); kept raw.</summary>
    Ecne = 12,
    /// <summary>Congestion Window Reduced (RFC 9260 appendix A); kept raw.</summary>
    Cwr = 13,
    /// <summary>Shutdown Complete (RFC 9260 section 3.3.13).</summary>
    ShutdownComplete = 14,
    /// <summary>Authentication (RFC 4895); kept raw.</summary>
    Auth = 15,
    /// <summary>NR-SACK (draft-tuexen-tsvwg-sctp-multipath); kept raw.</summary>
    NrSack = 16,
    /// <summary>I-DATA (RFC 8260 section 2.1).</summary>
    IData = 64,
    /// <summary>Address Configuration Acknowledgement (RFC 5061); kept raw.</summary>
    AsconfAck = 128,
    /// <summary>Re-configuration (RFC 6525 section 3.1).</summary>
    ReConfig = 130,
    /// <summary>Padding (RFC 4820 section 3).</summary>
    Pad = 132,
    /// <summary>Forward Cumulative TSN (RFC 3758 section 3.2).</summary>
    ForwardTsn = 192,
    /// <summary>Address Configuration Change (RFC 5061); kept raw.</summary>
    Asconf = 193,
    /// <summary>I-FORWARD-TSN (RFC 8260 section 2.3).</summary>
    IForwardTsn = 194,
    /// <summary>Packet Drop (RFC 4960 extension, draft); kept raw.</summary>
    PktDrop = 129,
}

/// <summary>
/// What to do with a chunk, parameter or error cause whose type is not recognized, from the upper two
/// bits of its type (RFC 9260 sections 3.2 and 3.2.1).
/// </summary>
public enum UnrecognizedAction
{
    /// <summary>00: stop processing this packet (or chunk), discard it, and do not process further items.</summary>
    Stop = 0,
    /// <summary>01: stop processing and report it (ERROR with Unrecognized Chunk Type, or Unrecognized Parameter).</summary>
    StopAndReport = 1,
    /// <summary>10: skip it and continue processing.</summary>
    Skip = 2,
    /// <summary>11: skip it, continue processing, and report it.</summary>
    SkipAndReport = 3,
}

/// <summary>Helpers on <see cref="ChunkType"/>.</summary>
public static class ChunkTypeExtensions
{
    /// <summary>The action for an unrecognized chunk type, from its upper two bits (RFC 9260 section 3.2).</summary>
    public static UnrecognizedAction GetUnrecognizedAction(this ChunkType type) => (UnrecognizedAction)((byte)type >> 6);
}
