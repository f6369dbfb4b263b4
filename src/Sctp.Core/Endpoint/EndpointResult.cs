namespace Sctp;

/// <summary>What <see cref="Endpoint.Handle"/> did with a datagram.</summary>
public enum EndpointResultKind
{
    /// <summary>The datagram was dropped (see <see cref="EndpointResult.DropReason"/>).</summary>
    Dropped,
    /// <summary>The datagram went to an existing association (<see cref="EndpointResult.Association"/>): poll it.</summary>
    Routed,
    /// <summary>A valid COOKIE ECHO created a new association (<see cref="EndpointResult.Association"/>): accept it and poll it.</summary>
    NewAssociation,
    /// <summary>The endpoint answered without an association (INIT ACK, ABORT, SHUTDOWN COMPLETE, stale-cookie ERROR): poll the endpoint's transmits.</summary>
    Replied,
    /// <summary>The datagram was discarded silently as the RFC requires (for example an out-of-the-blue ABORT).</summary>
    Discarded,
}

/// <summary>The outcome of <see cref="Endpoint.Handle"/>.</summary>
public readonly record struct EndpointResult(EndpointResultKind Kind, Association? Association = null, DropReason? DropReason = null)
{
    internal static EndpointResult Dropped(DropReason reason) => new(EndpointResultKind.Dropped, null, reason);

    internal static EndpointResult Routed(Association association) => new(EndpointResultKind.Routed, association);
}

/// <summary>Counters of an endpoint: what arrived without an association, and what was done with it.</summary>
public sealed class EndpointStats
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];

    /// <summary>Datagrams received.</summary>
    public long DatagramsReceived { get; internal set; }

    /// <summary>INITs answered with a stateless INIT ACK.</summary>
    public long InitsAnswered { get; internal set; }

    /// <summary>Associations created from a valid COOKIE ECHO.</summary>
    public long AssociationsAccepted { get; internal set; }

    /// <summary>Associations started by <see cref="Endpoint.Connect"/>.</summary>
    public long AssociationsConnected { get; internal set; }

    /// <summary>Replies sent without an association (INIT ACK, ABORT, SHUTDOWN COMPLETE, ERROR).</summary>
    public long StatelessReplies { get; internal set; }

    /// <summary>Stateless replies not sent because the reply queue was full.</summary>
    public long StatelessRepliesDropped { get; internal set; }

    /// <summary>Datagrams dropped by the endpoint for <paramref name="reason"/> (associations count their own).</summary>
    public long Dropped(DropReason reason) => _drops[(int)reason];

    /// <summary>Datagrams dropped by the endpoint for any reason.</summary>
    public long TotalDropped => _drops.Sum();

    internal void CountDrop(DropReason reason) => _drops[(int)reason]++;
}
