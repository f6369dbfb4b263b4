using System.Text;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 9.1: an association aborted by its user sends an ABORT with a User-Initiated Abort
/// cause (section 3.3.10.12) and ends at once on both sides.
/// </summary>
public class Rfc9260_9_1_AbortTests
{
    [Theory]
    [InlineData(Side.Client, "going away")]
    [InlineData(Side.Server, "maintenance")]
    [InlineData(Side.Client, null)]
    public void Rfc9260_9_1_ALocalAbortSendsAUserInitiatedAbortAndThePeerLosesTheAssociation(Side aborter, string? reason)
    {
        var pair = new AssociationPair();
        pair.Connect();
        var (local, remote) = aborter == Side.Client ? (pair.Client!, pair.Server!) : (pair.Server!, pair.Client!);
        var (localEvents, remoteEvents) = aborter == Side.Client ? (pair.ClientEvents, pair.ServerEvents) : (pair.ServerEvents, pair.ClientEvents);
        var peerTag = local.PeerTag;
        Assert.True(local.TrySend(pair.Now, new StreamId(0), new byte[5000]));
        int logBefore = pair.Log.Count;

        local.Abort(pair.Now, reason);
        local.Abort(pair.Now, "twice"); // no effect on a closed association
        Assert.True(pair.DriveUntil(() => remote.IsClosed, TimeSpan.FromSeconds(2)), pair.Describe());

        // One packet from the aborting side: the ABORT under the peer's tag, T bit clear; the queued
        // message was discarded, not sent.
        var sent = pair.Log.Skip(logBefore).Where(p => p.From == aborter).ToList();
        var packet = Assert.Single(sent);
        Assert.Equal([ChunkType.Abort], packet.ChunkTypes);
        Assert.Equal(peerTag, packet.Tag);
        Assert.Equal(0, Packets.Flags(packet.Bytes) & 1);
        var cause = Assert.IsType<UserInitiatedAbortCause>(Assert.Single(Packets.Single<AbortChunk>(packet.Bytes).Causes));
        byte[] expectedReason = reason is null ? [] : Encoding.UTF8.GetBytes(reason);
        Assert.Equal(expectedReason, cause.Reason.ToArray());

        var localLost = Assert.Single(localEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(AssociationErrorKind.LocalAbort, localLost.Error!.Kind);
        var remoteLost = Assert.Single(remoteEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(AssociationErrorKind.PeerAborted, remoteLost.Error!.Kind);
        Assert.Equal(expectedReason, Assert.IsType<UserInitiatedAbortCause>(Assert.Single(remoteLost.Error.Causes)).Reason.ToArray());
        Assert.Empty(AssociationPair.ReceiveAll(remote));
        Assert.Equal(0, pair.ClientEndpoint.AssociationCount);
        Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
        Assert.Throws<InvalidOperationException>(() => local.TrySend(pair.Now, new StreamId(0), [1]));
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(70_000)]
    public void Rfc9260_9_1_AReasonTooLongForAPacketIsTruncatedSoThatTheAbortStillGoesOut(int length)
    {
        var pair = new AssociationPair();
        pair.Connect();
        string reason = string.Concat(Enumerable.Repeat("é", length / 2)); // two UTF-8 bytes each

        pair.Client!.Abort(pair.Now, reason);
        Assert.True(pair.DriveUntil(() => pair.Server!.IsClosed, TimeSpan.FromSeconds(2)), pair.Describe());

        var abort = pair.Sent(Side.Client, ChunkType.Abort).Single();
        Assert.True(abort.Bytes.Length <= pair.ClientTransport.Mtu);
        var sent = Assert.IsType<UserInitiatedAbortCause>(Assert.Single(Packets.Single<AbortChunk>(abort.Bytes).Causes)).Reason.ToArray();
        Assert.True(sent.Length > pair.ClientTransport.Mtu - 40, $"{sent.Length} bytes of reason");
        Assert.StartsWith(Encoding.UTF8.GetString(sent), reason, StringComparison.Ordinal); // cut between characters
        Assert.Equal(AssociationErrorKind.PeerAborted, pair.ServerEvents.Last().Error!.Kind);
        Assert.Equal(AssociationErrorKind.LocalAbort, pair.ClientEvents.Last().Error!.Kind);
    }

    [Fact]
    public void Rfc9260_9_1_AnAbortInCookieWaitSendsNothingForThePeersTagIsUnknown()
    {
        var pair = new AssociationPair { Intercept = (_, _) => PacketFate.Drop };
        var client = pair.StartConnect();
        pair.FlushAll();
        int logBefore = pair.Log.Count;

        client.Abort(pair.Now, "never mind");
        pair.Drive(TimeSpan.FromSeconds(5));

        Assert.Empty(pair.Log.Skip(logBefore));
        Assert.True(client.IsClosed);
        Assert.Equal(AssociationErrorKind.LocalAbort, Assert.Single(pair.ClientEvents).Error!.Kind);
        Assert.Equal(0, pair.ClientEndpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_9_1_AnAbortInCookieEchoedGoesUnderTheTagOfTheInitAck()
    {
        var pair = new AssociationPair
        {
            Intercept = (side, packet) => side == Side.Client && Packets.Types(packet).Contains(ChunkType.CookieEcho) ? PacketFate.Drop : PacketFate.Deliver,
        };
        var client = pair.StartConnect();
        Assert.True(pair.DriveUntil(() => client.State == AssociationState.CookieEchoed, TimeSpan.FromSeconds(1)), pair.Describe());

        client.Abort(pair.Now);
        pair.Drive(TimeSpan.FromSeconds(1));

        var abort = pair.Sent(Side.Client, ChunkType.Abort).Single();
        Assert.Equal(Packets.Single<InitAckChunk>(pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes).InitiateTag, abort.Tag);
        Assert.True(client.IsClosed);

        // The server had no association yet: the ABORT is out of the blue there, discarded silently.
        Assert.Equal(1, pair.ServerEndpoint.Stats.Dropped(DropReason.OutOfTheBlue));
        Assert.Empty(pair.Sent(Side.Server, ChunkType.Abort));
    }
}
