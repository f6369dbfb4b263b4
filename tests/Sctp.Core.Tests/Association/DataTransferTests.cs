using Sctp.Packet;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

public class DataTransferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1200)]
    [InlineData(5000)]
    [InlineData(64 * 1024)]
    [InlineData(256 * 1024)]
    public void Rfc9260_6_9_MessagesOfManySizesArriveIntact(int size)
    {
        var pair = new AssociationPair();
        pair.Connect();
        byte[] message = new byte[size];
        new SeededRandomSource((ulong)size).Fill(message);

        Assert.True(pair.Client!.TrySend(pair.Now, new StreamId(1), message, new Ppid(53)));
        var received = new List<(StreamId Stream, Ppid Ppid, bool Unordered, byte[] Payload)>();
        Assert.True(pair.DriveUntil(() => { received.AddRange(AssociationPair.ReceiveAll(pair.Server!)); return received.Count == 1; }, TimeSpan.FromSeconds(30)), pair.Describe());

        Assert.Equal(new StreamId(1), received[0].Stream);
        Assert.Equal(new Ppid(53), received[0].Ppid);
        Assert.Equal(message, received[0].Payload);
    }

    [Fact]
    public void GracefulShutdownClosesBothSides()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Client!.TrySend(pair.Now, new StreamId(0), new byte[3000]);
        pair.Client.Shutdown(pair.Now);
        Assert.True(pair.DriveUntil(() => pair.Client.IsClosed && pair.Server!.IsClosed, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Contains(pair.ClientEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Contains(pair.ServerEvents, e => e.Kind == AssociationEventKind.ShutdownComplete);
        Assert.Single(AssociationPair.ReceiveAll(pair.Server!));
    }
}
