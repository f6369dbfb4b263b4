using System.Collections.Concurrent;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>One message of an echo exchange: its id travels in the PPID (so even a 1-byte message is identifiable), its payload is derived from the id.</summary>
internal sealed record EchoMessage(int Id, ushort Stream, int Size, bool Unordered)
{
    /// <summary>
    /// PPIDs start at this unassigned value: Wireshark hands DATA whose PPID is registered (1 IUA, 8 BICC,
    /// 13 Q.931, ...) to that protocol's dissector, which flags random payloads as malformed.
    /// </summary>
    public const uint PpidBase = 0x7E570000;

    public Ppid Ppid => new(PpidBase + (uint)Id);

    public static int IdOf(Ppid ppid) => (int)(ppid.Value - PpidBase);

    public byte[] Payload()
    {
        var payload = new byte[Size];
        new SeededRandomSource((ulong)Id).Fill(payload);
        return payload;
    }
}

/// <summary>
/// Sends messages on several streams and checks that an echo peer returns each one exactly once, intact,
/// on its stream, with its PPID and ordering flag, and (for ordered messages) in the order sent per stream.
/// </summary>
internal static class EchoExchange
{
    /// <summary>Every size on every stream, ordered and (when <paramref name="unordered"/>) unordered too, interleaved across streams.</summary>
    public static IReadOnlyList<EchoMessage> Plan(IReadOnlyList<int> sizes, IReadOnlyList<ushort> streams, bool unordered)
    {
        var plan = new List<EchoMessage>();
        int id = 1;
        foreach (bool isUnordered in unordered ? new[] { false, true } : [false])
        {
            foreach (int size in sizes)
            {
                foreach (ushort stream in streams)
                {
                    plan.Add(new EchoMessage(id++, stream, size, isUnordered));
                }
            }
        }

        return plan;
    }

    /// <summary><paramref name="count"/> ordered messages of seeded random sizes in [1, <paramref name="maxSize"/>] spread over <paramref name="streams"/>.</summary>
    public static IReadOnlyList<EchoMessage> RandomPlan(int count, IReadOnlyList<ushort> streams, int maxSize, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(id => new EchoMessage(id, streams[random.Next(streams.Count)], random.Next(10) == 0 ? maxSize : random.Next(1, maxSize + 1), false))
            .ToArray();
    }

    /// <summary>Sends <paramref name="plan"/> on <paramref name="connection"/> and checks the echoes.</summary>
    public static async Task RunAsync(SctpConnection connection, IReadOnlyList<EchoMessage> plan, CancellationToken cancellationToken)
    {
        var byId = plan.ToDictionary(m => m.Id);
        var streams = plan.Select(m => m.Stream).Distinct().ToDictionary(id => id, connection.OpenStream);
        var received = new ConcurrentDictionary<ushort, List<(Ppid Ppid, bool Unordered, byte[] Payload)>>();
        int largest = plan.Max(m => m.Size);
        var readers = streams.Select(pair => Task.Run(
            async () =>
            {
                int expected = plan.Count(m => m.Stream == pair.Key);
                var list = received.GetOrAdd(pair.Key, _ => []);
                var buffer = new byte[largest + 1];
                while (list.Count < expected)
                {
                    int length = 0;
                    SctpReceiveResult result;
                    do
                    {
                        result = await pair.Value.ReadMessageAsync(buffer.AsMemory(length), cancellationToken);
                        Assert.False(result.Completed, $"Stream {pair.Key} ended after {list.Count} of {expected} echoes.");
                        length += result.BytesRead;
                        Assert.True(result.EndOfMessage || length < buffer.Length, $"An echo on stream {pair.Key} is longer than any message sent.");
                    }
                    while (!result.EndOfMessage);
                    list.Add((result.Ppid, result.Unordered, buffer.AsSpan(0, length).ToArray()));
                }
            },
            cancellationToken)).ToArray();

        foreach (var message in plan)
        {
            await streams[message.Stream].WriteMessageAsync(message.Payload(), new SctpMessageOptions { Ppid = message.Ppid, Unordered = message.Unordered }, cancellationToken);
        }

        await Task.WhenAll(readers).WaitAsync(cancellationToken);

        var seen = new HashSet<int>();
        foreach (var (stream, echoes) in received)
        {
            int lastOrdered = 0;
            foreach (var (ppid, unordered, payload) in echoes)
            {
                int id = EchoMessage.IdOf(ppid);
                Assert.True(byId.TryGetValue(id, out var sent), $"Stream {stream} echoed a message with PPID {id}, which was never sent.");
                Assert.True(seen.Add(id), $"Message {id} was echoed twice.");
                Assert.Equal(sent.Stream, stream);
                Assert.True(sent.Unordered == unordered, $"Message {id} was sent {(sent.Unordered ? "unordered" : "ordered")} but echoed {(unordered ? "unordered" : "ordered")}.");
                Assert.True(sent.Size == payload.Length, $"Message {id} was sent with {sent.Size} bytes and echoed with {payload.Length}.");
                Assert.True(sent.Payload().AsSpan().SequenceEqual(payload), $"Message {id} ({sent.Size} bytes) came back with different bytes.");
                if (!sent.Unordered)
                {
                    Assert.True(id > lastOrdered, $"Ordered message {id} was echoed on stream {stream} after message {lastOrdered}, which was sent later.");
                    lastOrdered = id;
                }
            }
        }

        Assert.Equal(plan.Count, seen.Count);
    }
}
