using Sctp.Packet;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

public class HandshakeTests
{
    [Fact]
    public void Rfc9260_5_1_FourWayHandshakeEstablishesBothSides()
    {
        var pair = new AssociationPair();
        pair.Connect();

        Assert.Equal(AssociationState.Established, pair.Client!.State);
        Assert.Equal(AssociationState.Established, pair.Server!.State);
        var exchange = pair.Log.Select(p => (p.From, p.ChunkTypes.First())).Take(4).ToArray();
        Assert.Equal(
            [(Side.Client, ChunkType.Init), (Side.Server, ChunkType.InitAck), (Side.Client, ChunkType.CookieEcho), (Side.Server, ChunkType.CookieAck)],
            exchange);
        Assert.Equal(VerificationTag.Zero, pair.Log[0].Tag);
        Assert.Equal(pair.Client.LocalTag, pair.Server.PeerTag);
        Assert.Equal(pair.Server.LocalTag, pair.Client.PeerTag);
        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.Connected);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.Connected);
        Assert.Equal(NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset, pair.Client.Features);
        Assert.Equal(pair.Client.Features, pair.Server.Features);
    }

    [Fact]
    public void SameSeedReplaysTheSameExchange()
    {
        static string Run()
        {
            var pair = new AssociationPair(seed: 42);
            pair.Connect();
            return string.Join("|", pair.Log.Select(p => Convert.ToHexString(p.Bytes)));
        }

        Assert.Equal(Run(), Run());
    }
}
