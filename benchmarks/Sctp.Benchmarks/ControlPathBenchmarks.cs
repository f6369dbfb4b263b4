using System.Buffers.Binary;
using System.Net;
using BenchmarkDotNet.Attributes;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Rx;

namespace Sctp.Benchmarks;

/// <summary>
/// Wire work outside the DATA fast path: parsing the INIT that opens every association (control chunks
/// are classes, so the object parser allocates; the in-place reader does not), answering it statelessly
/// with an INIT ACK as a listening endpoint does (allocation-free, RFC 9260 section 5.1.3), dropping a
/// forged COOKIE ECHO, and writing the SACK the receiver sends for every second DATA packet, straight
/// from the <see cref="DataTracker"/> (allocation-free).
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

    private static readonly TimeSpan Now = TimeSpan.FromSeconds(1);

    private readonly byte[] _output = new byte[1500];
    private readonly IPEndPoint _peer = new(IPAddress.Parse("198.51.100.7"), 9899);
    private DataTracker _tracker = null!;
    private Endpoint _endpoint = null!;
    private byte[] _initPacket = null!;
    private byte[] _forgedCookieEchoPacket = null!;

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

        // A listening endpoint, and usrsctp's INIT in a packet to it; a COOKIE ECHO with a cookie of the
        // right size and version whose MAC does not verify.
        _endpoint = new Endpoint(new EndpointConfig(), new SeededRandomSource(1), Now, new ServerConfig { LocalPort = 5000, Transport = new TransportConfig() });
        _initPacket = Packet(VerificationTag.Zero, UsrsctpInit);
        byte[] cookieEcho = new byte[RawChunk.HeaderSize + StateCookie.Size];
        cookieEcho[0] = (byte)ChunkType.CookieEcho;
        BinaryPrimitives.WriteUInt16BigEndian(cookieEcho.AsSpan(2), (ushort)cookieEcho.Length);
        cookieEcho[RawChunk.HeaderSize] = 1;
        _forgedCookieEchoPacket = Packet(new VerificationTag(0x12345678), cookieEcho);
    }

    /// <summary>Parses usrsctp's INIT chunk with all its parameters, as the listening endpoint does.</summary>
    [Benchmark]
    public int ParseInitChunk() =>
        ChunkCodec.TryParseControl(UsrsctpInit, out var chunk, out _) ? ((InitChunk)chunk).Parameters.Count : -1;

    /// <summary>Reads usrsctp's INIT chunk in place, every parameter checked, as the endpoint does.</summary>
    [Benchmark]
    public uint ReadInitChunkInPlace() =>
        InitChunkView.TryParse(UsrsctpInit, out var init, out _) ? init.InitiateTag.Value : 0;

    /// <summary>
    /// What a listening endpoint does for each INIT (RFC 9260 section 5.1, step B): validate the packet,
    /// read the INIT, sign a State Cookie (HMAC-SHA256), write the INIT ACK, and hand it out.
    /// </summary>
    [Benchmark]
    public int HandleInitStateless()
    {
        _endpoint.Handle(Now, _peer, _initPacket);
        return _endpoint.PollTransmit(_output, out _);
    }

    /// <summary>A COOKIE ECHO whose MAC does not verify (RFC 9260 section 5.1.5, step 2): one HMAC, then dropped.</summary>
    [Benchmark]
    public EndpointResultKind DropForgedCookieEcho() => _endpoint.Handle(Now, _peer, _forgedCookieEchoPacket).Kind;

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

    private static byte[] Packet(VerificationTag tag, byte[] chunk)
    {
        byte[] packet = new byte[CommonHeader.Size + Wire.Pad4(chunk.Length)];
        new CommonHeader(7000, 5000, tag).WriteTo(packet);
        chunk.CopyTo(packet, CommonHeader.Size);
        Crc32c.Stamp(packet);
        return packet;
    }
}
