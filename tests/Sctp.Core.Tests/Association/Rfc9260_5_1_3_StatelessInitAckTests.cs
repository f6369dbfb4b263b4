using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 sections 5.1 (step B) and 5.1.3: the endpoint writes its INIT ACK and State Cookie in place,
/// without building chunk or parameter objects. The packet must be byte for byte the one the object path
/// builds (an <see cref="InitAckChunk"/> of a <see cref="StateCookieParameter"/>, the offered parameters and
/// the Unrecognized Parameter reports of section 3.2.1), and its cookie must set the association up.
/// </summary>
public class Rfc9260_5_1_3_StatelessInitAckTests
{
    /// <summary>The INIT usrsctp 0.9.5 sent (eleven parameters), as in benchmarks/Sctp.Benchmarks.</summary>
    private static readonly byte[] UsrsctpInit = Convert.FromHexString(
        "0100009c8ca235e700020000000a0800a5c3306780000004c000000480080009c00fc1808200000080020024a80bcdc5"
        + "bcdbfb2cfc6ef6025ade1ce3b89c4acf7b1dda14eebf4a9cd5dc81d880040006000100008003000680c10000000c0008"
        + "0005000600060014fd00000000000000000000000000000200050008c000020200060014000000000000000000000000"
        + "00000001000500087f000001");

    private static readonly TransportConfig AllFeatures = new()
    {
        EnablePartialReliability = true,
        EnableStreamReset = true,
        EnableMessageInterleaving = true,
        EnableZeroChecksum = true,
    };

    public static TheoryData<string, TransportConfig, byte[], string> Cases() => new()
    {
        { "a bare INIT, default settings", new TransportConfig(), Packets.Init(0x1111), "198.51.100.7" },
        {
            "every feature offered and accepted, a Cookie Preservative",
            AllFeatures,
            Packets.Init(
                0x2222,
                ForwardTsnSupportedParameter.Instance,
                new SupportedExtensionsParameter([ChunkType.ReConfig, ChunkType.IData, ChunkType.IForwardTsn, ChunkType.ForwardTsn]),
                new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.SctpOverDtls),
                new CookiePreservativeParameter(5_000),
                new Ipv4AddressParameter(IPAddress.Parse("192.0.2.1"))),
            "198.51.100.7"
        },
        {
            "unknown parameters: skipped, reported, and a stop that hides what follows",
            AllFeatures with { ReceiveWindow = 1500, MaxMessageSize = 1500, OutboundStreams = 3, MaxInboundStreams = 4 },
            Packets.Init(
                0x3333,
                new UnknownParameter((ParameterType)0x8123, [1, 2, 3]),
                new UnknownParameter((ParameterType)0xC124, [1, 2, 3, 4, 5]),
                new SupportedExtensionsParameter([ChunkType.ReConfig]),
                new UnknownParameter((ParameterType)0x4125, [9]),
                ForwardTsnSupportedParameter.Instance,
                new UnknownParameter((ParameterType)0xC126, [7, 7])),
            "2001:db8::7"
        },
        { "usrsctp's INIT, from IPv6", new TransportConfig { EnablePartialReliability = true, EnableStreamReset = true }, UsrsctpInit, "2001:db8::42" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rfc9260_5_1_3_TheInitAckWrittenInPlaceIsTheOneTheObjectPathBuilds(string label, TransportConfig transport, byte[] initChunk, string source)
    {
        var probe = new EndpointProbe(transport: transport);
        var from = new IPEndPoint(IPAddress.Parse(source), 9899);
        byte[] packet = Packets.Build(7001, AssociationPair.ServerPort, VerificationTag.Zero, initChunk);
        int length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(initChunk.AsSpan(2));
        Assert.True(InitChunk.TryParse(initChunk.AsSpan(0, length), out var init, out _), label);

        Assert.Equal(EndpointResultKind.Replied, probe.Endpoint.Handle(probe.Now, from, packet).Kind);
        var (reply, destination) = Assert.Single(Packets.Drain(probe.Endpoint));
        Assert.Equal(from, destination);

        // The endpoint drew its tag and TSN at random: take them from its answer, build the rest.
        var initAck = Packets.Single<InitAckChunk>(reply);
        var expectedCookie = ExpectedCookie(probe.Now, Packets.Header(packet), init, transport, initAck.InitiateTag, initAck.InitialTsn);
        byte[] expected = ObjectPathInitAck(probe.Endpoint.Secrets.GetSigningKey(probe.Now), Packets.Header(packet), init, transport, expectedCookie);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(reply));
        Assert.Equal(expectedCookie, Packets.ReadCookie(probe.Endpoint, reply));

        // Step C: the cookie alone sets the association up, with what both sides offered.
        var result = probe.Endpoint.Handle(probe.Now, from, EndpointProbe.CookieEchoFor(reply));
        Assert.Equal(EndpointResultKind.NewAssociation, result.Kind);
        var association = result.Association!;
        Assert.Equal(init.InitiateTag, association.PeerTag);
        Assert.Equal(initAck.InitiateTag, association.LocalTag);
        Assert.Equal(expectedCookie.Features, association.Features);
        Assert.Equal(expectedCookie.OutboundStreams, association.OutboundStreams);
        Assert.Equal(expectedCookie.InboundStreams, association.InboundStreams);
        Assert.Equal([ChunkType.CookieAck], Packets.Types(Assert.Single(probe.Sent(association))));
    }

    [Fact]
    public void Rfc9260_5_1_3_AnInitAckTooLargeForAReplyBufferIsNotSent()
    {
        // Reports of unknown parameters are copied into the INIT ACK; past 1,500 bytes it is not sent.
        var probe = new EndpointProbe();
        var unknown = Enumerable.Range(0, 4).Select(i => new UnknownParameter((ParameterType)(0xC200 + i), new byte[400])).ToArray();

        var result = probe.Receive(Packets.Build(7002, AssociationPair.ServerPort, VerificationTag.Zero, Packets.Init(0x4444, unknown)));

        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        Assert.Empty(probe.Replies());
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
        Assert.Equal(0, probe.Endpoint.Stats.StatelessReplies);
    }

    [Fact]
    public void Rfc9260_5_1_3_CookiesSignedInPlaceStayValidForOneKeyRotation()
    {
        // Section 5.1.3 suggests changing the secret key; a cookie signed before a change still verifies,
        // one signed two changes ago does not.
        var probe = new EndpointProbe(
            config: new EndpointConfig { CookieSecretRotation = TimeSpan.FromMinutes(1) },
            transport: new TransportConfig { CookieLifetime = TimeSpan.FromMinutes(10) });
        byte[] first = probe.InitAckFor(0x5001, 7101);
        probe.Now += TimeSpan.FromMinutes(1);
        byte[] second = probe.InitAckFor(0x5002, 7102);

        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(first)).Kind);
        probe.Now += TimeSpan.FromMinutes(1);
        byte[] third = probe.InitAckFor(0x5003, 7103);
        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(second)).Kind);
        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(third)).Kind);

        // A cookie whose key has been replaced twice since is refused, though not yet stale.
        byte[] replayed = EndpointProbe.CookieEchoFor(probe.InitAckFor(0x5004, 7104));
        probe.Now += TimeSpan.FromMinutes(1);
        probe.InitAckFor(0x5005, 7105);
        probe.Now += TimeSpan.FromMinutes(1);
        probe.InitAckFor(0x5006, 7106);
        var result = probe.Receive(replayed);
        Assert.Equal(EndpointResultKind.Discarded, result.Kind);
        Assert.Equal(DropReason.InvalidCookie, result.DropReason);
        Assert.Equal(3, probe.Endpoint.AssociationCount);
    }

    /// <summary>The cookie RFC 9260 section 5.1.3 asks for, from the INIT and our settings.</summary>
    private static StateCookie ExpectedCookie(TimeSpan now, CommonHeader header, InitChunk init, TransportConfig config, VerificationTag localTag, Tsn localTsn)
    {
        var lifetime = config.CookieLifetime;
        if (Negotiation.Find<CookiePreservativeParameter>(init) is { } preservative)
        {
            lifetime += TimeSpan.FromTicks(Math.Min(preservative.SuggestedIncrement.Ticks, config.CookieLifetime.Ticks));
        }

        return new StateCookie
        {
            Features = Negotiation.Agree(config, init),
            LocalPort = header.DestinationPort,
            PeerPort = header.SourcePort,
            CreatedAt = now,
            Lifetime = lifetime,
            LocalTag = localTag,
            PeerTag = init.InitiateTag,
            LocalInitialTsn = localTsn,
            PeerInitialTsn = init.InitialTsn,
            PeerReceiverWindow = init.AdvertisedReceiverWindowCredit,
            OutboundStreams = Negotiation.OutboundStreams(config, init),
            InboundStreams = Negotiation.InboundStreams(config, init),
        };
    }

    /// <summary>The INIT ACK packet as the endpoint used to build it, from chunk and parameter objects.</summary>
    private static byte[] ObjectPathInitAck(ReadOnlySpan<byte> key, CommonHeader header, InitChunk init, TransportConfig config, StateCookie cookie)
    {
        var parameters = new List<Parameter> { new StateCookieParameter(cookie.ToArray(key)) };
        parameters.AddRange(Negotiation.OfferedParameters(config));
        foreach (var unrecognized in Negotiation.UnrecognizedToReport(init) ?? [])
        {
            parameters.Add(new UnrecognizedParameterParameter(unrecognized));
        }

        var initAck = new InitAckChunk(cookie.LocalTag, (uint)config.ReceiveWindow, config.OutboundStreams, config.MaxInboundStreams, cookie.LocalInitialTsn, parameters);
        byte[] buffer = new byte[1500];
        var writer = new PacketWriter(buffer, new CommonHeader(header.DestinationPort, header.SourcePort, init.InitiateTag));
        Assert.True(writer.TryAdd(initAck));
        return buffer[..writer.Complete()];
    }
}
