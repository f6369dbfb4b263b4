using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 5.1.2: we resolve no host names (the Host Name Address parameter is deprecated), so
/// an INIT or INIT ACK listing one is refused with an ABORT carrying an Unresolvable Address cause.
/// </summary>
public class Rfc9260_5_1_2_HostNameAddressTests
{
    [Fact]
    public void Rfc9260_5_1_2_AnInitWithAHostNameIsAbortedWithUnresolvableAddress()
    {
        var probe = new EndpointProbe();
        var hostName = new HostNameAddressParameter("peer.example");

        var result = probe.Receive(Packets.FromClient(VerificationTag.Zero, Packets.Init(0x4455, hostName)));

        Assert.Equal(EndpointResultKind.Replied, result.Kind);
        var reply = Assert.Single(probe.Replies());
        Assert.Equal([ChunkType.Abort], Packets.Types(reply));
        Assert.Equal(new VerificationTag(0x4455), Packets.Header(reply).VerificationTag);
        Assert.Equal(0, Packets.Flags(reply) & 1);
        var cause = Assert.IsType<UnresolvableAddressCause>(Assert.Single(Packets.Single<AbortChunk>(reply).Causes));
        Assert.Equal(hostName.ToArray()[..hostName.Length], cause.Address.ToArray());
        Assert.Equal(0, probe.Endpoint.Stats.InitsAnswered);
        Assert.Equal(0, probe.Endpoint.AssociationCount);
    }

    [Fact]
    public void Rfc9260_5_1_2_AnInitAckWithAHostNameIsAbortedWithUnresolvableAddress()
    {
        var hostName = new HostNameAddressParameter("server.example");
        var pair = new AssociationPair
        {
            Rewrite = (side, packet) =>
            {
                if (side != Side.Server || !Packets.Types(packet).Contains(ChunkType.InitAck))
                {
                    return packet;
                }

                var initAck = Packets.Single<InitAckChunk>(packet);
                var withName = new InitAckChunk(initAck.InitiateTag, initAck.AdvertisedReceiverWindowCredit, initAck.OutboundStreams, initAck.InboundStreams, initAck.InitialTsn, [.. initAck.Parameters, hostName]);
                return Packets.FromServer(Packets.Header(packet).VerificationTag, Packets.Bytes(withName));
            },
        };
        pair.StartConnect();

        Assert.True(pair.DriveUntil(() => pair.Client!.IsClosed, TimeSpan.FromSeconds(5)), pair.Describe());

        var serverTag = Packets.Single<InitAckChunk>(pair.Sent(Side.Server, ChunkType.InitAck).Single().Bytes).InitiateTag;
        var abort = pair.Sent(Side.Client, ChunkType.Abort).Single();
        Assert.Equal(serverTag, abort.Tag);
        Assert.Equal(0, Packets.Flags(abort.Bytes) & 1);
        Assert.IsType<UnresolvableAddressCause>(Assert.Single(Packets.Single<AbortChunk>(abort.Bytes).Causes));
        Assert.Empty(pair.Sent(Side.Client, ChunkType.CookieEcho));
        var lost = Assert.Single(pair.ClientEvents);
        Assert.Equal(AssociationEventKind.Lost, lost.Kind);
        Assert.IsType<UnresolvableAddressCause>(Assert.Single(lost.Error!.Causes));
        Assert.Equal(0, pair.ServerEndpoint.AssociationCount);
    }
}
