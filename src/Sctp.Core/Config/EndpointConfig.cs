namespace Sctp;

/// <summary>Settings of an <see cref="Endpoint"/>, the object that owns one datagram socket's associations.</summary>
public sealed record EndpointConfig
{
    /// <summary>The most associations the endpoint holds at once; a COOKIE ECHO beyond it is refused with an ABORT (Out of Resource). Default 4096.</summary>
    public int MaxAssociations { get; init; } = 4096;

    /// <summary>How often the key that signs State Cookies changes (RFC 9260 section 5.1.3). Default 1 hour.</summary>
    public TimeSpan CookieSecretRotation { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Stateless replies (INIT ACK, ABORT, SHUTDOWN COMPLETE) queued for sending at most; more are dropped, so a flood cannot grow memory. Default 256.</summary>
    public int MaxQueuedStatelessReplies { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (MaxAssociations < 1)
        {
            throw new ArgumentException("EndpointConfig.MaxAssociations must be at least 1.", nameof(MaxAssociations));
        }

        if (CookieSecretRotation <= TimeSpan.Zero)
        {
            throw new ArgumentException("EndpointConfig.CookieSecretRotation must be positive.", nameof(CookieSecretRotation));
        }

        if (MaxQueuedStatelessReplies < 1)
        {
            throw new ArgumentException("EndpointConfig.MaxQueuedStatelessReplies must be at least 1.", nameof(MaxQueuedStatelessReplies));
        }
    }
}

/// <summary>Settings for accepting incoming associations.</summary>
public sealed record ServerConfig
{
    /// <summary>The SCTP port to accept on (INITs to other ports are out of the blue). Default 5000, the port WebRTC uses.</summary>
    public ushort LocalPort { get; init; } = 5000;

    /// <summary>The protocol settings of accepted associations.</summary>
    public TransportConfig Transport { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (LocalPort == 0)
        {
            throw new ArgumentException("ServerConfig.LocalPort must not be 0 (RFC 9260 section 3.1).", nameof(LocalPort));
        }

        ArgumentNullException.ThrowIfNull(Transport);
        Transport.Validate();
    }
}

/// <summary>Settings for one outgoing association.</summary>
public sealed record ClientConfig
{
    /// <summary>The peer's SCTP port. Default 5000.</summary>
    public ushort RemotePort { get; init; } = 5000;

    /// <summary>Our SCTP port; 0 picks one in the dynamic range (49152 to 65535) from the endpoint's random source.</summary>
    public ushort LocalPort { get; init; }

    /// <summary>The protocol settings of the association.</summary>
    public TransportConfig Transport { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (RemotePort == 0)
        {
            throw new ArgumentException("ClientConfig.RemotePort must not be 0 (RFC 9260 section 3.1).", nameof(RemotePort));
        }

        ArgumentNullException.ThrowIfNull(Transport);
        Transport.Validate();
    }
}
