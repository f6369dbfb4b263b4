using System.Net;
using Sctp.Packet;

namespace Sctp;

/// <summary>
/// One per datagram socket: feeds received datagrams to the right <see cref="Association"/>, answers
/// INITs with stateless State Cookies, creates associations when a valid COOKIE ECHO returns, and
/// answers out-of-the-blue packets as RFC 9260 section 8.4 says. Deterministic: time is passed in and
/// randomness comes from the injected <see cref="IRandomSource"/>. Not thread-safe: one caller at a time
/// drives an endpoint and its associations.
/// </summary>
/// <remarks>
/// After <see cref="Handle"/>, poll the association it names (<see cref="Association.PollTransmit"/>,
/// <see cref="Association.PollEvent"/>, <see cref="Association.PollTimeout"/>) and the endpoint's own
/// <see cref="PollTransmit"/> for stateless replies.
/// </remarks>
public sealed partial class Endpoint
{
    private const ushort DynamicPortFirst = 49152;

    private readonly Dictionary<uint, Association> _byTag = [];
    private readonly Dictionary<PeerKey, Association> _byPeer = [];
    private readonly CookieSecrets _secrets;
    private ServerConfig? _server;

    /// <summary>Creates an endpoint. It accepts incoming associations when <paramref name="server"/> is given.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public Endpoint(EndpointConfig config, IRandomSource random, TimeSpan now, ServerConfig? server = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        config.Validate();
        server?.Validate();
        Config = config;
        Random = random;
        _server = server;
        _secrets = new CookieSecrets(random, now, config.CookieSecretRotation);
    }

    /// <summary>The endpoint's settings.</summary>
    public EndpointConfig Config { get; }

    /// <summary>The settings for incoming associations; null when the endpoint does not accept any.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public ServerConfig? Server
    {
        get => _server;
        set
        {
            value?.Validate();
            _server = value;
        }
    }

    /// <summary>Counters of datagrams handled without an association.</summary>
    public EndpointStats Stats { get; } = new();

    /// <summary>The associations the endpoint holds (not yet closed).</summary>
    public IReadOnlyCollection<Association> Associations => _byPeer.Values;

    /// <summary>The number of associations the endpoint holds.</summary>
    public int AssociationCount => _byPeer.Count;

    internal IRandomSource Random { get; }

    internal CookieSecrets Secrets => _secrets;

    /// <summary>
    /// Starts an association with <paramref name="remote"/>: its INIT is ready to send at once
    /// (<see cref="Association.PollTransmit"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    /// <exception cref="InvalidOperationException">The endpoint holds its maximum number of associations, or already has one with that peer and ports.</exception>
    public Association Connect(TimeSpan now, IPEndPoint remote, ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (_byPeer.Count >= Config.MaxAssociations)
        {
            throw new InvalidOperationException($"The endpoint already holds its maximum of {Config.MaxAssociations} associations.");
        }

        ushort localPort = config.LocalPort;
        if (localPort == 0)
        {
            // An ephemeral port from the dynamic range, one not already in use with this peer.
            for (int attempt = 0; attempt < 64; attempt++)
            {
                localPort = (ushort)(DynamicPortFirst + (Random.NextUInt32() % (ushort.MaxValue - DynamicPortFirst + 1)));
                if (!_byPeer.ContainsKey(new PeerKey(remote, config.RemotePort, localPort)))
                {
                    break;
                }
            }
        }

        if (_byPeer.ContainsKey(new PeerKey(remote, config.RemotePort, localPort)))
        {
            throw new InvalidOperationException($"An association with {remote} from port {localPort} to port {config.RemotePort} already exists.");
        }

        var association = new Association(this, config.Transport, remote, localPort, config.RemotePort, NewLocalTag(), now);
        Register(association);
        association.StartConnect(now);
        Stats.AssociationsConnected++;
        return association;
    }

    /// <summary>
    /// Handles one received datagram (an SCTP packet) from <paramref name="remote"/>. Never throws on
    /// any content: malformed input is dropped and counted.
    /// </summary>
    public EndpointResult Handle(TimeSpan now, IPEndPoint remote, ReadOnlySpan<byte> datagram)
    {
        ArgumentNullException.ThrowIfNull(remote);
        Stats.DatagramsReceived++;

        // A zero checksum passes framing here and is checked against the association's agreement below
        // (RFC 9653 section 5); every other checksum must verify.
        if (!SctpPacket.TryValidate(datagram, out var header, out var error, acceptZeroChecksum: true))
        {
            return Drop(error.Kind == ParseErrorKind.BadChecksum ? DropReason.BadChecksum : DropReason.Malformed);
        }

        bool checksumVerified = header.Checksum != 0 || Crc32c.Verify(datagram);
        var firstChunk = (ChunkType)datagram[CommonHeader.Size];

        // RFC 9260 section 8.5.1, rule A: a packet under a zero tag must carry only an INIT (its bundling is
        // checked with the INIT); any other packet under a zero tag is discarded silently, and so is never
        // answered as out of the blue.
        if (header.VerificationTag.Value == 0 && firstChunk != ChunkType.Init)
        {
            return Drop(DropReason.BadVerificationTag);
        }

        if (header.VerificationTag.Value != 0
            && _byTag.TryGetValue(header.VerificationTag.Value, out var byTag)
            && byTag.RemotePort == header.SourcePort
            && byTag.LocalPort == header.DestinationPort)
        {
            if (!byTag.Remote.Equals(remote))
            {
                // Single-homed: a packet naming this association from another address is not its peer's.
                return Drop(DropReason.WrongAddress);
            }

            if (!checksumVerified && !byTag.AcceptsZeroChecksum)
            {
                return Drop(DropReason.BadChecksum);
            }

            byTag.HandlePacket(now, header, datagram);
            return EndpointResult.Routed(byTag);
        }

        if (!checksumVerified)
        {
            return Drop(DropReason.BadChecksum);
        }

        // INIT, COOKIE ECHO and packets with the T bit do not carry our tag for this association: find it
        // by the peer's address and ports and let it apply the tag rules of RFC 9260 section 8.5.1.
        if (_byPeer.TryGetValue(new PeerKey(remote, header.SourcePort, header.DestinationPort), out var byPeer))
        {
            byPeer.HandlePacket(now, header, datagram);
            return EndpointResult.Routed(byPeer);
        }

        return HandleOutOfTheBlue(now, remote, header, datagram, firstChunk);
    }

    internal VerificationTag NewLocalTag()
    {
        // RFC 9260 section 5.3.1: tags are random and non-zero; also unique among our associations here.
        while (true)
        {
            uint tag = Random.NextNonZeroUInt32();
            if (!_byTag.ContainsKey(tag))
            {
                return new VerificationTag(tag);
            }
        }
    }

    internal void OnLocalTagChanged(Association association, VerificationTag oldTag)
    {
        _byTag.Remove(oldTag.Value);
        _byTag[association.LocalTag.Value] = association;
    }

    internal void OnClosed(Association association)
    {
        if (_byTag.TryGetValue(association.LocalTag.Value, out var byTag) && ReferenceEquals(byTag, association))
        {
            _byTag.Remove(association.LocalTag.Value);
        }

        var key = new PeerKey(association.Remote, association.RemotePort, association.LocalPort);
        if (_byPeer.TryGetValue(key, out var byPeer) && ReferenceEquals(byPeer, association))
        {
            _byPeer.Remove(key);
        }
    }

    private void Register(Association association)
    {
        _byTag[association.LocalTag.Value] = association;
        _byPeer[new PeerKey(association.Remote, association.RemotePort, association.LocalPort)] = association;
    }

    private EndpointResult Drop(DropReason reason)
    {
        Stats.CountDrop(reason);
        return EndpointResult.Dropped(reason);
    }

    private readonly record struct PeerKey(IPEndPoint Address, ushort RemotePort, ushort LocalPort);
}
