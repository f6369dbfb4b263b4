using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 5.2: INIT, INIT ACK, COOKIE ECHO and COOKIE ACK arriving when an association
/// already exists: initialization collisions (5.2.1), INIT in later states with tie-tags (5.2.2), the
/// four actions of the table in 5.2.4 (restart, collision, late cookie, repeated cookie), and unexpected
/// INIT ACK (5.2.3) and COOKIE ACK (5.2.5).
/// </summary>
public class Rfc9260_5_2_CollisionTests
{
    [Fact]
    public void Rfc9260_5_2_1_SimultaneousInitsSetUpOneAssociationWithTheOriginalTags()
    {
        var pair = new AssociationPair(seed: 11);
        pair.StartConnect();
        pair.StartServerConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.State == AssociationState.Established && pair.Server!.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());

        foreach (var (side, endpoint, association) in new[] { (Side.Client, pair.ClientEndpoint, pair.Client!), (Side.Server, pair.ServerEndpoint, pair.Server!) })
        {
            // Each side sent one INIT and answered the other's with its own tag and TSN, unchanged.
            var init = Packets.Single<InitChunk>(pair.Sent(side, ChunkType.Init).Single().Bytes);
            var initAckPacket = pair.Sent(side, ChunkType.InitAck).Single();
            var initAck = Packets.Single<InitAckChunk>(initAckPacket.Bytes);
            Assert.Equal(init.InitiateTag, initAck.InitiateTag);
            Assert.Equal(init.InitialTsn, initAck.InitialTsn);
            Assert.Equal(association.LocalTag, init.InitiateTag);

            // Answered in COOKIE-WAIT: no tie-tags.
            var cookie = Packets.ReadCookie(endpoint, initAckPacket.Bytes);
            Assert.Equal(association.LocalTag, cookie.LocalTag);
            Assert.Equal(0u, cookie.LocalTieTag.Value);
            Assert.Equal(0u, cookie.PeerTieTag.Value);

            Assert.Single(pair.Sent(side, ChunkType.CookieEcho));
            Assert.Single(pair.Sent(side, ChunkType.CookieAck));
            Assert.Equal(1, endpoint.AssociationCount);
            Assert.Equal(0, endpoint.Stats.AssociationsAccepted);
        }

        Assert.Equal(pair.Client!.LocalTag, pair.Server!.PeerTag);
        Assert.Equal(pair.Server.LocalTag, pair.Client.PeerTag);
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        AssertMessagesFlowBothWays(pair);
    }

    [Fact]
    public void Rfc9260_5_2_1_AnInitInCookieWaitIsAnsweredWithOurOwnTagAndChangesNothing()
    {
        var pair = new AssociationPair { Intercept = (_, _) => PacketFate.Drop };
        var client = pair.StartConnect();
        pair.FlushAll();
        var deadline = client.PollTimeout();

        pair.Inject(Side.Server, Packets.FromServer(VerificationTag.Zero, Packets.Init(0x5151)));
        pair.FlushAll();

        var reply = pair.Sent(Side.Client, ChunkType.InitAck).Single();
        Assert.Equal(new VerificationTag(0x5151), reply.Tag);
        var header = Packets.Header(reply.Bytes);
        Assert.Equal((AssociationPair.ClientPort, AssociationPair.ServerPort), (header.SourcePort, header.DestinationPort));
        var initAck = Packets.Single<InitAckChunk>(reply.Bytes);
        var init = Packets.Single<InitChunk>(pair.Sent(Side.Client, ChunkType.Init).Single().Bytes);
        Assert.Equal(init.InitiateTag, initAck.InitiateTag);
        Assert.Equal(init.InitialTsn, initAck.InitialTsn);
        Assert.Equal(init.OutboundStreams, initAck.OutboundStreams);
        Assert.Equal(init.InboundStreams, initAck.InboundStreams);

        var cookie = Packets.ReadCookie(pair.ClientEndpoint, reply.Bytes);
        Assert.Equal(client.LocalTag, cookie.LocalTag);
        Assert.Equal(new VerificationTag(0x5151), cookie.PeerTag);
        Assert.Equal((0u, 0u), (cookie.LocalTieTag.Value, cookie.PeerTieTag.Value));

        Assert.Equal(AssociationState.CookieWait, client.State);
        Assert.Equal(VerificationTag.Zero, client.PeerTag);
        Assert.Equal(deadline, client.PollTimeout());
        Assert.Empty(pair.ClientEvents);
    }

    [Fact]
    public void Rfc9260_5_2_1_AnInitInCookieEchoedIsAnsweredWithOurOwnTagAndTieTagsAndChangesNothing()
    {
        var pair = new AssociationPair
        {
            Intercept = (side, packet) => side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho) ? PacketFate.Drop : PacketFate.Deliver,
        };
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.CookieEchoed, TimeSpan.FromSeconds(1)), pair.Describe());
        var (peerTag, deadline) = (client.PeerTag, client.PollTimeout());

        pair.Inject(Side.Server, Packets.FromServer(VerificationTag.Zero, Packets.Init(0x6161)));
        pair.Intercept = null;
        pair.FlushAll();

        var reply = pair.Sent(Side.Client, ChunkType.InitAck).Single();
        Assert.Equal(new VerificationTag(0x6161), reply.Tag);
        var initAck = Packets.Single<InitAckChunk>(reply.Bytes);
        Assert.Equal(client.LocalTag, initAck.InitiateTag);
        Assert.Equal(client.LocalInitialTsn, initAck.InitialTsn);
        var cookie = Packets.ReadCookie(pair.ClientEndpoint, reply.Bytes);
        Assert.Equal(client.LocalTag, cookie.LocalTieTag);
        Assert.Equal(peerTag, cookie.PeerTieTag);

        Assert.Equal(AssociationState.CookieEchoed, client.State);
        Assert.Equal(peerTag, client.PeerTag);
        Assert.Equal(deadline, client.PollTimeout());

        // The handshake in progress is undisturbed: the retransmitted COOKIE ECHO completes it.
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        Assert.Equal(peerTag, client.PeerTag);
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
    }

    [Fact]
    public void Rfc9260_5_2_2_AnInitWhenEstablishedOffersANewTagWithTieTagsAndChangesNothing()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        var (localTag, peerTag) = (server.LocalTag, server.PeerTag);

        pair.Inject(Side.Client, Packets.FromClient(VerificationTag.Zero, Packets.Init(0x7171)));
        pair.FlushAll();

        var reply = pair.Sent(Side.Server, ChunkType.InitAck).Last();
        Assert.Equal(new VerificationTag(0x7171), reply.Tag);
        var initAck = Packets.Single<InitAckChunk>(reply.Bytes);
        Assert.NotEqual(0u, initAck.InitiateTag.Value);
        Assert.NotEqual(localTag, initAck.InitiateTag);
        Assert.NotEqual(server.LocalInitialTsn, initAck.InitialTsn);
        var cookie = Packets.ReadCookie(pair.ServerEndpoint, reply.Bytes);
        Assert.Equal(initAck.InitiateTag, cookie.LocalTag);
        Assert.Equal(new VerificationTag(0x7171), cookie.PeerTag);
        Assert.Equal(localTag, cookie.LocalTieTag);
        Assert.Equal(peerTag, cookie.PeerTieTag);

        // The association MUST NOT change: same state, tags, no event; it keeps working.
        Assert.Equal(AssociationState.Established, server.State);
        Assert.Equal((localTag, peerTag), (server.LocalTag, server.PeerTag));
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        AssertMessagesFlowBothWays(pair);

        // The INIT ACK went under the INIT's tag, which is not the client's: the client dropped it.
        Assert.Equal(1, pair.Client!.Stats.Dropped(DropReason.BadVerificationTag));
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionA_APeerRestartIsDetectedByTieTagsAndReportedAsRestarted()
    {
        var pair = new AssociationPair(seed: 21);
        pair.Connect();
        var server = pair.Server!;
        var (oldLocal, oldPeer) = (server.LocalTag, server.PeerTag);
        Assert.True(server.TrySend(pair.Now, new StreamId(1), [1, 2, 3]));
        Assert.True(pair.DriveUntil(() => AssociationPair.ReceiveAll(pair.Client!).Count == 1, TimeSpan.FromSeconds(2)), pair.Describe());
        int logBefore = pair.Log.Count;

        pair.RestartClient(seed: 99);
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        var restart = pair.Log.Skip(logBefore).ToList();

        // The INIT reached the live association, which answered with a new tag and tie-tags.
        var initAckPacket = restart.Single(p => p.From == Side.Server && p.ChunkTypes.Contains(ChunkType.InitAck));
        var cookie = Packets.ReadCookie(pair.ServerEndpoint, initAckPacket.Bytes);
        Assert.Equal((oldLocal, oldPeer), (cookie.LocalTieTag, cookie.PeerTieTag));

        // The COOKIE ECHO matched neither tag but both tie-tags: the same association object restarts.
        Assert.Same(server, pair.Server);
        Assert.Equal(AssociationState.Established, server.State);
        Assert.Equal(cookie.LocalTag, server.LocalTag);
        Assert.NotEqual(oldLocal, server.LocalTag);
        Assert.Equal(client.LocalTag, server.PeerTag);
        Assert.NotEqual(oldPeer, server.PeerTag);
        Assert.Equal(client.PeerTag, server.LocalTag);
        Assert.Equal(
            [AssociationEventKind.Connected, AssociationEventKind.Restarted],
            pair.ServerEvents.Select(e => e.Kind).Where(k => k is AssociationEventKind.Connected or AssociationEventKind.Restarted));
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
        Assert.Equal(1, pair.ServerEndpoint.Stats.AssociationsAccepted);
        Assert.Single(restart, p => p.From == Side.Server && p.ChunkTypes.Contains(ChunkType.CookieAck));

        // Sequence numbers began afresh: messages flow both ways under the new tags.
        AssertMessagesFlowBothWays(pair);
        Assert.All(pair.Log.Skip(logBefore).Where(p => p.From == Side.Server && !p.ChunkTypes.Contains(ChunkType.InitAck)), p => Assert.Equal(client.LocalTag, p.Tag));
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionA_DataUnacknowledgedBeforeARestartIsNotSentUnderTheNewTags()
    {
        var pair = new AssociationPair(seed: 23);
        pair.Connect();
        var server = pair.Server!;

        // The server's message never reaches the old client, which then restarts.
        pair.Intercept = (side, packet) => side == Side.Server && Packets.Types(packet).Contains(ChunkType.Data) ? PacketFate.Drop : PacketFate.Deliver;
        Assert.True(server.TrySend(pair.Now, new StreamId(0), "lost with the old association"u8));
        pair.Drive(TimeSpan.FromMilliseconds(50));
        Assert.True(server.SendBufferUsed > 0);
        pair.Intercept = null;
        pair.RestartClient(seed: 77);
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        int logAfterRestart = pair.Log.Count;

        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.Restarted);
        Assert.Equal(0, server.SendBufferUsed);

        AssertMessagesFlowBothWays(pair);
        pair.Drive(TimeSpan.FromSeconds(5));
        Assert.Empty(AssociationPair.ReceiveAll(client));
        Assert.DoesNotContain(pair.Log.Skip(logAfterRestart), p => p.From == Side.Server && p.Tag != client.LocalTag);
        Assert.Equal(AssociationState.Established, server.State);
        Assert.Equal(AssociationState.Established, client.State);
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionA_ARestartWhileInShutdownAckSentIsRefusedWithCookieReceivedWhileShuttingDown()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;

        // A cookie for a restart, obtained while established (tie-tags are the current tags)...
        pair.Intercept = (side, _) => side == Side.Server ? PacketFate.Drop : PacketFate.Deliver;
        pair.Inject(Side.Client, Packets.FromClient(VerificationTag.Zero, Packets.Init(0x8181)));
        pair.FlushAll();
        byte[] initAck = pair.Sent(Side.Server, ChunkType.InitAck).Last().Bytes;

        // ...echoed once the server has sent SHUTDOWN ACK (the client's SHUTDOWN COMPLETE is lost).
        pair.Intercept = (side, packet) => side == Side.Client && Packets.Types(packet).Contains(ChunkType.ShutdownComplete) ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => server.State == AssociationState.ShutdownAckSent && pair.Client.IsClosed, TimeSpan.FromSeconds(2)), pair.Describe());
        pair.Intercept = (_, _) => PacketFate.Drop;
        int logBefore = pair.Log.Count;

        pair.Inject(Side.Client, EndpointProbe.CookieEchoFor(initAck));
        pair.FlushAll();

        var replies = pair.Log.Skip(logBefore).Where(p => p.From == Side.Server).ToList();
        Assert.Equal([ChunkType.ShutdownAck, ChunkType.Error], replies.SelectMany(p => p.ChunkTypes));
        Assert.All(replies, p => Assert.Equal(new VerificationTag(0x8181), p.Tag));
        Assert.NotNull(Packets.Single<ErrorChunk>(replies[1].Bytes).GetCause<CookieReceivedWhileShuttingDownCause>());
        Assert.Equal(AssociationState.ShutdownAckSent, server.State);
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.Restarted);
    }

    [Fact]
    public void Rfc9260_9_2_AnInitInShutdownAckSentResendsTheShutdownAckAndARestartedPeerThenConnects()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        bool dropShutdownComplete = true;
        pair.Intercept = (side, packet) => dropShutdownComplete && side == Side.Client && Packets.Types(packet).Contains(ChunkType.ShutdownComplete) ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => server.State == AssociationState.ShutdownAckSent && pair.Client.IsClosed, TimeSpan.FromSeconds(2)), pair.Describe());
        dropShutdownComplete = false;
        int logBefore = pair.Log.Count;

        pair.RestartClient(seed: 5);
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(10)), pair.Describe());
        var after = pair.Log.Skip(logBefore).ToList();

        // The INIT got a SHUTDOWN ACK, not an INIT ACK; the new client, in COOKIE-WAIT, treated it as out
        // of the blue (section 8.5.1, rule E) with a SHUTDOWN COMPLETE (T bit, tag reflected), which closed
        // the old association; the retransmitted INIT then set up a new one.
        var first = after.First(p => p.From == Side.Server);
        Assert.Equal([ChunkType.ShutdownAck], first.ChunkTypes);
        var complete = after.First(p => p.From == Side.Client && p.ChunkTypes.Contains(ChunkType.ShutdownComplete));
        Assert.Equal(first.Tag, complete.Tag);
        Assert.Equal(1, Packets.Flags(complete.Bytes) & 1);
        Assert.True(server.IsClosed);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.NotSame(server, pair.Server);
        Assert.Equal(2, pair.Log.Skip(logBefore).Count(p => p.From == Side.Client && p.ChunkTypes.Contains(ChunkType.Init)));
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionB_ACookieWithOurTagAndANewPeerTagEstablishesWithThePeersNewTag()
    {
        // The client's INIT is lost; the server's INIT reaches the client in COOKIE-WAIT, whose INIT ACK
        // cookie then comes back with our tag but a peer tag we have not seen (M, 0 in the table).
        bool droppedInit = false;
        var pair = new AssociationPair(seed: 13)
        {
            Intercept = (side, packet) =>
            {
                if (!droppedInit && side == Side.Client && Packets.Types(packet).Contains(ChunkType.Init))
                {
                    droppedInit = true;
                    return PacketFate.Drop;
                }

                return PacketFate.Deliver;
            },
        };
        var client = pair.StartConnect();
        var server = pair.StartServerConnect();

        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established && server.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());

        Assert.Empty(pair.Sent(Side.Server, ChunkType.InitAck));
        Assert.Empty(pair.Sent(Side.Client, ChunkType.CookieEcho));
        var echo = pair.Sent(Side.Server, ChunkType.CookieEcho).Single();
        var ack = pair.Sent(Side.Client, ChunkType.CookieAck).Single();
        Assert.Equal(client.LocalTag, echo.Tag);
        Assert.Equal(server.LocalTag, ack.Tag);
        Assert.Equal(server.LocalTag, client.PeerTag);
        Assert.Equal(client.LocalTag, server.PeerTag);

        // T1-init stopped: the lost INIT is never retransmitted.
        pair.Drive(TimeSpan.FromSeconds(3));
        Assert.Single(pair.Sent(Side.Client, ChunkType.Init));
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        AssertMessagesFlowBothWays(pair);
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionC_ALateCookieFromAnEarlierInitIsDiscardedSilently()
    {
        var pair = new AssociationPair();
        pair.StartConnect();
        pair.FlushAll();

        // A duplicate of the client's INIT reaches the server before any association: its INIT ACK
        // (another tag, no tie-tags) is taken off the wire here and never reaches the client.
        pair.Inject(Side.Client, pair.Log[0].Bytes);
        var late = Assert.Single(Packets.Drain(pair.ServerEndpoint)).Packet;
        Assert.True(pair.DriveUntil(() => pair.Client!.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        var server = pair.Server!;
        Assert.NotEqual(server.LocalTag, Packets.Single<InitAckChunk>(late).InitiateTag);
        int logBefore = pair.Log.Count;

        var result = pair.Inject(Side.Client, EndpointProbe.CookieEchoFor(late));
        pair.FlushAll();

        // Local tag does not match, peer tag does, no tie-tags: (C), silently discarded.
        Assert.Equal(EndpointResultKind.Routed, result.Kind);
        Assert.Same(server, result.Association);
        Assert.Equal(1, server.Stats.Dropped(DropReason.InvalidCookie));
        Assert.DoesNotContain(pair.Log.Skip(logBefore), p => p.From == Side.Server);
        Assert.Equal(AssociationState.Established, server.State);
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_2_4_ActionD_ARepeatedCookieEchoIsAnsweredWithAnotherCookieAck()
    {
        bool droppedAck = false;
        var pair = new AssociationPair
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
        var acks = pair.Sent(Side.Server, ChunkType.CookieAck).ToList();
        Assert.Equal(2, echoes.Count);
        Assert.Equal(echoes[0].Bytes, echoes[1].Bytes);
        Assert.Equal(2, acks.Count);
        Assert.True(acks[0].Dropped);
        Assert.False(acks[1].Dropped);
        Assert.Equal([AssociationEventKind.Connected], pair.ServerEvents.Select(e => e.Kind));
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal(1, pair.ServerEndpoint.AssociationCount);
        AssertMessagesFlowBothWays(pair);
    }

    [Fact]
    public void Rfc9260_5_2_3_AnInitAckInCookieEchoedOrEstablishedIsDiscarded()
    {
        var pair = new AssociationPair
        {
            Intercept = (side, packet) => side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho) ? PacketFate.Drop : PacketFate.Deliver,
        };
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.CookieEchoed, TimeSpan.FromSeconds(1)), pair.Describe());
        byte[] original = pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes;
        var peerTag = client.PeerTag;

        // Another INIT ACK (a new tag and cookie) in COOKIE-ECHOED: discarded, nothing sent.
        var other = Packets.Single<InitAckChunk>(original);
        var forged = new InitAckChunk(new VerificationTag(0x9999), other.AdvertisedReceiverWindowCredit, other.OutboundStreams, other.InboundStreams, new Tsn(5), other.Parameters);
        int logBefore = pair.Log.Count;
        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(forged)));
        pair.FlushAll();
        Assert.Equal(AssociationState.CookieEchoed, client.State);
        Assert.Equal(peerTag, client.PeerTag);
        Assert.DoesNotContain(pair.Log.Skip(logBefore), p => p.From == Side.Client);
        Assert.Equal(1, client.Stats.Dropped(DropReason.UnexpectedChunk));

        // Once established, the original INIT ACK again: discarded.
        pair.Intercept = null;
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        logBefore = pair.Log.Count;
        pair.Inject(Side.Server, original);
        pair.FlushAll();
        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal(peerTag, client.PeerTag);
        Assert.DoesNotContain(pair.Log.Skip(logBefore), p => p.From == Side.Client);
        Assert.Equal(2, client.Stats.Dropped(DropReason.UnexpectedChunk));
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
    }

    [Fact]
    public void Rfc9260_5_2_5_ACookieAckOutsideCookieEchoedIsDiscarded()
    {
        var pair = new AssociationPair { Intercept = (_, _) => PacketFate.Drop };
        var client = pair.StartConnect();
        pair.FlushAll();

        // In COOKIE-WAIT, a COOKIE ACK under our tag: no effect.
        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(CookieAckChunk.Instance)));
        Assert.Equal(AssociationState.CookieWait, client.State);
        Assert.Empty(pair.ClientEvents);

        // Established, another COOKIE ACK: no second Connected, no change.
        pair.Intercept = null;
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(CookieAckChunk.Instance)));
        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal(2, client.Stats.Dropped(DropReason.UnexpectedChunk));
    }

    private static void AssertMessagesFlowBothWays(AssociationPair pair)
    {
        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(0), "ping"u8));
        Assert.True(pair.Server!.TrySend(pair.Now, new StreamId(0), "pong"u8));
        var atServer = new List<byte[]>();
        var atClient = new List<byte[]>();
        Assert.True(
            pair.DriveUntil(
                () =>
                {
                    atServer.AddRange(AssociationPair.ReceiveAll(pair.Server).Select(m => m.Payload));
                    atClient.AddRange(AssociationPair.ReceiveAll(pair.Client).Select(m => m.Payload));
                    return atServer.Count == 1 && atClient.Count == 1;
                },
                TimeSpan.FromSeconds(5)),
            pair.Describe());
        Assert.Equal("ping"u8.ToArray(), atServer[0]);
        Assert.Equal("pong"u8.ToArray(), atClient[0]);
    }
}
