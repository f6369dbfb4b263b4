using System.Net;
using System.Net.Sockets;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>
/// A UDP relay on 127.0.0.1 between a client and a server that drops and reorders datagrams, with a
/// seeded generator per direction. The client sends to <see cref="ClientFacing"/>; the server sees the
/// relay's <see cref="ServerFacing"/> port as the client's. A reordered datagram is held back and sent
/// after the next one in its direction (or after 10 ms when no next one comes).
/// </summary>
internal sealed class LossyRelay : IAsyncDisposable
{
    private readonly Socket _clientSide;
    private readonly Socket _serverSide;
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Direction _toServer;
    private readonly Direction _toClient;
    private readonly Task[] _loops;
    private IPEndPoint? _client;

    /// <summary>Starts relaying to <paramref name="server"/>.</summary>
    /// <param name="server">The server's UDP endpoint.</param>
    /// <param name="seed">Seeds the drop and reorder decisions (each direction has its own generator).</param>
    /// <param name="dropRate">Fraction of datagrams dropped, each direction.</param>
    /// <param name="reorderRate">Fraction of datagrams held back behind the next one, each direction.</param>
    /// <param name="serverSidePort">The port the server sees as the client's (0: any free port). usrsctp servers given a remote encapsulation port answer only there.</param>
    public LossyRelay(IPEndPoint server, int seed, double dropRate = 0.05, double reorderRate = 0.05, int serverSidePort = 0)
    {
        _server = server;
        _clientSide = Bind(0);
        _serverSide = Bind(serverSidePort);
        _toServer = new Direction(this, _serverSide, new Random(seed), dropRate, reorderRate);
        _toClient = new Direction(this, _clientSide, new Random(seed + 1), dropRate, reorderRate);
        _loops = [Task.Run(() => RelayAsync(_clientSide, _toServer, fromClient: true)), Task.Run(() => RelayAsync(_serverSide, _toClient, fromClient: false))];
    }

    /// <summary>Where the client sends.</summary>
    public IPEndPoint ClientFacing => (IPEndPoint)_clientSide.LocalEndPoint!;

    /// <summary>Where the server's packets come from and go to.</summary>
    public IPEndPoint ServerFacing => (IPEndPoint)_serverSide.LocalEndPoint!;

    /// <summary>While false, every datagram is passed on at once; drops and reordering apply only while true. Default true.</summary>
    public bool Impaired { get; set; } = true;

    /// <summary>Datagrams dropped so far, both directions.</summary>
    public int Dropped => _toServer.Dropped + _toClient.Dropped;

    /// <summary>Datagrams reordered so far, both directions.</summary>
    public int Reordered => _toServer.Reordered + _toClient.Reordered;

    /// <summary>Datagrams passed on so far, both directions.</summary>
    public int Forwarded => _toServer.Forwarded + _toClient.Forwarded;

    /// <summary>Called with every datagram received (true: from the client), before any impairment; from the relay's receive loops.</summary>
    public Action<bool, byte[]>? Tap { get; set; }

    /// <summary>A copy of the last datagram the client sent (null before the first).</summary>
    public byte[]? LastFromClient { get; private set; }

    /// <summary>Sends <paramref name="datagram"/> to the server as if the client had sent it.</summary>
    public void InjectTowardServer(ReadOnlySpan<byte> datagram) => _serverSide.SendTo(datagram, SocketFlags.None, _server);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _clientSide.Dispose();
        _serverSide.Dispose();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private static Socket Bind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, 4 * 1024 * 1024);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private async Task RelayAsync(Socket socket, Direction direction, bool fromClient)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                continue; // ICMP for an earlier send: the other side is gone for now.
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            Tap?.Invoke(fromClient, datagram);
            if (fromClient)
            {
                _client = (IPEndPoint)received.RemoteEndPoint;
                LastFromClient = datagram;
            }

            direction.Pass(datagram);
        }
    }

    private EndPoint? DestinationOf(Direction direction) => direction == _toServer ? _server : _client;

    private sealed class Direction(LossyRelay relay, Socket socket, Random random, double dropRate, double reorderRate)
    {
        private readonly Lock _gate = new();
        private byte[]? _held;
        private int _heldVersion;

        public int Dropped { get; private set; }

        public int Reordered { get; private set; }

        public int Forwarded { get; private set; }

        public void Pass(byte[] datagram)
        {
            lock (_gate)
            {
                double roll = random.NextDouble();
                if (relay.Impaired && roll < dropRate)
                {
                    Dropped++;
                    return;
                }

                if (_held is { } held)
                {
                    // The held datagram goes out after this one: the two swap places.
                    _held = null;
                    Send(datagram);
                    Send(held);
                    return;
                }

                if (relay.Impaired && roll < dropRate + reorderRate)
                {
                    Reordered++;
                    _held = datagram;
                    int version = ++_heldVersion;
                    _ = Task.Delay(10).ContinueWith(_ => ReleaseHeld(version), TaskScheduler.Default);
                    return;
                }

                Send(datagram);
            }
        }

        private void ReleaseHeld(int version)
        {
            lock (_gate)
            {
                if (_held is { } held && version == _heldVersion)
                {
                    _held = null;
                    Send(held);
                }
            }
        }

        private void Send(byte[] datagram)
        {
            if (relay.DestinationOf(this) is not { } destination)
            {
                return;
            }

            try
            {
                socket.SendTo(datagram, SocketFlags.None, destination);
                Forwarded++;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Best effort, like the network it stands for.
            }
        }
    }
}
