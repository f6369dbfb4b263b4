using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Harness;

/// <summary>
/// One endpoint driven by hand, for tests that play its peer packet by packet: the test hands it
/// datagrams from <see cref="Peer"/> and reads back what it sends, both its stateless replies and its
/// associations' packets. The clock only moves when the test moves it.
/// </summary>
public sealed class EndpointProbe
{
    private readonly byte[] _buffer = new byte[65536];

    /// <summary>An endpoint that accepts on <see cref="AssociationPair.ServerPort"/> unless <paramref name="accept"/> is false.</summary>
    public EndpointProbe(bool accept = true, EndpointConfig? config = null, TransportConfig? transport = null, ulong seed = 5)
    {
        Transport = transport ?? new TransportConfig();
        Endpoint = new Endpoint(
            config ?? new EndpointConfig(),
            new SeededRandomSource(seed),
            Now,
            accept ? new ServerConfig { LocalPort = AssociationPair.ServerPort, Transport = Transport } : null);
    }

    /// <summary>The endpoint under test.</summary>
    public Endpoint Endpoint { get; }

    /// <summary>The settings of the associations it accepts.</summary>
    public TransportConfig Transport { get; }

    /// <summary>The clock.</summary>
    public TimeSpan Now { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The address the test's packets come from.</summary>
    public IPEndPoint Peer { get; } = new(IPAddress.Parse("198.51.100.7"), 9899);

    /// <summary>Hands <paramref name="packet"/> to the endpoint as if <paramref name="from"/> (by default <see cref="Peer"/>) had sent it.</summary>
    public EndpointResult Receive(byte[] packet, IPEndPoint? from = null) => Endpoint.Handle(Now, from ?? Peer, packet);

    /// <summary>Takes the endpoint's stateless replies, checking that each goes to <see cref="Peer"/>.</summary>
    public List<byte[]> Replies()
    {
        var replies = new List<byte[]>();
        foreach (var (packet, destination) in Packets.Drain(Endpoint))
        {
            Assert.Equal(Peer, destination);
            replies.Add(packet);
        }

        return replies;
    }

    /// <summary>Takes every packet <paramref name="association"/> has to send now.</summary>
    public List<byte[]> Sent(Association association)
    {
        var packets = new List<byte[]>();
        int length;
        while ((length = association.PollTransmit(Now, _buffer)) > 0)
        {
            packets.Add(_buffer[..length]);
        }

        return packets;
    }

    /// <summary>Takes the events <paramref name="association"/> has reported.</summary>
    public static List<AssociationEvent> Events(Association association)
    {
        var events = new List<AssociationEvent>();
        while (association.PollEvent(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>
    /// Sends an INIT with <paramref name="initiateTag"/> from <paramref name="sourcePort"/> and returns the
    /// INIT ACK packet the endpoint answers with (failing the test when it answers otherwise).
    /// </summary>
    public byte[] InitAckFor(uint initiateTag, ushort sourcePort = AssociationPair.ClientPort, params IEnumerable<Parameter> parameters)
    {
        var result = Receive(Packets.Build(sourcePort, AssociationPair.ServerPort, VerificationTag.Zero, Packets.Init(initiateTag, parameters)));
        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        var reply = Assert.Single(Replies());
        Assert.Equal([ChunkType.InitAck], Packets.Types(reply));
        return reply;
    }

    /// <summary>The COOKIE ECHO packet a well-behaved peer sends back for <paramref name="initAck"/>, with <paramref name="bundled"/> chunks after it.</summary>
    public static byte[] CookieEchoFor(byte[] initAck, params byte[][] bundled)
    {
        var header = Packets.Header(initAck);
        var chunk = Packets.Single<InitAckChunk>(initAck);
        var cookie = chunk.GetParameter<StateCookieParameter>();
        Assert.NotNull(cookie);
        byte[][] chunks = [Packets.Bytes(new CookieEchoChunk(cookie.Cookie.Span)), .. bundled];
        return Packets.Build(header.DestinationPort, header.SourcePort, chunk.InitiateTag, chunks);
    }
}
