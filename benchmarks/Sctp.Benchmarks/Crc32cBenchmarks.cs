using BenchmarkDotNet.Attributes;
using Sctp.Packet;

namespace Sctp.Benchmarks;

/// <summary>CRC32c throughput over packet-sized and large buffers (target: 10 GB/s or more here).</summary>
[MemoryDiagnoser]
public class Crc32cBenchmarks
{
    private byte[] _data = [];

    /// <summary>Buffer size in bytes.</summary>
    [Params(1200, 65536)]
    public int Size { get; set; }

    /// <summary>Fills the buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new SeededRandomSource(1).Fill(_data);
    }

    /// <summary>The checksum of a whole packet, checksum field taken as zero.</summary>
    [Benchmark]
    public uint ComputeForPacket() => Crc32c.ComputeForPacket(_data);

    /// <summary>Verification of a received packet's checksum.</summary>
    [Benchmark]
    public bool Verify() => Crc32c.Verify(_data);
}
