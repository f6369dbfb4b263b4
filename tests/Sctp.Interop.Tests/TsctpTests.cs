using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sctp.Interop.Tests.Infrastructure;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>
/// Bulk transfers with usrsctp's tsctp, both ways, for 5 seconds each: everything sent arrives and both
/// sides count the same messages and bytes. tsctp fills every message with 'b' and sends on stream 0.
/// </summary>
[Trait("Category", "Interop")]
public partial class TsctpTests
{
    private const ushort TsctpPort = 5001;
    private const int Seconds = 5;

    /// <summary>tsctp client (ordered, unordered, PR-SCTP ttl and rtx policies) → our listener.</summary>
    [Theory]
    [InlineData(1200, "")]
    [InlineData(65536, "")]
    [InlineData(1200, "-u")]
    [InlineData(65536, "-u")] // unordered and fragmented: reassembly without SSNs
    [InlineData(1200, "-P 1 -t 30000")] // PR-SCTP timed reliability, 30 s lifetime: nothing may expire on loopback
    [InlineData(1200, "-P 2 -t 5")] // PR-SCTP limited retransmissions, 5 each
    public async Task TsctpClientBulkTransferToOurListenerArrivesWholeAndCountsAgree(int length, string options)
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(TsctpPort, ct);
        int clientPort = PeerProcess.FreeUdpPort();
        string[] arguments =
        [
            "-E", Arg(clientPort), "-U", Arg(listener.LocalEndPoint.Port), "-p", Arg(TsctpPort), "-l", Arg(length), "-T", Arg(Seconds),
            .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "127.0.0.1",
        ];
        var environment = await NoDebugPreload.EnvironmentAsync();
        await using var tsctp = PeerProcess.Start(Peers.Usrsctp("tsctp"), arguments, environment);
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                if (options.Contains("-P", StringComparison.Ordinal))
                {
                    Assert.True(connection.Features.HasFlag(NegotiatedFeatures.PartialReliability), $"PR-SCTP was not negotiated: {connection.Features}.");
                }

                var (messages, bytes) = await ReceiveAllAsync(connection, length, unordered: options.Contains("-u", StringComparison.Ordinal), ct);
                await connection.CloseAsync(ct); // the peer's shutdown already ended it gracefully
                AssertNothingDropped(connection, "tsctp", FlowControl);

                Assert.Equal(0, await tsctp.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
                var line = await tsctp.WaitForLineAsync(l => ClientSummary().IsMatch(l), TimeSpan.FromSeconds(10), ct);
                Assert.True(line is not null, "tsctp did not print its summary line.");
                var summary = ClientSummary().Match(line);
                long sent = long.Parse(summary.Groups["messages"].Value, CultureInfo.InvariantCulture);
                Assert.Equal(length, int.Parse(summary.Groups["length"].Value, CultureInfo.InvariantCulture));
                Assert.True(sent > 0);
                Assert.Equal(sent, messages);
                Assert.Equal(sent * length, bytes);
                Log(string.Create(CultureInfo.InvariantCulture, $"tsctp {string.Join(' ', arguments)}: {sent} messages, {bytes} bytes, {bytes / 1e6 / double.Parse(summary.Groups["seconds"].Value, CultureInfo.InvariantCulture):0.0} MB/s (debug output preloaded away: {environment.Count > 0})"));
            },
            tsctp);
    }

    /// <summary>
    /// Our reader stops for 2 seconds in the middle of a tsctp transfer: our receive window fills and
    /// closes, usrsctp must wait (zero-window probing), and once we read again our window update must get
    /// it going; nothing is lost and the counts agree.
    /// </summary>
    [Fact]
    public async Task TsctpClientIsHeldBackByOurPausedReaderAndResumesWithoutLoss()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(TsctpPort, ct, new TransportConfig { ReceiveWindow = 64 * 1024, MaxMessageSize = 64 * 1024 });
        int clientPort = PeerProcess.FreeUdpPort();
        string[] arguments = ["-E", Arg(clientPort), "-U", Arg(listener.LocalEndPoint.Port), "-p", Arg(TsctpPort), "-l", "1200", "-T", Arg(Seconds), "127.0.0.1"];
        await using var tsctp = PeerProcess.Start(Peers.Usrsctp("tsctp"), arguments, await NoDebugPreload.EnvironmentAsync());
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                var (messages, bytes) = await ReceiveAllAsync(connection, 1200, unordered: false, ct, pauseAfter: 2000, pause: TimeSpan.FromSeconds(2));
                await connection.CloseAsync(ct);
                Assert.Equal(0, await tsctp.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
                var line = await tsctp.WaitForLineAsync(l => ClientSummary().IsMatch(l), TimeSpan.FromSeconds(10), ct);
                Assert.True(line is not null, "tsctp did not print its summary line.");
                long sent = long.Parse(ClientSummary().Match(line).Groups["messages"].Value, CultureInfo.InvariantCulture);
                Log($"tsctp sent {sent} messages against a 64 KiB window with a 2 s pause; we read {messages}; we dropped {connection.Statistics.Dropped(DropReason.ReceiveWindowFull)} DATA chunks beyond our closed window (zero-window probes)");
                Assert.Equal(sent, messages);
                Assert.Equal(sent * 1200, bytes);

                // RFC 9260 section 6.2: with the window at zero, new DATA (usrsctp's zero-window probes) is
                // dropped; usrsctp retransmits a probe we took but had not acknowledged when the window reopened.
                AssertNothingDropped(connection, "tsctp", FlowControl);
            },
            tsctp);
    }

    /// <summary>Our client (ordered, unordered, our partial reliability policies) → tsctp server.</summary>
    [Theory]
    [InlineData(1200, "reliable")]
    [InlineData(65536, "reliable")]
    [InlineData(1200, "unordered")]
    [InlineData(65536, "unordered")]
    [InlineData(1200, "timed")]
    [InlineData(1200, "rtx")]
    public async Task OurBulkTransferToTsctpServerArrivesWholeAndCountsAgree(int length, string mode)
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        var (tsctp, port) = await PeerProcess.StartBoundAsync(
            Peers.Usrsctp("tsctp"),
            p => ["-E", Arg(p), "-p", Arg(TsctpPort)],
            ct,
            await NoDebugPreload.EnvironmentAsync());
        await using (tsctp)
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    var options = new SctpMessageOptions
                    {
                        Unordered = mode == "unordered",
                        Reliability = mode switch
                        {
                            "timed" => ReliabilityPolicy.Timed(TimeSpan.FromSeconds(30)),
                            "rtx" => ReliabilityPolicy.LimitedRetransmissions(5),
                            _ => ReliabilityPolicy.Reliable,
                        },
                    };
                    await using var connection = await ConnectAsync(Loopback(port), TsctpPort, ct);
                    Assert.True(connection.Features.HasFlag(NegotiatedFeatures.PartialReliability), $"PR-SCTP was not negotiated: {connection.Features}.");
                    var payload = new byte[length];
                    payload.AsSpan().Fill((byte)'b');
                    var stream = connection.OpenStream(0);
                    long messages = 0;
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(Seconds))
                    {
                        await stream.WriteMessageAsync(payload, options, ct);
                        messages++;
                    }

                    await connection.CloseAsync(ct);
                    Assert.Equal(0, connection.Statistics.MessagesAbandoned);
                    AssertNothingDropped(connection, "tsctp");

                    // One CSV line per association when it ends: first_len, messages, recv_calls, bytes, seconds, bytes/s, notifications.
                    var line = await tsctp.WaitForLineAsync(l => ServerSummary().IsMatch(l), TimeSpan.FromSeconds(60), ct);
                    Assert.True(line is not null, "tsctp did not print its per-association line.");
                    var summary = ServerSummary().Match(line);
                    Assert.Equal(length, long.Parse(summary.Groups["first"].Value, CultureInfo.InvariantCulture));
                    Assert.Equal(messages, long.Parse(summary.Groups["messages"].Value, CultureInfo.InvariantCulture));
                    Assert.Equal(messages * length, long.Parse(summary.Groups["bytes"].Value, CultureInfo.InvariantCulture));
                    Log(string.Create(CultureInfo.InvariantCulture, $"our client ({mode}, {length} B) -> tsctp server: {messages} messages, {messages * length / 1e6 / clock.Elapsed.TotalSeconds:0.0} MB/s; tsctp: {line}"));
                },
                tsctp);
        }
    }

    /// <summary>
    /// tsctp sends ordered messages with a 10 ms lifetime (PR-SCTP ttl) while our reader pauses for two
    /// seconds behind a 64 KiB window: the zero-window probe we drop (RFC 9260 section 6.2) expires before
    /// usrsctp may retransmit it, so usrsctp abandons it and skips it with a FORWARD-TSN that carries the
    /// stream and SSN. Our ordered delivery must resume after the skipped SSN: what arrives is whole, fewer
    /// messages than were sent, and the association ends gracefully (a skipped SSN we waited for would
    /// stall it).
    /// </summary>
    [Fact]
    public async Task TsctpClientSkipsAnExpiredMessageWeDroppedAndOurOrderedDeliveryGoesOn()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        await using var listener = await ListenAsync(TsctpPort, ct, new TransportConfig { ReceiveWindow = 64 * 1024, MaxMessageSize = 64 * 1024 });
        int clientPort = PeerProcess.FreeUdpPort();
        string[] arguments = ["-E", Arg(clientPort), "-U", Arg(listener.LocalEndPoint.Port), "-p", Arg(TsctpPort), "-l", "1200", "-T", "3", "-P", "1", "-t", "10", "127.0.0.1"];
        await using var tsctp = PeerProcess.Start(Peers.Usrsctp("tsctp"), arguments, await NoDebugPreload.EnvironmentAsync());
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                var (messages, bytes) = await ReceiveAllAsync(connection, 1200, unordered: false, ct, pauseAfter: 1000, pause: TimeSpan.FromSeconds(2));
                await connection.CloseAsync(ct);
                Assert.Equal(0, await tsctp.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
                var line = await tsctp.WaitForLineAsync(l => ClientSummary().IsMatch(l), TimeSpan.FromSeconds(10), ct);
                Assert.True(line is not null, "tsctp did not print its summary line.");
                long sent = long.Parse(ClientSummary().Match(line).Groups["messages"].Value, CultureInfo.InvariantCulture);
                Log($"tsctp sent {sent} messages with a 10 ms lifetime; {messages} arrived; we dropped {connection.Statistics.Dropped(DropReason.ReceiveWindowFull)} DATA chunks beyond our closed window");
                Assert.InRange(messages, 1000, sent - 1);
                Assert.Equal(messages * 1200, bytes);

                // Zero-window probes beyond our window are dropped (RFC 9260 section 6.2); usrsctp
                // retransmits a probe we took but had not yet acknowledged when our window reopened.
                AssertNothingDropped(connection, "tsctp", FlowControl);
            },
            tsctp);
    }

    /// <summary>
    /// The same the other way: our messages with a 1 ms lifetime (<see cref="ReliabilityPolicy.Timed"/>)
    /// expire in our send queue and we skip them with FORWARD-TSNs; usrsctp must accept those and go on
    /// delivering in order. It counts at least what we did not abandon and at most what we sent.
    /// </summary>
    [Fact]
    public async Task OurMessagesExpiringInOurQueueAreSkippedByTsctpServer()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        var (tsctp, port) = await PeerProcess.StartBoundAsync(Peers.Usrsctp("tsctp"), p => ["-E", Arg(p), "-p", Arg(TsctpPort)], ct, await NoDebugPreload.EnvironmentAsync());
        await using (tsctp)
        {
            await WithPeerOutputAsync(
                async () =>
                {
                    await using var connection = await ConnectAsync(Loopback(port), TsctpPort, ct);
                    var stream = connection.OpenStream(0);
                    var payload = new byte[1200];
                    payload.AsSpan().Fill((byte)'b');
                    var options = new SctpMessageOptions { Reliability = ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(1)) };
                    long sent = 0;
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(3))
                    {
                        await stream.WriteMessageAsync(payload, options, ct);
                        sent++;
                    }

                    await connection.CloseAsync(ct);
                    long abandoned = connection.Statistics.MessagesAbandoned;
                    var line = await tsctp.WaitForLineAsync(l => ServerSummary().IsMatch(l), TimeSpan.FromSeconds(60), ct);
                    Assert.True(line is not null, "tsctp did not print its per-association line.");
                    var summary = ServerSummary().Match(line);
                    long received = long.Parse(summary.Groups["messages"].Value, CultureInfo.InvariantCulture);
                    Log($"we sent {sent} messages with a 1 ms lifetime and abandoned {abandoned}; tsctp counted {received}: {line}");
                    Assert.True(abandoned > 0, "No message expired: the test did not test expiry.");
                    Assert.InRange(received, sent - abandoned, sent);
                    Assert.Equal(received * 1200, long.Parse(summary.Groups["bytes"].Value, CultureInfo.InvariantCulture));
                    AssertNothingDropped(connection, "tsctp");
                },
                tsctp);
        }
    }

    /// <summary>Reads every message of the association's one stream until the peer's shutdown ends it, checking each is <paramref name="length"/> bytes of 'b'.</summary>
    internal static async Task<(long Messages, long Bytes)> ReceiveAllAsync(SctpConnection connection, int length, bool unordered, CancellationToken ct, long pauseAfter = -1, TimeSpan pause = default)
    {
        var stream = await connection.AcceptStreamAsync(ct);
        var buffer = new byte[length + 1];
        long messages = 0, bytes = 0;
        while (true)
        {
            int read = 0;
            SctpReceiveResult result;
            do
            {
                result = await stream.ReadMessageAsync(buffer.AsMemory(read), ct);
                read += result.BytesRead;
            }
            while (!result.EndOfMessage && !result.Completed && read < buffer.Length);
            if (result.Completed)
            {
                return (messages, bytes);
            }

            Assert.True(read == length, $"Message {messages + 1} has {read} bytes, not {length}.");
            Assert.True(buffer.AsSpan(0, read).IndexOfAnyExcept((byte)'b') < 0, $"Message {messages + 1} is not all 'b'.");
            Assert.True(result.Unordered == unordered, $"Message {messages + 1} arrived {(result.Unordered ? "unordered" : "ordered")}.");
            messages++;
            bytes += read;
            if (messages == pauseAfter)
            {
                await Task.Delay(pause, ct);
            }
        }
    }

    // tsctp client, at the end: "Sending of 12345 messages of length 1200 took 5.000123 seconds."
    [GeneratedRegex(@"Sending of (?<messages>\d+) messages of length (?<length>\d+) took (?<seconds>[\d.]+) seconds\.")]
    internal static partial Regex ClientSummary();

    // tsctp server, per association: "1200, 12345, 12400, 14814000, 5.012345, 2955000.123456, 0"
    [GeneratedRegex(@"(?<first>\d+), (?<messages>\d+), (?<calls>\d+), (?<bytes>\d+), (?<seconds>[\d.]+), (?<rate>[\d.]+|inf|nan|-nan), (?<notifications>\d+)$")]
    internal static partial Regex ServerSummary();
}
