using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 5.1, step D, from the client's side: messages accepted once the INIT ACK has arrived
/// (COOKIE-ECHOED) ride in the packet of the COOKIE ECHO, after it, and share its fate: lost with it, they
/// go again with it; refused as stale with it (section 5.2.6), they go with the next one. None is lost or
/// delivered twice, and a shutdown asked for meanwhile drains them first.
/// </summary>
public class Rfc9260_5_1_DataWithCookieEchoTests
{
    private static readonly StreamId Stream = new(1);

    [Fact]
    public void Rfc9260_5_1_D_AMessageSentInCookieEchoedRidesAfterTheCookieEchoAndIsDeliveredOnce()
    {
        var pair = new AssociationPair(seed: 5);
        SendWhenCookieEchoed(pair, "first"u8.ToArray(), "second"u8.ToArray());
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Server?.State == AssociationState.Established && pair.Client!.State == AssociationState.Established, TimeSpan.FromSeconds(2)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));

        var cookieEcho = Assert.Single(pair.Sent(Side.Client, ChunkType.CookieEcho));
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Data, ChunkType.Data], cookieEcho.ChunkTypes);
        Assert.Equal(
            ["first", "second"],
            AssociationPair.ReceiveAll(pair.Server!).Select(m => System.Text.Encoding.ASCII.GetString(m.Payload)));

        // Both acknowledged: nothing outstanding, no retransmission, no second copy on the wire.
        Assert.Equal(0, pair.Client!.SendBufferUsed);
        Assert.Equal(0, pair.Client.Stats.Retransmissions);
        Assert.Equal(2, pair.Log.Where(p => p.From == Side.Client).Sum(p => p.ChunkTypes.Count(t => t == ChunkType.Data)));
        Assert.Equal(0, pair.Server!.Stats.DuplicateTsnsReceived);
    }

    [Fact]
    public void Rfc9260_5_1_D_DataLostWithItsCookieEchoGoesAgainWithTheRetransmittedCookieEcho()
    {
        var pair = new AssociationPair(seed: 6);
        bool droppedOnce = false;
        pair.Intercept = (side, packet) =>
        {
            if (!droppedOnce && side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho))
            {
                droppedOnce = true;
                return PacketFate.Drop;
            }

            return PacketFate.Deliver;
        };
        SendWhenCookieEchoed(pair, "payload"u8.ToArray());
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(10)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));

        // T1-cookie expired and the COOKIE ECHO went again, its DATA with it (not a T3-rtx later, alone).
        var echoes = pair.Sent(Side.Client, ChunkType.CookieEcho).ToList();
        Assert.Equal(2, echoes.Count);
        Assert.True(echoes[0].Dropped);
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Data], echoes[0].ChunkTypes);
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Data], echoes[1].ChunkTypes);
        Assert.Equal(DataPathKit.DataTsns(echoes[0].Bytes), DataPathKit.DataTsns(echoes[1].Bytes));

        Assert.Equal("payload"u8.ToArray(), Assert.Single(AssociationPair.ReceiveAll(pair.Server!)).Payload);
        Assert.Equal(0, pair.Client!.SendBufferUsed);
        Assert.Equal(1, pair.Client.Stats.Retransmissions);
    }

    [Fact]
    public void Rfc9260_5_2_4_D_WhenTheCookieAckIsLostTheRepeatedDataIsADuplicateNotASecondMessage()
    {
        var pair = new AssociationPair(seed: 7);
        bool droppedOnce = false;
        pair.Intercept = (side, packet) =>
        {
            if (!droppedOnce && side == Side.Server && Packets.Types(packet).Contains(ChunkType.CookieAck))
            {
                droppedOnce = true;
                return PacketFate.Drop;
            }

            return PacketFate.Deliver;
        };
        SendWhenCookieEchoed(pair, "once"u8.ToArray());
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.State == AssociationState.Established, TimeSpan.FromSeconds(10)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));

        Assert.Equal(2, pair.Sent(Side.Client, ChunkType.CookieEcho).Count());
        Assert.Equal("once"u8.ToArray(), Assert.Single(AssociationPair.ReceiveAll(pair.Server!)).Payload);
        Assert.Equal(1, pair.Server!.Stats.DuplicateTsnsReceived);
        Assert.Equal(0, pair.Client!.SendBufferUsed);
        Assert.Equal(AssociationState.Established, pair.Server.State);
    }

    [Fact]
    public void Rfc9260_5_2_6_DataBundledWithAStaleCookieEchoIsSentAgainWithTheNextCookieEcho()
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
        SendWhenCookieEchoed(pair, "survives"u8.ToArray());
        pair.StartConnect();
        Assert.True(pair.DriveUntil(() => held is not null, TimeSpan.FromSeconds(1)), pair.Describe());
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Data], Packets.Types(held!));

        // Deliver the COOKIE ECHO (and its DATA) after the cookie expired: the server refuses both.
        pair.Advance(TimeSpan.FromMilliseconds(800));
        Assert.True(pair.Client!.PollTimeout() > pair.Now, "T1-cookie must not have expired yet.");
        Assert.Equal(EndpointResultKind.Replied, pair.Inject(Side.Client, held!).Kind);

        Assert.True(pair.DriveUntil(() => pair.Client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(5)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));

        // The second COOKIE ECHO (after the new INIT and INIT ACK) carries the same DATA chunk again.
        var second = pair.Sent(Side.Client, ChunkType.CookieEcho).Single(p => !p.Dropped);
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Data], second.ChunkTypes);
        Assert.Equal(DataPathKit.DataTsns(held!), DataPathKit.DataTsns(second.Bytes));
        Assert.Equal("survives"u8.ToArray(), Assert.Single(AssociationPair.ReceiveAll(pair.Server!)).Payload);
        Assert.Equal(0, pair.Client.SendBufferUsed);
    }

    [Fact]
    public void Rfc9260_9_2_AShutdownAskedForInCookieEchoedDeliversTheAcceptedMessagesFirst()
    {
        var pair = new AssociationPair(seed: 8);
        bool asked = false;
        pair.Delivered = (from, _) =>
        {
            if (!asked && from == Side.Server && pair.Client!.State == AssociationState.CookieEchoed)
            {
                asked = true;
                Assert.True(pair.Client.TrySend(pair.Now, Stream, new byte[3000]));
                pair.Client.Shutdown(pair.Now);
                Assert.Equal(AssociationState.CookieEchoed, pair.Client.State);
                Assert.Throws<InvalidOperationException>(() => pair.Client.TrySend(pair.Now, Stream, "late"u8));
            }
        };
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed && pair.Server?.IsClosed == true, TimeSpan.FromSeconds(10)), pair.Describe());

        Assert.True(asked);
        Assert.Equal(3000, Assert.Single(AssociationPair.ReceiveAll(pair.Server!)).Payload.Length);
        Assert.Equal(
            [AssociationEventKind.Connected, AssociationEventKind.ShutdownComplete],
            pair.ClientEvents.Select(e => e.Kind).Where(k => k is AssociationEventKind.Connected or AssociationEventKind.ShutdownComplete or AssociationEventKind.Lost));
        Assert.Single(pair.Sent(Side.Client, ChunkType.Shutdown));
    }

    [Fact]
    public void Rfc9260_5_1_MessagesAreRefusedBeforeTheInitAckAndCheckedAgainstTheNegotiatedStreams()
    {
        var client = new TransportConfig { OutboundStreams = 16 };
        var server = new TransportConfig { MaxInboundStreams = 4 };
        var pair = new AssociationPair(seed: 9, client: client, server: server);
        Exception? outOfRange = null;
        pair.Delivered = (from, _) =>
        {
            if (outOfRange is null && from == Side.Server && pair.Client!.State == AssociationState.CookieEchoed)
            {
                // The INIT ACK brought the peer's MIS: 4 streams, not our 16.
                Assert.Equal(4, pair.Client.OutboundStreams);
                outOfRange = Record.Exception(() => pair.Client.TrySend(pair.Now, new StreamId(4), "x"u8));
                Assert.True(pair.Client.TrySend(pair.Now, new StreamId(3), "y"u8));
            }
        };
        var association = pair.StartConnect();

        // COOKIE-WAIT: the stream counts are not known yet, so nothing is accepted and nothing is lost.
        var refused = Assert.Throws<InvalidOperationException>(() => association.TrySend(pair.Now, Stream, "early"u8));
        Assert.Contains("INIT ACK", refused.Message);
        Assert.Equal(0, association.SendBufferUsed);

        Assert.True(pair.DriveUntil(() => pair.Server?.State == AssociationState.Established && association.State == AssociationState.Established, TimeSpan.FromSeconds(2)), pair.Describe());
        pair.Drive(TimeSpan.FromSeconds(1));
        Assert.IsType<ArgumentOutOfRangeException>(outOfRange);
        var message = Assert.Single(AssociationPair.ReceiveAll(pair.Server!));
        Assert.Equal(new StreamId(3), message.Stream);
    }

    /// <summary>Queues <paramref name="messages"/> on the client as soon as it is in COOKIE-ECHOED, before it answers the INIT ACK.</summary>
    private static void SendWhenCookieEchoed(AssociationPair pair, params byte[][] messages)
    {
        bool sent = false;
        pair.Delivered = (from, _) =>
        {
            if (!sent && from == Side.Server && pair.Client?.State == AssociationState.CookieEchoed)
            {
                sent = true;
                foreach (var message in messages)
                {
                    Assert.True(pair.Client.TrySend(pair.Now, Stream, message));
                }
            }
        };
    }
}
