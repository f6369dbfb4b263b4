using System.Buffers.Binary;

namespace Sctp.Packet;

/// <summary>
/// The SCTP common header (RFC 9260 section 3.1), the first 12 bytes of every packet.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Source Port Number       |    Destination Port Number    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Verification Tag                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           Checksum                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="SourcePort">The sender's SCTP port.</param>
/// <param name="DestinationPort">The receiver's SCTP port.</param>
/// <param name="VerificationTag">The receiver's verification tag (zero for INIT).</param>
/// <param name="Checksum">The CRC32c as read from the wire (ignored when writing: the packet writer computes it).</param>
public readonly record struct CommonHeader(ushort SourcePort, ushort DestinationPort, VerificationTag VerificationTag, uint Checksum = 0)
{
    /// <summary>The header's size in bytes.</summary>
    public const int Size = 12;

    /// <summary>Reads the header from the start of <paramref name="packet"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out CommonHeader header)
    {
        if (packet.Length < Size)
        {
            header = default;
            return false;
        }

        header = new CommonHeader(
            BinaryPrimitives.ReadUInt16BigEndian(packet),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(packet[4..])),
            BinaryPrimitives.ReadUInt32LittleEndian(packet[8..]));
        return true;
    }

    /// <summary>Writes the ports and tag, and a zero checksum, to the first 12 bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], VerificationTag.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], 0);
    }
}
