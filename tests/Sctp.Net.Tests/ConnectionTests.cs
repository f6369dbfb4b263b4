using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using static Sctp.Net.Tests.LoopbackTests;

namespace Sctp.Net.Tests;

public class ConnectionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1200)]
    [InlineData(65536)]
    [InlineData(256 * 1024)]
    [InlineData(1024 * 1024)]
    public async Task EchoesMessagesOfManySizes(int size)
    {
        var ct = Timeout();
        var transport = new TransportConfig { MaxMessageSize = 1024 * 1024, ReceiveWindow = 2 * 1024 * 1024, SendBufferSize = 2 * 1024 * 1024 };
        var (listener, client, server) = await ConnectPairAsync(transport: transport);
        await using (listener)
        await using (client)
        await using (server)
        {
            var echo = Task.Run(
                async () =>
                {
                    var inbound = await server.AcceptStreamAsync(ct);
                    var buffer = new byte[size];
                    int total = 0;
                    SctpReceiveResult result;
                    do
                    {
                        result = await inbound.ReadMessageAsync(buffer.AsMemory(total), ct);
                        total += result.BytesRead;
                    }
                    while (!result.EndOfMessage);
                    await inbound.WriteMessageAsync(buffer.AsMemory(0, total), new SctpMessageOptions { Ppid = result.Ppid }, ct);
                },
                ct);

            byte[] message = RandomNumberGenerator.GetBytes(size);
            var stream = client.OpenStream();
            await stream.WriteMessageAsync(message, new SctpMessageOptions { Ppid = new Ppid(7) }, ct);
            byte[] back = new byte[size];
            int read = 0;
            SctpReceiveResult last;
            do
            {
                last = await stream.ReadMessageAsync(back.AsMemory(read), ct);
                read += last.BytesRead;
            }
            while (!last.EndOfMessage);
            await echo;
            Assert.Equal(new Ppid(7), last.Ppid);
            Assert.Equal(message, back);
        }
    }

    [Fact]
    public async Task HundredConcurrentConnectionsEachMoveOneMegabyte()
    {
        var ct = Timeout(300);
        await using var listener = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, ct);
        const int Connections = 100;
        const int Bytes = 1024 * 1024;
        var serverSide = Task.Run(
            async () =>
            {
                var sessions = new List<Task<byte[]>>();
                for (int i = 0; i < Connections; i++)
                {
                    var connection = await listener.AcceptConnectionAsync(ct);
                    sessions.Add(Task.Run(
                        async () =>
                        {
                            await using (connection)
                            {
                                var stream = await connection.AcceptStreamAsync(ct);
                                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                                var buffer = new byte[65536];
                                int read;
                                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                                {
                                    hash.AppendData(buffer, 0, read);
                                }

                                await connection.CloseAsync(ct);
                                return hash.GetHashAndReset();
                            }
                        },
                        ct));
                }

                return await Task.WhenAll(sessions);
            },
            ct);

        var data = new byte[Connections][];
        var clients = Enumerable.Range(0, Connections).Select(i => Task.Run(
            async () =>
            {
                data[i] = RandomNumberGenerator.GetBytes(Bytes);
                await using var connection = await SctpConnection.ConnectAsync(new SctpClientOptions { RemoteEndPoint = listener.LocalEndPoint }, ct);
                var stream = connection.OpenStream();
                await stream.WriteAsync(data[i], ct);
                stream.CompleteWrites();
                await connection.CloseAsync(ct);
            },
            ct)).ToArray();
        await Task.WhenAll(clients);
        var hashes = await serverSide;
        var expected = data.Select(SHA256.HashData).Select(Convert.ToHexString).OrderBy(h => h).ToArray();
        Assert.Equal(expected, hashes.Select(Convert.ToHexString).OrderBy(h => h).ToArray());
    }

    [Fact]
    public async Task SlowReaderHoldsTheWriterBackWithoutLoss()
    {
        var ct = Timeout();
        var transport = new TransportConfig { ReceiveWindow = 64 * 1024, SendBufferSize = 64 * 1024, MaxMessageSize = 16 * 1024 };
        var (listener, client, server) = await ConnectPairAsync(transport: transport);
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            var writer = Task.Run(
                async () =>
                {
                    for (int i = 0; i < 200; i++)
                    {
                        await stream.WriteMessageAsync(new byte[4096].Select(_ => (byte)i).ToArray(), cancellationToken: ct);
                    }
                },
                ct);

            // Nobody reads yet: the writer must stall once the windows and buffers are full.
            await Task.Delay(500, ct);
            Assert.False(writer.IsCompleted);
            Assert.True(client.Statistics.PeerReceiveWindow < 64 * 1024);

            var inbound = await server.AcceptStreamAsync(ct);
            var buffer = new byte[4096];
            for (int i = 0; i < 200; i++)
            {
                var result = await inbound.ReadMessageAsync(buffer, ct);
                Assert.Equal(4096, result.BytesRead);
                Assert.All(buffer, b => Assert.Equal((byte)i, b));
            }

            await writer;
        }
    }

    [Fact]
    public async Task PendingReadIsCancelled()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            using var cancel = new CancellationTokenSource();
            var read = stream.ReadAsync(new byte[10], cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

            // The stream still works afterwards.
            await stream.WriteMessageAsync(new byte[] { 1 }, cancellationToken: ct);
        }
    }

    [Fact]
    public async Task PendingAcceptIsCancelled()
    {
        var ct = Timeout();
        await using var listener = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, ct);
        using var cancel = new CancellationTokenSource();
        var accept = listener.AcceptConnectionAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept);
    }

    [Fact]
    public async Task PendingWriteIsCancelledWhenTheBufferIsFull()
    {
        var ct = Timeout();
        var transport = new TransportConfig { ReceiveWindow = 16 * 1024, SendBufferSize = 16 * 1024, MaxMessageSize = 8 * 1024 };
        var (listener, client, server) = await ConnectPairAsync(transport: transport);
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            using var cancel = new CancellationTokenSource();
            var writes = Task.Run(
                async () =>
                {
                    while (true)
                    {
                        await stream.WriteMessageAsync(new byte[8 * 1024], cancellationToken: cancel.Token);
                    }
                },
                ct);
            await Task.Delay(300, ct);
            Assert.False(writes.IsCompleted);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writes);
        }
    }

    [Fact]
    public async Task ConnectIsCancelled()
    {
        var ct = Timeout();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await SctpConnection.ConnectAsync(new SctpClientOptions { RemoteEndPoint = (IPEndPoint)silent.LocalEndPoint! }, cancel.Token));
        Assert.False(ct.IsCancellationRequested);
    }

    [Fact]
    public async Task ConnectToASilentPeerTimesOut()
    {
        var ct = Timeout();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var options = new SctpClientOptions
        {
            RemoteEndPoint = (IPEndPoint)silent.LocalEndPoint!,
            Transport = new TransportConfig { RtoInitial = TimeSpan.FromMilliseconds(100), RtoMin = TimeSpan.FromMilliseconds(100), MaxInitRetransmits = 2 },
        };
        var error = await Assert.ThrowsAsync<SctpException>(async () => await SctpConnection.ConnectAsync(options, ct));
        Assert.Equal(SctpError.ConnectionTimeout, error.SctpError);
    }

    [Fact]
    public async Task WriteAfterCloseFailsClearly()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            var stream = client.OpenStream();
            await client.CloseAsync(ct);
            var error = await Assert.ThrowsAsync<SctpException>(async () => await stream.WriteMessageAsync(new byte[] { 1 }, cancellationToken: ct));
            Assert.Equal(SctpError.OperationAborted, error.SctpError);
        }
    }

    [Fact]
    public async Task DisposedListenerStopsAccepting()
    {
        var ct = Timeout();
        var listener = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, ct);
        var accept = listener.AcceptConnectionAsync(ct).AsTask();
        await listener.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => accept);
    }

    [Fact]
    public async Task BindingAnAddressInUseFails()
    {
        var ct = Timeout();
        await using var first = await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, ct);
        var error = await Assert.ThrowsAsync<SctpException>(async () =>
            await SctpListener.ListenAsync(new SctpListenerOptions { ListenEndPoint = first.LocalEndPoint }, ct));
        Assert.Equal(SctpError.AddressInUse, error.SctpError);
    }

    [Fact]
    public async Task InvalidOptionsAreRejectedAtTheEntryPoint()
    {
        var ct = Timeout();
        await Assert.ThrowsAsync<ArgumentException>(async () => await SctpConnection.ConnectAsync(new SctpClientOptions(), ct));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await SctpListener.ListenAsync(new SctpListenerOptions { Transport = new TransportConfig { Mtu = 10 } }, ct));
    }
}
