using System.Diagnostics.Metrics;
using static Sctp.Net.Tests.LoopbackTests;

namespace Sctp.Net.Tests;

public class LifetimeTests
{
    [Fact]
    public async Task DisposeLeavesNoRunningTasks()
    {
        var ct = Timeout();
        var (listener, client, server) = await ConnectPairAsync();
        var stream = client.OpenStream();
        await stream.WriteMessageAsync(new byte[100], cancellationToken: ct);
        var listenerLoop = listener.Socket.ReceiveLoop;
        var clientLoop = client.Socket.ReceiveLoop;
        Assert.False(listenerLoop.IsCompleted);
        Assert.False(clientLoop.IsCompleted);

        await client.DisposeAsync();
        await server.DisposeAsync();
        await listener.DisposeAsync();

        Assert.True(listenerLoop.IsCompleted);
        Assert.True(clientLoop.IsCompleted);
        await Assert.ThrowsAsync<SctpException>(async () => await stream.WriteMessageAsync(new byte[1], cancellationToken: ct));
    }

    [Fact]
    public async Task NoUnobservedTaskExceptionsAfterAbortsAndDisposal()
    {
        var ct = Timeout();
        int unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var (listener, client, server) = await ConnectPairAsync();
                var stream = client.OpenStream();
                var pendingRead = stream.ReadAsync(new byte[10], ct).AsTask();
                server.Abort("test");
                await Assert.ThrowsAsync<SctpException>(() => pendingRead);
                await client.DisposeAsync();
                await server.DisposeAsync();
                await listener.DisposeAsync();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.Equal(0, unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    [Fact]
    public async Task TheSctpMeterCountsTraffic()
    {
        var ct = Timeout();
        long packetsSent = 0;
        long opened = 0;
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Sctp")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            if (instrument.Name == "sctp.packets.sent")
            {
                Interlocked.Add(ref packetsSent, value);
            }
            else if (instrument.Name == "sctp.associations.opened")
            {
                Interlocked.Add(ref opened, value);
            }
        });
        meterListener.Start();

        var (listener, client, server) = await ConnectPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            await client.OpenStream().WriteMessageAsync(new byte[10], cancellationToken: ct);
            await client.CloseAsync(ct);
        }

        Assert.True(Interlocked.Read(ref packetsSent) >= 4);
        Assert.True(Interlocked.Read(ref opened) >= 2);
    }
}
