using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sctp.Packet;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>
/// Captures SCTP-over-UDP traffic on the loopback interface with tshark, then has Wireshark's SCTP
/// dissector check every packet: CRC32c, malformed chunks, and expert errors.
/// </summary>
internal sealed class WireCapture : IAsyncDisposable
{
    /// <summary>The display filter that lists bad packets (empty output means every packet is good).</summary>
    public const string BadPacketFilter = "sctp && (sctp.checksum.status != 1 || _ws.malformed || _ws.expert.severity == \"Error\")";

    private readonly PeerProcess _tshark;
    private readonly Socket _probe;
    private readonly IReadOnlyCollection<int> _ports;
    private int _probes;

    private WireCapture(PeerProcess tshark, Socket probe, string file, IReadOnlyCollection<int> ports)
    {
        _tshark = tshark;
        _probe = probe;
        File = file;
        _ports = ports;
    }

    /// <summary>The capture file (pcapng).</summary>
    public string File { get; }

    /// <summary>
    /// Starts capturing UDP traffic to or from any of <paramref name="ports"/> and returns once tshark
    /// really captures. Its "Capturing on" line comes a little before that (a packet sent right after it
    /// can be missed), so tshark also prints each packet's summary (-P -l), and a probe datagram to a
    /// port of our own, also in the filter but never decoded as SCTP, is sent until its summary appears.
    /// </summary>
    public static async Task<WireCapture> StartAsync(IReadOnlyCollection<int> ports, CancellationToken cancellationToken)
    {
        Peers.RequireTshark();
        string directory = Path.Combine(Path.GetTempPath(), "sctp-interop");
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, $"capture-{Guid.NewGuid():N}.pcapng");
        var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string filter = string.Join(" or ", ports.Append(((IPEndPoint)probe.LocalEndPoint!).Port).Select(p => string.Create(CultureInfo.InvariantCulture, $"udp port {p}")));
        var tshark = PeerProcess.Start(Peers.Tshark!, ["-i", "lo", "-f", filter, "-w", file, "-P", "-l"]);
        var capture = new WireCapture(tshark, probe, file, ports);
        if (!await capture.ProbeAsync(cancellationToken))
        {
            string description = tshark.Describe();
            await capture.DisposeAsync();
            Assert.Fail($"tshark did not start capturing.\n{description}");
        }

        return capture;
    }

    /// <summary>Stops the capture (SIGINT, so tshark writes its file out) once it has caught up, and dissects what it caught.</summary>
    public async Task<CapturedTraffic> StopAsync(CancellationToken cancellationToken)
    {
        // A probe seen now was captured after everything sent before it.
        Assert.True(await ProbeAsync(cancellationToken), $"tshark stopped capturing.\n{_tshark.Describe()}");
        _tshark.Interrupt();
        int exit = await _tshark.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        Assert.True(exit == 0, $"tshark capture ended with code {exit}.\n{_tshark.Describe()}");
        return await ReadAsync(File, _ports, cancellationToken);
    }

    /// <summary>
    /// Sends probe datagrams every 100 ms, each one byte longer than the last so that a summary line
    /// names its probe, until tshark prints the summary of one sent by this call (it lags by up to about
    /// a second); false if none shows within a minute.
    /// </summary>
    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var self = _probe.LocalEndPoint!;
        string port = string.Create(CultureInfo.InvariantCulture, $" {((IPEndPoint)self).Port} ");
        int first = _probes + 1;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !_tshark.HasExited)
        {
            int length = ++_probes;
            _probe.SendTo(new byte[length], SocketFlags.None, self);
            if (await _tshark.WaitForLineAsync(line => line.Contains(port, StringComparison.Ordinal) && ProbeLength(line) is int seen && seen >= first, TimeSpan.FromMilliseconds(100), cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ProbeLength(string summary)
    {
        int at = summary.LastIndexOf(" Len=", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(summary.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out int length) ? length : null;
    }

    /// <summary>Dissects a capture file: every SCTP packet's ports and chunk types, and the packets the dissector flags.</summary>
    public static async Task<CapturedTraffic> ReadAsync(string file, IReadOnlyCollection<int> ports, CancellationToken cancellationToken)
    {
        var decode = new List<string>();
        foreach (int port in ports)
        {
            decode.Add("-d");
            decode.Add(string.Create(CultureInfo.InvariantCulture, $"udp.port=={port},sctp"));
        }

        decode.AddRange(["-o", "sctp.checksum:CRC-32C"]);
        string[] fields = ["-T", "fields", "-e", "frame.number", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "sctp.chunk_type"];
        string bad = await RunAsync([.. decode, "-r", file, "-Y", BadPacketFilter, .. fields, "-e", "sctp.checksum.status", "-e", "_ws.expert.message"], cancellationToken);
        string all = await RunAsync([.. decode, "-r", file, "-Y", "sctp", .. fields], cancellationToken);
        var packets = new List<CapturedPacket>();
        foreach (var line in all.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length < 4)
            {
                continue;
            }

            var types = parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => (ChunkType)byte.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            packets.Add(new CapturedPacket(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                types));
        }

        return new CapturedTraffic(file, packets, bad.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _tshark.DisposeAsync();
        _probe.Dispose();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SCTP_INTEROP_KEEP_LOGS")))
        {
            try
            {
                System.IO.File.Delete(File);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs tshark on a file and returns its stdout (stderr, which carries the "running as root" notice, is drained and kept for errors).</summary>
    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Peers.Tshark!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(bounded.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string text = await output;
        string error = await errors;
        Assert.True(process.ExitCode == 0, $"tshark {string.Join(' ', info.ArgumentList)} failed with code {process.ExitCode}: {error}");
        return text;
    }
}

/// <summary>One captured SCTP packet: its UDP ports and the types of its chunks in order.</summary>
internal sealed record CapturedPacket(int Frame, int SourcePort, int DestinationPort, IReadOnlyList<ChunkType> ChunkTypes);

/// <summary>What a capture held, as the SCTP dissector saw it.</summary>
internal sealed class CapturedTraffic(string file, IReadOnlyList<CapturedPacket> packets, IReadOnlyList<string> badPackets)
{
    /// <summary>Every SCTP packet.</summary>
    public IReadOnlyList<CapturedPacket> Packets => packets;

    /// <summary>The dissector's listing of packets that fail the CRC32c, are malformed, or carry an expert error.</summary>
    public IReadOnlyList<string> BadPackets => badPackets;

    /// <summary>The chunk types seen in packets sent from any of <paramref name="ports"/>.</summary>
    public IReadOnlySet<ChunkType> ChunkTypesFrom(params int[] ports) => packets.Where(p => ports.Contains(p.SourcePort)).SelectMany(p => p.ChunkTypes).ToHashSet();

    /// <summary>Asserts the capture holds packets and the dissector flagged none.</summary>
    public void AssertWellFormed()
    {
        Assert.True(packets.Count > 0, $"The capture {file} holds no SCTP packets.");
        Assert.True(badPackets.Count == 0, $"Wireshark's SCTP dissector flags {badPackets.Count} of {packets.Count} packets in {file} (frame, ports, chunk types, checksum status, expert messages):\n{string.Join('\n', badPackets.Take(20))}");
    }

    /// <summary>Asserts that packets sent from <paramref name="ports"/> carried every chunk type in <paramref name="expected"/>.</summary>
    public void AssertSent(string who, int[] ports, params ChunkType[] expected)
    {
        var seen = ChunkTypesFrom(ports);
        var missing = expected.Where(t => !seen.Contains(t)).ToArray();
        Assert.True(missing.Length == 0, $"{who} (UDP port {string.Join(", ", ports)}) never sent {string.Join(", ", missing)}; it sent {string.Join(", ", seen.Order())}.\n{Summary()}");
    }

    /// <summary>Asserts that no packet sent from <paramref name="ports"/> puts a control chunk after DATA or I-DATA (RFC 9260 section 6.10).</summary>
    public void AssertControlChunksFirst(string who, int[] ports)
    {
        var offending = packets.Where(p => ports.Contains(p.SourcePort) && ChunkOrder.HasControlAfterData(p.ChunkTypes)).ToArray();
        Assert.True(
            offending.Length == 0,
            $"{who} sent {offending.Length} packets with a control chunk after DATA (RFC 9260 section 6.10 wants control chunks first): {string.Join("; ", offending.Take(10).Select(p => $"frame {p.Frame}: {string.Join(',', p.ChunkTypes)}"))}");
    }

    /// <summary>A one-line-per-packet listing (first 60 packets), for messages.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var packet in packets.Take(60))
        {
            text.Append(CultureInfo.InvariantCulture, $"{packet.Frame}: {packet.SourcePort} -> {packet.DestinationPort} {string.Join(',', packet.ChunkTypes)}\n");
        }

        return text.ToString();
    }
}
