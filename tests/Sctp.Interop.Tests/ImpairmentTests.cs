using System.Diagnostics;
using System.Globalization;
using Sctp.Interop.Tests.Infrastructure;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>Interop over a path that loses (5%, seeded) and reorders datagrams: an in-test UDP relay.</summary>
[Trait("Category", "Interop")]
public class ImpairmentTests
{
    private const double DropRate = 0.05;
    private const double ReorderRate = 0.05;

    [Fact]
    public async Task EchoThroughALossyReorderingRelayStillReturnsEveryByteOnceAndInOrder()
    {
        Peers.RequireUsrsctp("echo_server");
        var ct = Bounds.Timeout(300);

        // echo_server answers on the remote encapsulation port it is given: the relay's server-side port.
        int relayServerSide = PeerProcess.FreeUdpPort();
        var (peer, _) = await UsrsctpServerTests.StartEchoServerAsync(ct, () => relayServerSide);
        await using (peer.Process)
        await using (var relay = new LossyRelay(Loopback(peer.Port), seed: 6951, DropRate, ReorderRate, serverSidePort: relayServerSide))
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    var clock = Stopwatch.StartNew();
                    await using var connection = await ConnectAsync(relay.ClientFacing, 7, ct);
                    var plan = EchoExchange.RandomPlan(count: 300, streams: [0, 3], maxSize: 10240, seed: 9260);
                    await EchoExchange.RunAsync(connection, plan, ct);
                    await connection.CloseAsync(ct);
                    Log(string.Create(CultureInfo.InvariantCulture, $"{plan.Count} messages ({plan.Sum(m => m.Size)} bytes) echoed in {clock.Elapsed.TotalSeconds:0.0} s; relay dropped {relay.Dropped}, reordered {relay.Reordered}, forwarded {relay.Forwarded}; we retransmitted {connection.Statistics.Retransmissions} chunks ({connection.Statistics.FastRetransmits} fast retransmits, {connection.Statistics.T3Expiries} T3 expiries), received {connection.Statistics.DuplicateTsnsReceived} duplicate TSNs"));
                    Assert.True(relay.Dropped > 0, "The relay dropped nothing: the test did not test loss.");
                    Assert.True(relay.Reordered > 0, "The relay reordered nothing: the test did not test reordering.");
                    Assert.True(connection.Statistics.Retransmissions > 0, "We never retransmitted although the relay dropped datagrams.");
                },
                peer.Process);
        }
    }

    /// <summary>
    /// tsctp client sending under PR-SCTP "rtx 0" (never retransmit) through the lossy relay to our listener:
    /// what is lost is abandoned and skipped with FORWARD-TSN, so fewer messages arrive than were sent, each
    /// one whole, and the association still ends gracefully (a FORWARD-TSN we ignored would leave a gap that
    /// stalls the shutdown).
    /// </summary>
    [Fact]
    public async Task TsctpClientAbandoningLostMessagesThroughALossyRelayStillEndsGracefully()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(5001, ct);
        await using var relay = new LossyRelay(listener.LocalEndPoint, seed: 3758, DropRate, ReorderRate);
        int clientPort = PeerProcess.FreeUdpPort();
        string[] arguments = ["-E", Arg(clientPort), "-U", Arg(relay.ClientFacing.Port), "-p", "5001", "-l", "1200", "-T", "3", "-P", "2", "-t", "0", "127.0.0.1"];
        await using var tsctp = PeerProcess.Start(Peers.Usrsctp("tsctp"), arguments, await NoDebugPreload.EnvironmentAsync());
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                Assert.True(connection.Features.HasFlag(NegotiatedFeatures.PartialReliability));
                var (received, bytes) = await TsctpTests.ReceiveAllAsync(connection, 1200, unordered: false, ct);
                await connection.CloseAsync(ct);
                Assert.Equal(0, await tsctp.WaitForExitAsync(TimeSpan.FromSeconds(90), ct));
                var line = await tsctp.WaitForLineAsync(l => TsctpTests.ClientSummary().IsMatch(l), TimeSpan.FromSeconds(10), ct);
                Assert.True(line is not null, "tsctp did not print its summary line.");
                long sent = long.Parse(TsctpTests.ClientSummary().Match(line).Groups["messages"].Value, CultureInfo.InvariantCulture);
                Log($"tsctp sent {sent} messages under rtx 0; {received} arrived; the relay dropped {relay.Dropped} datagrams and reordered {relay.Reordered}");
                Assert.True(received > 0);
                Assert.True(received < sent, $"All {sent} messages arrived although the relay dropped {relay.Dropped} datagrams and nothing may be retransmitted.");
                Assert.Equal(received * 1200, bytes);
            },
            tsctp);
    }

    /// <summary>
    /// Our client sending with <see cref="ReliabilityPolicy.LimitedRetransmissions"/>(0) through the lossy
    /// relay to tsctp's server: usrsctp accepts our FORWARD-TSNs (the association ends gracefully and its
    /// per-association line comes out), and what it counts lies between what we sent less what we
    /// abandoned (an abandoned message may still have arrived) and what we sent.
    /// </summary>
    [Fact]
    public async Task OurAbandonedMessagesAreSkippedByTsctpServerThroughALossyRelay()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        var (tsctp, port) = await PeerProcess.StartBoundAsync(Peers.Usrsctp("tsctp"), p => ["-E", Arg(p), "-p", "5001"], ct, await NoDebugPreload.EnvironmentAsync());
        await using (tsctp)
        await using (var relay = new LossyRelay(Loopback(port), seed: 7496, DropRate, ReorderRate))
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    await using var connection = await ConnectAsync(relay.ClientFacing, 5001, ct);
                    var stream = connection.OpenStream(0);
                    var payload = new byte[1200];
                    payload.AsSpan().Fill((byte)'b');
                    var options = new SctpMessageOptions { Reliability = ReliabilityPolicy.LimitedRetransmissions(0) };
                    long sent = 0;
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(3))
                    {
                        await stream.WriteMessageAsync(payload, options, ct);
                        sent++;
                    }

                    await connection.CloseAsync(ct);
                    long abandoned = connection.Statistics.MessagesAbandoned;
                    var line = await tsctp.WaitForLineAsync(l => TsctpTests.ServerSummary().IsMatch(l), TimeSpan.FromSeconds(60), ct);
                    Assert.True(line is not null, "tsctp did not print its per-association line.");
                    var summary = TsctpTests.ServerSummary().Match(line);
                    long received = long.Parse(summary.Groups["messages"].Value, CultureInfo.InvariantCulture);
                    Log($"we sent {sent} messages under LimitedRetransmissions(0) and abandoned {abandoned}; tsctp counted {received}: {line}; the relay dropped {relay.Dropped}, reordered {relay.Reordered}");
                    Assert.True(abandoned > 0, $"Nothing was abandoned although the relay dropped {relay.Dropped} datagrams.");
                    Assert.InRange(received, sent - abandoned, sent);
                    Assert.Equal(received * 1200, long.Parse(summary.Groups["bytes"].Value, CultureInfo.InvariantCulture));
                },
                tsctp);
        }
    }
}
