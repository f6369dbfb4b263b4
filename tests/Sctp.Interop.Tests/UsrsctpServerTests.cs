using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sctp.Interop.Tests.Infrastructure;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>Our client against usrsctp's example servers.</summary>
[Trait("Category", "Interop")]
public partial class UsrsctpServerTests
{
    /// <summary>Sizes up to echo_server's 10,240-byte read buffer, around our 1,172-byte DATA payload limit (MTU 1200).</summary>
    internal static readonly int[] EchoSizes = [1, 2, 3, 4, 5, 100, 1000, 1171, 1172, 1173, 2344, 2345, 4096, 8000, 10239, 10240];

    internal static readonly ushort[] EchoStreams = [0, 1, 5, 9];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task EchoServerReturnsEveryMessageIntactOnItsStreamAndOrderedOnesInOrder(string address)
    {
        Peers.RequireUsrsctp("echo_server");
        var ct = Bounds.Timeout(180);
        var ip = IPAddress.Parse(address);
        var (peer, local) = await StartEchoServerAsync(ct);
        await using (peer.Process)
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    await using var connection = await ConnectAsync(new IPEndPoint(ip, peer.Port), 7, ct, local, local: ip);
                    await EchoExchange.RunAsync(connection, EchoExchange.Plan(EchoSizes, EchoStreams, unordered: true), ct);
                    await connection.CloseAsync(ct);
                    AssertNothingDropped(connection, "echo_server");
                },
                peer.Process);
        }
    }

    [Fact]
    public async Task DaytimeServerSendsTheTimeThenShutsDownAndWeSeeAGracefulEnd()
    {
        Peers.RequireUsrsctp("daytime_server");
        var ct = Bounds.Timeout(120);
        int local = PeerProcess.FreeUdpPort();
        var (peer, port) = await PeerProcess.StartBoundAsync(Peers.Usrsctp("daytime_server"), p => [Arg(p), Arg(local)], ct);
        await using (peer)
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    await using var connection = await ConnectAsync(Loopback(port), 13, ct, local);
                    var stream = await connection.AcceptStreamAsync(ct);
                    var buffer = new byte[256];
                    var result = await stream.ReadMessageAsync(buffer, ct);
                    string time = Encoding.ASCII.GetString(buffer, 0, result.BytesRead);
                    Assert.True(result.EndOfMessage);
                    Assert.Equal(new Ppid(40), result.Ppid); // DAYTIME_PPID in daytime_server.c
                    Assert.Equal(0, stream.Id.Value);
                    Assert.Matches(CtimeLine(), time);

                    // The server closes right after sending: the stream ends, and the association closes
                    // gracefully (the close completes without an error because the peer's SHUTDOWN did).
                    var end = await stream.ReadMessageAsync(buffer, ct);
                    Assert.True(end.Completed, "The stream should end when the peer shuts the association down.");
                    await connection.CloseAsync(ct);
                    Assert.Throws<SctpException>(() => connection.OpenStream());
                    AssertNothingDropped(connection, "daytime_server");
                },
                peer);
        }
    }

    /// <summary>Starts echo_server on a free UDP port, telling it to answer on <c>Local</c>, the UDP port our client will bind.</summary>
    internal static async Task<((PeerProcess Process, int Port) Peer, int Local)> StartEchoServerAsync(CancellationToken ct, Func<int>? clientPort = null)
    {
        int local = (clientPort ?? PeerProcess.FreeUdpPort)();
        var peer = await PeerProcess.StartBoundAsync(Peers.Usrsctp("echo_server"), p => [Arg(p), Arg(local)], ct);
        return (peer, local);
    }

    // ctime(3): "Wed Jun 30 21:49:08 1993\n"
    [GeneratedRegex(@"^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\n$")]
    private static partial Regex CtimeLine();
}
