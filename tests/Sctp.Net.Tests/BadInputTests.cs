using System.Net;
using System.Net.Sockets;
using static Sctp.Net.Tests.LoopbackTests;

namespace Sctp.Net.Tests;

public class BadInputTests
{
    [Fact]
    public async Task GarbageAndInitFloodsDoNotDisturbALiveConnection()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var random = new SeededRandomSource(9);
            var garbage = new byte[1200];
            for (int i = 0; i < 2000; i++)
            {
                random.Fill(garbage);
                attacker.SendTo(garbage.AsSpan(0, 1 + (i % garbage.Length)), listener.LocalEndPoint);
            }

            // Well-formed INITs from one address: each gets a stateless INIT ACK and no state is kept.
            var init = new byte[] { 0x13, 0x89, 0x13, 0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0x14, 0, 0, 0, 1, 0, 1, 0, 0, 0, 10, 0, 10, 0, 0, 0, 1 };
            Sctp.Packet.Crc32c.Stamp(init);
            for (int i = 0; i < 2000; i++)
            {
                attacker.SendTo(init, listener.LocalEndPoint);
            }

            var stream = client.OpenStream();
            await stream.WriteMessageAsync("still here"u8.ToArray(), cancellationToken: ct);
            var inbound = await server.AcceptStreamAsync(ct);
            var buffer = new byte[32];
            var result = await inbound.ReadMessageAsync(buffer, ct);
            Assert.Equal("still here", System.Text.Encoding.ASCII.GetString(buffer, 0, result.BytesRead));
            lock (listener.Socket.Gate)
            {
                Assert.Equal(1, listener.Socket.Endpoint.AssociationCount);
                Assert.True(listener.Socket.Endpoint.Stats.TotalDropped > 0);
            }
        }
    }

    [Fact]
    public async Task APeerThatDisappearsIsReportedAsATimeout()
    {
        var ct = Timeout();
        var transport = new TransportConfig
        {
            RtoInitial = TimeSpan.FromMilliseconds(50),
            RtoMin = TimeSpan.FromMilliseconds(50),
            RtoMax = TimeSpan.FromMilliseconds(200),
            AssociationMaxRetransmits = 3,
        };

        // A relay the test can cut, standing in for a peer whose host vanished.
        await using var listener = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), Transport = transport }, ct);
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var cut = new CancellationTokenSource();
        var forward = Task.Run(
            async () =>
            {
                var buffer = new byte[65536];
                EndPoint? clientAddress = null;
                while (!cut.IsCancellationRequested)
                {
                    var received = await relay.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cut.Token);
                    var from = (IPEndPoint)received.RemoteEndPoint;
                    if (from.Equals(listener.LocalEndPoint))
                    {
                        if (clientAddress is not null)
                        {
                            await relay.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), clientAddress, cut.Token);
                        }
                    }
                    else
                    {
                        clientAddress = from;
                        await relay.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), listener.LocalEndPoint, cut.Token);
                    }
                }
            },
            ct);

        await using var client = await SctpConnection.ConnectAsync(new SctpClientOptions { RemoteEndPoint = (IPEndPoint)relay.LocalEndPoint!, Transport = transport }, ct);
        var stream = client.OpenStream();
        await stream.WriteMessageAsync(new byte[] { 1 }, cancellationToken: ct);
        await cut.CancelAsync();

        // The relay stops either inside a receive or send (cancelled) or at its loop check (no exception):
        // what matters is that it forwards nothing more.
        try
        {
            await forward;
        }
        catch (OperationCanceledException)
        {
        }

        // Data now goes nowhere: T3 expires Association.Max.Retrans times and the association is lost.
        await stream.WriteMessageAsync(new byte[] { 2 }, cancellationToken: ct);
        var error = await Assert.ThrowsAsync<SctpException>(async () => await stream.ReadMessageAsync(new byte[8], ct));
        Assert.Equal(SctpError.ConnectionTimeout, error.SctpError);
        Assert.Equal(AssociationErrorKind.RetransmissionLimit, error.AssociationError?.Kind);
    }
}
