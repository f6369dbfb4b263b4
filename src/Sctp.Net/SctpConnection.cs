using System.Net;
using System.Threading.Channels;
using Sctp.Net.Internal;

namespace Sctp.Net;

/// <summary>
/// One SCTP association over UDP: opens and accepts streams, closes gracefully (SHUTDOWN) or aborts.
/// Created by <see cref="ConnectAsync"/> or <see cref="SctpListener.AcceptConnectionAsync"/>.
/// </summary>
public sealed class SctpConnection : IAsyncDisposable
{
    private readonly SctpSocket _socket;
    private readonly Association _association;
    private readonly bool _ownsSocket;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<ushort, SctpStream> _streams = [];
    private readonly Channel<SctpStream> _inboundStreams = Channel.CreateUnbounded<SctpStream>(new UnboundedChannelOptions { SingleWriter = true });
    private SctpException? _error;
    private bool _disposed;

    internal SctpConnection(SctpSocket socket, Association association, bool isClient)
    {
        _socket = socket;
        _association = association;
        _ownsSocket = isClient;
        if (association.State == AssociationState.Established)
        {
            _connected.TrySetResult();
        }
    }

    /// <summary>The peer's UDP endpoint.</summary>
    public IPEndPoint RemoteEndPoint => _association.Remote;

    /// <summary>Our UDP endpoint.</summary>
    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>The optional features both sides agreed on.</summary>
    public NegotiatedFeatures Features
    {
        get
        {
            lock (Gate)
            {
                return _association.Features;
            }
        }
    }

    /// <summary>Live counters and gauges of the association.</summary>
    public AssociationStats Statistics => _association.Stats;

    /// <summary>Streams we may send on.</summary>
    public ushort OutboundStreamCount => _association.OutboundStreams;

    internal object Gate => _socket.Gate;

    internal Association Association => _association;

    internal SctpSocket Socket => _socket;

    internal AsyncSignal Writable { get; } = new();

    internal bool IsTerminal => _association.IsClosed;

    /// <summary>
    /// Connects to an SCTP listener over UDP: binds a UDP socket, sends INIT, and completes once the
    /// association is established. With <see cref="SctpClientOptions.ConnectPipeline"/> the whole attempt
    /// runs inside that resilience pipeline.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="SctpException"><see cref="SctpError.ConnectionTimeout"/> when INIT or COOKIE ECHO go unanswered; <see cref="SctpError.ConnectionRefused"/> when the peer aborts or its port is unreachable.</exception>
    public static async ValueTask<SctpConnection> ConnectAsync(SctpClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ConnectPipeline is { } pipeline)
        {
            return await pipeline.ExecuteAsync(static async (o, token) => await ConnectOnceAsync(o, token).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);
        }

        return await ConnectOnceAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<SctpConnection> ConnectOnceAsync(SctpClientOptions options, CancellationToken cancellationToken)
    {
        var socket = SctpSocket.CreateClient(options);
        SctpConnection connection;
        lock (socket.Gate)
        {
            var association = socket.Endpoint.Connect(socket.Now, options.RemoteEndPoint!, new ClientConfig
            {
                RemotePort = options.RemoteSctpPort,
                LocalPort = options.LocalSctpPort,
                Transport = options.Transport,
            });
            connection = new SctpConnection(socket, association, isClient: true);
            socket.Attach(association, connection);
            socket.AfterCall(association);
        }

        try
        {
            await connection._connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens an outbound stream: the lowest stream id not yet in use.</summary>
    /// <exception cref="SctpException">Every stream id is in use, or the connection is closed.</exception>
    public SctpStream OpenStream()
    {
        lock (Gate)
        {
            ThrowIfFailed();
            for (int id = 0; id < _association.OutboundStreams; id++)
            {
                if (!_streams.ContainsKey((ushort)id))
                {
                    return CreateStream((ushort)id, publish: false);
                }
            }

            throw new SctpException(SctpError.InvalidState, $"All {_association.OutboundStreams} outbound streams are in use.");
        }
    }

    /// <summary>Opens an outbound stream: the lowest stream id not yet in use. Completes at once: SCTP streams need no handshake.</summary>
    /// <exception cref="SctpException">Every stream id is in use, or the connection is closed.</exception>
    public ValueTask<SctpStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(OpenStream());
    }

    /// <summary>Opens (or returns) the stream with id <paramref name="streamId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is beyond the negotiated stream count.</exception>
    public SctpStream OpenStream(ushort streamId)
    {
        lock (Gate)
        {
            ThrowIfFailed();
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(streamId, _association.OutboundStreams);
            return _streams.TryGetValue(streamId, out var existing) ? existing : CreateStream(streamId, publish: false);
        }
    }

    /// <summary>Waits for the peer to open a stream (by sending on it).</summary>
    public async ValueTask<SctpStream> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inboundStreams.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw e.InnerException as SctpException ?? new SctpException(SctpError.OperationAborted, "The connection is closed.");
        }
    }

    /// <summary>
    /// Closes gracefully (RFC 9260 section 9.2): everything written is delivered, then SHUTDOWN completes.
    /// </summary>
    /// <exception cref="SctpException">The association was lost before the shutdown completed.</exception>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            if (!_association.IsClosed)
            {
                _association.Shutdown(_socket.Now);
                _socket.AfterCall(_association);
            }
        }

        await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Aborts the association (RFC 9260 section 9.1): the peer gets an ABORT carrying <paramref name="reason"/>; unsent data is lost.</summary>
    public void Abort(string? reason = null)
    {
        lock (Gate)
        {
            if (!_association.IsClosed)
            {
                _association.Abort(_socket.Now, reason);
                _socket.AfterCall(_association);
            }
        }
    }

    /// <summary>Aborts the association if it is still open and releases the socket when this connection owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Abort("The connection was disposed.");
        lock (Gate)
        {
            OnSocketClosed();
        }

        if (_ownsSocket)
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Throws the connection's failure, if any. Call under the lock.</summary>
    internal void ThrowIfFailed()
    {
        if (_error is not null)
        {
            throw _error;
        }

        if (_association.IsClosed)
        {
            throw new SctpException(SctpError.OperationAborted, "The connection is closed.");
        }
    }

    /// <summary>An event of the association, under the lock.</summary>
    internal void OnEvent(AssociationEvent e)
    {
        switch (e.Kind)
        {
            case AssociationEventKind.Connected:
            case AssociationEventKind.Restarted:
                _connected.TrySetResult();
                break;
            case AssociationEventKind.StreamOpened:
                GetOrCreateInbound(e.StreamId.Value);
                break;
            case AssociationEventKind.MessagesAvailable:
                while (_association.TryReceive(out var message))
                {
                    GetOrCreateInbound(message.StreamId.Value).Enqueue(message);
                }

                break;
            case AssociationEventKind.Writable:
                Writable.Set();
                break;
            case AssociationEventKind.IncomingStreamsReset:
                foreach (var stream in e.Streams.Count == 0 ? _streams.Values.ToArray() : e.Streams.Select(s => GetOrCreateInbound(s.Value)).ToArray())
                {
                    stream.CompleteReads();
                }

                break;
            case AssociationEventKind.OutgoingStreamsReset:
                foreach (var id in e.Streams)
                {
                    if (_streams.TryGetValue(id.Value, out var stream))
                    {
                        stream.OnWritesReset();
                    }
                }

                break;
            case AssociationEventKind.Lost:
                Fail(SctpException.FromAssociationError(e.Error!));
                break;
            case AssociationEventKind.ShutdownComplete:
                _closed.TrySetResult();
                _connected.TrySetException(new SctpException(SctpError.OperationAborted, "The connection was closed before it was established."));
                foreach (var stream in _streams.Values)
                {
                    stream.CompleteReads();
                }

                _inboundStreams.Writer.TryComplete();
                Writable.Set();
                break;
        }
    }

    /// <summary>The peer's port is unreachable (ICMP); a connection still in its handshake is refused.</summary>
    internal void OnPeerUnreachable()
    {
        if (_association.State is AssociationState.CookieWait or AssociationState.CookieEchoed)
        {
            _association.Abort(_socket.Now);
            Fail(new SctpException(SctpError.ConnectionRefused, $"No SCTP endpoint answers at {RemoteEndPoint} (port unreachable)."));
        }
    }

    /// <summary>The socket closed under this connection, under the lock.</summary>
    internal void OnSocketClosed() => Fail(new SctpException(SctpError.OperationAborted, "The connection was closed."));

    private void Fail(SctpException error)
    {
        _error ??= error;
        _connected.TrySetException(_error);
        _closed.TrySetException(_error);
        _ = _closed.Task.Exception;
        _ = _connected.Task.Exception;
        foreach (var stream in _streams.Values)
        {
            stream.Fail(_error);
        }

        _inboundStreams.Writer.TryComplete(_error);
        Writable.Set();
    }

    private SctpStream GetOrCreateInbound(ushort id) =>
        _streams.TryGetValue(id, out var stream) ? stream : CreateStream(id, publish: true);

    private SctpStream CreateStream(ushort id, bool publish)
    {
        var stream = new SctpStream(this, id);
        _streams[id] = stream;
        if (publish)
        {
            _inboundStreams.Writer.TryWrite(stream);
        }

        return stream;
    }
}
