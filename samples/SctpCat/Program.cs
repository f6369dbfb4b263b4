using System.CommandLine;
using Sctp.Net;

namespace Sctp.Samples.Cat;

/// <summary>
/// sctpcat: netcat for SCTP over UDP. <c>listen</c> accepts associations (and with <c>--echo</c> echoes every
/// message back on its stream with the same PPID and ordering); <c>connect</c> pipes stdin to a stream and
/// the stream to stdout.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("sctpcat: netcat for SCTP over UDP (RFC 6951)");
        root.Subcommands.Add(BuildListen());
        root.Subcommands.Add(BuildConnect());
        return await root.Parse(args).InvokeAsync();
    }

    private static Command BuildListen()
    {
        var bind = new Option<string>("--bind") { Description = "UDP endpoint to listen on (ADDR:UDPPORT)", DefaultValueFactory = _ => "127.0.0.1:9899" };
        var sctpPort = new Option<ushort>("--sctp-port") { Description = "SCTP port to accept on", DefaultValueFactory = _ => SctpConnectionOptions.DefaultSctpPort };
        var echo = new Option<bool>("--echo") { Description = "echo every message back on the stream it came from; serve many associations" };
        var command = new Command("listen", "accept associations; runs until killed") { bind, sctpPort, echo };
        command.SetAction(async (result, ct) =>
        {
            var options = new SctpListenerOptions { ListenEndPoint = EndPointParser.Parse(result.GetValue(bind)!), SctpPort = result.GetValue(sctpPort) };
            await using var listener = await SctpListener.ListenAsync(options, ct);
            Console.Error.WriteLine($"sctpcat: listening on {listener.LocalEndPoint} SCTP port {listener.SctpPort}");
            if (result.GetValue(echo))
            {
                var sessions = new List<Task>();
                while (!ct.IsCancellationRequested)
                {
                    var connection = await listener.AcceptConnectionAsync(ct);
                    sessions.Add(Task.Run(() => EchoAsync(connection, ct), ct));
                }

                return 0;
            }

            await using var first = await listener.AcceptConnectionAsync(ct);
            return await PipeAsync(first, first.OpenStream(0), ct);
        });
        return command;
    }

    private static Command BuildConnect()
    {
        var remote = new Argument<string>("remote") { Description = "peer UDP endpoint (ADDR:UDPPORT)" };
        var sctpPort = new Option<ushort>("--sctp-port") { Description = "SCTP port to connect to", DefaultValueFactory = _ => SctpConnectionOptions.DefaultSctpPort };
        var local = new Option<string?>("--local") { Description = "local UDP endpoint to bind (ADDR:UDPPORT)" };
        var localSctpPort = new Option<ushort>("--local-sctp-port") { Description = "local SCTP port (0: ephemeral)" };
        var command = new Command("connect", "connect, pipe stdin to stream 0 and stream 0 to stdout") { remote, sctpPort, local, localSctpPort };
        command.SetAction(async (result, ct) =>
        {
            var options = new SctpClientOptions
            {
                RemoteEndPoint = EndPointParser.Parse(result.GetValue(remote)!),
                RemoteSctpPort = result.GetValue(sctpPort),
                LocalEndPoint = result.GetValue(local) is { } l ? EndPointParser.Parse(l) : null,
                LocalSctpPort = result.GetValue(localSctpPort),
            };
            try
            {
                await using var connection = await SctpConnection.ConnectAsync(options, ct);
                return await PipeAsync(connection, connection.OpenStream(0), ct);
            }
            catch (SctpException e)
            {
                Console.Error.WriteLine($"sctpcat: {e.SctpError}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>stdin to the stream, the stream to stdout; at the end of stdin the stream's writes complete and the association closes once the peer's side has ended too.</summary>
    private static async Task<int> PipeAsync(SctpConnection connection, SctpStream stream, CancellationToken ct)
    {
        using var stdout = Console.OpenStandardOutput();
        using var stdin = Console.OpenStandardInput();
        // SCTP streams are bidirectional by id: what the peer sends on stream 0 arrives on this same object.
        var output = new CountingStream(stdout);
        var toStdout = Task.Run(() => stream.CopyToAsync(output, ct), ct);
        await stdin.CopyToAsync(stream, ct);
        if ((connection.Features & NegotiatedFeatures.StreamReset) != 0)
        {
            // End our side of the stream and read until the peer ends its side too, or has sent nothing for
            // a second (not every peer answers a reset with its own), then close.
            stream.CompleteWrites();
            long seen = -1;
            while (!toStdout.IsCompleted && seen != output.BytesWritten)
            {
                seen = output.BytesWritten;
                await Task.WhenAny(toStdout, Task.Delay(TimeSpan.FromSeconds(1), ct));
            }

            await connection.CloseAsync(ct);
            await AwaitQuietly(toStdout);
        }
        else
        {
            // Without stream reset the only way to say "done" is the graceful shutdown, which still
            // delivers whatever the peer had sent before it.
            await connection.CloseAsync(ct);
            await AwaitQuietly(toStdout);
        }

        return 0;
    }

    private static async Task AwaitQuietly(Task task)
    {
        try
        {
            await task;
        }
        catch (SctpException)
        {
        }

    }

    /// <summary>Echoes each message on its stream with its PPID and ordering; a stream the peer ends is ended in turn.</summary>
    private static async Task EchoAsync(SctpConnection connection, CancellationToken ct)
    {
        await using (connection)
        {
            var streams = new List<Task>();
            try
            {
                while (true)
                {
                    var stream = await connection.AcceptStreamAsync(ct);
                    streams.Add(Task.Run(
                        async () =>
                        {
                            byte[] buffer = new byte[256 * 1024];
                            var message = new MemoryStream();
                            while (true)
                            {
                                var result = await stream.ReadMessageAsync(buffer, ct);
                                if (result.Completed)
                                {
                                    stream.CompleteWrites();
                                    return;
                                }

                                message.Write(buffer, 0, result.BytesRead);
                                if (result.EndOfMessage)
                                {
                                    await stream.WriteMessageAsync(message.ToArray(), new SctpMessageOptions { Ppid = result.Ppid, Unordered = result.Unordered }, ct);
                                    message.SetLength(0);
                                }
                            }
                        },
                        ct));
                }
            }
            catch (Exception e) when (e is SctpException or OperationCanceledException)
            {
            }

            await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    /// <summary>Passes writes through and counts the bytes, so the pipe can tell when the peer went quiet.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _written;

        public long BytesWritten => Interlocked.Read(ref _written);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            inner.Flush();
            Interlocked.Add(ref _written, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.FlushAsync(cancellationToken);
            Interlocked.Add(ref _written, buffer.Length);
        }
    }
}
