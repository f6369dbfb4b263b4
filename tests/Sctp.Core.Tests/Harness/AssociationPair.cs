using System.Net;
using Sctp.Packet;

namespace Sctp.Tests.Harness;

/// <summary>Which side of the pair a packet came from.</summary>
public enum Side
{
    /// <summary>The endpoint that connects.</summary>
    Client,
    /// <summary>The endpoint that accepts.</summary>
    Server,
}

/// <summary>What a test hook does with a packet in flight.</summary>
public enum PacketFate
{
    /// <summary>Deliver it after the link latency.</summary>
    Deliver,
    /// <summary>Lose it.</summary>
    Drop,
    /// <summary>Deliver it twice.</summary>
    Duplicate,
}

/// <summary>A packet that crossed (or tried to cross) the simulated link.</summary>
/// <param name="From">The sender.</param>
/// <param name="Time">When it was sent.</param>
/// <param name="Bytes">The SCTP packet.</param>
/// <param name="Dropped">Whether the link lost it.</param>
public sealed record CapturedPacket(Side From, TimeSpan Time, byte[] Bytes, bool Dropped)
{
    /// <summary>The chunk types of the packet, in order.</summary>
    public IReadOnlyList<ChunkType> ChunkTypes
    {
        get
        {
            var types = new List<ChunkType>();
            var reader = SctpPacket.GetChunks(Bytes);
            while (reader.TryReadNext(out var chunk, out _))
            {
                types.Add(chunk.Type);
            }

            return types;
        }
    }

    /// <summary>The verification tag in the common header.</summary>
    public VerificationTag Tag => new(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(4)));

    /// <inheritdoc/>
    public override string ToString() => $"{Time.TotalMilliseconds,8:F1} ms {From} [{string.Join(", ", ChunkTypes)}]{(Dropped ? " (dropped)" : string.Empty)}";
}

/// <summary>
/// Two endpoints joined by a simulated link on a virtual clock (in the spirit of quinn-proto's Pair and
/// dcSCTP's socket tests). <see cref="Step"/> delivers what is due, or jumps the clock to the next packet
/// arrival or timer; nothing sleeps. The link has a one-way latency, seeded random loss (the seed is in
/// <see cref="Describe"/> for failure messages), and hooks to drop, duplicate, corrupt or rewrite packets.
/// Every packet is recorded in <see cref="Log"/>.
/// </summary>
public sealed class AssociationPair
{
    private readonly PriorityQueue<InFlight, (TimeSpan, long)> _link = new();
    private readonly SeededRandomSource _linkRandom;
    private readonly byte[] _buffer = new byte[65536];
    private long _sequence;

    /// <summary>Creates a pair; nothing is connected until <see cref="Connect"/>.</summary>
    /// <remarks>
    /// <paramref name="clientRandom"/> and <paramref name="serverRandom"/> replace the endpoints' seeded
    /// sources, for tests that must choose tags or initial TSNs.
    /// </remarks>
    public AssociationPair(ulong seed = 1, TransportConfig? client = null, TransportConfig? server = null, EndpointConfig? endpoint = null, IRandomSource? clientRandom = null, IRandomSource? serverRandom = null)
    {
        Seed = seed;
        _linkRandom = new SeededRandomSource(seed ^ 0x5EED_0F_11_4Bu);
        ClientTransport = client ?? new TransportConfig();
        ServerTransport = server ?? new TransportConfig();
        ClientEndpoint = new Endpoint(endpoint ?? new EndpointConfig(), clientRandom ?? new SeededRandomSource(seed * 2 + 1), Now);
        ServerEndpoint = new Endpoint(endpoint ?? new EndpointConfig(), serverRandom ?? new SeededRandomSource(seed * 2 + 2), Now, new ServerConfig { LocalPort = ServerPort, Transport = ServerTransport });
    }

    /// <summary>The SCTP port the server listens on.</summary>
    public const ushort ServerPort = 5000;

    /// <summary>The SCTP port the client connects from.</summary>
    public const ushort ClientPort = 6000;

    /// <summary>The seed of every random source in the pair.</summary>
    public ulong Seed { get; }

    /// <summary>The virtual clock.</summary>
    public TimeSpan Now { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>One-way latency of the link.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Probability that the link loses a packet, drawn from the seeded source.</summary>
    public double LossRate { get; set; }

    /// <summary>A hook that decides each packet's fate (before random loss); it may also change the bytes.</summary>
    public Func<Side, byte[], PacketFate>? Intercept { get; set; }

    /// <summary>
    /// A hook that replaces a packet in flight (it may change its length, which <see cref="Intercept"/>
    /// cannot); it runs first, and <see cref="Log"/> records what it returns.
    /// </summary>
    public Func<Side, byte[], byte[]>? Rewrite { get; set; }

    /// <summary>
    /// Whether the receiving side is polled after every datagram it handles, as the core asks ("after any
    /// call that changes state, call PollTransmit"); true by default. When false, packets arriving together
    /// are all handled before either side sends, so the receiver answers a burst with one SACK (a
    /// stretch acknowledgement), as a driver reading datagrams in batches would.
    /// </summary>
    public bool PollAfterEachDatagram { get; set; } = true;

    /// <summary>Called after each datagram was handled by its receiver (before the receiver answers), with the side that sent it.</summary>
    public Action<Side, byte[]>? Delivered { get; set; }

    /// <summary>A hook that adds latency to a packet (beyond <see cref="Latency"/>), so that packets can overtake each other.</summary>
    public Func<Side, byte[], TimeSpan>? ExtraDelay { get; set; }

    /// <summary>The client's transport settings.</summary>
    public TransportConfig ClientTransport { get; }

    /// <summary>The server's transport settings.</summary>
    public TransportConfig ServerTransport { get; }

    /// <summary>The connecting endpoint (replaced by <see cref="RestartClient"/>).</summary>
    public Endpoint ClientEndpoint { get; private set; }

    /// <summary>The accepting endpoint.</summary>
    public Endpoint ServerEndpoint { get; }

    /// <summary>The client's address.</summary>
    public IPEndPoint ClientAddress { get; } = new(IPAddress.Parse("192.0.2.1"), 9899);

    /// <summary>The server's address.</summary>
    public IPEndPoint ServerAddress { get; } = new(IPAddress.Parse("192.0.2.2"), 9899);

    /// <summary>The client's association, once connecting.</summary>
    public Association? Client { get; private set; }

    /// <summary>The server's association, once a COOKIE ECHO created it.</summary>
    public Association? Server { get; private set; }

    /// <summary>Events the client's association reported, in order.</summary>
    public List<AssociationEvent> ClientEvents { get; } = [];

    /// <summary>Events the server's association reported, in order.</summary>
    public List<AssociationEvent> ServerEvents { get; } = [];

    /// <summary>Every packet sent, in order.</summary>
    public List<CapturedPacket> Log { get; } = [];

    /// <summary>Starts the client's association (its INIT is queued).</summary>
    public Association StartConnect(ClientConfig? config = null)
    {
        Client = ClientEndpoint.Connect(Now, ServerAddress, config ?? new ClientConfig { RemotePort = ServerPort, LocalPort = ClientPort, Transport = ClientTransport });
        return Client;
    }

    /// <summary>
    /// Makes the server endpoint connect to the client too, from <see cref="ServerPort"/> to
    /// <see cref="ClientPort"/>: with <see cref="StartConnect"/>, both sides send INIT (an initialization
    /// collision, RFC 9260 section 5.2.1). The server's INIT reaches the client's association, not the
    /// client endpoint's accept path.
    /// </summary>
    public Association StartServerConnect()
    {
        Server = ServerEndpoint.Connect(Now, ClientAddress, new ClientConfig { RemotePort = ClientPort, LocalPort = ServerPort, Transport = ServerTransport });
        return Server;
    }

    /// <summary>
    /// Simulates a crash and restart of the client: its endpoint and association are forgotten without a
    /// word to the server, and a fresh endpoint (seeded from <paramref name="seed"/>) takes their place.
    /// Packets in flight to the client reach the new endpoint. Call <see cref="StartConnect"/> to connect
    /// again (RFC 9260 section 5.2.4, action A).
    /// </summary>
    public void RestartClient(ulong seed)
    {
        ClientEndpoint = new Endpoint(ClientEndpoint.Config, new SeededRandomSource(seed), Now);
        Client = null;
    }

    /// <summary>Connects and drives until both sides are established; fails the test if they are not within 10 virtual seconds.</summary>
    public void Connect(ClientConfig? config = null)
    {
        StartConnect(config);
        Assert.True(
            DriveUntil(() => Client!.State == AssociationState.Established && Server?.State == AssociationState.Established, TimeSpan.FromSeconds(10)),
            $"The handshake did not complete. {Describe()}");
    }

    /// <summary>
    /// One step: send everything pending; deliver every packet due now; if nothing was due, jump the clock
    /// to the next arrival or timer and handle it. Returns false when nothing at all is left to happen.
    /// </summary>
    public bool Step()
    {
        FlushAll();
        if (DeliverDue())
        {
            return true;
        }

        var next = NextEventTime();
        if (next is null)
        {
            return false;
        }

        if (next > Now)
        {
            Now = next.Value;
        }

        foreach (var association in Associations())
        {
            if (association.PollTimeout() is { } timeout && timeout <= Now)
            {
                association.HandleTimeout(Now);
            }
        }

        DeliverDue();
        FlushAll();
        return true;
    }

    /// <summary>Steps until <paramref name="condition"/> holds; false if <paramref name="limit"/> of virtual time passed first.</summary>
    public bool DriveUntil(Func<bool> condition, TimeSpan limit)
    {
        var end = Now + limit;
        while (!condition())
        {
            if (Now > end || !Step())
            {
                return condition();
            }
        }

        return true;
    }

    /// <summary>
    /// Steps through everything due up to exactly <paramref name="duration"/> from now and leaves the clock
    /// there (where <see cref="Drive"/> may jump past the end to the next event): for tests in which the
    /// application acts at set times.
    /// </summary>
    public void DriveExactly(TimeSpan duration)
    {
        var end = Now + duration;
        while (true)
        {
            FlushAll();
            if (DeliverDue())
            {
                continue;
            }

            if (NextEventTime() is not { } next || next > end)
            {
                Now = end;
                DeliverDue();
                FlushAll();
                return;
            }

            Step();
        }
    }

    /// <summary>Steps for <paramref name="duration"/> of virtual time (or until nothing is left to happen).</summary>
    public void Drive(TimeSpan duration)
    {
        var end = Now + duration;
        while (Now < end && Step())
        {
        }
    }

    /// <summary>Moves the clock forward without delivering anything.</summary>
    public void Advance(TimeSpan duration) => Now += duration;

    /// <summary>Takes every complete message the association holds, returning the buffers.</summary>
    public static List<(StreamId Stream, Ppid Ppid, bool Unordered, byte[] Payload)> ReceiveAll(Association association)
    {
        var messages = new List<(StreamId, Ppid, bool, byte[])>();
        while (association.TryReceive(out var message))
        {
            messages.Add((message.StreamId, message.Ppid, message.Unordered, message.Payload.ToArray()));
            association.ReturnReceived(message);
        }

        return messages;
    }

    /// <summary>Injects a datagram as if <paramref name="from"/> had sent it, delivered at once.</summary>
    public EndpointResult Inject(Side from, byte[] datagram)
    {
        var result = from == Side.Client
            ? ServerEndpoint.Handle(Now, ClientAddress, datagram)
            : ClientEndpoint.Handle(Now, ServerAddress, datagram);
        Adopt(result);
        DrainEvents();
        return result;
    }

    /// <summary>Sends what is pending on both sides without delivering it.</summary>
    public void FlushAll()
    {
        Flush(ClientEndpoint, Client, Side.Client);
        Flush(ServerEndpoint, Server, Side.Server);
        DrainEvents();
    }

    /// <summary>The packets sent by <paramref name="side"/> carrying a chunk of <paramref name="type"/>.</summary>
    public IEnumerable<CapturedPacket> Sent(Side side, ChunkType type) => Log.Where(p => p.From == side && p.ChunkTypes.Contains(type));

    /// <summary>A line for failure messages: the seed, the clock, the states and the last packets.</summary>
    public string Describe() =>
        $"seed={Seed} now={Now.TotalMilliseconds:F1}ms client={Client?.State} server={Server?.State}{Environment.NewLine}" +
        string.Join(Environment.NewLine, Log.TakeLast(20));

    /// <summary>The next packet arrival or timer, whichever is first; null when nothing is pending.</summary>
    private TimeSpan? NextEventTime()
    {
        TimeSpan? next = _link.TryPeek(out _, out var priority) ? priority.Item1 : null;
        foreach (var association in Associations())
        {
            if (association.PollTimeout() is { } timeout && (next is null || timeout < next))
            {
                next = timeout;
            }
        }

        return next;
    }

    private IEnumerable<Association> Associations()
    {
        if (Client is { IsClosed: false } client)
        {
            yield return client;
        }

        if (Server is { IsClosed: false } server)
        {
            yield return server;
        }
    }

    private void Flush(Endpoint endpoint, Association? association, Side side)
    {
        int length;
        while ((length = endpoint.PollTransmit(_buffer, out _)) > 0)
        {
            Send(side, _buffer.AsSpan(0, length).ToArray());
        }

        if (association is not null)
        {
            while ((length = association.PollTransmit(Now, _buffer)) > 0)
            {
                Send(side, _buffer.AsSpan(0, length).ToArray());
            }
        }
    }

    private void Send(Side from, byte[] packet)
    {
        if (Rewrite is not null)
        {
            packet = Rewrite(from, packet);
        }

        var fate = Intercept?.Invoke(from, packet) ?? PacketFate.Deliver;
        if (fate != PacketFate.Drop && LossRate > 0 && _linkRandom.NextDouble() < LossRate)
        {
            fate = PacketFate.Drop;
        }

        Log.Add(new CapturedPacket(from, Now, (byte[])packet.Clone(), fate == PacketFate.Drop));
        if (fate == PacketFate.Drop)
        {
            return;
        }

        int copies = fate == PacketFate.Duplicate ? 2 : 1;
        var arrival = Now + Latency + (ExtraDelay?.Invoke(from, packet) ?? TimeSpan.Zero);
        for (int i = 0; i < copies; i++)
        {
            _link.Enqueue(new InFlight(from, packet), (arrival, _sequence++));
        }
    }

    private bool DeliverDue()
    {
        bool delivered = false;
        while (_link.TryPeek(out var packet, out var priority) && priority.Item1 <= Now)
        {
            _link.Dequeue();
            delivered = true;
            var result = packet.From == Side.Client
                ? ServerEndpoint.Handle(Now, ClientAddress, packet.Bytes)
                : ClientEndpoint.Handle(Now, ServerAddress, packet.Bytes);
            Adopt(result);
            Delivered?.Invoke(packet.From, packet.Bytes);
            if (PollAfterEachDatagram)
            {
                if (packet.From == Side.Client)
                {
                    Flush(ServerEndpoint, Server, Side.Server);
                }
                else
                {
                    Flush(ClientEndpoint, Client, Side.Client);
                }
            }
        }

        DrainEvents();
        return delivered;
    }

    private void Adopt(EndpointResult result)
    {
        if (result.Kind == EndpointResultKind.NewAssociation)
        {
            Server = result.Association;
        }
    }

    private void DrainEvents()
    {
        while (Client?.PollEvent(out var e) == true)
        {
            ClientEvents.Add(e);
        }

        while (Server?.PollEvent(out var e) == true)
        {
            ServerEvents.Add(e);
        }
    }

    private readonly record struct InFlight(Side From, byte[] Bytes);
}
