using System.Net;

namespace Sctp.Net.Tests;

/// <summary>Path MTU discovery (RFC 8899) over real loopback sockets, configured through <see cref="SctpConnectionOptions.Transport"/>.</summary>
public class PathMtuTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Rfc8899_LoopbackCarriesJumboPacketsSoThePathMtuReachesMaxMtu(string address)
    {
        var ct = LoopbackTests.Timeout();
        var transport = new TransportConfig { MaxMtu = 8972 };
        var (listener, client, server) = await LoopbackTests.ConnectPairAsync(IPAddress.Parse(address), transport);
        await using (listener)
        await using (client)
        await using (server)
        {
            // Loopback's MTU is 64 KiB: every probe up to MAX_PLPMTU is acknowledged within a few RTTs.
            while (client.Statistics.PathMtu != 8972 || client.Statistics.PathMtuState != PathMtuState.SearchComplete)
            {
                await Task.Delay(10, ct);
            }

            Assert.Equal(0, client.Statistics.MtuProbesLost);

            // The socket's buffers hold packets of the new size: a large message crosses intact.
            byte[] message = new byte[200_000];
            new SeededRandomSource(5).Fill(message);
            var stream = client.OpenStream();
            await stream.WriteMessageAsync(message, cancellationToken: ct);
            var inbound = await server.AcceptStreamAsync(ct);
            byte[] buffer = new byte[message.Length];
            var result = await inbound.ReadMessageAsync(buffer, ct);
            Assert.True(result.EndOfMessage);
            Assert.Equal(message, buffer[..result.BytesRead]);
            Assert.True(client.Statistics.BytesSent > message.Length);

            // Most of it went in packets larger than the base size: fewer packets than 1200-byte ones would need.
            Assert.True(client.Statistics.PacketsSent < message.Length / 1200, $"{client.Statistics.PacketsSent} packets");
        }
    }
}
