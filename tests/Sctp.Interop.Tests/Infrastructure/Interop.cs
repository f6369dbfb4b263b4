using System.Globalization;
using System.Net;
using Xunit.Sdk;


namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>Small helpers shared by the interop tests.</summary>
internal static class Interop
{
    /// <summary>127.0.0.1:<paramref name="port"/>.</summary>
    public static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>A port number as a command-line argument.</summary>
    public static string Arg(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Connects our client to <paramref name="remote"/> (SCTP port <paramref name="sctpPort"/>), optionally
    /// from a given local UDP port. A usrsctp program binds its UDP port a moment before its SCTP socket
    /// listens, and an INIT in between is answered with an ABORT: a refusal is retried for a few seconds.
    /// </summary>
    public static async Task<SctpConnection> ConnectAsync(IPEndPoint remote, ushort sctpPort, CancellationToken cancellationToken, int localUdpPort = 0, TransportConfig? transport = null, IPAddress? local = null)
    {
        var options = new SctpClientOptions
        {
            RemoteEndPoint = remote,
            RemoteSctpPort = sctpPort,
            LocalEndPoint = new IPEndPoint(local ?? IPAddress.Loopback, localUdpPort),
            Transport = transport ?? new TransportConfig(),
        };
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await SctpConnection.ConnectAsync(options, cancellationToken);
            }
            catch (SctpException e) when (e.SctpError == SctpError.ConnectionRefused && attempt < 50)
            {
                Log($"connect attempt {attempt} to {remote}: {e.Message}; retrying");
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Listens on 127.0.0.1 (any port) for SCTP port <paramref name="sctpPort"/>.</summary>
    public static async Task<SctpListener> ListenAsync(ushort sctpPort, CancellationToken cancellationToken, TransportConfig? transport = null) =>
        await SctpListener.ListenAsync(
            new SctpListenerOptions { ListenEndPoint = Loopback(0), SctpPort = sctpPort, Transport = transport ?? new TransportConfig() },
            cancellationToken);

    /// <summary>
    /// Drops that are flow control, not disagreement: DATA beyond a closed window (a zero-window probe, or
    /// a reader slowed down on a loaded machine) and a chunk the peer retransmitted although we had it.
    /// </summary>
    public static readonly DropReason[] FlowControl = [DropReason.ReceiveWindowFull, DropReason.DuplicateData, DropReason.Reneged];

    /// <summary>Asserts <paramref name="connection"/> dropped nothing it received (except for the <paramref name="allowed"/> reasons): everything the peer sent was acceptable to us.</summary>
    public static void AssertNothingDropped(SctpConnection connection, string peer, params DropReason[] allowed)
    {
        var stats = connection.Statistics;
        var reasons = Enum.GetValues<DropReason>().Where(r => stats.Dropped(r) > 0 && !allowed.Contains(r)).Select(r => $"{r}: {stats.Dropped(r)}").ToArray();
        Assert.True(reasons.Length == 0, $"We dropped packets or chunks from {peer}: {string.Join(", ", reasons)}.");
    }

    /// <summary>Writes a line to the test's output (shown with --output Detailed and kept in TRX reports).</summary>
    public static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    /// <summary>
    /// Runs <paramref name="body"/>; if it fails, fails the test with the same message followed by the
    /// tail of each peer's output, which is usually what explains an interop failure.
    /// </summary>
    public static async Task WithPeerOutputAsync(Func<Task> body, params PeerProcess?[] peers)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (!e.Message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal))
        {
            var described = string.Join('\n', peers.OfType<PeerProcess>().Select(p => p.Describe()));
            throw new XunitException($"{e.GetType().Name}: {e.Message}\n{described}", e);
        }
    }
}
