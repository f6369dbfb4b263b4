using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Sctp.Net.Internal;

/// <summary>
/// One UDP socket and the <see cref="Endpoint"/> that serves it: the receive loop, the protocol timer,
/// and the one lock that guards the endpoint and every association on it.
/// </summary>
/// <remarks>
/// The threading rule (docs/ARCHITECTURE.md): all core state of a socket — its endpoint and associations —
/// is touched only while holding <see cref="Gate"/>. The receive loop takes it per datagram; application
/// calls take it for the duration of one core call; the timer callback takes it to handle expiries.
/// Packets are sent synchronously from inside the lock (a UDP send does not block), and application
/// continuations never run under it (every completion source runs continuations asynchronously).
/// </remarks>
internal sealed partial class SctpSocket : IAsyncDisposable
{
    /// <summary>
    /// The send buffer's size: above <see cref="TransportConfig.MaxPacketSize"/> (at most 65,507, the largest
    /// UDP payload), so one buffer serves every association whatever path MTU discovery finds.
    /// </summary>
    private const int MaxDatagram = 65536;

    private readonly Socket _socket;
    private readonly Endpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly ITimer _timer;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<Association, SctpConnection> _connections = [];
    private readonly Dictionary<SocketAddress, IPEndPoint> _peers = [];
    private readonly byte[] _sendBuffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
    private readonly IPEndPoint? _connectedPeer;
    private readonly bool _dontFragment;
    private Task _receiveLoop = Task.CompletedTask;
    private bool _disposed;

    private SctpSocket(Socket socket, Endpoint endpoint, SctpConnectionOptions options, IPEndPoint? connectedPeer)
    {
        _socket = socket;
        _endpoint = endpoint;
        _time = options.TimeProvider;
        _epoch = _time.GetTimestamp();
        _logger = options.LoggerFactory.CreateLogger("Sctp.Net");
        _connectedPeer = connectedPeer;
        _dontFragment = options.Transport.PathMtuDiscoveryEnabled && TrySetDontFragment(socket, true);
        _timer = _time.CreateTimer(static state => ((SctpSocket)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The lock that guards the endpoint and its associations.</summary>
    public object Gate { get; } = new();

    /// <summary>The bound local UDP endpoint.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The endpoint; touch only under <see cref="Gate"/>.</summary>
    public Endpoint Endpoint => _endpoint;

    /// <summary>Accepted connections waiting for <see cref="SctpListener.AcceptConnectionAsync"/> (listeners only).</summary>
    public Channel<SctpConnection>? AcceptQueue { get; private set; }

    /// <summary>The protocol clock: time since this socket was created.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_epoch);

    /// <summary>Binds a socket that accepts associations.</summary>
    public static SctpSocket CreateListener(SctpListenerOptions options)
    {
        var socket = CreateSocket(options.ListenEndPoint, options);
        var endpoint = new Endpoint(
            new EndpointConfig { MaxAssociations = options.MaxConnections },
            CryptoRandomSource.Instance,
            TimeSpan.Zero,
            new ServerConfig { LocalPort = options.SctpPort, Transport = options.Transport });
        var result = new SctpSocket(socket, endpoint, options, null)
        {
            AcceptQueue = Channel.CreateBounded<SctpConnection>(new BoundedChannelOptions(options.Backlog)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleWriter = true,
            }),
        };
        result.Start();
        return result;
    }

    /// <summary>Binds a socket for one outgoing association and connects it to the peer's UDP endpoint.</summary>
    public static SctpSocket CreateClient(SctpClientOptions options)
    {
        var remote = options.RemoteEndPoint!;
        var local = options.LocalEndPoint ?? new IPEndPoint(remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var socket = CreateSocket(local, options);

        // A connected UDP socket sends faster and receives ICMP port-unreachable as ConnectionRefused,
        // which turns a connect to a closed port into a fast, clear failure.
        socket.Connect(remote);
        var endpoint = new Endpoint(new EndpointConfig { MaxAssociations = 1 }, CryptoRandomSource.Instance, TimeSpan.Zero);
        var result = new SctpSocket(socket, endpoint, options, remote);
        result.Start();
        return result;
    }

    private static Socket CreateSocket(IPEndPoint local, SctpConnectionOptions options)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (local.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = local.Address.Equals(IPAddress.IPv6Any);
            }

            TrySetBuffer(socket, SocketOptionName.ReceiveBuffer, options.ReceiveBufferSize);
            TrySetBuffer(socket, SocketOptionName.SendBuffer, options.SendBufferSize);
            socket.Bind(local);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw SctpException.FromSocketError(e);
        }
    }

    private static void TrySetBuffer(Socket socket, SocketOptionName option, int size)
    {
        if (size <= 0)
        {
            return;
        }

        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, option, size);
        }
        catch (SocketException)
        {
            // The system caps buffer sizes (net.core.rmem_max); its own maximum then applies.
        }
    }

    private void Start() => _receiveLoop = Task.Run(ReceiveLoopAsync);

    /// <summary>Registers the connection object of an association.</summary>
    public void Attach(Association association, SctpConnection connection)
    {
        _connections[association] = connection;
        SctpMetrics.AssociationsOpened.Add(1);
    }

    /// <summary>The receive loop, for tests that check nothing keeps running after dispose.</summary>
    internal Task ReceiveLoop => _receiveLoop;

    /// <summary>Forgets a closed association's connection object.</summary>
    public void Detach(Association association) => _connections.Remove(association);

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, address, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                // ICMP port unreachable for an earlier send: no SCTP stack listens there.
                lock (Gate)
                {
                    foreach (var connection in _connections.Values)
                    {
                        connection.OnPeerUnreachable();
                    }
                }

                continue;
            }
            catch (SocketException e)
            {
                LogReceiveError(e.SocketErrorCode);
                continue;
            }

            try
            {
                lock (Gate)
                {
                    HandleDatagram(address, buffer.AsSpan(0, length));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad datagram or one association's failure must not stop the loop for the others.
                LogHandleError(e);
            }
        }
    }

    private void HandleDatagram(SocketAddress address, ReadOnlySpan<byte> datagram)
    {
        SctpMetrics.PacketsReceived.Add(1);
        SctpMetrics.BytesReceived.Add(datagram.Length);
        var remote = ResolvePeer(address);
        var now = Now;
        var result = _endpoint.Handle(now, remote, datagram);
        if (result.Kind == EndpointResultKind.NewAssociation && result.Association is { } accepted)
        {
            var connection = new SctpConnection(this, accepted, isClient: false);
            Attach(accepted, connection);
            if (AcceptQueue is null || !AcceptQueue.Writer.TryWrite(connection))
            {
                // The backlog is full: refuse rather than hold an association nobody will accept.
                accepted.Abort(now, "The listener's backlog is full.");
            }
        }
        else if (result.DropReason is { } reason && result.Kind != EndpointResultKind.Routed)
        {
            SctpMetrics.Dropped(reason);
            LogDropped(reason);
        }

        if (result.Association is { } association)
        {
            Pump(association);
        }

        FlushEndpoint();
        Reschedule();
    }

    private IPEndPoint ResolvePeer(SocketAddress address)
    {
        if (_connectedPeer is not null)
        {
            return _connectedPeer;
        }

        if (!_peers.TryGetValue(address, out var peer))
        {
            // A flood of spoofed sources must not grow this cache without bound.
            if (_peers.Count >= 65536)
            {
                _peers.Clear();
            }

            var template = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
            peer = (IPEndPoint)template.Create(address);
            var key = new SocketAddress(address.Family, address.Size);
            address.Buffer.Span[..address.Size].CopyTo(key.Buffer.Span);
            _peers[key] = peer;
        }

        return peer;
    }

    /// <summary>Sends what the association has to send and dispatches its events. Call under <see cref="Gate"/>.</summary>
    public void Pump(Association association)
    {
        var now = Now;
        int length;
        while ((length = association.PollTransmit(now, _sendBuffer)) > 0)
        {
            Send(association.Remote, _sendBuffer.AsSpan(0, length), association.LastPacketMayFragment);
        }

        if (_connections.TryGetValue(association, out var connection))
        {
            while (association.PollEvent(out var e))
            {
                connection.OnEvent(e);
            }

            // Handling events (reading messages, opening streams) may have produced more to send.
            while ((length = association.PollTransmit(now, _sendBuffer)) > 0)
            {
                Send(association.Remote, _sendBuffer.AsSpan(0, length), association.LastPacketMayFragment);
            }
        }

        if (association.IsClosed && connection is not null && connection.IsTerminal)
        {
            Detach(association);
            SctpMetrics.AssociationsClosed.Add(1);
            SctpMetrics.Retransmissions.Add(association.Stats.Retransmissions);
        }
    }

    /// <summary>Pumps an association after an application call and re-arms the timer. Call under <see cref="Gate"/>.</summary>
    public void AfterCall(Association association)
    {
        Pump(association);
        Reschedule();
    }

    private void FlushEndpoint()
    {
        int length;
        while ((length = _endpoint.PollTransmit(_sendBuffer, out var destination)) > 0)
        {
            Send(destination!, _sendBuffer.AsSpan(0, length));
        }
    }

    /// <summary>
    /// Sends one packet. With path MTU discovery on, the socket sets the Don't Fragment bit, so that a probe
    /// too large for the path is lost instead of fragmented (RFC 8899 section 3); a packet the association
    /// allows to fragment (<see cref="Association.LastPacketMayFragment"/>, RFC 9260 section 7.3) goes out
    /// without it.
    /// </summary>
    private void Send(IPEndPoint destination, ReadOnlySpan<byte> packet, bool mayFragment = false)
    {
        SctpMetrics.PacketsSent.Add(1);
        SctpMetrics.BytesSent.Add(packet.Length);
        bool clearDontFragment = mayFragment && _dontFragment && TrySetDontFragment(_socket, false);
        try
        {
            if (_connectedPeer is not null)
            {
                _socket.Send(packet, SocketFlags.None);
            }
            else
            {
                _socket.SendTo(packet, SocketFlags.None, destination);
            }
        }
        catch (SocketException e)
        {
            // UDP is best effort: a failed send is a lost packet, which the protocol recovers from.
            LogSendError(e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (clearDontFragment)
            {
                TrySetDontFragment(_socket, true);
            }
        }
    }

    /// <summary>Sets or clears the IP Don't Fragment bit of the socket's datagrams; false where the platform does not allow it.</summary>
    private static bool TrySetDontFragment(Socket socket, bool value)
    {
        try
        {
            socket.DontFragment = value;
            return true;
        }
        catch (Exception e) when (e is SocketException or NotSupportedException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void OnTimer()
    {
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = Now;
            foreach (var association in _connections.Keys.ToArray())
            {
                if (association.PollTimeout() is { } deadline && deadline <= now)
                {
                    association.HandleTimeout(now);
                }

                Pump(association);
            }

            Reschedule();
        }
    }

    /// <summary>Re-arms the timer for the earliest deadline of any association. Call under <see cref="Gate"/>.</summary>
    public void Reschedule()
    {
        if (_disposed)
        {
            return;
        }

        TimeSpan? earliest = null;
        foreach (var association in _connections.Keys)
        {
            if (association.PollTimeout() is { } deadline && (earliest is null || deadline < earliest))
            {
                earliest = deadline;
            }
        }

        var due = earliest is { } at ? at - Now : Timeout.InfiniteTimeSpan;
        if (earliest is not null && due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the loop and the timer and closes the socket; associations still open are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var (association, connection) in _connections.ToArray())
            {
                if (!association.IsClosed)
                {
                    association.Abort(Now, "The socket was closed.");
                    Pump(association);
                }

                connection.OnSocketClosed();
            }

            _disposed = true;
        }

        AcceptQueue?.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _timer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Dropped a datagram: {Reason}")]
    private partial void LogDropped(DropReason reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "UDP receive failed: {Error}")]
    private partial void LogReceiveError(SocketError error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "UDP send failed: {Error}")]
    private partial void LogSendError(SocketError error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Handling a datagram failed")]
    private partial void LogHandleError(Exception exception);
}
