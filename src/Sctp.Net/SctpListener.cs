using System.Net;
using System.Threading.Channels;
using Sctp.Net.Internal;

namespace Sctp.Net;

/// <summary>
/// Accepts SCTP associations arriving over one UDP socket (SCTP over UDP, RFC 6951). One socket serves
/// many associations; each accepted one is an <see cref="SctpConnection"/>.
/// </summary>
public sealed class SctpListener : IAsyncDisposable
{
    private readonly SctpSocket _socket;

    private SctpListener(SctpSocket socket, SctpListenerOptions options)
    {
        _socket = socket;
        Options = options;
    }

    /// <summary>The bound UDP endpoint.</summary>
    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>The SCTP port this listener accepts on.</summary>
    public ushort SctpPort => Options.SctpPort;

    internal SctpListenerOptions Options { get; }

    internal SctpSocket Socket => _socket;

    /// <summary>Binds the UDP socket and starts accepting.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="SctpException">The address cannot be bound (<see cref="SctpError.AddressInUse"/>).</exception>
    public static ValueTask<SctpListener> ListenAsync(SctpListenerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(new SctpListener(SctpSocket.CreateListener(options), options));
    }

    /// <summary>Waits for the next established association.</summary>
    /// <exception cref="ObjectDisposedException">The listener was disposed.</exception>
    public async ValueTask<SctpConnection> AcceptConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _socket.AcceptQueue!.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SctpListener));
        }
    }

    /// <summary>Stops listening, aborts the associations it accepted, and closes the socket.</summary>
    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
