namespace Sctp.Packet.Chunks;

/// <summary>
/// The flags of DATA (RFC 9260 section 3.3.1) and I-DATA (RFC 8260 section 2.1) chunks: the low four
/// bits of the chunk flags byte, <c>|Res|I|U|B|E|</c>. The upper four bits are reserved: written as zero
/// and ignored (dropped) on receipt.
/// </summary>
[Flags]
public enum DataChunkFlags : byte
{
    /// <summary>No flag: a middle fragment of an ordered message.</summary>
    None = 0,

    /// <summary>E bit: the last fragment of a user message.</summary>
    End = 0x01,

    /// <summary>B bit: the first fragment of a user message.</summary>
    Beginning = 0x02,

    /// <summary>U bit: an unordered message (for DATA the stream sequence number is then ignored).</summary>
    Unordered = 0x04,

    /// <summary>I bit (RFC 7053, RFC 9260 section 3.3.1): the sender asks the receiver to send its SACK without delay.</summary>
    Immediate = 0x08,
}
