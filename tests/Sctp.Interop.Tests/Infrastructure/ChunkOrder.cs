using System.Buffers.Binary;
using Sctp.Packet;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>
/// RFC 9260 section 6.10: "When bundling control chunks with DATA chunks, an endpoint MUST place control
/// chunks first in the outbound SCTP packet." usrsctp enforces it: a control chunk after DATA gets an
/// ABORT with a Protocol Violation cause ("DATA chunk followed by chunk of type c0").
/// </summary>
internal static class ChunkOrder
{
    /// <summary>The chunk types of an SCTP packet, in order (as far as its chunk lengths are sound).</summary>
    public static List<ChunkType> TypesOf(ReadOnlySpan<byte> packet)
    {
        var types = new List<ChunkType>();
        int offset = CommonHeader.Size;
        while (offset + 4 <= packet.Length)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            if (length < 4)
            {
                break;
            }

            types.Add((ChunkType)packet[offset]);
            offset += (length + 3) & ~3;
        }

        return types;
    }

    /// <summary>True when a chunk other than DATA or I-DATA follows a DATA or I-DATA chunk.</summary>
    public static bool HasControlAfterData(IReadOnlyList<ChunkType> types)
    {
        bool data = false;
        foreach (var type in types)
        {
            if (type is ChunkType.Data or ChunkType.IData)
            {
                data = true;
            }
            else if (data)
            {
                return true;
            }
        }

        return false;
    }
}
