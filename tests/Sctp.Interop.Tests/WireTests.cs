using System.Net;
using System.Net.Sockets;
using Sctp.Interop.Tests.Infrastructure;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>
/// Wireshark's SCTP dissector (tshark) as a validator of what we put on the wire: every packet must pass
/// the CRC32c check and dissect without malformed chunks or expert errors, and the chunk types we mean to
/// send must appear.
/// </summary>
[Trait("Category", "Interop")]
public class WireTests
{
    /// <summary>An unassigned chunk type whose upper bits 11 say "skip and report" (RFC 9260 section 3.2): the receiver must answer with an ERROR.</summary>
    private const ChunkType SkipAndReportType = (ChunkType)0xFE;

    [Fact]
    public async Task TheDissectorCheckFlagsACorruptChecksumAndPassesAGoodOne()
    {
        // The validator itself: without this, an empty list of bad packets could mean a check that never fires.
        var ct = Bounds.Timeout(120);
        using var a = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var b = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        a.Bind(Loopback(0));
        b.Bind(Loopback(0));
        int portA = ((IPEndPoint)a.LocalEndPoint!).Port, portB = ((IPEndPoint)b.LocalEndPoint!).Port;
        await using var capture = await WireCapture.StartAsync([portA, portB], ct);
        byte[] good = Packet(new CommonHeader(5000, 5000, new VerificationTag(0x01020304)), CookieAckChunk.Instance);
        byte[] bad = (byte[])good.Clone();
        bad[8] ^= 0x01; // the CRC32c field
        a.SendTo(good, b.LocalEndPoint!);
        a.SendTo(bad, b.LocalEndPoint!);
        var traffic = await capture.StopAsync(ct);
        Assert.Equal(2, traffic.Packets.Count);
        Assert.All(traffic.Packets, p => Assert.Equal([ChunkType.CookieAck], p.ChunkTypes));
        var flagged = Assert.Single(traffic.BadPackets);
        Assert.StartsWith($"{traffic.Packets[1].Frame}\t", flagged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurClientsPacketsToUsrsctpEchoServerAreWellFormed()
    {
        Peers.RequireUsrsctp("echo_server");
        var ct = Bounds.Timeout(180);
        var (peer, local) = await UsrsctpServerTests.StartEchoServerAsync(ct);
        await using (peer.Process)
        {
            await using var capture = await WireCapture.StartAsync([peer.Port, local], ct);
            await WithPeerOutputAsync(
                async () =>
                {
                    await using (var connection = await ConnectAsync(Loopback(peer.Port), 7, ct, local))
                    {
                        await EchoExchange.RunAsync(connection, EchoExchange.Plan([1, 1172, 1173, 10240], [0, 2], unordered: true), ct);
                        await connection.CloseAsync(ct);
                    }

                    var traffic = await capture.StopAsync(ct);
                    traffic.AssertWellFormed();
                    traffic.AssertSent("our client", [local], ChunkType.Init, ChunkType.CookieEcho, ChunkType.Data, ChunkType.Sack, ChunkType.Shutdown, ChunkType.ShutdownComplete);
                    traffic.AssertControlChunksFirst("our client", [local]);
                    traffic.AssertSent("usrsctp echo_server", [peer.Port], ChunkType.InitAck, ChunkType.CookieAck, ChunkType.Data, ChunkType.Sack, ChunkType.ShutdownAck);
                },
                peer.Process);
        }
    }

    /// <summary>
    /// Against echo_server, through a relay that does not impair: our HEARTBEATs (short interval) get
    /// HEARTBEAT ACKs that give us an RTT, our stream reset (CompleteWrites) gets a RE-CONFIG response,
    /// and a chunk of an unknown "skip and report" type injected under our tag gets an ERROR back; the
    /// association goes on echoing after each and closes gracefully.
    /// </summary>
    [Fact]
    public async Task UsrsctpAnswersOurHeartbeatsOurStreamResetAndAnInjectedUnknownChunk()
    {
        Peers.RequireUsrsctp("echo_server");
        var ct = Bounds.Timeout(180);
        int relayServerSide = PeerProcess.FreeUdpPort();
        var (peer, _) = await UsrsctpServerTests.StartEchoServerAsync(ct, () => relayServerSide);
        await using (peer.Process)
        await using (var relay = new LossyRelay(Loopback(peer.Port), seed: 1, serverSidePort: relayServerSide) { Impaired = false })
        {
            await using var capture = await WireCapture.StartAsync([relay.ClientFacing.Port, peer.Port], ct);
            await WithPeerOutputAsync(
                async () =>
                {
                    // MaxMtu 1472 (usrsctp's own limit over UDP): our path MTU probes, HEARTBEAT + PAD
                    // (RFC 8899 section 6.2, RFC 4820), go to usrsctp, which must answer them.
                    var transport = new TransportConfig { HeartbeatInterval = TimeSpan.FromMilliseconds(100), MaxMtu = 1472 };
                    int clientPort;
                    await using (var connection = await ConnectAsync(relay.ClientFacing, 7, ct, transport: transport))
                    {
                        clientPort = connection.LocalEndPoint.Port;
                        Assert.True(connection.Features.HasFlag(NegotiatedFeatures.StreamReset), $"Stream reset was not negotiated: {connection.Features}.");
                        await EchoExchange.RunAsync(connection, EchoExchange.Plan([100], [0], unordered: false), ct);

                        Assert.True(
                            await Bounds.PollAsync(() => connection.Statistics.HeartbeatsSent >= 2 && connection.Statistics.SmoothedRtt is not null, TimeSpan.FromSeconds(30), ct),
                            $"No heartbeat round trips: {connection.Statistics.HeartbeatsSent} HEARTBEATs sent.");
                        Assert.True(
                            await Bounds.PollAsync(() => connection.Statistics.PathMtu == 1472, TimeSpan.FromSeconds(30), ct),
                            $"usrsctp did not confirm our path MTU probes: path MTU {connection.Statistics.PathMtu}, {connection.Statistics.MtuProbesSent} probes sent, {connection.Statistics.MtuProbesAcked} acknowledged.");
                        var packetsBefore = connection.Statistics.PacketsReceived;

                        var ended = connection.OpenStream(1);
                        await ended.WriteMessageAsync(new byte[10], new SctpMessageOptions { Ppid = new Ppid(EchoMessage.PpidBase) }, ct);
                        ended.CompleteWrites();

                        Assert.True(CommonHeader.TryRead(relay.LastFromClient, out var header));
                        relay.InjectTowardServer(Packet(header, new UnknownChunk(SkipAndReportType, 0, [9, 2, 6, 0])));

                        // The association still works both ways after the reset and the report.
                        await EchoExchange.RunAsync(connection, EchoExchange.Plan([1, 5000], [2], unordered: true), ct);
                        Assert.True(connection.Statistics.PacketsReceived > packetsBefore);
                        await connection.CloseAsync(ct);
                        AssertNothingDropped(connection, "echo_server");
                    }

                    var traffic = await capture.StopAsync(ct);
                    traffic.AssertWellFormed();
                    traffic.AssertSent("our client", [clientPort], ChunkType.Heartbeat, ChunkType.Pad, ChunkType.ReConfig, ChunkType.Shutdown);
                    traffic.AssertControlChunksFirst("our client", [clientPort]);
                    traffic.AssertSent("usrsctp echo_server", [peer.Port], ChunkType.HeartbeatAck, ChunkType.ReConfig, ChunkType.Error, ChunkType.ShutdownAck);
                },
                peer.Process);
        }
    }

    [Fact]
    public async Task OurListenersPacketsToUsrsctpClientAreWellFormed()
    {
        Peers.RequireUsrsctp("client");
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(7, ct);
        int clientPort = PeerProcess.FreeUdpPort();
        await using var capture = await WireCapture.StartAsync([listener.LocalEndPoint.Port, clientPort], ct);
        await UsrsctpClientTests.RunClientEchoAsync(listener, clientPort, ct);
        var traffic = await capture.StopAsync(ct);
        traffic.AssertWellFormed();
        traffic.AssertSent("our listener", [listener.LocalEndPoint.Port], ChunkType.InitAck, ChunkType.CookieAck, ChunkType.Data, ChunkType.Sack, ChunkType.ShutdownAck);
        traffic.AssertControlChunksFirst("our listener", [listener.LocalEndPoint.Port]);
        traffic.AssertSent("usrsctp client", [clientPort], ChunkType.Init, ChunkType.CookieEcho, ChunkType.Data, ChunkType.Shutdown, ChunkType.ShutdownComplete);
    }

    /// <summary>
    /// Our client and our server, through the relay, made to send every chunk type they can: DATA then
    /// I-DATA (interleaving agreed on a second association), SACK, HEARTBEAT and its ACK (short interval,
    /// idle pause), PAD (path MTU probes up to 1472 bytes), FORWARD-TSN and I-FORWARD-TSN (LimitedRetransmissions(0) while the relay drops),
    /// RE-CONFIG (CompleteWrites both ways), ERROR (an injected chunk of an unknown "report" type),
    /// the handshake, the graceful shutdown, and ABORT.
    /// </summary>
    [Fact]
    public async Task OurClientAndServerSendEveryChunkTypeWellFormed()
    {
        Peers.RequireTshark();
        var ct = Bounds.Timeout(300);
        var heartbeat = TimeSpan.FromMilliseconds(200);
        await using var listener = await ListenAsync(5000, ct, new TransportConfig { HeartbeatInterval = heartbeat, EnableMessageInterleaving = true, MaxMtu = 1472 });
        int serverPort = listener.LocalEndPoint.Port;
        await using var relay = new LossyRelay(listener.LocalEndPoint, seed: 4960, dropRate: 0.05, reorderRate: 0.05) { Impaired = false };
        await using var capture = await WireCapture.StartAsync([relay.ClientFacing.Port, serverPort], ct);
        var clientPorts = new List<int>();

        // Association 1: DATA, heartbeats, path MTU probes (HEARTBEAT + PAD), FORWARD-TSN, stream reset,
        // ERROR, graceful shutdown.
        await using (var client = await ConnectAsync(relay.ClientFacing, 5000, ct, transport: new TransportConfig { HeartbeatInterval = heartbeat, MaxMtu = 1472 }))
        await using (var server = await listener.AcceptConnectionAsync(ct))
        {
            clientPorts.Add(client.LocalEndPoint.Port);
            Assert.Equal(NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset, client.Features & (NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset | NegotiatedFeatures.MessageInterleaving));
            await EchoOneAsync(client, server, ct);
            Assert.True(
                await Bounds.PollAsync(() => client.Statistics.PathMtu == 1472 && server.Statistics.PathMtu == 1472, TimeSpan.FromSeconds(30), ct),
                $"The path MTU searches did not reach 1472: client {client.Statistics.PathMtu}, server {server.Statistics.PathMtu}.");

            Assert.True(
                await Bounds.PollAsync(() => client.Statistics.HeartbeatsSent > 0 && server.Statistics.HeartbeatsSent > 0, TimeSpan.FromSeconds(30), ct),
                "Both sides should send a HEARTBEAT once idle for HB.interval + RTO.");

            await AbandonUnderLossAsync(client, server, relay, ct);

            // RE-CONFIG both ways: the client ends stream 2, the server reads the end and ends its side.
            var clientEnd = client.OpenStream(2);
            await clientEnd.WriteMessageAsync("last"u8.ToArray(), cancellationToken: ct);
            clientEnd.CompleteWrites();
            var serverEnd = server.OpenStream(2);
            var buffer = new byte[16];
            Assert.Equal(4, (await serverEnd.ReadMessageAsync(buffer, ct)).BytesRead);
            Assert.True((await serverEnd.ReadMessageAsync(buffer, ct)).Completed);
            serverEnd.CompleteWrites();
            Assert.True((await clientEnd.ReadMessageAsync(buffer, ct)).Completed);

            // ERROR: a chunk of an unknown type with upper bits 11 in a packet that is otherwise the client's.
            Assert.True(CommonHeader.TryRead(relay.LastFromClient, out var header));
            relay.InjectTowardServer(Packet(header, new UnknownChunk(SkipAndReportType, 0, [1, 2, 3, 4])));
            Assert.True(
                await Bounds.PollAsync(() => server.Statistics.Dropped(DropReason.UnrecognizedChunk) > 0, TimeSpan.FromSeconds(30), ct),
                "The server never saw the injected chunk.");

            await client.CloseAsync(ct);
            await server.CloseAsync(ct);
        }

        // Association 2: I-DATA and I-FORWARD-TSN, then ABORT.
        await using (var client = await ConnectAsync(relay.ClientFacing, 5000, ct, transport: new TransportConfig { HeartbeatInterval = heartbeat, EnableMessageInterleaving = true }))
        await using (var server = await listener.AcceptConnectionAsync(ct))
        {
            clientPorts.Add(client.LocalEndPoint.Port);
            Assert.True(client.Features.HasFlag(NegotiatedFeatures.MessageInterleaving), $"I-DATA was not negotiated: {client.Features}.");
            await EchoOneAsync(client, server, ct);
            await AbandonUnderLossAsync(client, server, relay, ct);
            var serverStream = server.OpenStream(0);
            client.Abort("the wire test is done");
            var error = await Assert.ThrowsAsync<SctpException>(async () => await serverStream.ReadMessageAsync(new byte[16], ct));
            Assert.Equal(SctpError.ConnectionAborted, error.SctpError);
            Assert.Equal(AssociationErrorKind.PeerAborted, error.AssociationError?.Kind);
        }

        var traffic = await capture.StopAsync(ct);
        Log($"{traffic.Packets.Count} packets captured; the relay dropped {relay.Dropped} and reordered {relay.Reordered}");
        traffic.AssertWellFormed();
        traffic.AssertSent(
            "our client",
            [.. clientPorts],
            ChunkType.Init, ChunkType.CookieEcho, ChunkType.Data, ChunkType.IData, ChunkType.Sack, ChunkType.Heartbeat, ChunkType.HeartbeatAck, ChunkType.Pad,
            ChunkType.ForwardTsn, ChunkType.IForwardTsn, ChunkType.ReConfig, ChunkType.Shutdown, ChunkType.ShutdownComplete, ChunkType.Abort);
        traffic.AssertSent(
            "our server",
            [serverPort],
            ChunkType.InitAck, ChunkType.CookieAck, ChunkType.Data, ChunkType.IData, ChunkType.Sack, ChunkType.Heartbeat, ChunkType.HeartbeatAck, ChunkType.Pad,
            ChunkType.ForwardTsn, ChunkType.IForwardTsn, ChunkType.ReConfig, ChunkType.ShutdownAck, ChunkType.Error);
        traffic.AssertControlChunksFirst("our client", [.. clientPorts]);
        traffic.AssertControlChunksFirst("our server", [serverPort]);
    }

    /// <summary>
    /// RFC 9260 section 6.10: "When bundling control chunks with DATA chunks, an endpoint MUST place
    /// control chunks first in the outbound SCTP packet"; usrsctp aborts an association whose peer does
    /// not ("DATA chunk followed by chunk of type c0"). Our client sends messages with a 1 ms lifetime as
    /// fast as it can (many expire while queued), then LimitedRetransmissions(0) messages through the
    /// lossy relay (retransmissions are abandoned while DATA is being written): every packet either side
    /// sends, watched at the relay, must carry its FORWARD-TSN, SACK or other control chunks before DATA.
    /// </summary>
    [Fact]
    public async Task OurPacketsPutControlChunksBeforeDataWhileMessagesAreAbandoned()
    {
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(5000, ct);
        var offending = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long watched = 0;
        await using var relay = new LossyRelay(listener.LocalEndPoint, seed: 6010, dropRate: 0.05, reorderRate: 0.05)
        {
            Impaired = false,
            Tap = (fromClient, datagram) =>
            {
                Interlocked.Increment(ref watched);
                var types = ChunkOrder.TypesOf(datagram);
                if (ChunkOrder.HasControlAfterData(types))
                {
                    offending.Enqueue($"{(fromClient ? "client" : "server")}: {string.Join(',', types)}");
                }
            },
        };
        await using var client = await ConnectAsync(relay.ClientFacing, 5000, ct);
        await using var server = await listener.AcceptConnectionAsync(ct);
        var stream = client.OpenStream(0);
        var drain = Task.Run(() => DrainAsync(server.OpenStream(0), ct), ct);
        var payload = new byte[1000];
        foreach (var (reliability, impaired) in new[] { (ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(1)), false), (ReliabilityPolicy.LimitedRetransmissions(0), true) })
        {
            relay.Impaired = impaired;
            var options = new SctpMessageOptions { Reliability = reliability };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
            {
                await stream.WriteMessageAsync(payload, options, ct);
            }
        }

        relay.Impaired = false;
        await client.CloseAsync(ct);
        await drain.WaitAsync(ct);
        Log($"{Interlocked.Read(ref watched)} packets watched, {client.Statistics.MessagesAbandoned} messages abandoned, {offending.Count} packets with a control chunk after DATA");
        Assert.True(client.Statistics.MessagesAbandoned > 0, "Nothing was abandoned, so this test tested nothing.");
        Assert.True(offending.IsEmpty, $"{offending.Count} packets put a control chunk after DATA (RFC 9260 section 6.10; usrsctp aborts on it), for example: {string.Join("; ", offending.Take(10))}");
    }

    /// <summary>A 3,000-byte message (three fragments) from the client, echoed by the server.</summary>
    private static async Task EchoOneAsync(SctpConnection client, SctpConnection server, CancellationToken ct)
    {
        var message = new byte[3000];
        new SeededRandomSource(1).Fill(message);
        var stream = client.OpenStream(0);
        await stream.WriteMessageAsync(message, new SctpMessageOptions { Ppid = new Ppid(53) }, ct);
        var inbound = server.OpenStream(0);
        var buffer = new byte[4096];
        var result = await inbound.ReadMessageAsync(buffer, ct);
        Assert.Equal(message, buffer[..result.BytesRead]);
        await inbound.WriteMessageAsync(buffer.AsMemory(0, result.BytesRead), new SctpMessageOptions { Ppid = result.Ppid }, ct);
        result = await stream.ReadMessageAsync(buffer, ct);
        Assert.Equal(message, buffer[..result.BytesRead]);
    }

    /// <summary>
    /// With the relay dropping, both sides send messages under LimitedRetransmissions(0) on stream 1 until
    /// each has abandoned at least one (and so sent a FORWARD-TSN or I-FORWARD-TSN); then the path is clean again.
    /// </summary>
    private static async Task AbandonUnderLossAsync(SctpConnection client, SctpConnection server, LossyRelay relay, CancellationToken ct)
    {
        var options = new SctpMessageOptions { Reliability = ReliabilityPolicy.LimitedRetransmissions(0) };
        var payload = new byte[1000];
        var sides = new[] { client.OpenStream(1), server.OpenStream(1) };
        var drains = sides.Select(s => Task.Run(() => DrainAsync(s, ct), ct)).ToArray();
        relay.Impaired = true;
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            while (client.Statistics.MessagesAbandoned == 0 || server.Statistics.MessagesAbandoned == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"No message was abandoned under loss (client {client.Statistics.MessagesAbandoned}, server {server.Statistics.MessagesAbandoned}; relay dropped {relay.Dropped}).");
                for (int i = 0; i < 20; i++)
                {
                    foreach (var side in sides)
                    {
                        await side.WriteMessageAsync(payload, options, ct);
                    }
                }

                await Task.Delay(100, ct);
            }
        }
        finally
        {
            relay.Impaired = false;
        }

        // The drains run until the association ends; they only keep the receive windows open meanwhile.
        _ = drains;
    }

    private static async Task DrainAsync(SctpStream stream, CancellationToken ct)
    {
        var buffer = new byte[2048];
        try
        {
            while (!(await stream.ReadMessageAsync(buffer, ct)).Completed)
            {
            }
        }
        catch (Exception e) when (e is SctpException or OperationCanceledException)
        {
        }
    }

    private static byte[] Packet(CommonHeader header, Chunk chunk)
    {
        var buffer = new byte[1500];
        var writer = new PacketWriter(buffer, header);
        Assert.True(writer.TryAdd(chunk));
        return buffer[..writer.Complete()];
    }
}
