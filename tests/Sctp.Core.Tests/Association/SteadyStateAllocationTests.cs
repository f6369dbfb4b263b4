using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// docs/ARCHITECTURE.md, "the rules of the core": no allocation per packet on the data path. Once a transfer
/// has warmed up, writing a DATA packet, handling it at the receiver, writing the SACK and handling it at the
/// sender allocate nothing. Measured around the core calls only (not the test's own bookkeeping), the
/// packet path and the application's side (TrySend copies into pooled buffers, TryReceive hands them out)
/// apart.
/// </summary>
[Collection(AllocationMeasurement.Name)]
public class SteadyStateAllocationTests
{
    private const int Rounds = 2_000;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void PollTransmitAndHandleOfDataAndSackAllocateNothingInSteadyState(bool interleaved, bool fragmented)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(client: config, server: config);
        pair.Connect();
        var client = pair.Client!;
        var server = pair.Server!;
        var clientBuffer = new byte[config.Mtu];
        var serverBuffer = new byte[config.Mtu];

        // Two packets a round (so the receiver acknowledges each round at once): two whole messages, or one
        // message of two fragments.
        int full = FullDataPayload(config.Mtu, interleaved);
        var payload = Pattern(fragmented ? 2 * full : full, 1);
        int messagesPerRound = fragmented ? 1 : 2;
        var now = pair.Now;
        long delivered = 0;
        long packets = 0;
        long sacks = 0;

        long applicationBytes = 0;
        long Round()
        {
            now += TimeSpan.FromMilliseconds(1);
            long application = GC.GetAllocatedBytesForCurrentThread();
            for (int m = 0; m < messagesPerRound; m++)
            {
                client.TrySend(now, new StreamId((ushort)(m % 2)), payload);
            }

            applicationBytes += GC.GetAllocatedBytesForCurrentThread() - application;

            long before = GC.GetAllocatedBytesForCurrentThread();
            int length;
            while ((length = client.PollTransmit(now, clientBuffer)) > 0)
            {
                pair.ServerEndpoint.Handle(now, pair.ClientAddress, clientBuffer.AsSpan(0, length));
                packets++;
            }

            while ((length = server.PollTransmit(now, serverBuffer)) > 0)
            {
                pair.ClientEndpoint.Handle(now, pair.ServerAddress, serverBuffer.AsSpan(0, length));
                sacks++;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Measured apart: the application's side, events and timers.
            application = GC.GetAllocatedBytesForCurrentThread();
            while (server.TryReceive(out var message))
            {
                delivered += message.Length;
                server.ReturnReceived(message);
            }

            while (client.PollEvent(out _) || server.PollEvent(out _))
            {
            }

            client.HandleTimeout(now);
            server.HandleTimeout(now);
            applicationBytes += GC.GetAllocatedBytesForCurrentThread() - application;
            return allocated;
        }

        for (int i = 0; i < Rounds; i++)
        {
            Round();
        }

        applicationBytes = 0;

        long total = 0;
        long worst = 0;
        for (int i = 0; i < Rounds; i++)
        {
            long allocated = Round();
            total += allocated;
            worst = Math.Max(worst, allocated);
        }

        Assert.Equal(2L * Rounds * messagesPerRound * payload.Length, delivered);
        Assert.Equal(4L * Rounds, packets);
        Assert.Equal(2L * Rounds, sacks);
        Assert.True(total == 0, $"{total} bytes allocated over {Rounds} rounds (at most {worst} in one)");

        // The application's calls (TrySend, TryReceive, ReturnReceived, PollEvent, HandleTimeout) too.
        Assert.True(applicationBytes == 0, $"{applicationBytes} bytes allocated by the application's calls over {Rounds} rounds");
        Assert.Equal(0, client.SendBufferUsed);
        Assert.Equal(0, client.Stats.Retransmissions);
    }
}
