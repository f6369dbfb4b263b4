using BenchmarkDotNet.Attributes;
using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Benchmarks;

/// <summary>
/// The data path's wire work per packet: validating (CRC32c and framing) and parsing a received packet,
/// and writing one with its CRC32c. Targets: no allocation, and a DATA packet in well under a microsecond.
/// </summary>
[MemoryDiagnoser]
public class PacketCodecBenchmarks
{
    private const int PacketSize = 1200;
    private readonly byte[] _dataPacket = new byte[PacketSize];
    private readonly byte[] _sackPacket = new byte[PacketSize];
    private readonly byte[] _output = new byte[PacketSize];
    private readonly byte[] _payload = new byte[PacketSize - CommonHeader.Size - DataChunk.HeaderSize];
    private readonly GapAckBlock[] _gaps = new GapAckBlock[16];
    private int _dataLength;
    private int _sackLength;

    /// <summary>Builds a 1200-byte DATA packet and a SACK packet with 16 gap blocks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new SeededRandomSource(1).Fill(_payload);
        for (int i = 0; i < _gaps.Length; i++)
        {
            _gaps[i] = new GapAckBlock((ushort)(2 + (i * 4)), (ushort)(3 + (i * 4)));
        }

        _dataLength = WriteDataPacket(_dataPacket);
        _sackLength = WriteSackPacket(_sackPacket);
    }

    /// <summary>Validates a 1200-byte DATA packet (CRC32c, framing) and parses its chunk.</summary>
    [Benchmark]
    public int ParseDataPacket()
    {
        var packet = _dataPacket.AsSpan(0, _dataLength);
        if (!SctpPacket.TryValidate(packet, out _, out _))
        {
            return -1;
        }

        var reader = SctpPacket.GetChunks(packet);
        int payload = 0;
        while (reader.TryReadNext(out var raw, out _))
        {
            if (DataChunk.TryParse(raw.Bytes, out var data, out _))
            {
                payload += data.Payload.Length;
            }
        }

        return payload;
    }

    /// <summary>Writes a 1200-byte DATA packet and stamps its CRC32c.</summary>
    [Benchmark]
    public int SerializeDataPacket() => WriteDataPacket(_output);

    /// <summary>Validates a SACK packet with 16 gap blocks and walks every block.</summary>
    [Benchmark]
    public int ParseSackPacket()
    {
        var packet = _sackPacket.AsSpan(0, _sackLength);
        if (!SctpPacket.TryValidate(packet, out _, out _))
        {
            return -1;
        }

        var reader = SctpPacket.GetChunks(packet);
        int sum = 0;
        while (reader.TryReadNext(out var raw, out _))
        {
            if (SackChunk.TryParse(raw.Bytes, out var sack, out _))
            {
                for (int i = 0; i < sack.GapAckBlockCount; i++)
                {
                    sum += sack.GetGapAckBlock(i).End;
                }
            }
        }

        return sum;
    }

    /// <summary>Writes a SACK packet with 16 gap blocks and stamps its CRC32c.</summary>
    [Benchmark]
    public int SerializeSackPacket() => WriteSackPacket(_output);

    private int WriteDataPacket(Span<byte> buffer)
    {
        var writer = new PacketWriter(buffer, new CommonHeader(5000, 5000, new VerificationTag(0x12345678)));
        var chunk = new DataChunk(new Tsn(1000), new StreamId(1), new Ssn(7), new Ppid(53), _payload, DataChunkFlags.Beginning | DataChunkFlags.End);
        writer.TryAdd(chunk);
        return writer.Complete();
    }

    private int WriteSackPacket(Span<byte> buffer)
    {
        var writer = new PacketWriter(buffer, new CommonHeader(5000, 5000, new VerificationTag(0x12345678)));
        var sack = new SackChunk(new Tsn(1000), 1 << 20, _gaps, ReadOnlySpan<Tsn>.Empty);
        writer.TryAdd(sack);
        return writer.Complete();
    }
}
