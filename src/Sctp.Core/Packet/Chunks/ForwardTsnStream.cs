namespace Sctp.Packet.Chunks;

/// <summary>
/// One stream entry of a FORWARD-TSN chunk (RFC 3758 section 3.2): the largest stream sequence number
/// skipped on an ordered stream, so that the receiver can deliver what follows it.
/// </summary>
/// <param name="StreamId">The stream whose messages were abandoned.</param>
/// <param name="Ssn">The largest SSN of the abandoned messages on that stream.</param>
public readonly record struct ForwardTsnStream(StreamId StreamId, Ssn Ssn);
