using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

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
                return Reply(remote, header, header.VerificationTag, new AbortChunk(tagReflected: true));
        }
    }

    private static bool IsUnicast(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        if (length == 16)
        {
            return !address.IsIPv6Multicast && !address.Equals(IPAddress.IPv6Any);
        }

        // IPv4: not multicast (224.0.0.0/4), not the limited broadcast, not unspecified.
        return bytes[0] is < 224 or > 239 && !address.Equals(IPAddress.Broadcast) && !address.Equals(IPAddress.Any);
    }

    private static bool IsStaleCookieError(ReadOnlySpan<byte> packet)
    {
        var reader = SctpPacket.GetChunks(packet);
        return reader.TryReadNext(out var raw, out _)
            && ErrorChunk.TryParse(raw.Bytes, out var error, out _)
            && error.GetCause<StaleCookieCause>() is not null;
    }

    /// <summary>Queues a one-chunk reply to the sender of <paramref name="header"/>, with ports swapped.</summary>
    private EndpointResult Reply(IPEndPoint remote, CommonHeader header, VerificationTag tag, Chunk chunk)
    {
        Stats.CountDrop(DropReason.OutOfTheBlue);
        var replyHeader = new CommonHeader(header.DestinationPort, header.SourcePort, tag);
        QueueReply(remote, buffer =>
        {
            var writer = new PacketWriter(buffer, replyHeader);
            return writer.TryAdd(chunk) ? writer.Complete() : 0;
        });
        return new EndpointResult(EndpointResultKind.Replied, null, DropReason.OutOfTheBlue);
    }

    private EndpointResult Discard(DropReason reason)
    {
        Stats.CountDrop(reason);
        return new EndpointResult(EndpointResultKind.Discarded, null, reason);
    }
}
