using Sctp.Packet;

namespace Sctp.Tests.Packet;

public class Crc32cTests
{
    // RFC 3720 appendix B.4: CRC32c test vectors, given as the bytes that go on the wire.
    [Theory]
    [InlineData(0x00, "aa36918a")]
    [InlineData(0xFF, "43aba862")]
    public void MatchesRfc3720ConstantVectors(byte fill, string expectedWireBytes)
    {
        byte[] data = Enumerable.Repeat(fill, 32).ToArray();
        Assert.Equal(expectedWireBytes, WireBytes(Crc32c.Compute(data)));
    }

    [Fact]
    public void MatchesRfc3720IncreasingVector()
    {
        byte[] data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.Equal("4e79dd46", WireBytes(Crc32c.Compute(data)));
    }

    [Fact]
    public void MatchesRfc3720DecreasingVector()
    {
        byte[] data = Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray();
        Assert.Equal("5cdb3f11", WireBytes(Crc32c.Compute(data)));
    }

    [Fact]
    public void MatchesRfc3720IscsiReadCommandVector()
    {
        byte[] data = Hex.Parse(
            "01c00000 00000000 00000000 00000000 14000000 00000400 00000014 00000018" +
            "28000000 00000000 02000000 00000000");
        Assert.Equal("563a96d9", WireBytes(Crc32c.Compute(data)));
    }

    [Fact]
    public void StampedPacketVerifiesAndAnyFlippedBitFails()
    {
        byte[] packet = Hex.Parse("13 88 13 88 de ad be ef 00 00 00 00 0b 00 00 04");
        Crc32c.Stamp(packet);
        Assert.True(Crc32c.Verify(packet));
        for (int bit = 0; bit < packet.Length * 8; bit++)
        {
            packet[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Crc32c.Verify(packet), $"bit {bit}");
            packet[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void ComputeForPacketIgnoresTheStoredChecksum()
    {
        byte[] packet = Hex.Parse("13 88 13 88 de ad be ef 11 22 33 44 0b 00 00 04");
        byte[] zeroed = (byte[])packet.Clone();
        zeroed.AsSpan(8, 4).Clear();
        Assert.Equal(Crc32c.Compute(zeroed), Crc32c.ComputeForPacket(packet));
    }

    [Fact]
    public void ComputeForPacketStartsAfreshForEachPacketOnEveryThread()
    {
        // ComputeForPacket reuses one hasher per thread: each call must reset it, and threads must not share it.
        byte[][] packets = [.. Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 12 + (i * 7)).Select(b => (byte)((b * 31) + i)).ToArray())];
        uint[] expected = [.. packets.Select(p =>
        {
            byte[] zeroed = (byte[])p.Clone();
            zeroed.AsSpan(8, 4).Clear();
            return Crc32c.Compute(zeroed);
        })];

        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int index = (i * 13) % packets.Length;
            Assert.Equal(expected[index], Crc32c.ComputeForPacket(packets[index]));
        });
    }

    private static string WireBytes(uint crc)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, crc);
        return Hex.Format(bytes);
    }
}
