namespace Sctp;

/// <summary>The states of an association (RFC 9260 section 4).</summary>
public enum AssociationState
{
    /// <summary>No association: not yet started, or ended (by SHUTDOWN COMPLETE, ABORT or failure).</summary>
    Closed,
    /// <summary>INIT sent, waiting for INIT ACK (T1-init running).</summary>
    CookieWait,
    /// <summary>COOKIE ECHO sent, waiting for COOKIE ACK (T1-cookie running).</summary>
    CookieEchoed,
    /// <summary>The association is up: data flows both ways.</summary>
    Established,
    /// <summary>The application asked to shut down; outstanding data drains before SHUTDOWN is sent.</summary>
    ShutdownPending,
    /// <summary>SHUTDOWN sent, waiting for SHUTDOWN ACK (T2-shutdown running).</summary>
    ShutdownSent,
    /// <summary>The peer sent SHUTDOWN; our outstanding data drains before SHUTDOWN ACK is sent.</summary>
    ShutdownReceived,
    /// <summary>SHUTDOWN ACK sent, waiting for SHUTDOWN COMPLETE (T2-shutdown running).</summary>
    ShutdownAckSent,
}
