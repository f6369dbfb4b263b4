using System.Text;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>ABORT (RFC 9260 section 9.1) and ERROR (section 3.3.10) between two associations.</summary>
public class AbortAndErrorTests
{
    private static AssociationPair Connected(ulong seed = 17)
    {
        var pair = new AssociationPair(seed);
        pair.Connect();
        return pair;
    }

    [Theory]
    [InlineData(Side.Client)]
    [InlineData(Side.Server)]
    public void Rfc9260_9_1_AbortEndsBothSidesAtOnceWithTheCauses(Side aborter)
    {
        var pair = Connected();
        var local = aborter == Side.Client ? pair.Client! : pair.Server!;
        var remote = aborter == Side.Client ? pair.Server! : pair.Client!;
        var localEvents = aborter == Side.Client ? pair.ClientEvents : pair.ServerEvents;
        var remoteEvents = aborter == Side.Client ? pair.ServerEvents : pair.ClientEvents;

        // Data in flight and more queued behind the congestion window.
        Assert.True(local.TrySend(pair.Now, new StreamId(0), WireView.Message(1, 50_000)));
        pair.FlushAll();
        int sentBefore = pair.Log.Count;

        local.Abort(pair.Now, "going away");
        Assert.True(local.IsClosed);
        pair.Drive(TimeSpan.FromSeconds(60));

        // After the abort, the first packet sent is the ABORT, alone. Packets the peer had already sent
        // reach an endpoint that no longer knows them and are answered as out of the blue (RFC 9260
        // section 8.4, rule 8): ABORT with the T bit set. Nothing else is sent.
        var after = pair.Log.Skip(sentBefore).Where(p => p.From == aborter).ToList();
        var abortPacket = after[0];
        Assert.Equal([ChunkType.Abort], abortPacket.ChunkTypes);
        Assert.Equal(0, abortPacket.Bytes[13] & 1);
        Assert.All(after.Skip(1), p =>
        {
            Assert.Equal([ChunkType.Abort], p.ChunkTypes);
            Assert.Equal(1, p.Bytes[13] & 1);
        });
        Assert.Equal(remote.LocalTag, abortPacket.Tag);
        Assert.DoesNotContain(pair.Log.Skip(sentBefore), p => p.From != aborter && p.Time > abortPacket.Time + pair.Latency);

        var localError = Assert.Single(localEvents, e => e.Kind == AssociationEventKind.Lost).Error!;
        Assert.Equal(AssociationErrorKind.LocalAbort, localError.Kind);
        Assert.True(remote.IsClosed);
        var remoteError = Assert.Single(remoteEvents, e => e.Kind == AssociationEventKind.Lost).Error!;
        Assert.Equal(AssociationErrorKind.PeerAborted, remoteError.Kind);
        var cause = Assert.IsType<UserInitiatedAbortCause>(Assert.Single(remoteError.Causes));
        Assert.Equal("going away", Encoding.UTF8.GetString(cause.Reason.Span));
        Assert.DoesNotContain(localEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.DoesNotContain(remoteEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);

        Assert.Throws<InvalidOperationException>(() => local.TrySend(pair.Now, new StreamId(0), WireView.Message(2)));
        Assert.Throws<InvalidOperationException>(() => remote.TrySend(pair.Now, new StreamId(0), WireView.Message(2)));
    }

    [Fact]
    public void Rfc9260_9_1_AbortFromThePeerCarriesEveryCause()
    {
        var pair = Connected();
        var abort = new AbortChunk(false, new ProtocolViolationCause("test violation"), new InvalidStreamIdentifierCause(new StreamId(9)));
        pair.Inject(Side.Server, pair.PacketFrom(Side.Server, abort));

        Assert.True(pair.Client!.IsClosed);
        var error = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost).Error!;
        Assert.Equal(AssociationErrorKind.PeerAborted, error.Kind);
        Assert.Equal(2, error.Causes.Count);
        Assert.IsType<ProtocolViolationCause>(error.Causes[0]);
        Assert.Equal(new StreamId(9), Assert.IsType<InvalidStreamIdentifierCause>(error.Causes[1]).StreamId);

        // An ABORT is never answered.
        int before = pair.Log.Count;
        pair.Drive(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(pair.Log.Skip(before), p => p.From == Side.Client);
    }

    [Fact]
    public void Rfc9260_3_3_10_ErrorChunkIsReportedAndTheAssociationGoesOn()
    {
        var pair = Connected();
        var error = new ErrorChunk(new InvalidStreamIdentifierCause(new StreamId(42)), new UnrecognizedChunkTypeCause([0xFE, 0, 0, 4]));
        pair.Inject(Side.Server, pair.PacketFrom(Side.Server, error));

        var reported = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.ErrorReceived);
        Assert.Equal(2, reported.Causes.Count);
        Assert.Equal(new StreamId(42), Assert.IsType<InvalidStreamIdentifierCause>(reported.Causes[0]).StreamId);
        Assert.IsType<UnrecognizedChunkTypeCause>(reported.Causes[1]);
        Assert.Equal(AssociationState.Established, pair.Client!.State);

        // Data still flows both ways.
        Assert.True(pair.Client.TrySend(pair.Now, new StreamId(0), WireView.Message(1)));
        Assert.True(pair.Server!.TrySend(pair.Now, new StreamId(0), WireView.Message(2)));
        var toServer = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        var toClient = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        Assert.True(
            pair.DriveUntil(() => { toServer.AddRange(WireView.Drain(pair.Server)); toClient.AddRange(WireView.Drain(pair.Client)); return toServer.Count == 1 && toClient.Count == 1; }, TimeSpan.FromSeconds(5)),
            pair.Describe());
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
    }

    [Fact]
    public void Rfc9260_3_2_PeerReportsAnUnrecognizedChunkInAnErrorThatWeReport()
    {
        var pair = Connected();

        // A chunk type no one knows, whose upper bits say "skip and report" (RFC 9260 section 3.2).
        var buffer = new byte[64];
        var writer = new PacketWriter(buffer, new CommonHeader(pair.Client!.LocalPort, pair.Client.RemotePort, pair.Client.PeerTag));
        Assert.True(writer.TryReserve(8, out var space));
        byte[] unknown = [0xFE, 0, 0, 8, 1, 2, 3, 4];
        unknown.CopyTo(space);
        var packet = buffer[..writer.Complete()];
        pair.Inject(Side.Client, packet);
        pair.Drive(TimeSpan.FromMilliseconds(100));

        Assert.Single(pair.Sent(Side.Server, ChunkType.Error));
        var reported = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.ErrorReceived);
        var cause = Assert.IsType<UnrecognizedChunkTypeCause>(Assert.Single(reported.Causes));
        Assert.Equal(unknown, cause.UnrecognizedChunk.ToArray());
        Assert.Equal(AssociationState.Established, pair.Client.State);
        Assert.Equal(AssociationState.Established, pair.Server!.State);
    }
}
