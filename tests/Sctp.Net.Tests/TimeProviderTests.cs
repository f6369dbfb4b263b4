using Polly;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using static Sctp.Net.Tests.LoopbackTests;

namespace Sctp.Net.Tests;

public class TimeProviderTests
{
    [Fact]
    public async Task ProtocolTimersRunOnTheInjectedTimeProvider()
    {
        var ct = Timeout();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var clock = new FakeTimeProvider();
        var options = new SctpClientOptions
        {
            RemoteEndPoint = (IPEndPoint)silent.LocalEndPoint!,
            TimeProvider = clock,
            Transport = new TransportConfig { MaxInitRetransmits = 2 },
        };

        var connect = SctpConnection.ConnectAsync(options, ct).AsTask();

        // INIT goes out at once; with RTO.Initial 1 s and two retransmissions (1 s, 2 s, 4 s) the handshake
        // gives up after 7 s of the fake clock, however long the real machine takes.
        int inits = 0;
        var buffer = new byte[2048];
        while (!connect.IsCompleted && clock.GetUtcNow() < DateTimeOffset.UnixEpoch.AddYears(100))
        {
            if (silent.Available > 0)
            {
                silent.Receive(buffer);
                inits++;
            }

            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5, ct);
        }

        var error = await Assert.ThrowsAsync<SctpException>(() => connect);
        Assert.Equal(SctpError.ConnectionTimeout, error.SctpError);
        while (silent.Available > 0)
        {
            silent.Receive(buffer);
            inits++;
        }

        Assert.Equal(3, inits);
    }
}

public class ResiliencePipelineTests
{
    [Fact]
    public async Task TheConnectPipelineRetriesWholeHandshakes()
    {
        var ct = Timeout();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int retries = 0;
        var pipeline = new Polly.ResiliencePipelineBuilder()
            .AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.Zero,
                ShouldHandle = new Polly.PredicateBuilder().Handle<SctpException>(e => e.SctpError == SctpError.ConnectionTimeout),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return default;
                },
            })
            .Build();
        var options = new SctpClientOptions
        {
            RemoteEndPoint = (IPEndPoint)silent.LocalEndPoint!,
            ConnectPipeline = pipeline,
            Transport = new TransportConfig { RtoInitial = TimeSpan.FromMilliseconds(50), RtoMin = TimeSpan.FromMilliseconds(50), MaxInitRetransmits = 1 },
        };

        var error = await Assert.ThrowsAsync<SctpException>(async () => await SctpConnection.ConnectAsync(options, ct));
        Assert.Equal(SctpError.ConnectionTimeout, error.SctpError);
        Assert.Equal(2, retries);
    }
}
