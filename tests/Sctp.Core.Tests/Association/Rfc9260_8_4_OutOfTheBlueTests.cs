using System.Net;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 8.4: packets for which the endpoint has no association ("out of the blue"), rule by
/// rule, injected into an endpoint that has none.
/// </summary>
public class Rfc9260_8_4_OutOfTheBlueTests
{
    private const uint PeerTag = 0x0B1E_5517;

    [Theory]
    [InlineData("unicast source", "192.0.2.77", true)]
    [InlineData("IPv4 multicast source", "224.0.0.1", false)]
    [InlineData("IPv4 broadcast source", "255.255.255.255", false)]
    [InlineData("IPv6 multicast source", "ff02::1", false)]
    public void Rfc9260_8_4_Rule1_APacketFromANonUnicastAddressIsDiscardedSilently(string label, string source, bool answered)
    {
        var probe = new EndpointProbe();
        var from = new IPEndPoint(IPAddress.Parse(source), 9899);

        var init = probe.Endpoint.Handle(probe.Now, from, Packets.FromClient(VerificationTag.Zero, Packets.Init(PeerTag)));
        var data = probe.Endpoint.Handle(probe.Now, from, Packets.FromClient(new VerificationTag(PeerTag), Packets.Data(new Tsn(1), 0, 0, [1])));

        Assert.True(answered == (init.Kind == EndpointResultKind.Replied), label);
        Assert.True(answered == (data.Kind == EndpointResultKind.Replied), label);
        Assert.Equal(answered ? 2 : 0, Packets.Drain(probe.Endpoint).Count);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
    }

    public static TheoryData<string, byte[]> Aborts() => new()
    {
        { "ABORT, T bit clear", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(new AbortChunk(false))) },
        { "ABORT, T bit set", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(new AbortChunk(true, OutOfResourceCause.Instance))) },
        { "ABORT after another chunk", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(new HeartbeatChunk([1, 2, 3, 4])), Packets.Bytes(new AbortChunk(false))) },
    };

    [Theory]
    [MemberData(nameof(Aborts))]
    public void Rfc9260_8_4_Rule2_AnAbortIsDiscardedSilently(string label, byte[] packet)
    {
        var probe = new EndpointProbe();

        var result = probe.Receive(packet);

        Assert.True(result.Kind == EndpointResultKind.Discarded, label);
        Assert.Empty(probe.Replies());
        Assert.Equal(1, probe.Endpoint.Stats.Dropped(DropReason.OutOfTheBlue));
    }

    [Fact]
    public void Rfc9260_8_4_Rule3_AnInitIsAnsweredWithAnInitAckWhenAccepting()
    {
        var probe = new EndpointProbe();

        byte[] initAck = probe.InitAckFor(PeerTag);

        Assert.Equal(new VerificationTag(PeerTag), Packets.Header(initAck).VerificationTag);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
        Assert.Equal(1, probe.Endpoint.Stats.InitsAnswered);
    }

    [Theory]
    [InlineData(false, AssociationPair.ServerPort)]
    [InlineData(true, AssociationPair.ServerPort + 1)]
    public void Rfc9260_8_4_Rule3_AnInitThatCannotBeServedIsAbortedUnderItsInitiateTagWithTheTBitClear(bool accept, ushort port)
    {
        var probe = new EndpointProbe(accept);

        var result = probe.Receive(Packets.Build(AssociationPair.ClientPort, port, VerificationTag.Zero, Packets.Init(PeerTag)));

        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        var abort = Assert.Single(probe.Replies());
        Assert.Equal([ChunkType.Abort], Packets.Types(abort));
        var header = Packets.Header(abort);
        Assert.Equal(new VerificationTag(PeerTag), header.VerificationTag);
        Assert.Equal((port, AssociationPair.ClientPort), (header.SourcePort, header.DestinationPort));
        Assert.Equal(0, Packets.Flags(abort) & 1);
        Assert.True(Crc32c.Verify(abort));
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
    }

    [Fact]
    public void Rfc9260_8_4_Rule4_ACookieEchoIsProcessedAsSection5_1_5Says()
    {
        var probe = new EndpointProbe();
        byte[] initAck = probe.InitAckFor(PeerTag);

        var result = probe.Receive(EndpointProbe.CookieEchoFor(initAck));

        Assert.Equal(EndpointResultKind.NewAssociation, result.Kind);
        Assert.Equal(new VerificationTag(PeerTag), result.Association!.PeerTag);
        Assert.Equal([ChunkType.CookieAck], Packets.Types(Assert.Single(probe.Sent(result.Association))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rfc9260_8_4_Rule5_AShutdownAckIsAnsweredWithShutdownCompleteReflectingTheTag(bool accept)
    {
        var probe = new EndpointProbe(accept);

        var result = probe.Receive(Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(ShutdownAckChunk.Instance)));

        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        var reply = Assert.Single(probe.Replies());
        Assert.Equal([ChunkType.ShutdownComplete], Packets.Types(reply));
        var header = Packets.Header(reply);
        Assert.Equal(new VerificationTag(PeerTag), header.VerificationTag);
        Assert.Equal((AssociationPair.ServerPort, AssociationPair.ClientPort), (header.SourcePort, header.DestinationPort));
        Assert.Equal(1, Packets.Flags(reply) & 1);
        Assert.True(Crc32c.Verify(reply));
    }

    public static TheoryData<string, byte[]> SilentlyDiscarded() => new()
    {
        { "SHUTDOWN COMPLETE (rule 6)", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(ShutdownCompleteChunk.Instance)) },
        { "SHUTDOWN COMPLETE, T bit (rule 6)", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(ShutdownCompleteChunk.Reflected)) },
        { "Stale Cookie ERROR (rule 7)", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(new ErrorChunk(new StaleCookieCause(1000)))) },
        { "COOKIE ACK (rule 7)", Packets.FromClient(new VerificationTag(PeerTag), Packets.Bytes(CookieAckChunk.Instance)) },
    };

    [Theory]
    [MemberData(nameof(SilentlyDiscarded))]
    public void Rfc9260_8_4_Rules6And7_ShutdownCompleteStaleCookieErrorAndCookieAckAreDiscardedSilently(string label, byte[] packet)
    {
        var probe = new EndpointProbe();

        var result = probe.Receive(packet);

        Assert.True(result.Kind == EndpointResultKind.Discarded, label);
        Assert.Empty(probe.Replies());
        Assert.Equal(0, probe.Endpoint.AssociationCount);
    }

    public static TheoryData<string, byte[]> Others() => new()
    {
        { "DATA", Packets.Data(new Tsn(77), 0, 0, [1, 2, 3]) },
        { "SACK", Packets.Sack(new Tsn(77)) },
        { "HEARTBEAT", Packets.Bytes(new HeartbeatChunk([9, 9, 9, 9])) },
        { "HEARTBEAT ACK", Packets.Bytes(new HeartbeatAckChunk([9, 9, 9, 9])) },
        { "SHUTDOWN", Packets.Bytes(new ShutdownChunk(new Tsn(77))) },
        { "ERROR, not Stale Cookie", Packets.Bytes(new ErrorChunk(OutOfResourceCause.Instance)) },
        { "INIT ACK", Packets.Bytes(new InitAckChunk(new VerificationTag(5), 65536, 1, 1, new Tsn(1))) },
        { "unknown chunk type 0xBE", Packets.Bytes(new UnknownChunk((ChunkType)0xBE, 0, [1, 2, 3, 4])) },
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void Rfc9260_8_4_Rule8_AnythingElseIsAnsweredWithAnAbortReflectingTheTag(string label, byte[] chunk)
    {
        var probe = new EndpointProbe();

        var result = probe.Receive(Packets.FromClient(new VerificationTag(PeerTag), chunk));

        Assert.True(result.Kind == EndpointResultKind.Replied, label);
        var reply = Assert.Single(probe.Replies());
        Assert.Equal([ChunkType.Abort], Packets.Types(reply));
        var header = Packets.Header(reply);
        Assert.Equal(new VerificationTag(PeerTag), header.VerificationTag);
        Assert.Equal((AssociationPair.ServerPort, AssociationPair.ClientPort), (header.SourcePort, header.DestinationPort));
        Assert.Equal(1, Packets.Flags(reply) & 1);
        Assert.Empty(Packets.Single<AbortChunk>(reply).Causes);
        Assert.True(Crc32c.Verify(reply));
        Assert.Equal(0, probe.Endpoint.AssociationCount);
    }

    [Theory]
    [MemberData(nameof(Others))]
    public void Rfc9260_8_5_1_RuleA_AnOutOfTheBluePacketWithAZeroTagAndNoInitIsDiscardedSilently(string label, byte[] chunk)
    {
        // Section 8.5.1, rule A: a packet with a zero tag must hold only an INIT; otherwise it is discarded
        // silently, before the out-of-the-blue rules could answer it (an ABORT under a zero tag).
        var probe = new EndpointProbe();

        var result = probe.Receive(Packets.FromClient(VerificationTag.Zero, chunk));

        Assert.True(result.Kind is EndpointResultKind.Discarded or EndpointResultKind.Dropped, label);
        Assert.Empty(probe.Replies());
        Assert.Equal(1, probe.Endpoint.Stats.Dropped(DropReason.BadVerificationTag));
    }
}
