namespace Sctp.Packet.Chunks;

/// <summary>
/// A Gap Ack Block of a SACK (RFC 9260 section 3.3.4): a run of TSNs received after a gap, as offsets
/// from the SACK's cumulative TSN ack. The block covers the TSNs from <c>cumulativeTsnAck + Start</c> to
/// <c>cumulativeTsnAck + End</c>, inclusive.
/// </summary>
/// <remarks>
/// The codec does not check that a block makes sense (<c>Start</c> at least 1, <c>Start</c> not after
/// <c>End</c>, blocks in increasing order without overlap): a parsed SACK hands blocks over exactly as
/// received, and the association decides what to do with odd ones.
/// </remarks>
/// <param name="Start">The offset of the first TSN of the block from the cumulative TSN ack.</param>
/// <param name="End">The offset of the last TSN of the block from the cumulative TSN ack.</param>
public readonly record struct GapAckBlock(ushort Start, ushort End)
{
    /// <summary>The first TSN of the block, given the SACK's cumulative TSN ack.</summary>
    public Tsn GetStartTsn(Tsn cumulativeTsnAck) => cumulativeTsnAck + Start;

    /// <summary>The last TSN of the block, given the SACK's cumulative TSN ack.</summary>
    public Tsn GetEndTsn(Tsn cumulativeTsnAck) => cumulativeTsnAck + End;
}
