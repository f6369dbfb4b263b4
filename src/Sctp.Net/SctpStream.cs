using Sctp.Net.Internal;
using Sctp.Rx;
using Sctp.Tx;

namespace Sctp.Net;

/// <summary>
/// One SCTP stream of a connection. As a <see cref="System.IO.Stream"/> it reads the bytes of its messages
/// in order across message boundaries and sends each write as one message (split when larger than the
/// maximum message size), so it pipes with <see cref="System.IO.Stream.CopyToAsync(System.IO.Stream)"/>.
/// <see cref="ReadMessageAsync"/> and <see cref="WriteMessageAsync"/> keep message boundaries and PPIDs.
/// </summary>
public sealed partial class SctpStream
{
    private readonly SctpConnection _connection;
    private readonly Queue<ReceivedMessage> _inbound = new();
    private readonly AsyncSignal _readable = new();
    private int _offset;
    private bool _readsCompleted;
    private bool _writesCompleted;
    private SctpException? _error;

    internal SctpStream(SctpConnection connection, ushort id)
    {
        _connection = connection;
        Id = new StreamId(id);
    }

    /// <summary>The stream identifier.</summary>
    public StreamId Id { get; }

    /// <summary>The PPID of messages sent by <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>. Default 0 (unspecified).</summary>
    public Ppid DefaultPpid { get; set; }

    /// <summary>True once the peer ended this stream (reset it) or the connection closed, and everything received has been read.</summary>
    public bool ReadsCompleted
    {
        get
        {
            lock (_connection.Gate)
            {
                return _readsCompleted && _inbound.Count == 0;
            }
        }
    }

    /// <summary>True once <see cref="CompleteWrites"/> was called.</summary>
    public bool WritesCompleted => _writesCompleted;

    /// <summary>
    /// Reads one message, or as much of it as fits in <paramref name="buffer"/> (then
    /// <see cref="SctpReceiveResult.EndOfMessage"/> is false and the next call continues it).
    /// </summary>
    public async ValueTask<SctpReceiveResult> ReadMessageAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task wait;
            lock (_connection.Gate)
            {
                if (_inbound.TryPeek(out var message))
                {
                    int count = Math.Min(buffer.Length, message.Length - _offset);
                    message.Payload.Slice(_offset, count).CopyTo(buffer.Span);
                    _offset += count;
                    bool end = _offset == message.Length;
                    if (end)
                    {
                        Consume();
                    }

                    return new SctpReceiveResult(count, message.Ppid, message.Unordered, end, false);
                }

                if (_error is not null)
                {
                    throw _error;
                }

                if (_readsCompleted)
                {
                    return new SctpReceiveResult(0, default, false, true, true);
                }

                wait = _readable.WaitAsync(cancellationToken);
            }

            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> as one SCTP message, waiting while the send buffer is full.
    /// </summary>
    /// <exception cref="ArgumentException">The message is empty or larger than the maximum message size.</exception>
    /// <exception cref="SctpException">The connection failed or closed, or writes were completed.</exception>
    public async ValueTask WriteMessageAsync(ReadOnlyMemory<byte> message, SctpMessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ppid = options?.Ppid ?? DefaultPpid;
        bool unordered = options?.Unordered ?? false;
        var reliability = options?.Reliability ?? ReliabilityPolicy.Reliable;
        while (true)
        {
            Task wait;
            lock (_connection.Gate)
            {
                if (_writesCompleted)
                {
                    throw new SctpException(SctpError.InvalidState, $"Writes on stream {Id} were completed.");
                }

                _connection.ThrowIfFailed();
                bool sent;
                try
                {
                    sent = _connection.Association.TrySend(_connection.Socket.Now, Id, message.Span, ppid, unordered, reliability);
                }
                catch (InvalidOperationException e)
                {
                    throw new SctpException(SctpError.InvalidState, e.Message, e);
                }

                if (sent)
                {
                    _connection.Socket.AfterCall(_connection.Association);
                    return;
                }

                wait = _connection.Writable.WaitAsync(cancellationToken);
            }

            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends the stream for writing: once what was written has been sent, the stream is reset (RFC 6525) so
    /// the peer reads its end. Without stream reconfiguration agreed, only further writes are refused.
    /// </summary>
    public void CompleteWrites()
    {
        lock (_connection.Gate)
        {
            if (_writesCompleted)
            {
                return;
            }

            _writesCompleted = true;
            var association = _connection.Association;
            if (!association.IsClosed && association.State == AssociationState.Established && (association.Features & NegotiatedFeatures.StreamReset) != 0)
            {
                association.ResetStreams(_connection.Socket.Now, [Id]);
                _connection.Socket.AfterCall(association);
            }
        }
    }

    /// <summary>A message arrived for this stream (under the lock).</summary>
    internal void Enqueue(in ReceivedMessage message)
    {
        _inbound.Enqueue(message);
        _readable.Set();
    }

    /// <summary>The peer ended this stream, or the connection closed (under the lock).</summary>
    internal void CompleteReads()
    {
        _readsCompleted = true;
        _readable.Set();
    }

    /// <summary>Our reset of this stream completed: its sequence numbers restarted (under the lock).</summary>
    internal void OnWritesReset()
    {
    }

    /// <summary>The connection failed (under the lock): what was received stays readable, then readers see the error.</summary>
    internal void Fail(SctpException error)
    {
        _error ??= error;
        _readsCompleted = true;
        _readable.Set();
    }

    // Under the lock: the head message is read; its buffer and window space go back to the association.
    private void Consume()
    {
        var message = _inbound.Dequeue();
        _offset = 0;
        _connection.Association.ReturnReceived(message);
        _connection.Socket.AfterCall(_connection.Association);
    }
}
