using System.Globalization;
using Sctp.Interop.Tests.Infrastructure;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>usrsctp's <c>client</c> against our listener.</summary>
[Trait("Category", "Interop")]
public class UsrsctpClientTests
{
    [Fact]
    public async Task ClientLinesAreEchoedByOurListenerAndItsShutdownClosesUsGracefully()
    {
        Peers.RequireUsrsctp("client");
        var ct = Bounds.Timeout(120);
        await using var listener = await ListenAsync(7, ct);
        await RunClientEchoAsync(listener, PeerProcess.FreeUdpPort(), ct);
    }

    /// <summary>
    /// Starts usrsctp's client from UDP port <paramref name="clientPort"/> towards <paramref name="listener"/>,
    /// echoes what it sends, feeds it lines, waits for them to come back in its output, then ends its
    /// stdin: it shuts the association down, we see a graceful end, and it exits 0.
    /// </summary>
    internal static async Task RunClientEchoAsync(SctpListener listener, int clientPort, CancellationToken ct)
    {
        // client remote_addr remote_port local_port local_encaps_port remote_encaps_port (local SCTP port 0: ephemeral)
        await using var client = PeerProcess.Start(
            Peers.Usrsctp("client"),
            ["127.0.0.1", Arg(listener.SctpPort), "0", Arg(clientPort), Arg(listener.LocalEndPoint.Port)],
            redirectStandardInput: true);
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                Assert.Equal(clientPort, connection.RemoteEndPoint.Port);
                var echo = Task.Run(() => EchoUntilEndAsync(connection, ct), ct);

                // fgets(buffer, 80): keep each line under 79 characters so one line is one message.
                string[] lines = Enumerable.Range(1, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"line {i:00} from usrsctp through Sctp.Net and back {new string((char)('a' + i), i)}")).ToArray();
                foreach (var line in lines)
                {
                    await client.StandardInput.WriteLineAsync(line.AsMemory(), ct);
                }

                // The client writes each message it receives to stdout as is.
                bool echoed = await Bounds.PollAsync(
                    () => EchoedInOrder(client.ReadOutput(), lines),
                    TimeSpan.FromSeconds(60),
                    ct);
                Assert.True(echoed, "usrsctp's client did not print every line echoed back, in order.");

                // End of stdin: the client calls shutdown(SHUT_WR), which sends SHUTDOWN.
                client.StandardInput.Close();
                int messages = await echo.WaitAsync(ct);
                Assert.Equal(lines.Length, messages);
                await connection.CloseAsync(ct); // completes: the association ended gracefully
                Assert.True(connection.Statistics.MessagesReceived >= lines.Length);
                AssertNothingDropped(connection, "usrsctp's client");

                int exitCode = await client.WaitForExitAsync(TimeSpan.FromSeconds(60), ct);
                Assert.Equal(0, exitCode);
                Assert.Contains("SCTP_SHUTDOWN_COMP", client.ReadOutput(), StringComparison.Ordinal);
            },
            client);
    }

    /// <summary>Echoes each message on its stream with its PPID and ordering until the peer's shutdown ends the stream; returns the count.</summary>
    private static async Task<int> EchoUntilEndAsync(SctpConnection connection, CancellationToken ct)
    {
        var stream = await connection.AcceptStreamAsync(ct);
        var buffer = new byte[65536];
        int messages = 0;
        while (true)
        {
            var result = await stream.ReadMessageAsync(buffer, ct);
            if (result.Completed)
            {
                return messages;
            }

            Assert.True(result.EndOfMessage);
            messages++;
            await stream.WriteMessageAsync(buffer.AsMemory(0, result.BytesRead), new SctpMessageOptions { Ppid = result.Ppid, Unordered = result.Unordered }, ct);
        }
    }

    private static bool EchoedInOrder(string output, string[] lines)
    {
        int at = 0;
        foreach (var line in lines)
        {
            int found = output.IndexOf(line + "\n", at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + line.Length;
        }

        return true;
    }
}
