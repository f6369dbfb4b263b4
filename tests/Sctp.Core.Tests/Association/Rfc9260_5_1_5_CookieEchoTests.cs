using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 5.1.5 (checking a returned State Cookie: MAC, freshness, ports and tag) and section
/// 5.2.6 (a stale cookie makes the client ask again with a Cookie Preservative, section 5.1.3).
/// </summary>
public class Rfc9260_5_1_5_CookieEchoTests
{
    [Fact]
    public void Rfc9260_5_2_6_AStaleCookieIsReportedAndTheClientRetriesWithACookiePreservative()
    {
        var server = new TransportConfig { CookieLifetime = TimeSpan.FromMilliseconds(500) };
        var pair = new AssociationPair(server: server);
        byte[]? held = null;
        pair.Intercept = (side, packet) =>
        {
            if (held is null && side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho))
            {
                held = packet;
                return PacketFate.Drop;
            }

            return PacketFate.Deliver;
        };
        pair.StartConnect();
        Assert.True(pair.DriveUntil(() => held is not null, TimeSpan.FromSeconds(1)), pair.Describe());

        // The cookie was made when the INIT arrived; hold its COOKIE ECHO until 200 ms past its lifetime.
        var initAckPacket = pair.Sent(Side.Server, ChunkType.InitAck).Single();
        var cookie = Packets.ReadCookie(pair.ServerEndpoint, initAckPacket.Bytes);
        Assert.Equal(initAckPacket.Time, cookie.CreatedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(500), cookie.Lifetime);
        pair.Advance(cookie.CreatedAt + cookie.Lifetime + TimeSpan.FromMilliseconds(200) - pair.Now);
        Assert.True(pair.Client!.PollTimeout() > pair.Now, "T1-cookie must not have expired yet.");

        var result = pair.Inject(Side.Client, held!);

        // Section 5.1.5, step 3: ERROR with a Stale Cookie cause measuring the staleness in microseconds,
        // under the client's tag; no association.
        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        Assert.Equal(1, pair.ServerEndpoint.Stats.Dropped(DropReason.StaleCookie));
        Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
        Assert.True(pair.DriveUntil(() => pair.Client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());

        var error = pair.Sent(Side.Server, ChunkType.Error).Single();
        Assert.Equal([ChunkType.Error], error.ChunkTypes);
        Assert.Equal(pair.Client.LocalTag, error.Tag);
        var stale = Packets.Single<ErrorChunk>(error.Bytes).GetCause<StaleCookieCause>();
        Assert.NotNull(stale);
        Assert.Equal(200_000u, stale.MeasureOfStaleness);

        // Section 5.2.6: a new INIT, same tag, asking for the staleness plus the measured RTT (20 ms).
        var inits = pair.Sent(Side.Client, ChunkType.Init).ToList();
        Assert.Equal(2, inits.Count);
        Assert.True(inits[1].Time >= error.Time);
        var first = Packets.Single<InitChunk>(inits[0].Bytes);
        var retry = Packets.Single<InitChunk>(inits[1].Bytes);
        Assert.Null(first.GetParameter<CookiePreservativeParameter>());
        Assert.Equal(first.InitiateTag, retry.InitiateTag);
        Assert.Equal(first.InitialTsn, retry.InitialTsn);
        var preservative = retry.GetParameter<CookiePreservativeParameter>();
        Assert.NotNull(preservative);
        Assert.Equal(200u + 20u, preservative.SuggestedIncrementMilliseconds);

        // Section 5.1.3: the server grants the increment (bounded by its own lifetime) in the new cookie.
        var secondInitAck = pair.Sent(Side.Server, ChunkType.InitAck).Last();
        Assert.Equal(TimeSpan.FromMilliseconds(500 + 220), Packets.ReadCookie(pair.ServerEndpoint, secondInitAck.Bytes).Lifetime);

        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_2_4_AStaleCookieMatchingBothTagsOfTheAssociationIsARepeatNotAnError()
    {
        // Section 5.2.4, step 3: a stale cookie whose tags are the live association's own is valid
        // (action D). Here the COOKIE ACK is lost and the retransmitted COOKIE ECHO arrives stale.
        bool droppedAck = false;
        var pair = new AssociationPair(server: new TransportConfig { CookieLifetime = TimeSpan.FromMilliseconds(500) })
        {
            Intercept = (side, packet) =>
            {
                if (!droppedAck && side == Side.Server && Packets.Types(packet).Contains(ChunkType.CookieAck))
                {
                    droppedAck = true;
                    return PacketFate.Drop;
                }

                return PacketFate.Deliver;
            },
        };

        pair.Connect();

        var echoes = pair.Sent(Side.Client, ChunkType.CookieEcho).ToList();
        Assert.Equal(2, echoes.Count);
        var cookie = Packets.ReadCookie(pair.ServerEndpoint, pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes);
        Assert.True(cookie.IsExpired(echoes[1].Time + pair.Latency));
        Assert.Equal(2, pair.Sent(Side.Server, ChunkType.CookieAck).Count());
        Assert.Empty(pair.Sent(Side.Server, ChunkType.Error));
        Assert.Single(pair.Sent(Side.Client, ChunkType.Init));
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal(0, pair.Server!.Stats.Dropped(DropReason.StaleCookie));
    }

    [Fact]
    public void Rfc9260_5_2_4_AStaleCookieForAnotherTagIsReportedEvenWhenAnAssociationExists()
    {
        // Section 5.2.4, step 3: stale, and its tags are not the association's: discarded with an ERROR.
        var pair = new AssociationPair(server: new TransportConfig { CookieLifetime = TimeSpan.FromMilliseconds(500) });
        pair.Connect();
        var server = pair.Server!;
        pair.Intercept = (_, _) => PacketFate.Drop;
        pair.Inject(Side.Client, Packets.FromClient(VerificationTag.Zero, Packets.Init(0x7777)));
        pair.FlushAll();
        byte[] initAck = pair.Sent(Side.Server, ChunkType.InitAck).Last().Bytes;
        pair.Advance(TimeSpan.FromSeconds(1));
        int logBefore = pair.Log.Count;

        pair.Inject(Side.Client, EndpointProbe.CookieEchoFor(initAck));
        pair.FlushAll();

        var error = Assert.Single(pair.Log.Skip(logBefore));
        Assert.Equal([ChunkType.Error], error.ChunkTypes);
        Assert.Equal(new VerificationTag(0x7777), error.Tag);
        Assert.NotNull(Packets.Single<ErrorChunk>(error.Bytes).GetCause<StaleCookieCause>());
        Assert.Equal(1, server.Stats.Dropped(DropReason.StaleCookie));
        Assert.Equal(AssociationState.Established, server.State);
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.Restarted);
    }

    [Fact]
    public void Rfc9260_5_1_3_ACookiePreservativeExtendsTheLifetimeByAtMostTheConfiguredLifetime()
    {
        var probe = new EndpointProbe(transport: new TransportConfig { CookieLifetime = TimeSpan.FromSeconds(10) });

        var modest = Packets.ReadCookie(probe.Endpoint, probe.InitAckFor(1, parameters: new CookiePreservativeParameter(3000)));
        var greedy = Packets.ReadCookie(probe.Endpoint, probe.InitAckFor(2, parameters: new CookiePreservativeParameter(uint.MaxValue)));

        Assert.Equal(TimeSpan.FromSeconds(13), modest.Lifetime);
        Assert.Equal(TimeSpan.FromSeconds(20), greedy.Lifetime);
    }

    [Fact]
    public void Rfc9260_5_2_6_ACookieThatKeepsComingBackStaleEndsTheAssociation()
    {
        // Every cookie lives 1 ms (plus at most 1 ms more on request) and takes 10 ms to come back.
        var pair = new AssociationPair(
            client: new TransportConfig { MaxInitRetransmits = 2 },
            server: new TransportConfig { CookieLifetime = TimeSpan.FromMilliseconds(1) });
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromSeconds(10)), pair.Describe());

        Assert.Equal(3, pair.Sent(Side.Client, ChunkType.Init).Count());
        Assert.Equal(3, pair.Sent(Side.Server, ChunkType.Error).Count());
        Assert.Equal(3, pair.ServerEndpoint.Stats.Dropped(DropReason.StaleCookie));
        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationEventKind.Lost, lost.Kind);
        Assert.Equal(AssociationErrorKind.StaleCookie, lost.Error!.Kind);
        Assert.IsType<StaleCookieCause>(Assert.Single(lost.Error.Causes));
        Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
        Assert.Null(pair.Server);
    }

    public static TheoryData<string> Forgeries() => ["mac", "body", "source port", "destination port", "tag", "other key", "truncated"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Rfc9260_5_1_5_AnInvalidCookieIsDiscardedSilentlyAndCreatesNothing(string forgery)
    {
        var probe = new EndpointProbe();
        byte[] initAck = probe.InitAckFor(0xABCD);
        var initAckChunk = Packets.Single<InitAckChunk>(initAck);
        byte[] cookie = initAckChunk.GetParameter<StateCookieParameter>()!.Cookie.ToArray();
        ushort sourcePort = AssociationPair.ClientPort;
        ushort destinationPort = AssociationPair.ServerPort;
        var tag = initAckChunk.InitiateTag;

        switch (forgery)
        {
            case "mac":
                cookie[^1] ^= 0x80; // step 2: the MAC no longer matches
                break;
            case "body":
                cookie[24] ^= 0x01; // the local tag inside the cookie, under the MAC
                break;
            case "source port":
                sourcePort++; // step 4: not the ports the cookie was made for
                break;
            case "destination port":
                destinationPort++;
                break;
            case "tag":
                tag = new VerificationTag(tag.Value ^ 1); // section 8.5.1: the packet's tag must be the cookie's
                break;
            case "other key":
                // Signed by another endpoint: the MAC does not verify under our secret.
                var otherInitAck = Packets.Single<InitAckChunk>(new EndpointProbe(seed: 77).InitAckFor(0xABCD));
                cookie = otherInitAck.GetParameter<StateCookieParameter>()!.Cookie.ToArray();
                tag = otherInitAck.InitiateTag;
                break;
            case "truncated":
                cookie = cookie[..^1];
                break;
        }

        byte[] packet = Packets.Build(sourcePort, destinationPort, tag, Packets.Bytes(new CookieEchoChunk(cookie)));
        var result = probe.Receive(packet);

        Assert.Equal(EndpointResultKind.Discarded, result.Kind);
        Assert.Equal(DropReason.InvalidCookie, result.DropReason);
        Assert.Equal(1, probe.Endpoint.Stats.Dropped(DropReason.InvalidCookie));
        Assert.Equal(0, probe.Endpoint.AssociationCount);
        Assert.Equal(0, probe.Endpoint.Stats.AssociationsAccepted);
        Assert.Empty(probe.Replies());

        // The genuine COOKIE ECHO still works: the forgery alone was refused.
        var genuine = probe.Receive(EndpointProbe.CookieEchoFor(initAck));
        Assert.Equal(EndpointResultKind.NewAssociation, genuine.Kind);
        Assert.Equal(1, probe.Endpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_1_5_ACookieWithinItsLifetimeIsAcceptedAndOnePastItIsNot()
    {
        var probe = new EndpointProbe(transport: new TransportConfig { CookieLifetime = TimeSpan.FromSeconds(2) });
        byte[] early = probe.InitAckFor(1, 6001);
        byte[] late = probe.InitAckFor(2, 6002);

        probe.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(early)).Kind);
        probe.Now += TimeSpan.FromTicks(1);
        var result = probe.Receive(EndpointProbe.CookieEchoFor(late));

        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        var error = Assert.Single(probe.Replies());
        Assert.Equal(new VerificationTag(2), Packets.Header(error).VerificationTag);
        Assert.NotNull(Packets.Single<ErrorChunk>(error).GetCause<StaleCookieCause>());
        Assert.Equal(1, probe.Endpoint.AssociationCount);
    }
}
