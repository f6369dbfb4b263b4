using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Sctp.Net;

/// <summary>Settings shared by listeners and client connections.</summary>
public abstract class SctpConnectionOptions
{
    /// <summary>The default UDP port of SCTP over UDP (RFC 6951 section 5).</summary>
    public const int DefaultUdpPort = 9899;

    /// <summary>The default SCTP port (the one WebRTC uses).</summary>
    public const ushort DefaultSctpPort = 5000;

    /// <summary>The protocol settings of the associations.</summary>
    public TransportConfig Transport { get; set; } = new();

    /// <summary>Logging; none by default.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The clock that drives protocol timers; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>UDP socket receive buffer size in bytes (SO_RCVBUF); 4 MiB by default where the system allows.</summary>
    public int ReceiveBufferSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>UDP socket send buffer size in bytes (SO_SNDBUF); 4 MiB by default where the system allows.</summary>
    public int SendBufferSize { get; set; } = 4 * 1024 * 1024;

    internal virtual void Validate()
    {
        ArgumentNullException.ThrowIfNull(Transport);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferSize, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(SendBufferSize, 0);
        Transport.Validate();
    }
}

/// <summary>Settings of <see cref="SctpListener.ListenAsync"/>.</summary>
public sealed class SctpListenerOptions : SctpConnectionOptions
{
    /// <summary>The UDP endpoint to bind; 127.0.0.1:9899 by default.</summary>
    public IPEndPoint ListenEndPoint { get; set; } = new(IPAddress.Loopback, DefaultUdpPort);

    /// <summary>The SCTP port to accept associations on.</summary>
    public ushort SctpPort { get; set; } = DefaultSctpPort;

    /// <summary>Associations established but not yet accepted, at most; more are aborted. Default 512.</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>Associations held at once, at most. Default 4096.</summary>
    public int MaxConnections { get; set; } = 4096;

    internal override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(ListenEndPoint);
        ArgumentOutOfRangeException.ThrowIfZero(SctpPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(Backlog, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
    }
}

/// <summary>Settings of <see cref="SctpConnection.ConnectAsync"/>.</summary>
public sealed class SctpClientOptions : SctpConnectionOptions
{
    /// <summary>The peer's UDP endpoint (its SCTP-over-UDP port).</summary>
    public IPEndPoint? RemoteEndPoint { get; set; }

    /// <summary>The peer's SCTP port.</summary>
    public ushort RemoteSctpPort { get; set; } = DefaultSctpPort;

    /// <summary>The local UDP endpoint to bind; any port on the wildcard address of the remote's family by default.</summary>
    public IPEndPoint? LocalEndPoint { get; set; }

    /// <summary>Our SCTP port; 0 picks an ephemeral one.</summary>
    public ushort LocalSctpPort { get; set; }

    /// <summary>
    /// An optional resilience pipeline around connection establishment (for example retries with back-off
    /// across whole handshakes). The protocol's own INIT retransmission stays in the core. None by default.
    /// </summary>
    public ResiliencePipeline? ConnectPipeline { get; set; }

    internal override void Validate()
    {
        base.Validate();
        if (RemoteEndPoint is null)
        {
            throw new ArgumentException("SctpClientOptions.RemoteEndPoint is required.", nameof(RemoteEndPoint));
        }

        ArgumentOutOfRangeException.ThrowIfZero(RemoteSctpPort);
    }
}
