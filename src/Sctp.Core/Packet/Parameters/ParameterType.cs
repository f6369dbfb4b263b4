namespace Sctp.Packet.Parameters;

/// <summary>
/// Parameter types of INIT, INIT-ACK, HEARTBEAT and RE-CONFIG (RFC 9260 section 3.2.1 and the IANA
/// "Chunk Parameter Types" registry). The upper two bits of an unknown type say what to do with it.
/// </summary>
public enum ParameterType : ushort
{
    /// <summary>Heartbeat Info (RFC 9260 section 3.3.5).</summary>
    HeartbeatInfo = 1,
    /// <summary>IPv4 Address (RFC 9260 section 3.3.2.1).</summary>
    Ipv4Address = 5,
    /// <summary>IPv6 Address (RFC 9260 section 3.3.2.1).</summary>
    Ipv6Address = 6,
    /// <summary>State Cookie (RFC 9260 section 3.3.3.1).</summary>
    StateCookie = 7,
    /// <summary>Unrecognized Parameter (RFC 9260 section 3.3.3.1).</summary>
    UnrecognizedParameter = 8,
    /// <summary>Cookie Preservative (RFC 9260 section 3.3.2.1).</summary>
    CookiePreservative = 9,
    /// <summary>Host Name Address (RFC 9260 section 3.3.2.1; deprecated, reported as unresolvable).</summary>
    HostNameAddress = 11,
    /// <summary>Supported Address Types (RFC 9260 section 3.3.2.1).</summary>
    SupportedAddressTypes = 12,
    /// <summary>Outgoing SSN Reset Request (RFC 6525 section 4.1).</summary>
    OutgoingSsnResetRequest = 13,
    /// <summary>Incoming SSN Reset Request (RFC 6525 section 4.2).</summary>
    IncomingSsnResetRequest = 14,
    /// <summary>SSN/TSN Reset Request (RFC 6525 section 4.3).</summary>
    SsnTsnResetRequest = 15,
    /// <summary>Re-configuration Response (RFC 6525 section 4.4).</summary>
    ReconfigurationResponse = 16,
    /// <summary>Add Outgoing Streams Request (RFC 6525 section 4.5).</summary>
    AddOutgoingStreamsRequest = 17,
    /// <summary>Add Incoming Streams Request (RFC 6525 section 4.6).</summary>
    AddIncomingStreamsRequest = 18,
    /// <summary>ECN Capable (RFC 9260 appendix A).</summary>
    EcnCapable = 0x8000,
    /// <summary>Zero Checksum Acceptable (RFC 9653 section 3).</summary>
    ZeroChecksumAcceptable = 0x8001,
    /// <summary>Random (RFC 4895 section 3.1).</summary>
    Random = 0x8002,
    /// <summary>Chunk List (RFC 4895 section 3.2).</summary>
    ChunkList = 0x8003,
    /// <summary>Requested HMAC Algorithm (RFC 4895 section 3.3).</summary>
    HmacAlgorithm = 0x8004,
    /// <summary>Padding (RFC 4820 section 3).</summary>
    Padding = 0x8005,
    /// <summary>Supported Extensions (RFC 5061 section 4.2.7).</summary>
    SupportedExtensions = 0x8008,
    /// <summary>Forward-TSN-Supported (RFC 3758 section 3.1).</summary>
    ForwardTsnSupported = 0xC000,
    /// <summary>Add IP Address (RFC 5061 section 4.2.1); kept raw.</summary>
    AddIpAddress = 0xC001,
    /// <summary>Delete IP Address (RFC 5061 section 4.2.2); kept raw.</summary>
    DeleteIpAddress = 0xC002,
    /// <summary>Error Cause Indication (RFC 5061 section 4.2.3); kept raw.</summary>
    ErrorCauseIndication = 0xC003,
    /// <summary>Set Primary Address (RFC 5061 section 4.2.4); kept raw.</summary>
    SetPrimaryAddress = 0xC004,
    /// <summary>Success Indication (RFC 5061 section 4.2.5); kept raw.</summary>
    SuccessIndication = 0xC005,
    /// <summary>Adaptation Layer Indication (RFC 5061 section 4.2.6).</summary>
    AdaptationLayerIndication = 0xC006,
}

/// <summary>Helpers on <see cref="ParameterType"/>.</summary>
public static class ParameterTypeExtensions
{
    /// <summary>The action for an unrecognized parameter type, from its upper two bits (RFC 9260 section 3.2.1).</summary>
    public static UnrecognizedAction GetUnrecognizedAction(this ParameterType type) => (UnrecognizedAction)((ushort)type >> 14);
}
