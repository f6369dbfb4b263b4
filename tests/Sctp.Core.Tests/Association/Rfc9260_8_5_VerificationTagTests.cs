using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 8.5 (every packet carries the receiver's tag) and its exceptions in 8.5.1: INIT
/// (rule A), ABORT (rule B), SHUTDOWN COMPLETE (rule C) and SHUTDOWN ACK before the handshake completes
/// (rule E). Packets are injected into an established pair.
/// </summary>
public class Rfc9260_8_5_VerificationTagTests
{
    [Fact]
    public void Rfc9260_8_5_APacketWithTheWrongTagIsDroppedAndCounted()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        var data = Packets.Data(pair.Client!.LocalInitialTsn, 0, 0, [1, 2, 3]);
        int logBefore = pair.Log.Count;

        foreach (uint tag in new[] { server.LocalTag.Value ^ 0x8000_0000, server.PeerTag.Value, 0u })
        {
            var result = pair.Inject(Side.Client, Packets.FromClient(new VerificationTag(tag), data));
            Assert.NotEqual(EndpointResultKind.Replied, result.Kind);
        }

        pair.Drive(TimeSpan.FromSeconds(1));
        Assert.Empty(AssociationPair.ReceiveAll(server));
        Assert.Equal(0, server.Stats.DataChunksReceived);
        Assert.Equal(2, server.Stats.Dropped(DropReason.BadVerificationTag));
        Assert.Equal(1, pair.ServerEndpoint.Stats.Dropped(DropReason.BadVerificationTag));
        Assert.DoesNotContain(pair.Log.Skip(logBefore), p => p.From == Side.Server && !p.ChunkTypes.SequenceEqual([ChunkType.Heartbeat]));
        Assert.Equal(AssociationState.Established, server.State);

        // The same chunk under the right tag is taken.
        pair.Inject(Side.Client, Packets.FromClient(server.LocalTag, data));
        Assert.Single(AssociationPair.ReceiveAll(server));
    }

    [Fact]
    public void Rfc9260_8_5_1_RuleA_AnInitUnderANonZeroTagIsDiscarded()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int logBefore = pair.Log.Count;

        // To the live association and to a port with no association: no INIT ACK either way.
        var routed = pair.Inject(Side.Client, Packets.FromClient(pair.Server!.LocalTag, Packets.Init(0x4242)));
        var probe = new EndpointProbe();
        var stateless = probe.Receive(Packets.FromClient(new VerificationTag(0x1111), Packets.Init(0x4242)));
        pair.FlushAll();

        Assert.Equal(EndpointResultKind.Routed, routed.Kind);
        Assert.Equal(1, pair.Server.Stats.Dropped(DropReason.BadVerificationTag));
        Assert.DoesNotContain(pair.Log.Skip(logBefore), p => p.From == Side.Server);
        Assert.Equal(AssociationState.Established, pair.Server.State);
        Assert.Equal(EndpointResultKind.Discarded, stateless.Kind);
        Assert.Equal(DropReason.BadVerificationTag, stateless.DropReason);
        Assert.Empty(probe.Replies());
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
    }

    [Fact]
    public void Rfc9260_8_5_1_RuleA_AnInitBundledWithOtherChunksIsDiscarded()
    {
        var probe = new EndpointProbe();

        var before = probe.Receive(Packets.FromClient(VerificationTag.Zero, Packets.Init(0x4242), Packets.Data(new Tsn(1), 0, 0, [1])));
        var after = probe.Receive(Packets.FromClient(VerificationTag.Zero, Packets.Bytes(new HeartbeatChunk([1])), Packets.Init(0x4242)));

        Assert.Equal(EndpointResultKind.Discarded, before.Kind);
        Assert.Equal(DropReason.IllegalBundling, before.DropReason);
        Assert.NotEqual(EndpointResultKind.Replied, after.Kind);
        Assert.Empty(probe.Replies());
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
    }

    public enum TagChoice
    {
        Own,
        Peers,
        Other,
    }

    [Theory]
    [InlineData(false, TagChoice.Own, true)]
    [InlineData(true, TagChoice.Peers, true)]
    [InlineData(false, TagChoice.Peers, false)]
    [InlineData(true, TagChoice.Own, false)]
    [InlineData(false, TagChoice.Other, false)]
    [InlineData(true, TagChoice.Other, false)]
    public void Rfc9260_8_5_1_RuleB_AnAbortIsAcceptedUnderOurTagWithTClearOrThePeersTagWithTSet(bool reflected, TagChoice choice, bool accepted)
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        var tag = Choose(choice, client);

        pair.Inject(Side.Server, Packets.FromServer(tag, Packets.Bytes(new AbortChunk(reflected, new UserInitiatedAbortCause("test"u8)))));

        if (accepted)
        {
            Assert.True(client.IsClosed);
            var lost = pair.ClientEvents.Last();
            Assert.Equal(AssociationEventKind.Lost, lost.Kind);
            Assert.Equal(AssociationErrorKind.PeerAborted, lost.Error!.Kind);
            Assert.Equal("test"u8.ToArray(), Assert.IsType<UserInitiatedAbortCause>(Assert.Single(lost.Error.Causes)).Reason.ToArray());
            Assert.Equal(0, pair.ClientEndpoint.AssociationCount);
        }
        else
        {
            Assert.Equal(AssociationState.Established, client.State);
            Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
            Assert.Equal(1, client.Stats.Dropped(DropReason.BadVerificationTag) + pair.ClientEndpoint.Stats.TotalDropped);
        }
    }

    [Fact]
    public void Rfc9260_8_5_1_RuleB_InCookieWaitOnlyAnAbortUnderOurOwnTagIsAccepted()
    {
        var pair = new AssociationPair { Intercept = (_, _) => PacketFate.Drop };
        var client = pair.StartConnect();
        pair.FlushAll();

        // The peer's tag is not known yet: T bit set is never ours to accept.
        pair.Inject(Side.Server, Packets.FromServer(VerificationTag.Zero, Packets.Bytes(new AbortChunk(true))));
        pair.Inject(Side.Server, Packets.FromServer(new VerificationTag(0x2222), Packets.Bytes(new AbortChunk(true))));
        Assert.Equal(AssociationState.CookieWait, client.State);

        // The answer to our INIT from an endpoint that refuses it: our tag, T bit clear.
        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(new AbortChunk(false, OutOfResourceCause.Instance))));
        Assert.True(client.IsClosed);
        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationErrorKind.Refused, lost.Error!.Kind);
        Assert.IsType<OutOfResourceCause>(Assert.Single(lost.Error.Causes));
    }

    [Theory]
    [InlineData(false, TagChoice.Own, true)]
    [InlineData(true, TagChoice.Peers, true)]
    [InlineData(false, TagChoice.Peers, false)]
    [InlineData(true, TagChoice.Own, false)]
    [InlineData(false, TagChoice.Other, false)]
    [InlineData(true, TagChoice.Other, false)]
    public void Rfc9260_8_5_1_RuleC_AShutdownCompleteIsAcceptedUnderOurTagWithTClearOrThePeersTagWithTSet(bool reflected, TagChoice choice, bool accepted)
    {
        var pair = ServerInShutdownAckSent();
        var server = pair.Server!;
        var tag = Choose(choice, server);

        pair.Inject(Side.Client, Packets.FromClient(tag, Packets.Bytes(ShutdownCompleteChunk.Get(reflected))));

        if (accepted)
        {
            Assert.True(server.IsClosed);
            Assert.Equal(AssociationEventKind.ShutdownComplete, pair.ServerEvents.Last().Kind);
            Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
        }
        else
        {
            Assert.Equal(AssociationState.ShutdownAckSent, server.State);
            Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        }
    }

    [Fact]
    public void Rfc9260_8_5_1_RuleC_AShutdownCompleteOutsideShutdownAckSentIsIgnored()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;

        pair.Inject(Side.Server, Packets.FromServer(client.LocalTag, Packets.Bytes(ShutdownCompleteChunk.Instance)));
        pair.Inject(Side.Server, Packets.FromServer(client.PeerTag, Packets.Bytes(ShutdownCompleteChunk.Reflected)));

        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal([AssociationEventKind.Connected], pair.ClientEvents.Select(e => e.Kind));
        Assert.Equal(2, client.Stats.Dropped(DropReason.UnexpectedChunk));
    }

    [Theory]
    [InlineData(AssociationState.CookieWait)]
    [InlineData(AssociationState.CookieEchoed)]
    public void Rfc9260_8_5_1_RuleE_AShutdownAckBeforeTheHandshakeCompletesIsTreatedAsOutOfTheBlue(AssociationState state)
    {
        var pair = new AssociationPair
        {
            Intercept = (side, packet) => state == AssociationState.CookieWait || (side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho))
                ? PacketFate.Drop
                : PacketFate.Deliver,
        };
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == state, TimeSpan.FromSeconds(1)), pair.Describe());
        pair.FlushAll();
        pair.Intercept = (_, _) => PacketFate.Drop;
        var (peerTag, deadline) = (client.PeerTag, client.PollTimeout());
        int logBefore = pair.Log.Count;

        pair.Inject(Side.Server, Packets.FromServer(new VerificationTag(0x3333), Packets.Bytes(ShutdownAckChunk.Instance)));
        pair.FlushAll();

        // Section 8.4, rule 5: SHUTDOWN COMPLETE with the T bit, reflecting the packet's tag; no change.
        var reply = Assert.Single(pair.Log.Skip(logBefore));
        Assert.Equal(Side.Client, reply.From);
        Assert.Equal([ChunkType.ShutdownComplete], reply.ChunkTypes);
        Assert.Equal(new VerificationTag(0x3333), reply.Tag);
        Assert.Equal(1, Packets.Flags(reply.Bytes) & 1);
        Assert.Equal(state, client.State);
        Assert.Equal(peerTag, client.PeerTag);
        Assert.Equal(deadline, client.PollTimeout());
        Assert.Empty(pair.ClientEvents);
    }

    private static VerificationTag Choose(TagChoice choice, Association association) => choice switch
    {
        TagChoice.Own => association.LocalTag,
        TagChoice.Peers => association.PeerTag,
        _ => new VerificationTag(association.LocalTag.Value ^ association.PeerTag.Value ^ 0x5A5A_5A5A),
    };

    /// <summary>A pair whose client shut down and closed while its SHUTDOWN COMPLETE was lost.</summary>
    private static AssociationPair ServerInShutdownAckSent()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Intercept = (side, packet) => side == Side.Client && Packets.Types(packet).Contains(ChunkType.ShutdownComplete) ? PacketFate.Drop : PacketFate.Deliver;
        pair.Client!.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => pair.Server!.State == AssociationState.ShutdownAckSent && pair.Client.IsClosed, TimeSpan.FromSeconds(2)), pair.Describe());
        pair.Intercept = (_, _) => PacketFate.Drop;
        return pair;
    }
}
