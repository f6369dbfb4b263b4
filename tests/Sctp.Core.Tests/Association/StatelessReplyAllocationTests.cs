using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 11.2.4.1 (flooding) with section 5.1.3's stateless cookie: an INIT costs the server no
/// state, and here no allocation either. Once warmed up, handling INITs (from IPv4 and IPv6 peers, with
/// parameters to negotiate and unknown ones to report) and sending their INIT ACKs allocates 0 bytes, and
/// so do the other replies an attacker gets cheaply: the ABORT and SHUTDOWN COMPLETE answers to
/// out-of-the-blue packets (section 8.4) and the silent drop of a forged COOKIE ECHO (section 5.1.5).
/// Measured around <see cref="Endpoint.Handle"/> and <see cref="Endpoint.PollTransmit"/> only.
/// </summary>
[Collection(AllocationMeasurement.Name)]
public class StatelessReplyAllocationTests
{
    private const int Inits = 1_000;

    private static readonly TransportConfig AllFeatures = new()
    {
        EnablePartialReliability = true,
        EnableStreamReset = true,
        EnableMessageInterleaving = true,
        EnableZeroChecksum = true,
    };

    [Fact]
    public void Rfc9260_11_2_4_1_AnsweringDistinctInitsAllocatesNothing()
    {
        var probe = new EndpointProbe(transport: AllFeatures);
        var (packets, sources) = DistinctInits();
        byte[] buffer = new byte[1500];

        Answer(probe, packets, sources, buffer);
        probe.Now += TimeSpan.FromSeconds(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (answered, bytes) = Answer(probe, packets, sources, buffer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Inits, answered);
        Assert.Equal(2 * Inits, probe.Endpoint.Stats.InitsAnswered);
        Assert.Equal(0, probe.Endpoint.AssociationCount);

        // Every INIT ACK carried a State Cookie of 88 bytes, and the reports of the unknown parameters.
        Assert.InRange(bytes, Inits * (CommonHeader.Size + 20 + 4 + StateCookie.Size), Inits * 400);
    }

    [Fact]
    public void Rfc9260_11_2_4_1_AFloodPastTheReplyBoundAllocatesNothing()
    {
        var config = new EndpointConfig { MaxQueuedStatelessReplies = 64 };
        var probe = new EndpointProbe(config: config, transport: AllFeatures);
        var (packets, sources) = DistinctInits();
        byte[] buffer = new byte[1500];

        // Warm-up: the ring grows to its bound once.
        Flood(probe, packets, sources, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sent = Flood(probe, packets, sources, buffer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(config.MaxQueuedStatelessReplies, sent);
        Assert.Equal(2 * (Inits - config.MaxQueuedStatelessReplies), probe.Endpoint.Stats.StatelessRepliesDropped);
    }

    [Fact]
    public void Rfc9260_8_4_OutOfTheBlueRepliesAndForgedCookiesAllocateNothing()
    {
        var probe = new EndpointProbe();
        var peer = probe.Peer;
        byte[] forged = new byte[StateCookie.Size];
        forged[0] = 1;
        var cases = new (byte[] Packet, ChunkType? Reply)[]
        {
            // Rule 8: DATA, and an ERROR without a Stale Cookie cause: ABORT with the T bit.
            (Packets.FromClient(new VerificationTag(0x51), Packets.Data(new Tsn(1), 0, 0, [1, 2, 3])), ChunkType.Abort),
            (Packets.FromClient(new VerificationTag(0x52), Packets.Bytes(new ErrorChunk(new UnrecognizedChunkTypeCause([0x7f, 0, 0, 4])))), ChunkType.Abort),
            // Rule 5: SHUTDOWN ACK answered with SHUTDOWN COMPLETE.
            (Packets.FromClient(new VerificationTag(0x53), Packets.Bytes(ShutdownAckChunk.Instance)), ChunkType.ShutdownComplete),
            // Rules 2 and 6: ABORT and SHUTDOWN COMPLETE discarded.
            (Packets.FromClient(new VerificationTag(0x54), Packets.Bytes(new AbortChunk(false))), null),
            (Packets.FromClient(new VerificationTag(0x55), Packets.Bytes(ShutdownCompleteChunk.Reflected)), null),
            // Section 5.1.5: a forged cookie, and one of the wrong size, dropped after the MAC check.
            (Packets.FromClient(new VerificationTag(0x56), Packets.Bytes(new CookieEchoChunk(forged))), null),
            (Packets.FromClient(new VerificationTag(0x57), Packets.Bytes(new CookieEchoChunk([1, 2, 3]))), null),
            // Sections 5.1.2 and 3.3.2: a host name, and zero inbound streams, aborted.
            (Packets.FromClient(VerificationTag.Zero, Packets.Init(0x58, new HostNameAddressParameter("peer.example"))), ChunkType.Abort),
            (Packets.FromClient(VerificationTag.Zero, Packets.Bytes(new InitChunk(new VerificationTag(0x59), 65536, 1, 1, new Tsn(1))) is var zero ? WithInboundStreams(zero, 0) : []), ChunkType.Abort),
            // Rule 3: an INIT for a port nobody listens on.
            (Packets.Build(AssociationPair.ClientPort, 5999, VerificationTag.Zero, Packets.Init(0x5a)), ChunkType.Abort),
        };
        byte[] buffer = new byte[1500];

        // What each case was answered with in the last round (0: nothing); checked outside the measurement,
        // as assertions allocate.
        var answers = new byte[cases.Length];
        void Round()
        {
            for (int c = 0; c < cases.Length; c++)
            {
                probe.Endpoint.Handle(probe.Now, peer, cases[c].Packet);
                answers[c] = probe.Endpoint.PollTransmit(buffer, out _) > 0 ? buffer[CommonHeader.Size] : (byte)0;
            }
        }

        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Round();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(cases.Select(c => (byte)(c.Reply ?? 0)), answers);
        Assert.Equal(101 * cases.Count(c => c.Reply is not null), probe.Endpoint.Stats.StatelessReplies);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
    }

    /// <summary>
    /// INITs from distinct tags and ports, half from IPv6 peers, with parameters to negotiate, a Cookie
    /// Preservative, addresses, and unknown parameters to skip, report, or stop at.
    /// </summary>
    private static (byte[][] Packets, IPEndPoint[] Sources) DistinctInits()
    {
        var packets = new byte[Inits][];
        var sources = new IPEndPoint[Inits];
        for (int i = 0; i < Inits; i++)
        {
            Parameter[] parameters = (i % 4) switch
            {
                0 => [],
                1 =>
                [
                    ForwardTsnSupportedParameter.Instance,
                    new SupportedExtensionsParameter([ChunkType.ForwardTsn, ChunkType.ReConfig, ChunkType.IData, ChunkType.IForwardTsn]),
                    new UnknownParameter((ParameterType)0xC124, [1, 2, 3, (byte)i]),
                ],
                2 =>
                [
                    new CookiePreservativeParameter((uint)i),
                    new UnknownParameter((ParameterType)0x8123, [9]),
                    new UnknownParameter((ParameterType)0x4125, [(byte)i, 7]),
                    ForwardTsnSupportedParameter.Instance,
                ],
                _ =>
                [
                    new Ipv4AddressParameter(new IPAddress([192, 0, 2, (byte)i])),
                    new Ipv6AddressParameter(IPAddress.Parse($"2001:db8::{i:x}")),
                    new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.SctpOverDtls),
                ],
            };

            packets[i] = Packets.Build((ushort)(1024 + i), AssociationPair.ServerPort, VerificationTag.Zero, Packets.Init((uint)(0x10000 + i), parameters));
            sources[i] = i % 2 == 0
                ? new IPEndPoint(new IPAddress([198, 51, 100, (byte)(i % 250)]), 9000 + i)
                : new IPEndPoint(IPAddress.Parse($"2001:db8:1::{i:x}"), 9000 + i);
        }

        return (packets, sources);
    }

    /// <summary>Hands each INIT to the endpoint and sends its reply at once; counts the INIT ACKs and their bytes.</summary>
    private static (int Answered, long Bytes) Answer(EndpointProbe probe, byte[][] packets, IPEndPoint[] sources, byte[] buffer)
    {
        int answered = 0;
        long bytes = 0;
        for (int i = 0; i < packets.Length; i++)
        {
            probe.Endpoint.Handle(probe.Now, sources[i], packets[i]);
            int length = probe.Endpoint.PollTransmit(buffer, out var destination);
            if (length > 0 && buffer[CommonHeader.Size] == (byte)ChunkType.InitAck && ReferenceEquals(destination, sources[i]))
            {
                answered++;
                bytes += length;
            }
        }

        return (answered, bytes);
    }

    /// <summary>Hands every INIT to the endpoint before sending anything, then sends what was queued.</summary>
    private static int Flood(EndpointProbe probe, byte[][] packets, IPEndPoint[] sources, byte[] buffer)
    {
        for (int i = 0; i < packets.Length; i++)
        {
            probe.Endpoint.Handle(probe.Now, sources[i], packets[i]);
        }

        int sent = 0;
        while (probe.Endpoint.PollTransmit(buffer, out _) > 0)
        {
            sent++;
        }

        return sent;
    }

    private static byte[] WithInboundStreams(byte[] init, ushort inbound)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(init.AsSpan(14), inbound);
        return init;
    }
}
