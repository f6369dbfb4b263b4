using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 11.2.4.1 (flooding: the State Cookie lets a server answer INITs without keeping any
/// state) and section 3.3.10.4 (Out of Resource, when the endpoint holds as many associations as it may).
/// </summary>
public class Rfc9260_11_2_4_1_FloodingTests
{
    [Fact]
    public void Rfc9260_3_3_10_4_ACookieEchoBeyondMaxAssociationsIsAbortedWithOutOfResource()
    {
        var probe = new EndpointProbe(config: new EndpointConfig { MaxAssociations = 1 });
        var first = probe.Receive(EndpointProbe.CookieEchoFor(probe.InitAckFor(0x1001, 6001)));
        Assert.Equal(EndpointResultKind.NewAssociation, first.Kind);

        // The INIT is still answered statelessly; its COOKIE ECHO finds no room.
        byte[] initAck = probe.InitAckFor(0x1002, 6002);
        var second = probe.Receive(EndpointProbe.CookieEchoFor(initAck));

        Assert.Equal(EndpointResultKind.Replied, second.Kind);
        var abort = Assert.Single(probe.Replies());
        Assert.Equal([ChunkType.Abort], Packets.Types(abort));
        var header = Packets.Header(abort);
        Assert.Equal(new VerificationTag(0x1002), header.VerificationTag);
        Assert.Equal((AssociationPair.ServerPort, (ushort)6002), (header.SourcePort, header.DestinationPort));
        Assert.Equal(0, Packets.Flags(abort) & 1);
        Assert.IsType<OutOfResourceCause>(Assert.Single(Packets.Single<AbortChunk>(abort).Causes));
        Assert.Equal(1, probe.Endpoint.AssociationCount);

        // Room again once the first association is gone.
        first.Association!.Abort(probe.Now);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(probe.InitAckFor(0x1003, 6003))).Kind);
    }

    [Fact]
    public void Rfc9260_11_2_4_1_AFloodOfInitsCreatesNoStateAndABoundedReplyQueue()
    {
        var config = new EndpointConfig();
        var probe = new EndpointProbe(config: config);
        const int Flood = 10_000;

        for (int i = 0; i < Flood; i++)
        {
            ushort port = (ushort)(1024 + i);
            var result = probe.Receive(Packets.Build(port, AssociationPair.ServerPort, VerificationTag.Zero, Packets.Init((uint)(i + 1))));
            Assert.NotEqual(EndpointResultKind.NewAssociation, result.Kind);
        }

        Assert.Equal(0, probe.Endpoint.AssociationCount);
        Assert.Equal(Flood, probe.Endpoint.Stats.DatagramsReceived);
        Assert.Equal(config.MaxQueuedStatelessReplies, probe.Endpoint.Stats.StatelessReplies);
        Assert.Equal(Flood - config.MaxQueuedStatelessReplies, probe.Endpoint.Stats.StatelessRepliesDropped);
        Assert.Equal(config.MaxQueuedStatelessReplies, probe.Endpoint.Stats.InitsAnswered);
        var replies = probe.Replies();
        Assert.Equal(config.MaxQueuedStatelessReplies, replies.Count);
        Assert.False(probe.Endpoint.HasPendingTransmit);

        // Each INIT ACK that went out carries everything needed: its cookie alone sets up the association.
        var last = replies[^1];
        Assert.Equal(EndpointResultKind.NewAssociation, probe.Receive(EndpointProbe.CookieEchoFor(last)).Kind);
        Assert.Equal(1, probe.Endpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_11_2_4_1_AFloodAnsweredAsItComesCreatesNoState()
    {
        var probe = new EndpointProbe();
        const int Flood = 10_000;
        int answered = 0;

        for (int i = 0; i < Flood; i++)
        {
            probe.Receive(Packets.Build((ushort)(1024 + i), AssociationPair.ServerPort, VerificationTag.Zero, Packets.Init((uint)(i + 1))));
            answered += probe.Replies().Count;
            probe.Now += TimeSpan.FromMilliseconds(1);
        }

        Assert.Equal(Flood, answered);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
        Assert.Equal(Flood, probe.Endpoint.Stats.InitsAnswered);
        Assert.Equal(0, probe.Endpoint.Stats.StatelessRepliesDropped);
    }
}
