using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>
/// A peer program (a usrsctp example, tshark) run for one test. Its stdout and stderr go straight to a
/// temporary file (the Debian usrsctp build prints tens of thousands of debug lines a second, so never a
/// pipe), it is killed with its process tree when disposed, and <see cref="Describe"/> gives the tail of
/// its output for assertion messages.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<PeerProcess, byte> Live = new();
    private static readonly HashSet<int> HandedOutPorts = [];
    private readonly Process _process;
    private readonly byte[] _scanBuffer = new byte[1 << 20];
    private readonly StringBuilder _partialLine = new();
    private long _scanOffset;
    private bool _disposed;

    static PeerProcess()
    {
        // Should the test host die mid-test, take the peers along rather than leave them running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var peer in Live.Keys)
            {
                peer.KillQuietly();
            }
        };
    }

    private PeerProcess(Process process, string commandLine, string outputPath)
    {
        _process = process;
        CommandLine = commandLine;
        OutputPath = outputPath;
    }

    /// <summary>The program and its arguments, for messages.</summary>
    public string CommandLine { get; }

    /// <summary>The file that receives the program's stdout and stderr.</summary>
    public string OutputPath { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The program's stdin, when started with <c>redirectStandardInput</c>.</summary>
    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>
    /// Starts <paramref name="program"/> through <c>/bin/sh -c 'exec PROG ARGS &gt;FILE 2&gt;&amp;1'</c> (exec: the
    /// pid is the program's own). Stdin is /dev/null unless <paramref name="redirectStandardInput"/>.
    /// </summary>
    public static PeerProcess Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool redirectStandardInput = false)
    {
        string directory = Path.Combine(Path.GetTempPath(), "sctp-interop");
        Directory.CreateDirectory(directory);
        string outputPath = Path.Combine(directory, $"{Path.GetFileName(program)}-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectStandardInput,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(redirectStandardInput
            ? "exec \"$0\" \"$@\" >\"$SCTP_PEER_OUTPUT\" 2>&1"
            : "exec \"$0\" \"$@\" </dev/null >\"$SCTP_PEER_OUTPUT\" 2>&1");
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["SCTP_PEER_OUTPUT"] = outputPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        if (redirectStandardInput)
        {
            process.StandardInput.AutoFlush = true;
            process.StandardInput.NewLine = "\n";
        }

        var peer = new PeerProcess(process, $"{program} {string.Join(' ', arguments)}", outputPath);
        Live[peer] = 0;
        return peer;
    }

    /// <summary>
    /// Starts a server that binds a UDP port given on its command line, on a port picked free, and waits
    /// until the process really has that port bound. A port taken between picking and binding (other
    /// test runs share the machine) is retried with another.
    /// </summary>
    public static async Task<(PeerProcess Peer, int Port)> StartBoundAsync(
        string program,
        Func<int, IReadOnlyList<string>> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string? lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            int port = FreeUdpPort();
            var peer = Start(program, arguments(port), environment);
            if (await peer.TryWaitForUdpPortAsync(port, TimeSpan.FromSeconds(20), cancellationToken))
            {
                return (peer, port);
            }

            lastFailure = peer.Describe();
            await peer.DisposeAsync();
        }

        Assert.Fail($"{program} never bound its UDP port.\n{lastFailure}");
        throw new UnreachableException();
    }

    /// <summary>
    /// A UDP port free on both the IPv4 and IPv6 wildcard addresses right now (usrsctp binds both), not
    /// handed out before in this run.
    /// </summary>
    public static int FreeUdpPort()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            lock (HandedOutPorts)
            {
                if (HandedOutPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>
    /// Waits until this process holds a UDP socket bound to <paramref name="port"/>: the port appears in
    /// /proc/net/udp or udp6 with a socket inode that is one of this process's file descriptors.
    /// </summary>
    public async Task<bool> TryWaitForUdpPortAsync(int port, TimeSpan limit, CancellationToken cancellationToken) =>
        await Bounds.PollAsync(() => HasExited || OwnsUdpPort(port), limit, cancellationToken) && !HasExited;

    /// <summary>Waits for an output line that <paramref name="match"/> accepts and returns it; null if the limit passes or the process exits first.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            bool exited = HasExited;
            foreach (var line in ReadNewLines())
            {
                if (match(line))
                {
                    return line;
                }
            }

            if (exited || DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The whole output so far (for programs that print little).</summary>
    public string ReadOutput()
    {
        using var stream = OpenOutput();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd();
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails the test with its output if it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{Path.GetFileName(CommandLine.Split(' ')[0])} did not exit within {limit.TotalSeconds:0} s.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT (tshark stops capturing and writes its file out).</summary>
    public void Interrupt()
    {
        if (HasExited)
        {
            return;
        }

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("kill -INT \"$0\"");
        info.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info)!;
        kill.WaitForExit();
    }

    /// <summary>The command line, the process state and the last lines of its output, for assertion messages.</summary>
    public string Describe(int lines = 40)
    {
        string state = HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"--- {CommandLine} (pid {Id}, {state}), last {lines} lines of {OutputPath}:\n{Tail(lines)}\n---";
    }

    /// <summary>The last <paramref name="lines"/> lines of output, non-printable characters replaced.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = OpenOutput();
            long start = Math.Max(0, stream.Length - 16384);
            stream.Position = start;
            var bytes = new byte[stream.Length - start];
            stream.ReadExactly(bytes);
            var text = new StringBuilder(bytes.Length);
            foreach (byte b in bytes)
            {
                text.Append(b is (byte)'\n' or (>= 0x20 and < 0x7F) ? (char)b : '.');
            }

            var all = text.ToString().Split('\n');
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException e)
        {
            return $"(output unreadable: {e.Message})";
        }
    }

    /// <summary>Kills the process and its tree if it still runs, waits for it, and deletes its output (kept when SCTP_INTEROP_KEEP_LOGS is set).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        KillQuietly();
        using (var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        Live.TryRemove(this, out _);
        _process.Dispose();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SCTP_INTEROP_KEEP_LOGS")))
        {
            try
            {
                File.Delete(OutputPath);
            }
            catch (IOException)
            {
            }
        }
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    private FileStream OpenOutput() => new(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private List<string> ReadNewLines()
    {
        var lines = new List<string>();
        if (!File.Exists(OutputPath))
        {
            return lines;
        }

        using var stream = OpenOutput();
        stream.Position = _scanOffset;
        int read;
        while ((read = stream.Read(_scanBuffer)) > 0)
        {
            _scanOffset += read;
            for (int i = 0; i < read; i++)
            {
                char c = (char)_scanBuffer[i];
                if (c == '\n')
                {
                    lines.Add(_partialLine.ToString().TrimEnd('\r'));
                    _partialLine.Clear();
                }
                else if (_partialLine.Length < 4096)
                {
                    _partialLine.Append(c);
                }
            }
        }

        return lines;
    }

    private bool OwnsUdpPort(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            string[] rows;
            try
            {
                rows = File.ReadAllLines(table);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var row in rows.Skip(1))
            {
                var fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9
                    && fields[1].LastIndexOf(':') is int colon and > 0
                    && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int bound)
                    && bound == port)
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{Id}/fd"))
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && inodes.Contains(target))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone or going.
        }

        return false;
    }
}
