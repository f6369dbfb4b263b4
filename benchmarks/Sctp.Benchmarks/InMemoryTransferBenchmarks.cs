using System.Net;
using BenchmarkDotNet.Attributes;

namespace Sctp.Benchmarks;

/// <summary>
/// The protocol core alone: two associations joined in memory (no sockets, no latency) move messages
/// one way. Measures the core's cost per byte and per packet, and its allocations, with nothing else in
/// the way; the socket layer's own benchmarks come with Sctp.Net.
/// </summary>
[MemoryDiagnoser]
public class InMemoryTransferBenchmarks
{
    private const int TotalBytes = 16 * 1024 * 1024;
    private readonly byte[] _packet = new byte[65536];
    private readonly IPEndPoint _clientAddress = new(IPAddress.Loopback, 1);
    private readonly IPEndPoint _serverAddress = new(IPAddress.Loopback, 2);
    private byte[] _message = [];

    /// <summary>Message size in bytes.</summary>
    [Params(1200, 16 * 1024)]
    public int MessageSize { get; set; }

    /// <summary>Creates the message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = new byte[MessageSize];
        new SeededRandomSource(1).Fill(_message);
    }

    /// <summary>Connects a fresh pair and moves 16 MiB from client to server.</summary>
    [Benchmark]
    public long Transfer16MiB()
    {
        var now = TimeSpan.FromSeconds(1);
        var config = new TransportConfig { ReceiveWindow = 4 * 1024 * 1024, SendBufferSize = 4 * 1024 * 1024 };
        var clientEndpoint = new Endpoint(new EndpointConfig(), new SeededRandomSource(1), now);
        var serverEndpoint = new Endpoint(new EndpointConfig(), new SeededRandomSource(2), now, new ServerConfig { Transport = config });
        var client = clientEndpoint.Connect(now, _serverAddress, new ClientConfig { Transport = config, LocalPort = 6000 });
        Association? server = null;

        long sent = 0;
        long received = 0;
        int idle = 0;
        while (received < TotalBytes && idle < 1000)
        {
            bool progress = false;
            if (client.State == AssociationState.Established)
            {
                while (sent < TotalBytes && client.TrySend(now, new StreamId(0), _message))
                {
                    sent += _message.Length;
                }
            }

            int length;
            while ((length = client.PollTransmit(now, _packet)) > 0)
            {
                var result = serverEndpoint.Handle(now, _clientAddress, _packet.AsSpan(0, length));
                server ??= result.Association;
                progress = true;
            }

            while ((length = serverEndpoint.PollTransmit(_packet, out _)) > 0)
            {
                clientEndpoint.Handle(now, _serverAddress, _packet.AsSpan(0, length));
                progress = true;
            }

            if (server is not null)
            {
                while (server.TryReceive(out var message))
                {
                    received += message.Length;
                    server.ReturnReceived(message);
                }

                while ((length = server.PollTransmit(now, _packet)) > 0)
                {
                    clientEndpoint.Handle(now, _serverAddress, _packet.AsSpan(0, length));
                    progress = true;
                }
            }

            while (client.PollEvent(out _))
            {
            }

            while (server?.PollEvent(out _) == true)
            {
            }

            if (!progress)
            {
                // Let delayed-ack and other timers fire on the virtual clock.
                now += TimeSpan.FromMilliseconds(1);
                client.HandleTimeout(now);
                server?.HandleTimeout(now);
                idle++;
            }
            else
            {
                idle = 0;
            }
        }

        return received;
    }
}
