using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 5.1, the four-way handshake: what INIT, INIT ACK, COOKIE ECHO and COOKIE ACK carry,
/// how stream counts and optional features are agreed, DATA bundled with COOKIE ECHO, and the T1-init
/// and T1-cookie retransmissions with their back-off and their limit.
/// </summary>
public class Rfc9260_5_1_InitiationTests
{
    [Fact]
    public void Rfc9260_5_1_EachStepCarriesTheTagsAndTheCookieItMust()
    {
        var client = new TransportConfig { ReceiveWindow = 300_000, OutboundStreams = 10, MaxInboundStreams = 20 };
        var server = new TransportConfig { ReceiveWindow = 400_000, OutboundStreams = 30, MaxInboundStreams = 40 };
        var pair = new AssociationPair(seed: 3, client: client, server: server);
        pair.Connect();

        var exchange = pair.Log.Take(4).ToArray();
        Assert.Equal([Side.Client, Side.Server, Side.Client, Side.Server], exchange.Select(p => p.From));

        // Step A: INIT alone in its packet, under a zero tag, with a non-zero Initiate Tag and our settings.
        Assert.Equal([ChunkType.Init], exchange[0].ChunkTypes);
        Assert.Equal(VerificationTag.Zero, exchange[0].Tag);
        var init = Packets.Single<InitChunk>(exchange[0].Bytes);
        Assert.NotEqual(0u, init.InitiateTag.Value);
        Assert.Equal(pair.Client!.LocalTag, init.InitiateTag);
        Assert.Equal(300_000u, init.AdvertisedReceiverWindowCredit);
        Assert.Equal(10, init.OutboundStreams);
        Assert.Equal(20, init.InboundStreams);
        Assert.Equal(pair.Client.LocalInitialTsn, init.InitialTsn);

        // Step B: INIT ACK alone, under the INIT's tag, with the server's own tag, settings and a State Cookie.
        Assert.Equal([ChunkType.InitAck], exchange[1].ChunkTypes);
        Assert.Equal(init.InitiateTag, exchange[1].Tag);
        var initAck = Packets.Single<InitAckChunk>(exchange[1].Bytes);
        Assert.NotEqual(0u, initAck.InitiateTag.Value);
        Assert.Equal(pair.Server!.LocalTag, initAck.InitiateTag);
        Assert.NotEqual(init.InitiateTag, initAck.InitiateTag);
        Assert.Equal(400_000u, initAck.AdvertisedReceiverWindowCredit);
        Assert.Equal(30, initAck.OutboundStreams);
        Assert.Equal(40, initAck.InboundStreams);
        Assert.Equal(pair.Server.LocalInitialTsn, initAck.InitialTsn);
        var cookie = initAck.GetParameter<StateCookieParameter>();
        Assert.NotNull(cookie);

        // Step C: COOKIE ECHO first in its packet, under the server's tag, echoing the cookie byte for byte.
        Assert.Equal(ChunkType.CookieEcho, exchange[2].ChunkTypes[0]);
        Assert.Equal(initAck.InitiateTag, exchange[2].Tag);
        Assert.Equal(cookie.Cookie.ToArray(), Packets.Single<CookieEchoChunk>(exchange[2].Bytes).Cookie.ToArray());

        // Step D: COOKIE ACK under the client's tag.
        Assert.Equal(ChunkType.CookieAck, exchange[3].ChunkTypes[0]);
        Assert.Equal(init.InitiateTag, exchange[3].Tag);

        // Both sides' views agree, and each side reported Connected exactly once.
        Assert.Equal(pair.Client.LocalTag, pair.Server.PeerTag);
        Assert.Equal(pair.Server.LocalTag, pair.Client.PeerTag);
        Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Connected);
        Assert.Single(pair.ServerEvents, e => e.Kind == AssociationEventKind.Connected);
        Assert.Equal(1, pair.ServerEndpoint.Stats.InitsAnswered);
        Assert.Equal(1, pair.ServerEndpoint.Stats.AssociationsAccepted);
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
    }

    [Theory]
    [InlineData(10, 20, 5, 7)]
    [InlineData(5, 7, 10, 20)]
    [InlineData(1, 1, 65535, 65535)]
    [InlineData(65535, 65535, 65535, 65535)]
    [InlineData(300, 2, 2, 300)]
    public void Rfc9260_5_1_1_StreamCountsAreTheLesserOfOneSidesOutboundAndTheOthersInbound(
        int clientOutbound, int clientMaxInbound, int serverOutbound, int serverMaxInbound)
    {
        var pair = new AssociationPair(
            client: new TransportConfig { OutboundStreams = (ushort)clientOutbound, MaxInboundStreams = (ushort)clientMaxInbound },
            server: new TransportConfig { OutboundStreams = (ushort)serverOutbound, MaxInboundStreams = (ushort)serverMaxInbound });
        pair.Connect();

        int clientSends = Math.Min(clientOutbound, serverMaxInbound);
        int serverSends = Math.Min(serverOutbound, clientMaxInbound);
        Assert.Equal(clientSends, pair.Client!.OutboundStreams);
        Assert.Equal(serverSends, pair.Client.InboundStreams);
        Assert.Equal(serverSends, pair.Server!.OutboundStreams);
        Assert.Equal(clientSends, pair.Server.InboundStreams);

        // The highest negotiated stream works; the next one is refused locally.
        Assert.True(pair.Client.TrySend(pair.Now, new StreamId((ushort)(clientSends - 1)), [1, 2, 3]));
        if (clientSends < ushort.MaxValue)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => pair.Client.TrySend(pair.Now, new StreamId((ushort)clientSends), [1]));
        }

        var received = new List<(StreamId Stream, Ppid Ppid, bool Unordered, byte[] Payload)>();
        Assert.True(pair.DriveUntil(() => { received.AddRange(AssociationPair.ReceiveAll(pair.Server)); return received.Count == 1; }, TimeSpan.FromSeconds(5)), pair.Describe());
        Assert.Equal(new StreamId((ushort)(clientSends - 1)), received[0].Stream);
    }

    public static TheoryData<NegotiatedFeatures, bool, bool> SingleFeatureCases()
    {
        var data = new TheoryData<NegotiatedFeatures, bool, bool>();
        foreach (var feature in new[] { NegotiatedFeatures.PartialReliability, NegotiatedFeatures.MessageInterleaving, NegotiatedFeatures.StreamReset, NegotiatedFeatures.ZeroChecksum })
        {
            foreach (bool clientOffers in new[] { false, true })
            {
                foreach (bool serverOffers in new[] { false, true })
                {
                    data.Add(feature, clientOffers, serverOffers);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SingleFeatureCases))]
    public void Rfc9260_5_1_AFeatureIsOfferedByWhoEnablesItAndUsedOnlyWhenBothDo(NegotiatedFeatures feature, bool clientOffers, bool serverOffers)
    {
        var pair = new AssociationPair(
            client: WithFeatures(clientOffers ? feature : NegotiatedFeatures.None),
            server: WithFeatures(serverOffers ? feature : NegotiatedFeatures.None));
        pair.Connect();

        var init = Packets.Single<InitChunk>(pair.Sent(Side.Client, ChunkType.Init).Single().Bytes);
        var initAck = Packets.Single<InitAckChunk>(pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes);
        Assert.Equal(clientOffers ? feature : NegotiatedFeatures.None, Offered(init));
        Assert.Equal(serverOffers ? feature : NegotiatedFeatures.None, Offered(initAck));

        var agreed = clientOffers && serverOffers ? feature : NegotiatedFeatures.None;
        Assert.Equal(agreed, pair.Client!.Features);
        Assert.Equal(agreed, pair.Server!.Features);

        // What the agreement changes on the wire: I-DATA instead of DATA, and a zero checksum (RFC 9653).
        Assert.True(pair.Client.TrySend(pair.Now, new StreamId(0), new byte[100]));
        Assert.True(pair.DriveUntil(() => AssociationPair.ReceiveAll(pair.Server).Count == 1, TimeSpan.FromSeconds(5)), pair.Describe());
        var dataPacket = pair.Log.First(p => p.From == Side.Client && p.ChunkTypes.Any(t => t is ChunkType.Data or ChunkType.IData));
        Assert.Contains(agreed == NegotiatedFeatures.MessageInterleaving ? ChunkType.IData : ChunkType.Data, dataPacket.ChunkTypes);
        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(dataPacket.Bytes.AsSpan(8));
        Assert.Equal(agreed == NegotiatedFeatures.ZeroChecksum, checksum == 0);

        // The COOKIE ECHO always keeps its CRC: the peer may have no association to know the agreement.
        Assert.True(Crc32c.Verify(pair.Sent(Side.Client, ChunkType.CookieEcho).Single().Bytes));
    }

    [Fact]
    public void Rfc9260_5_1_EveryCombinationOfOffersAgreesOnWhatBothSidesOffer()
    {
        for (int c = 0; c < 16; c++)
        {
            for (int s = 0; s < 16; s++)
            {
                var pair = new AssociationPair(seed: (ulong)(c * 16 + s + 1), client: WithFeatures(ToFlags(c)), server: WithFeatures(ToFlags(s)));
                pair.Connect();

                var expected = ToFlags(c) & ToFlags(s);
                Assert.True(expected == pair.Client!.Features, $"client offers {ToFlags(c)}, server offers {ToFlags(s)}: client agreed {pair.Client.Features}");
                Assert.True(expected == pair.Server!.Features, $"client offers {ToFlags(c)}, server offers {ToFlags(s)}: server agreed {pair.Server.Features}");
            }
        }
    }

    [Fact]
    public void Rfc8260_2_2_InterleavingWithPartialReliabilityListsIForwardTsn()
    {
        var both = WithFeatures(NegotiatedFeatures.PartialReliability | NegotiatedFeatures.MessageInterleaving);
        var pair = new AssociationPair(client: both, server: both);
        pair.Connect();

        var init = Packets.Single<InitChunk>(pair.Sent(Side.Client, ChunkType.Init).Single().Bytes);
        var extensions = init.GetParameter<SupportedExtensionsParameter>();
        Assert.NotNull(extensions);
        Assert.True(extensions.Supports(ChunkType.IData));
        Assert.True(extensions.Supports(ChunkType.IForwardTsn));
        Assert.True(extensions.Supports(ChunkType.ForwardTsn));
        Assert.Equal(NegotiatedFeatures.PartialReliability | NegotiatedFeatures.MessageInterleaving, pair.Client!.Features);
    }

    [Fact]
    public void Rfc9260_5_1_DataBundledAfterTheCookieEchoIsDelivered()
    {
        // RFC 9260 section 5.1, step D: DATA may follow the COOKIE ECHO in its packet; the new association
        // processes it. The test plays the client by hand (initial TSN 1000 in Packets.Init).
        var probe = new EndpointProbe();
        byte[] initAck = probe.InitAckFor(0xC0FFEE);
        byte[] packet = EndpointProbe.CookieEchoFor(initAck, Packets.Data(new Tsn(1000), 3, 0, "hello"u8, ppid: 51));

        var result = probe.Receive(packet);

        Assert.Equal(EndpointResultKind.NewAssociation, result.Kind);
        var association = result.Association!;
        Assert.Equal(AssociationState.Established, association.State);
        var events = EndpointProbe.Events(association).Select(e => e.Kind).ToList();
        Assert.Equal([AssociationEventKind.Connected, AssociationEventKind.StreamOpened, AssociationEventKind.MessagesAvailable], events);
        var message = Assert.Single(AssociationPair.ReceiveAll(association));
        Assert.Equal(new StreamId(3), message.Stream);
        Assert.Equal(new Ppid(51), message.Ppid);
        Assert.Equal("hello"u8.ToArray(), message.Payload);

        // The COOKIE ACK goes first, under the client's tag; the DATA is acknowledged by the delayed SACK.
        var sent = probe.Sent(association);
        Assert.Equal(ChunkType.CookieAck, Packets.Types(sent[0])[0]);
        Assert.Equal(new VerificationTag(0xC0FFEE), Packets.Header(sent[0]).VerificationTag);
        probe.Now += association.Config.DelayedAckTime;
        association.HandleTimeout(probe.Now);
        sent.AddRange(probe.Sent(association));
        Assert.Equal(new Tsn(1000), CumulativeTsnAck(sent.Single(p => Packets.Types(p).Contains(ChunkType.Sack))));
    }

    [Fact]
    public void Rfc9260_5_1_DataBundledAfterTheCookieAckIsSentAndDeliveredOnceTheCookieAckIsProcessed()
    {
        // Step E: the COOKIE ACK may be bundled with DATA, as long as it comes first. A server whose
        // application sends as soon as the association exists bundles them...
        var probe = new EndpointProbe();
        var server = probe.Receive(EndpointProbe.CookieEchoFor(probe.InitAckFor(0xC0FFEE))).Association!;
        Assert.True(server.TrySend(probe.Now, new StreamId(2), "early"u8));
        Assert.Equal([ChunkType.CookieAck, ChunkType.Data], Packets.Types(Assert.Single(probe.Sent(server))));

        // ...and a client in COOKIE-ECHOED takes the COOKIE ACK, then the DATA.
        var pair = new AssociationPair
        {
            Intercept = (side, packet) => side == Side.Server && Packets.Types(packet).Contains(ChunkType.CookieAck) ? PacketFate.Drop : PacketFate.Deliver,
        };
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => pair.Server is not null, TimeSpan.FromSeconds(1)), pair.Describe());
        pair.Intercept = (_, _) => PacketFate.Drop;
        Assert.Equal(AssociationState.CookieEchoed, client.State);

        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(CookieAckChunk.Instance), Packets.Data(pair.Server!.LocalInitialTsn, 2, 0, "early"u8)));

        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal([AssociationEventKind.Connected, AssociationEventKind.StreamOpened, AssociationEventKind.MessagesAvailable], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal("early"u8.ToArray(), Assert.Single(AssociationPair.ReceiveAll(client)).Payload);
    }

    [Fact]
    public void Rfc9260_3_3_2_AnInitWithAZeroTagIsDiscardedAndOneWithZeroStreamsIsAborted()
    {
        var probe = new EndpointProbe();
        byte[] zeroTag = Packets.Init(0x1111);
        zeroTag.AsSpan(4, 4).Clear();
        byte[] zeroStreams = Packets.Init(0x2222);
        zeroStreams.AsSpan(12, 2).Clear();

        var discarded = probe.Receive(Packets.FromClient(VerificationTag.Zero, zeroTag));
        Assert.Equal(EndpointResultKind.Discarded, discarded.Kind);
        Assert.Empty(probe.Replies());

        var aborted = probe.Receive(Packets.FromClient(VerificationTag.Zero, zeroStreams));
        Assert.Equal(EndpointResultKind.Replied, aborted.Kind);
        var abort = Assert.Single(probe.Replies());
        Assert.Equal(new VerificationTag(0x2222), Packets.Header(abort).VerificationTag);
        Assert.IsType<Sctp.Packet.ErrorCauses.InvalidMandatoryParameterCause>(Assert.Single(Packets.Single<AbortChunk>(abort).Causes));
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
    }

    [Theory]
    [InlineData(60, 8)]
    [InlineData(5, 4)]
    [InlineData(1, 2)]
    [InlineData(60, 0)]
    public void Rfc9260_5_1_T1InitDoublesUpToRtoMaxAndGivesUpAfterMaxInitRetransmits(int rtoMaxSeconds, int maxInitRetransmits)
    {
        var client = new TransportConfig { RtoMax = TimeSpan.FromSeconds(rtoMaxSeconds), MaxInitRetransmits = maxInitRetransmits };
        var pair = new AssociationPair(client: client)
        {
            Intercept = (_, packet) => Packets.Types(packet).Contains(ChunkType.Init) ? PacketFate.Drop : PacketFate.Deliver,
        };
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromHours(1)), pair.Describe());

        var inits = pair.Sent(Side.Client, ChunkType.Init).ToList();
        Assert.Equal(maxInitRetransmits + 1, inits.Count);
        Assert.All(inits, p => Assert.Equal(inits[0].Bytes, p.Bytes));
        var expectedGaps = BackedOff(client.RtoInitial, client.RtoMax, maxInitRetransmits + 1);
        var gaps = inits.Zip(inits.Skip(1), (a, b) => b.Time - a.Time).Append(pair.Now - inits[^1].Time).ToList();
        Assert.Equal(expectedGaps, gaps);

        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationEventKind.Lost, lost.Kind);
        Assert.Equal(AssociationErrorKind.HandshakeTimeout, lost.Error!.Kind);
        Assert.Equal(AssociationState.Closed, pair.Client!.State);
        Assert.Equal(0, pair.ClientEndpoint.AssociationCount);
        Assert.Null(pair.Client.PollTimeout());
        Assert.Equal(0, pair.ServerEndpoint.Stats.DatagramsReceived);
    }

    [Theory]
    [InlineData(60, 8)]
    [InlineData(3, 3)]
    public void Rfc9260_5_1_T1CookieDoublesUpToRtoMaxAndGivesUpAfterMaxInitRetransmits(int rtoMaxSeconds, int maxInitRetransmits)
    {
        var client = new TransportConfig { RtoMax = TimeSpan.FromSeconds(rtoMaxSeconds), MaxInitRetransmits = maxInitRetransmits };
        var pair = new AssociationPair(client: client)
        {
            Intercept = (_, packet) => Packets.Types(packet).Contains(ChunkType.CookieEcho) ? PacketFate.Drop : PacketFate.Deliver,
        };
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromHours(1)), pair.Describe());

        Assert.Single(pair.Sent(Side.Client, ChunkType.Init));
        var echoes = pair.Sent(Side.Client, ChunkType.CookieEcho).ToList();
        Assert.Equal(maxInitRetransmits + 1, echoes.Count);
        Assert.All(echoes, p => Assert.Equal(echoes[0].Bytes, p.Bytes));

        // The INIT was answered within RTO.Min, so T1-cookie starts from RTO.Min (1 s).
        var expectedGaps = BackedOff(client.RtoMin, client.RtoMax, maxInitRetransmits + 1);
        var gaps = echoes.Zip(echoes.Skip(1), (a, b) => b.Time - a.Time).Append(pair.Now - echoes[^1].Time).ToList();
        Assert.Equal(expectedGaps, gaps);

        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationEventKind.Lost, lost.Kind);
        Assert.Equal(AssociationErrorKind.HandshakeTimeout, lost.Error!.Kind);
        Assert.Contains("COOKIE ECHO", lost.Error.Message, StringComparison.Ordinal);
        Assert.Null(pair.Server);
        Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
        Assert.Equal(0, pair.ClientEndpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_1_ALostInitIsRetransmittedAndTheHandshakeCompletes()
    {
        bool dropped = false;
        var pair = new AssociationPair
        {
            Intercept = (_, packet) =>
            {
                if (!dropped && Packets.Types(packet).Contains(ChunkType.Init))
                {
                    dropped = true;
                    return PacketFate.Drop;
                }

                return PacketFate.Deliver;
            },
        };
        pair.Connect();

        var inits = pair.Sent(Side.Client, ChunkType.Init).ToList();
        Assert.Equal(2, inits.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), inits[1].Time - inits[0].Time);
        Assert.Single(pair.Sent(Side.Server, ChunkType.InitAck));
        Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Connected);
    }

    [Fact]
    public void Rfc9260_5_1_AnInitAckWithoutAStateCookieIsAbortedWithMissingMandatoryParameter()
    {
        var pair = new AssociationPair
        {
            Rewrite = (side, packet) =>
            {
                if (side != Side.Server || !Packets.Types(packet).Contains(ChunkType.InitAck))
                {
                    return packet;
                }

                var initAck = Packets.Single<InitAckChunk>(packet);
                var stripped = new InitAckChunk(
                    initAck.InitiateTag,
                    initAck.AdvertisedReceiverWindowCredit,
                    initAck.OutboundStreams,
                    initAck.InboundStreams,
                    initAck.InitialTsn,
                    initAck.Parameters.Where(p => p is not StateCookieParameter));
                return Packets.FromServer(Packets.Header(packet).VerificationTag, Packets.Bytes(stripped));
            },
        };
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromSeconds(5)), pair.Describe());

        // The ABORT goes under the Initiate Tag of the INIT ACK, T bit clear.
        var abort = pair.Sent(Side.Client, ChunkType.Abort).Single();
        Assert.Equal(Packets.Single<InitAckChunk>(pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes).InitiateTag, abort.Tag);
        Assert.Equal(0, Packets.Flags(abort.Bytes) & 1);
        var cause = Assert.IsType<Sctp.Packet.ErrorCauses.MissingMandatoryParameterCause>(Packets.Single<AbortChunk>(abort.Bytes).Causes.Single());
        Assert.Contains(ParameterType.StateCookie, cause.MissingParameters);
        Assert.Empty(pair.Sent(Side.Client, ChunkType.CookieEcho));
        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationErrorKind.ProtocolViolation, lost.Error!.Kind);
    }

    private static NegotiatedFeatures ToFlags(int bits) => (NegotiatedFeatures)(
        ((bits & 1) != 0 ? (int)NegotiatedFeatures.PartialReliability : 0)
        | ((bits & 2) != 0 ? (int)NegotiatedFeatures.MessageInterleaving : 0)
        | ((bits & 4) != 0 ? (int)NegotiatedFeatures.StreamReset : 0)
        | ((bits & 8) != 0 ? (int)NegotiatedFeatures.ZeroChecksum : 0));

    private static TransportConfig WithFeatures(NegotiatedFeatures features) => new()
    {
        EnablePartialReliability = (features & NegotiatedFeatures.PartialReliability) != 0,
        EnableMessageInterleaving = (features & NegotiatedFeatures.MessageInterleaving) != 0,
        EnableStreamReset = (features & NegotiatedFeatures.StreamReset) != 0,
        EnableZeroChecksum = (features & NegotiatedFeatures.ZeroChecksum) != 0,
    };

    /// <summary>The features an INIT or INIT ACK offers, read from its parameters.</summary>
    private static NegotiatedFeatures Offered(InitChunkBase chunk)
    {
        var offered = NegotiatedFeatures.None;
        var extensions = chunk.GetParameter<SupportedExtensionsParameter>();
        bool forwardTsnParameter = chunk.GetParameter<ForwardTsnSupportedParameter>() is not null;
        bool forwardTsnListed = extensions?.Supports(ChunkType.ForwardTsn) == true;
        Assert.Equal(forwardTsnParameter, forwardTsnListed);
        if (forwardTsnParameter)
        {
            offered |= NegotiatedFeatures.PartialReliability;
        }

        if (extensions?.Supports(ChunkType.IData) == true)
        {
            offered |= NegotiatedFeatures.MessageInterleaving;
        }

        if (extensions?.Supports(ChunkType.ReConfig) == true)
        {
            offered |= NegotiatedFeatures.StreamReset;
        }

        if (chunk.GetParameter<ZeroChecksumAcceptableParameter>() is { } zero)
        {
            Assert.Equal(ZeroChecksumAcceptableParameter.SctpOverDtls, zero.ErrorDetectionMethod);
            offered |= NegotiatedFeatures.ZeroChecksum;
        }

        return offered;
    }

    /// <summary><paramref name="count"/> timer durations starting at <paramref name="first"/>, doubling, capped at <paramref name="max"/>.</summary>
    private static List<TimeSpan> BackedOff(TimeSpan first, TimeSpan max, int count)
    {
        var gaps = new List<TimeSpan>();
        var duration = first;
        for (int i = 0; i < count; i++)
        {
            gaps.Add(duration);
            duration = duration * 2 > max ? max : duration * 2;
        }

        return gaps;
    }

    private static Tsn CumulativeTsnAck(byte[] packet)
    {
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            if (raw.Type == ChunkType.Sack)
            {
                Assert.True(SackChunk.TryParse(raw.Bytes, out var sack, out _));
                return sack.CumulativeTsnAck;
            }
        }

        throw new InvalidOperationException("No SACK in the packet.");
    }
}
