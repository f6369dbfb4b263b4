namespace Sctp.Packet.Chunks;

/// <summary>
/// One stream entry of an I-FORWARD-TSN chunk (RFC 8260 section 2.3): the largest message identifier
/// skipped on a stream, for ordered or unordered messages.
/// </summary>
/// <param name="StreamId">The stream whose messages were abandoned.</param>
/// <param name="Unordered">The U bit: the entry is about unordered messages (which have their own MID space).</param>
/// <param name="Mid">The largest MID of the abandoned messages.</param>
public readonly record struct IForwardTsnStream(StreamId StreamId, bool Unordered, Mid Mid);
