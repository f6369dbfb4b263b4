using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// <see cref="Association.TrySend"/> misused (RFC 9260 section 6 and the API's documented exceptions):
/// wrong state, stream out of range, empty or oversized message. Each throws what the API documents and
/// changes nothing; a full send buffer returns false and <see cref="AssociationEventKind.Writable"/> follows.
/// </summary>
public class Rfc9260_6_SendMisuseTests
{
    [Fact]
    public void Rfc9260_6_SendingBeforeTheHandshakeCompletesThrows()
    {
        var pair = new AssociationPair();
        var client = pair.StartConnect();
        Assert.Equal(AssociationState.CookieWait, client.State);
        Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, new StreamId(0), Pattern(10, 1)));
        Assert.Equal(0, client.Stats.MessagesSent);

        // The handshake goes on unaffected, and a send afterwards works.
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.Established && pair.Server?.State == AssociationState.Established, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(10, 1)));
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 1, TimeSpan.FromSeconds(5)), pair.Describe());
    }

    [Fact]
    public void Rfc9260_9_SendingWhileShuttingDownOrClosedThrows()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var client = pair.Client!;
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(3000, 1)));
        client.Shutdown(pair.Now);
        Assert.Equal(AssociationState.ShutdownPending, client.State);
        Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, new StreamId(0), Pattern(10, 2)));

        // The message queued before the shutdown is still delivered, and only it.
        Assert.True(pair.DriveUntil(() => client.IsClosed && pair.Server!.IsClosed, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal([Pattern(3000, 1)], AssociationPair.ReceiveAll(pair.Server!).Select(m => m.Payload));
        Assert.Throws<InvalidOperationException>(() => client.TrySend(pair.Now, new StreamId(0), Pattern(10, 3)));
        Assert.Equal(1, client.Stats.MessagesSent);

        var aborted = new AssociationPair();
        aborted.Connect();
        aborted.Client!.Abort(aborted.Now);
        Assert.Throws<InvalidOperationException>(() => aborted.Client.TrySend(aborted.Now, new StreamId(0), Pattern(10, 4)));
    }

    [Fact]
    public void Rfc9260_6_BadArgumentsThrowTheDocumentedExceptionsAndChangeNothing()
    {
        var client = new TransportConfig { MaxMessageSize = 10_000 };
        var server = new TransportConfig { MaxInboundStreams = 10 };
        var pair = new AssociationPair(client: client, server: server);
        pair.Connect();
        var association = pair.Client!;
        Assert.Equal(10, association.OutboundStreams);

        Assert.True(association.TrySend(pair.Now, new StreamId(9), Pattern(100, 1)));
        int used = association.SendBufferUsed;

        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => association.TrySend(pair.Now, new StreamId(10), Pattern(100, 2)));
        Assert.Equal("stream", outOfRange.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => association.TrySend(pair.Now, new StreamId(ushort.MaxValue), Pattern(100, 2)));
        var empty = Assert.Throws<ArgumentException>(() => association.TrySend(pair.Now, new StreamId(0), ReadOnlySpan<byte>.Empty));
        Assert.Equal("payload", empty.ParamName);
        var tooLarge = Assert.Throws<ArgumentException>(() => association.TrySend(pair.Now, new StreamId(0), new byte[10_001]));
        Assert.Equal("payload", tooLarge.ParamName);

        // Nothing was queued by the failed calls; the association and the one good message are unaffected.
        Assert.Equal(1, association.Stats.MessagesSent);
        Assert.Equal(used, association.SendBufferUsed);
        Assert.True(association.TrySend(pair.Now, new StreamId(0), new byte[10_000]));
        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 2, TimeSpan.FromSeconds(5)), pair.Describe());
        Assert.Equal(Pattern(100, 1), inbox.OnStream(9).Single());
        Assert.Equal(10_000, inbox.OnStream(0).Single().Length);
        Assert.Equal(AssociationState.Established, association.State);
        Assert.Equal(1 + 9, association.Stats.DataChunksSent);
    }

    [Fact]
    public void Rfc9260_6_AFullSendBufferRefusesMessagesUntilWritable()
    {
        var config = new TransportConfig { SendBufferSize = 10_000 };
        var pair = new AssociationPair(client: config);
        pair.Connect();
        var client = pair.Client!;

        // The link is down for a moment so nothing is acknowledged.
        bool down = true;
        pair.Intercept = (side, _) => down && side == Side.Client ? PacketFate.Drop : PacketFate.Deliver;

        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(4000, 1)));
        Assert.True(client.TrySend(pair.Now, new StreamId(1), Pattern(4000, 2)));
        pair.FlushAll();
        int used = client.SendBufferUsed;
        Assert.False(client.TrySend(pair.Now, new StreamId(0), Pattern(4000, 3)));
        Assert.Equal(2, client.Stats.MessagesSent);
        Assert.Equal(used, client.SendBufferUsed);

        // A message that fits the room left is still taken.
        Assert.True(client.TrySend(pair.Now, new StreamId(2), Pattern(10_000 - used, 4)));
        Assert.False(client.TrySend(pair.Now, new StreamId(2), Pattern(1, 5)));
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Writable);

        // Once acknowledgements free half the buffer, Writable says so, and sending works again.
        down = false;
        Assert.True(pair.DriveUntil(() => pair.ClientEvents.Any(e => e.Kind == AssociationEventKind.Writable), TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.True(client.SendBufferUsed <= 5_000);
        Assert.True(client.TrySend(pair.Now, new StreamId(0), Pattern(4000, 3)));

        var inbox = new Inbox(pair.Server!);
        Assert.True(pair.DriveUntil(() => inbox.Drain() == 4, TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal([Pattern(4000, 1), Pattern(4000, 3)], inbox.OnStream(0));
        Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Writable);
    }
}
