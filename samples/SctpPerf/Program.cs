using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Sctp.Net;
using Sctp.Tx;

namespace Sctp.Samples.Perf;

/// <summary>
/// sctpperf: a bulk-transfer benchmark over SCTP/UDP, like usrsctp's tsctp and iperf. With no arguments
/// it runs a server and a client in one process on loopback for 10 seconds.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return await RunLoopbackAsync();
        }

        var root = new RootCommand("sctpperf: SCTP over UDP throughput test. Run with no arguments for a 10-second loopback transfer.");
        root.Subcommands.Add(BuildServerCommand());
        root.Subcommands.Add(BuildClientCommand());
        return await root.Parse(args).InvokeAsync();
    }

    private static Command BuildServerCommand()
    {
        var bind = new Option<string>("--bind") { Description = "UDP endpoint to listen on (ADDR:UDPPORT)", DefaultValueFactory = _ => "127.0.0.1:9899" };
        var sctpPort = new Option<ushort>("--sctp-port") { Description = "SCTP port to accept on", DefaultValueFactory = _ => SctpConnectionOptions.DefaultSctpPort };
        var window = new Option<int>("--window") { Description = "receive window in bytes", DefaultValueFactory = _ => 4 * 1024 * 1024 };
        var json = new Option<bool>("--json") { Description = "print one JSON object per finished association" };
        var command = new Command("server", "accept associations and count what they send; runs until killed") { bind, sctpPort, window, json };
        command.SetAction(async (result, ct) =>
        {
            var options = new SctpListenerOptions
            {
                ListenEndPoint = EndPointParser.Parse(result.GetValue(bind)!),
                SctpPort = result.GetValue(sctpPort),
                Transport = new TransportConfig { ReceiveWindow = result.GetValue(window), MaxMessageSize = 256 * 1024 },
            };
            await using var listener = await SctpListener.ListenAsync(options, ct);
            Console.Error.WriteLine($"sctpperf server listening on {listener.LocalEndPoint} (SCTP port {listener.SctpPort})");
            await ServeAsync(listener, result.GetValue(json), ct);
            return 0;
        });
        return command;
    }

    private static Command BuildClientCommand()
    {
        var remote = new Argument<string>("remote") { Description = "server UDP endpoint (ADDR:UDPPORT)" };
        var sctpPort = new Option<ushort>("--sctp-port") { Description = "SCTP port to connect to", DefaultValueFactory = _ => SctpConnectionOptions.DefaultSctpPort };
        var size = new Option<int>("--size") { Description = "message size in bytes", DefaultValueFactory = _ => 1200 };
        var time = new Option<double?>("--time") { Description = "seconds to send for (default 10)" };
        var count = new Option<long?>("--count") { Description = "messages to send (instead of --time)" };
        var streams = new Option<int>("--streams") { Description = "streams to spread messages over", DefaultValueFactory = _ => 1 };
        var unordered = new Option<bool>("--unordered") { Description = "send unordered messages" };
        var mtu = new Option<int>("--mtu") { Description = "largest SCTP packet in bytes; with --max-mtu, the size path MTU discovery starts from", DefaultValueFactory = _ => 1200 };
        var maxMtu = new Option<int?>("--max-mtu") { Description = "probe for packets up to this size (RFC 8899 path MTU discovery; off by default)" };
        var window = new Option<int>("--window") { Description = "send buffer and receive window in bytes", DefaultValueFactory = _ => 4 * 1024 * 1024 };
        var rexmit = new Option<int?>("--rexmit") { Description = "partial reliability: at most N retransmissions per message" };
        var lifetime = new Option<int?>("--lifetime") { Description = "partial reliability: message lifetime in milliseconds" };
        var json = new Option<bool>("--json") { Description = "print one machine-readable summary object" };
        var command = new Command("client", "connect and send messages as fast as the association allows")
        {
            remote, sctpPort, size, time, count, streams, unordered, mtu, maxMtu, window, rexmit, lifetime, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var settings = new ClientSettings(
                EndPointParser.Parse(result.GetValue(remote)!),
                result.GetValue(sctpPort),
                result.GetValue(size),
                result.GetValue(count) is null ? TimeSpan.FromSeconds(result.GetValue(time) ?? 10) : null,
                result.GetValue(count),
                result.GetValue(streams),
                result.GetValue(unordered),
                result.GetValue(mtu),
                result.GetValue(maxMtu),
                result.GetValue(window),
                result.GetValue(rexmit) is { } n ? ReliabilityPolicy.LimitedRetransmissions(n)
                    : result.GetValue(lifetime) is { } ms ? ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(ms))
                    : ReliabilityPolicy.Reliable,
                result.GetValue(json));
            var summary = await RunClientAsync(settings, ct);
            PrintSummary(summary, settings.Json);
            return 0;
        });
        return command;
    }

    /// <summary>The README's main job: a server and a client in one process, 10 seconds over loopback.</summary>
    private static async Task<int> RunLoopbackAsync()
    {
        using var stop = new CancellationTokenSource();
        var listenerOptions = new SctpListenerOptions
        {
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Transport = new TransportConfig { ReceiveWindow = 4 * 1024 * 1024, MaxMessageSize = 256 * 1024 },
        };
        await using var listener = await SctpListener.ListenAsync(listenerOptions, stop.Token);
        Console.Error.WriteLine($"sctpperf: loopback transfer for 10 s to {listener.LocalEndPoint}, 1200-byte messages");
        var server = ServeAsync(listener, json: false, stop.Token);
        var settings = new ClientSettings(listener.LocalEndPoint, listener.SctpPort, 1200, TimeSpan.FromSeconds(10), null, 1, false, 1200, null, 4 * 1024 * 1024, ReliabilityPolicy.Reliable, false);
        var summary = await RunClientAsync(settings, stop.Token);
        PrintSummary(summary, json: false);
        await stop.CancelAsync();
        try
        {
            await server;
        }
        catch (OperationCanceledException)
        {
        }

        return summary.Bytes > 0 ? 0 : 1;
    }

    private static async Task ServeAsync(SctpListener listener, bool json, CancellationToken ct)
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await listener.AcceptConnectionAsync(ct);
                sessions.Add(Task.Run(() => DrainAsync(connection, json, ct), ct));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sessions.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static async Task DrainAsync(SctpConnection connection, bool json, CancellationToken ct)
    {
        await using (connection)
        {
            var watch = Stopwatch.StartNew();
            long bytes = 0;
            long messages = 0;
            var readers = new List<Task>();
            try
            {
                while (true)
                {
                    var stream = await connection.AcceptStreamAsync(ct);
                    readers.Add(Task.Run(
                        async () =>
                        {
                            byte[] buffer = new byte[256 * 1024];
                            while (true)
                            {
                                var result = await stream.ReadMessageAsync(buffer, ct);
                                if (result.Completed)
                                {
                                    return;
                                }

                                Interlocked.Add(ref bytes, result.BytesRead);
                                if (result.EndOfMessage)
                                {
                                    Interlocked.Increment(ref messages);
                                }
                            }
                        },
                        ct));
                }
            }
            catch (Exception e) when (e is SctpException or OperationCanceledException)
            {
            }

            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            double seconds = watch.Elapsed.TotalSeconds;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { role = "server", remote = connection.RemoteEndPoint.ToString(), bytes, messages, seconds }));
            }
            else
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server: {connection.RemoteEndPoint} sent {bytes:N0} bytes in {messages:N0} messages over {seconds:F2} s ({bytes / seconds / 1e6:F1} MB/s)"));
            }
        }
    }

    private static async Task<Summary> RunClientAsync(ClientSettings settings, CancellationToken ct)
    {
        var transport = new TransportConfig
        {
            Mtu = settings.Mtu,
            MaxMtu = settings.MaxMtu,
            SendBufferSize = settings.Window,
            ReceiveWindow = Math.Max(settings.Window, 256 * 1024),
            MaxMessageSize = Math.Max(256 * 1024, settings.Size),
        };
        await using var connection = await SctpConnection.ConnectAsync(
            new SctpClientOptions { RemoteEndPoint = settings.Remote, RemoteSctpPort = settings.SctpPort, Transport = transport },
            ct);
        var streams = Enumerable.Range(0, settings.Streams).Select(_ => connection.OpenStream()).ToArray();
        byte[] message = new byte[settings.Size];
        Random.Shared.NextBytes(message);
        var options = new SctpMessageOptions { Unordered = settings.Unordered, Reliability = settings.Reliability, Ppid = new Ppid(53) };

        var stats = connection.Statistics;
        var watch = Stopwatch.StartNew();
        long sent = 0;
        long bytes = 0;
        using var progress = new Timer(
            _ => PrintProgress(watch.Elapsed, Interlocked.Read(ref bytes), Interlocked.Read(ref sent), stats, settings.Json),
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));
        while ((settings.Count is { } limit && sent < limit) || (settings.Duration is { } duration && watch.Elapsed < duration))
        {
            await streams[sent % streams.Length].WriteMessageAsync(message, options, ct);
            Interlocked.Increment(ref sent);
            Interlocked.Add(ref bytes, message.Length);
        }

        await connection.CloseAsync(ct);
        double seconds = watch.Elapsed.TotalSeconds;
        return new Summary(bytes, sent, seconds, stats.Retransmissions, stats.FastRetransmits, stats.T3Expiries, stats.MessagesAbandoned, stats.SmoothedRtt, stats.PathMtu, settings);
    }

    private static long _lastBytes;
    private static long _lastMessages;
    private static TimeSpan _lastTime;

    private static void PrintProgress(TimeSpan elapsed, long bytes, long messages, AssociationStats stats, bool json)
    {
        if (json)
        {
            return;
        }

        double interval = (elapsed - _lastTime).TotalSeconds;
        double rate = (bytes - _lastBytes) / interval / 1e6;
        double messageRate = (messages - _lastMessages) / interval;
        _lastBytes = bytes;
        _lastMessages = messages;
        _lastTime = elapsed;
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds,5:F1} s  {rate,8:F1} MB/s  {messageRate,10:N0} msg/s  rtx {stats.Retransmissions,6}  cwnd {stats.CongestionWindow,9:N0}  pmtu {stats.PathMtu,5}  srtt {stats.SmoothedRtt?.TotalMilliseconds ?? 0,6:F2} ms"));
    }

    private static void PrintSummary(Summary summary, bool json)
    {
        double rate = summary.Bytes / summary.Seconds;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                role = "client",
                bytes = summary.Bytes,
                messages = summary.Messages,
                seconds = summary.Seconds,
                bytesPerSecond = rate,
                messagesPerSecond = summary.Messages / summary.Seconds,
                retransmissions = summary.Retransmissions,
                fastRetransmits = summary.FastRetransmits,
                t3Expiries = summary.T3Expiries,
                abandoned = summary.Abandoned,
                srttMs = summary.Srtt?.TotalMilliseconds,
                size = summary.Settings.Size,
                streams = summary.Settings.Streams,
                unordered = summary.Settings.Unordered,
                mtu = summary.Settings.Mtu,
                maxMtu = summary.Settings.MaxMtu,
                pathMtu = summary.PathMtu,
            }));
            return;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sent {summary.Bytes:N0} bytes in {summary.Messages:N0} messages of {summary.Settings.Size} bytes in {summary.Seconds:F2} s: {rate / 1e6:F1} MB/s, {summary.Messages / summary.Seconds:N0} msg/s, {summary.Retransmissions} retransmissions ({summary.FastRetransmits} fast, {summary.T3Expiries} T3)"));
    }

    private sealed record ClientSettings(
        IPEndPoint Remote,
        ushort SctpPort,
        int Size,
        TimeSpan? Duration,
        long? Count,
        int Streams,
        bool Unordered,
        int Mtu,
        int? MaxMtu,
        int Window,
        ReliabilityPolicy Reliability,
        bool Json);

    private sealed record Summary(long Bytes, long Messages, double Seconds, long Retransmissions, long FastRetransmits, long T3Expiries, long Abandoned, TimeSpan? Srtt, int PathMtu, ClientSettings Settings);
}
