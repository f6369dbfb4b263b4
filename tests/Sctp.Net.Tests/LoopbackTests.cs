using System.Net;
using System.Security.Cryptography;

namespace Sctp.Net.Tests;

public class LoopbackTests
{
    /// <summary>The test's token, cancelled after a generous bound so a hang fails instead of blocking CI.</summary>
    internal static CancellationToken Timeout(int seconds = 120)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source.Token;
    }

    internal static async Task<(SctpListener Listener, SctpConnection Client, SctpConnection Server)> ConnectPairAsync(IPAddress? address = null, TransportConfig? transport = null)
    {
        var ct = Timeout();
        address ??= IPAddress.Loopback;
        var listener = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(address, 0), Transport = transport ?? new TransportConfig() }, ct);
        var accept = listener.AcceptConnectionAsync(ct).AsTask();
        var client = await SctpConnection.ConnectAsync(new SctpClientOptions { RemoteEndPoint = listener.LocalEndPoint, Transport = transport ?? new TransportConfig() }, ct);
        var server = await accept.WaitAsync(ct);
        return (listener, client, server);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ConnectAcceptAndEchoAMessage(string address)
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync(IPAddress.Parse(address));
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            await stream.WriteMessageAsync("hello"u8.ToArray(), new SctpMessageOptions { Ppid = new Ppid(51) }, ct);
            var inbound = await server.AcceptStreamAsync(ct);
            byte[] buffer = new byte[64];
            var result = await inbound.ReadMessageAsync(buffer, ct);
            Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(buffer, 0, result.BytesRead));
            Assert.Equal(new Ppid(51), result.Ppid);
            Assert.True(result.EndOfMessage);
            Assert.Equal(stream.Id, inbound.Id);
        }
    }

    [Fact]
    public async Task CopyToAsyncMovesA100MiBStreamIntact()
    {
        var ct = Timeout(600);
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            byte[] data = new byte[100 * 1024 * 1024];
            new SeededRandomSource(3).Fill(data);
            var stream = client.OpenStream();
            var send = Task.Run(
                async () =>
                {
                    await new MemoryStream(data).CopyToAsync(stream, ct);
                    stream.CompleteWrites();
                },
                ct);
            var inbound = await server.AcceptStreamAsync(ct);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[65536];
            long total = 0;
            int read;
            while ((read = await inbound.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            await send.WaitAsync(ct);
            Assert.Equal(data.Length, total);
            Assert.Equal(SHA256.HashData(data), hash.GetHashAndReset());
        }
    }

    [Fact]
    public async Task GracefulCloseDeliversEverythingWrittenBeforeIt()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            for (int i = 0; i < 100; i++)
            {
                await stream.WriteMessageAsync(BitConverter.GetBytes(i), cancellationToken: ct);
            }

            await client.CloseAsync(ct);
            var inbound = await server.AcceptStreamAsync(ct);
            byte[] buffer = new byte[4];
            for (int i = 0; i < 100; i++)
            {
                var result = await inbound.ReadMessageAsync(buffer, ct);
                Assert.Equal(i, BitConverter.ToInt32(buffer));
            }

            var end = await inbound.ReadMessageAsync(buffer, ct);
            Assert.True(end.Completed);
        }
    }

    [Fact]
    public async Task ConnectToAClosedPortIsRefused()
    {
        var ct = Timeout();
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = (IPEndPoint)probe.LocalEndPoint!;
        probe.Dispose();

        var error = await Assert.ThrowsAsync<SctpException>(async () =>
            await SctpConnection.ConnectAsync(new SctpClientOptions { RemoteEndPoint = closed }, ct));
        Assert.Equal(SctpError.ConnectionRefused, error.SctpError);
    }

    [Fact]
    public async Task AbortIsSeenByThePeer()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            var inboundTask = server.AcceptStreamAsync(ct).AsTask();
            var stream = client.OpenStream();
            await stream.WriteMessageAsync(new byte[] { 1 }, cancellationToken: ct);
            var inbound = await inboundTask.WaitAsync(ct);
            client.Abort("bye");
            var buffer = new byte[8];
            await inbound.ReadMessageAsync(buffer, ct);
            var error = await Assert.ThrowsAsync<SctpException>(async () => await inbound.ReadMessageAsync(buffer, ct));
            Assert.Equal(SctpError.ConnectionAborted, error.SctpError);
        }
    }
}
