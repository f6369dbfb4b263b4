using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// Bad input on the data path: DATA without user data is answered with ABORT (RFC 9260 section 6.2); DATA
/// on a stream that does not exist is acknowledged, discarded and reported in an ERROR (section 6.5); DATA
/// beyond what the receiver can track or buffer is dropped, not kept (section 6.2); DATA where I-DATA was
/// agreed, or I-DATA where it was not, breaks RFC 8260 section 2.2; an oversized message is refused.
/// </summary>
public class Rfc9260_6_BadDataInputTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc9260_6_2_DataWithoutUserDataIsAnsweredWithAnAbortNamingTheTsn(bool interleaved)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        var tsn = pair.Client!.LocalInitialTsn;

        // A chunk header and the fixed fields only: 16 bytes for DATA, 20 for I-DATA.
        int length = interleaved ? IDataChunk.HeaderSize : DataChunk.HeaderSize;
        pair.Inject(Side.Client, ClientPacket(pair, (ref PacketWriter w) =>
        {
            Assert.True(w.TryReserve(length, out var chunk));
            chunk.Clear();
            chunk[0] = (byte)(interleaved ? ChunkType.IData : ChunkType.Data);
            chunk[1] = 0x03;
            BinaryPrimitives.WriteUInt16BigEndian(chunk[2..], (ushort)length);
            BinaryPrimitives.WriteUInt32BigEndian(chunk[4..], tsn.Value);
        }));
        pair.FlushAll();

        var cause = Assert.IsType<NoUserDataCause>(Assert.Single(pair.CausesSent(Side.Server, ChunkType.Abort)));
        Assert.Equal(tsn, cause.Tsn);
        Assert.True(pair.Server!.IsClosed);
        var lost = Assert.Single(pair.ServerEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(AssociationErrorKind.ProtocolViolation, lost.Error!.Kind);

        // The client learns of it from the ABORT.
        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed, TimeSpan.FromSeconds(1)), pair.Describe());
        Assert.Equal(AssociationErrorKind.PeerAborted, pair.ClientEvents.Single(e => e.Kind == AssociationEventKind.Lost).Error!.Kind);
    }

    [Fact]
    public void Rfc9260_6_5_DataOnAStreamThatDoesNotExistIsAcknowledgedDiscardedAndReported()
    {
        var pair = new AssociationPair(server: new TransportConfig { MaxInboundStreams = 4 });
        pair.Connect();
        var server = pair.Server!;
        Assert.Equal(4, server.InboundStreams);
        var t0 = pair.Client!.LocalInitialTsn;

        int before = pair.Log.Count;
        pair.Inject(Side.Client, ClientData(pair, t0, 7, 0, Pattern(100, 1)));
        pair.FlushAll();

        // The ERROR goes out at once and names the stream.
        var cause = Assert.IsType<InvalidStreamIdentifierCause>(Assert.Single(pair.CausesSent(Side.Server, ChunkType.Error)));
        Assert.Equal(new StreamId(7), cause.StreamId);
        Assert.Contains(pair.Log.Skip(before), p => p.From == Side.Server && p.ChunkTypes.Contains(ChunkType.Error) && p.Time == pair.Now);

        // The TSN is acknowledged (within the delayed-ack time), the data discarded.
        Assert.True(pair.DriveUntil(() => pair.Sacks(Side.Server).Any(s => s.CumulativeTsnAck == t0), TimeSpan.FromSeconds(1)), pair.Describe());
        Assert.Empty(AssociationPair.ReceiveAll(server));
        Assert.Equal(0, server.ReceiveBufferedBytes);
        Assert.DoesNotContain(pair.ServerEvents, e => e.Kind == AssociationEventKind.StreamOpened);
        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.ErrorReceived && e.Causes.OfType<InvalidStreamIdentifierCause>().Any());

        // The association goes on: the next TSN on a valid stream is delivered.
        pair.Inject(Side.Client, ClientData(pair, t0 + 1, 3, 0, Pattern(100, 2)));
        var inbox = new Inbox(server);
        Assert.Equal(1, inbox.Drain());
        Assert.Equal(Pattern(100, 2), inbox.OnStream(3).Single());
        Assert.Equal(AssociationState.Established, server.State);
    }

    [Fact]
    public void Rfc9260_6_2_DataTooFarAheadIsDroppedNotTrackedAndNotBuffered()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        var t0 = pair.Client!.LocalInitialTsn;

        var sack = InjectAndFlush(pair, ClientData(pair, t0 + 100_000, 0, 0, Pattern(1000, 1)));
        Assert.NotNull(sack);
        Assert.Equal(t0.Previous, sack.CumulativeTsnAck);
        Assert.Empty(sack.Gaps);
        Assert.Equal(0, server.ReceiveBufferedBytes);
        Assert.Equal(1, server.Stats.Dropped(DropReason.ReceiveWindowFull));

        // Nor is a TSN half the serial space away, which would look "behind" to naive arithmetic.
        sack = InjectAndFlush(pair, ClientData(pair, t0 + 0x8000_0000u, 0, 0, Pattern(1000, 2)));
        Assert.NotNull(sack);
        Assert.Equal(t0.Previous, sack.CumulativeTsnAck);
        Assert.Empty(sack.Gaps);
        Assert.Equal(0, server.ReceiveBufferedBytes);
        Assert.Empty(AssociationPair.ReceiveAll(server));
        Assert.Equal(AssociationState.Established, server.State);
    }

    [Fact]
    public void Rfc9260_6_2_OutOfOrderDataBeyondTheReceiveBufferIsDroppedAndTheRestStillCompletes()
    {
        const int Window = 8_000;
        var pair = new AssociationPair(server: new TransportConfig { ReceiveWindow = Window, MaxMessageSize = Window });
        pair.Connect();
        var server = pair.Server!;
        var t0 = pair.Client!.LocalInitialTsn;

        // Twenty 1000-byte messages above a hole at t0: only what fits the buffer is kept.
        SackSeen? sack = null;
        for (uint i = 1; i <= 20; i++)
        {
            sack = InjectAndFlush(pair, ClientData(pair, t0 + i, 0, (ushort)i, Pattern(1000, (int)i))) ?? sack;
            Assert.InRange(server.ReceiveBufferedBytes, 0, Window);
        }

        Assert.NotNull(sack);
        Assert.Equal(t0.Previous, sack.CumulativeTsnAck);
        Assert.Equal([new GapAckBlock(2, 9)], sack.Gaps);
        Assert.Equal(0u, sack.Window);
        Assert.Equal(12, server.Stats.Dropped(DropReason.ReceiveWindowFull));

        // The chunk that fills the hole is still taken (section 6.2: it is below the largest TSN received, so
        // the largest TSN held for reordering makes room for it, and is reneged), and the messages up to the
        // reneged one are delivered; once read, the dropped ones can come again.
        pair.Inject(Side.Client, ClientData(pair, t0, 0, 0, Pattern(1000, 0)));
        Assert.Equal(1, server.Stats.ChunksReneged);
        Assert.InRange(server.ReceiveBufferedBytes, 0, Window);
        var inbox = new Inbox(server);
        Assert.Equal(8, inbox.Drain());
        for (uint i = 8; i <= 20; i++)
        {
            pair.Inject(Side.Client, ClientData(pair, t0 + i, 0, (ushort)i, Pattern(1000, (int)i)));
            inbox.Drain();
        }

        Assert.Equal(Enumerable.Range(0, 21).Select(i => Pattern(1000, i)), inbox.OnStream(0));
    }

    [Fact]
    public void Rfc8260_2_2_DataAfterIDataWasAgreedIsAProtocolViolation()
    {
        var config = new TransportConfig { EnableMessageInterleaving = true };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        pair.Inject(Side.Client, ClientData(pair, pair.Client!.LocalInitialTsn, 0, 0, Pattern(10, 1)));
        pair.FlushAll();

        Assert.IsType<ProtocolViolationCause>(Assert.Single(pair.CausesSent(Side.Server, ChunkType.Abort)));
        Assert.True(pair.Server!.IsClosed);
        Assert.Empty(AssociationPair.ReceiveAll(pair.Server));
    }

    [Fact]
    public void Rfc8260_2_2_IDataWhenItWasNotAgreedIsAnUnrecognizedChunk()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        pair.Inject(Side.Client, ClientPacket(pair, (ref PacketWriter w) =>
            Assert.True(w.TryAdd(new IDataChunk(pair.Client!.LocalInitialTsn, new StreamId(0), new Mid(0), new Ppid(0), Pattern(10, 1), DataChunkFlags.Beginning | DataChunkFlags.End)))));
        pair.FlushAll();

        // Type 64's upper bits are 01: stop processing the packet and report the chunk (RFC 9260 section 3.2).
        Assert.IsType<UnrecognizedChunkTypeCause>(Assert.Single(pair.CausesSent(Side.Server, ChunkType.Error)));
        Assert.Equal(AssociationState.Established, server.State);
        Assert.Empty(AssociationPair.ReceiveAll(server));
        Assert.Equal(0, server.Stats.DataChunksReceived);
    }

    [Fact]
    public void Rfc9260_6_9_AMessageLargerThanTheReceiverAcceptsAbortsTheAssociation()
    {
        var pair = new AssociationPair(server: new TransportConfig { MaxMessageSize = 4_000 });
        pair.Connect();
        var t0 = pair.Client!.LocalInitialTsn;
        pair.Inject(Side.Client, ClientData(pair, t0, 0, 0, Pattern(1100, 1), DataChunkFlags.Beginning));
        pair.Inject(Side.Client, ClientData(pair, t0 + 1, 0, 0, Pattern(1100, 2), DataChunkFlags.None));
        pair.Inject(Side.Client, ClientData(pair, t0 + 2, 0, 0, Pattern(1100, 3), DataChunkFlags.None));
        Assert.False(pair.Server!.IsClosed);
        pair.Inject(Side.Client, ClientData(pair, t0 + 3, 0, 0, Pattern(1100, 4), DataChunkFlags.End));
        pair.FlushAll();

        Assert.True(pair.Server.IsClosed);
        Assert.IsType<ProtocolViolationCause>(Assert.Single(pair.CausesSent(Side.Server, ChunkType.Abort)));
        Assert.Equal(AssociationErrorKind.ProtocolViolation, pair.ServerEvents.Single(e => e.Kind == AssociationEventKind.Lost).Error!.Kind);
    }

    private static SackSeen? InjectAndFlush(AssociationPair pair, byte[] packet)
    {
        int before = pair.Log.Count;
        pair.Inject(Side.Client, packet);
        pair.FlushAll();
        return pair.Sacks(Side.Server).LastOrDefault(s => s.Packet >= before);
    }
}
