using System.Buffers.Binary;
using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;

namespace Sctp;

public sealed partial class Endpoint
{
    /// <summary>
    /// A packet that no association claims (RFC 9260 section 8.4): INIT and COOKIE ECHO start the
    /// handshake when the endpoint accepts; everything else is answered or discarded as the section lists.
    /// </summary>
    private EndpointResult HandleOutOfTheBlue(TimeSpan now, IPEndPoint remote, CommonHeader header, ReadOnlySpan<byte> packet, ChunkType firstChunk)
    {
        // Rule 1: a packet from a non-unicast address is discarded silently; answering it could make us a
        // traffic amplifier. (The destination address is not known here; the socket layer filters it.)
        if (!IsUnicast(remote.Address))
        {
            return Discard(DropReason.OutOfTheBlue);
        }

        // Rule 2: an OOTB packet carrying an ABORT is discarded silently, wherever the ABORT stands.
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type == ChunkType.Abort)
            {
                return Discard(DropReason.OutOfTheBlue);
            }
        }

        switch (firstChunk)
        {
            case ChunkType.Init:
                return HandleInit(now, remote, header, packet);
            case ChunkType.CookieEcho:
                return HandleCookieEcho(now, remote, header, packet);
            case ChunkType.ShutdownAck:
                // Rule 5: answer with SHUTDOWN COMPLETE, T bit set and the packet's tag reflected.
                return Reply(remote, header, header.VerificationTag, ShutdownCompleteChunk.Reflected);
            case ChunkType.ShutdownComplete:
            case ChunkType.CookieAck:
                // Rules 6 and 7: discarded silently.
                return Discard(DropReason.OutOfTheBlue);
            case ChunkType.Error when IsStaleCookieError(packet):
                return Discard(DropReason.OutOfTheBlue);
            default:
                // Rule 8: ABORT with the T bit set and the packet's tag reflected.
                return Reply(remote, header, header.VerificationTag, ReflectedAbort);
        }
    }

    /// <summary>An ABORT without causes, T bit set (rule 8): shared, as replies are written in place.</summary>
    private static readonly AbortChunk ReflectedAbort = new(tagReflected: true);

    private static bool IsUnicast(IPAddress address)
    {
        // Read from the address's bytes (an IPv4-mapped IPv6 address by its last four) so that nothing is
        // allocated for it.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        if (length == 16 && !address.IsIPv4MappedToIPv6)
        {
            return !address.IsIPv6Multicast && !address.Equals(IPAddress.IPv6Any);
        }

        // IPv4: not multicast (224.0.0.0/4), not the limited broadcast, not unspecified.
        uint ipv4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[(length - 4)..]);
        return ipv4 >> 28 != 0xE && ipv4 != uint.MaxValue && ipv4 != 0;
    }

    /// <summary>
    /// True when the packet's first chunk is an ERROR that parses and carries a Stale Cookie cause, discarded by
    /// rule 7. Most ERRORs carry none: their causes are walked in place, and only one with a
    /// Stale Cookie cause is parsed whole.
    /// </summary>
    private static bool IsStaleCookieError(ReadOnlySpan<byte> packet)
    {
        var reader = SctpPacket.GetChunks(packet);
        if (!reader.TryReadNext(out var raw, out _) || raw.Bytes.Length <= RawChunk.HeaderSize)
        {
            return false;
        }

        var causes = new TlvReader(raw.Value);
        bool hasStaleCookie = false;
        while (!hasStaleCookie && causes.TryReadNext(out var cause, out _))
        {
            hasStaleCookie = cause.Type == (ushort)ErrorCauseCode.StaleCookie;
        }

        return hasStaleCookie
            && ErrorChunk.TryParse(raw.Bytes, out var error, out _)
            && error.GetCause<StaleCookieCause>() is not null;
    }

    private EndpointResult Discard(DropReason reason)
    {
        Stats.CountDrop(reason);
        return new EndpointResult(EndpointResultKind.Discarded, null, reason);
    }
}
