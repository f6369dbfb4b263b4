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

    /// <summary>Our client (ordered, unordered, our partial reliability policies) → tsctp server.</summary>
    [Theory]
    [InlineData(1200, "reliable")]
    [InlineData(65536, "reliable")]
    [InlineData(1200, "unordered")]
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

    /// <summary>Reads every message of the association's one stream until the peer's shutdown ends it, checking each is <paramref name="length"/> bytes of 'b'.</summary>
    internal static async Task<(long Messages, long Bytes)> ReceiveAllAsync(SctpConnection connection, int length, bool unordered, CancellationToken ct)
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
        }
    }

    // tsctp client, at the end: "Sending of 12345 messages of length 1200 took 5.000123 seconds."
    [GeneratedRegex(@"Sending of (?<messages>\d+) messages of length (?<length>\d+) took (?<seconds>[\d.]+) seconds\.")]
    internal static partial Regex ClientSummary();

    // tsctp server, per association: "1200, 12345, 12400, 14814000, 5.012345, 2955000.123456, 0"
    [GeneratedRegex(@"(?<first>\d+), (?<messages>\d+), (?<calls>\d+), (?<bytes>\d+), (?<seconds>[\d.]+), (?<rate>[\d.]+|inf|nan|-nan), (?<notifications>\d+)$")]
    internal static partial Regex ServerSummary();
}
