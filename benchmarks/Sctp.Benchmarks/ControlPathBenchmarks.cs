using BenchmarkDotNet.Attributes;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Rx;

namespace Sctp.Benchmarks;

/// <summary>
/// Wire work outside the DATA fast path: parsing the INIT that opens every association (control chunks
/// are classes, so this one allocates), and writing the SACK the receiver sends for every second DATA
/// packet, straight from the <see cref="DataTracker"/> (allocation-free).
/// </summary>
[MemoryDiagnoser]
public class ControlPathBenchmarks
{
    /// <summary>
    /// The INIT chunk usrsctp 0.9.5 sent in tests/Sctp.Core.Tests/TestData/usrsctp/echo-session.txt
    /// (packet 001-client): 156 bytes, eleven parameters (ECN, Forward-TSN, Supported Extensions, Random,
    /// HMAC Algorithm, Chunk List, Supported Address Types, four addresses).
    /// </summary>
    private static readonly byte[] UsrsctpInit = Convert.FromHexString(
        "0100009c8ca235e700020000000a0800a5c3306780000004c000000480080009c00fc1808200000080020024a80bcdc5"
        + "bcdbfb2cfc6ef6025ade1ce3b89c4acf7b1dda14eebf4a9cd5dc81d880040006000100008003000680c10000000c0008"
        + "0005000600060014fd00000000000000000000000000000200050008c000020200060014000000000000000000000000"
        + "00000001000500087f000001");

    private readonly byte[] _output = new byte[1200];
    private DataTracker _tracker = null!;

    /// <summary>A tracker that has seen 64 TSNs with 16 gaps and 4 duplicates.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tracker = new DataTracker(new Tsn(1000));
        for (uint i = 0; i < 64; i++)
        {
            // Every fourth TSN lost: after the first, each loss leaves a gap.
            if (i % 4 != 1)
            {
                _tracker.Observe(new Tsn(1000 + i));
            }
        }

        for (uint i = 0; i < 4; i++)
        {
            _tracker.Observe(new Tsn(1000 + (i * 4)));
        }

        _tracker.OnDataPacketReceived(immediateAckRequested: false);
    }

    /// <summary>Parses usrsctp's INIT chunk with all its parameters, as the listening endpoint does.</summary>
    [Benchmark]
    public int ParseInitChunk() =>
        ChunkCodec.TryParseControl(UsrsctpInit, out var chunk, out _) ? ((InitChunk)chunk).Parameters.Count : -1;

    /// <summary>Builds a SACK packet from the tracker (16 gap blocks, 4 duplicates) and stamps its CRC32c.</summary>
    [Benchmark]
    public int WriteSackFromDataTracker()
    {
        Span<GapAckBlock> gaps = stackalloc GapAckBlock[64];
        int gapCount = _tracker.WriteGapBlocks(gaps);
        var sack = new SackChunk(_tracker.CumulativeTsnAck, 1 << 20, gaps[..gapCount], _tracker.Duplicates);
        var writer = new PacketWriter(_output, new CommonHeader(5000, 5000, new VerificationTag(0x12345678)));
        writer.TryAdd(sack);
        return writer.Complete();
    }
}
