using System.Buffers.Binary;
using System.IO.Hashing;

namespace Sctp.Packet;

/// <summary>
/// The CRC32c (Castagnoli) checksum of an SCTP packet (RFC 9260 section 6.8 and appendix A).
/// </summary>
/// <remarks>
/// The checksum covers the whole packet with its checksum field taken as zero. The 32-bit result is
/// stored so that its least significant byte comes first on the wire (appendix A: the CRC's bit order
/// is reflected), which is what <see cref="BinaryPrimitives.WriteUInt32LittleEndian"/> does. The
/// computation is System.IO.Hashing's hardware-accelerated CRC-32C.
/// </remarks>
public static class Crc32c
{
    private const int ChecksumOffset = 8;

    // The incremental hasher for ComputeForPacket, which runs for every packet received: one per thread,
    // reset before each use, so that verifying a packet allocates nothing.
    [ThreadStatic]
    private static Crc32? t_packetHasher;

    /// <summary>The standard CRC32c of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);

    /// <summary>The checksum of <paramref name="packet"/> as if its checksum field were zero.</summary>
    public static uint ComputeForPacket(ReadOnlySpan<byte> packet)
    {
        var crc = t_packetHasher ??= new Crc32(Crc32ParameterSet.Crc32C);
        crc.Reset();
        crc.Append(packet[..ChecksumOffset]);
        crc.Append([0, 0, 0, 0]);
        crc.Append(packet[CommonHeader.Size..]);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Computes the packet's checksum and stores it in its common header.</summary>
    public static void Stamp(Span<byte> packet)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(packet[ChecksumOffset..], 0);
        uint crc = Compute(packet);
        BinaryPrimitives.WriteUInt32LittleEndian(packet[ChecksumOffset..], crc);
    }

    /// <summary>True when the checksum stored in <paramref name="packet"/> matches its contents.</summary>
    public static bool Verify(ReadOnlySpan<byte> packet) =>
        packet.Length >= CommonHeader.Size
        && BinaryPrimitives.ReadUInt32LittleEndian(packet[ChecksumOffset..]) == ComputeForPacket(packet);
}
