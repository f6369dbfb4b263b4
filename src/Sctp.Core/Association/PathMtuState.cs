namespace Sctp;

/// <summary>
/// The states of packetization layer path MTU discovery (RFC 8899 section 5.2), as
/// <see cref="AssociationStats.PathMtuState"/> reports them.
/// </summary>
/// <remarks><see href="https://www.rfc-editor.org/rfc/rfc8899#section-5.2"/></remarks>
public enum PathMtuState
{
    /// <summary>Not probing: discovery is off (<see cref="TransportConfig.MaxMtu"/> not above <see cref="TransportConfig.Mtu"/>) or the association is not established yet.</summary>
    Disabled = 0,

    /// <summary>Confirming that packets of BASE_PLPMTU (<see cref="TransportConfig.Mtu"/>) reach the peer, before searching above it.</summary>
    Base = 1,

    /// <summary>Probing ever larger sizes; each acknowledged probe raises the PLPMTU.</summary>
    Searching = 2,

    /// <summary>The search ended; the PLPMTU stays until the raise timer starts another search or a black hole is detected.</summary>
    SearchComplete = 3,

    /// <summary>Even BASE_PLPMTU probes went unanswered; packets stay at the base size and the base is probed again.</summary>
    Error = 4,
}
