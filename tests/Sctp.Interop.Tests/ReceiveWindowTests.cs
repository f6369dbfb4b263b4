using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sctp.Interop.Tests.Infrastructure;
using static Sctp.Interop.Tests.Infrastructure.Interop;

namespace Sctp.Interop.Tests;

/// <summary>
/// RFC 9260 section 6.2 with the window closed, observed on the wire: tsctp sends into our listener
/// (through a relay that only watches) while our reader pauses for 4 seconds behind a 64 KiB window.
/// usrsctp then sends zero-window probes, one DATA chunk after each SACK that advertises a zero window.
/// </summary>
[Trait("Category", "Interop")]
public class ReceiveWindowTests
{
    private static readonly TimeSpan DelayedAck = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// "In either case, if such a DATA chunk is dropped, the receiver MUST immediately send back a SACK
    /// with the current receive window" (RFC 9260 section 6.2). A probe we drop must be answered at
    /// once, not when the delayed-SACK timer (500 ms here) runs out.
    /// </summary>
    [Fact]
    public async Task AZeroWindowProbeWeDropIsAnsweredWithASackAtOnce()
    {
        var probes = await ProbeTheClosedWindowAsync();
        var dropped = probes.Where(p => !p.Accepted).ToArray();
        Assert.True(dropped.Length > 0, $"No zero-window probe was dropped, so this test tested nothing.\n{Describe(probes)}");
        var late = dropped.Where(p => p.Answer > DelayedAck / 2).ToArray();
        Assert.True(
            late.Length == 0,
            $"{late.Length} of the {dropped.Length} zero-window probes we dropped were answered only after {string.Join(", ", late.Select(p => $"{p.Answer.TotalMilliseconds:0} ms"))} (the delayed-SACK time is {DelayedAck.TotalMilliseconds:0} ms); RFC 9260 section 6.2 wants a SACK at once.\n{Describe(probes)}");
    }

    /// <summary>
    /// "When the receiver's advertised window is 0, the receiver MUST drop any new incoming DATA chunk
    /// with a TSN larger than the largest TSN received so far" (RFC 9260 section 6.2). A probe is the
    /// next TSN after everything we acknowledged, so with no gaps it is such a chunk.
    /// </summary>
    [Fact]
    public async Task DataBeyondTheLargestTsnIsDroppedWhileWeAdvertiseAZeroWindow()
    {
        var probes = await ProbeTheClosedWindowAsync();
        Assert.True(probes.Count > 0, "usrsctp sent no zero-window probe, so this test tested nothing.");
        // A probe usrsctp sends twice counts once.
        var accepted = probes.Where(p => p.Accepted).Select(p => p.Tsn).Distinct().ToArray();
        int distinct = probes.Select(p => p.Tsn).Distinct().Count();
        Assert.True(
            accepted.Length == 0,
            $"We took {accepted.Length} of {distinct} DATA chunks that arrived while our last SACK advertised a zero window with no gaps (TSNs {string.Join(", ", accepted)}).\n{Describe(probes)}");
    }

    /// <summary>A DATA chunk that arrived while our last SACK advertised a zero window and acknowledged everything before it, and our next SACK.</summary>
    private sealed record Probe(TimeSpan At, uint Tsn, bool Accepted, TimeSpan Answer, uint AnswerCumulativeTsn, uint AnswerWindow);

    private static async Task<IReadOnlyList<Probe>> ProbeTheClosedWindowAsync()
    {
        Peers.RequireUsrsctp("tsctp");
        var ct = Bounds.Timeout(180);
        var transport = new TransportConfig { ReceiveWindow = 64 * 1024, MaxMessageSize = 64 * 1024, DelayedAckTime = DelayedAck };
        await using var listener = await ListenAsync(5001, ct, transport);
        var seen = new ConcurrentQueue<(long At, bool FromClient, byte[] Datagram)>();
        await using var relay = new LossyRelay(listener.LocalEndPoint, seed: 0, dropRate: 0, reorderRate: 0)
        {
            Tap = (fromClient, datagram) => seen.Enqueue((Stopwatch.GetTimestamp(), fromClient, datagram)),
        };
        int clientPort = PeerProcess.FreeUdpPort();
        string[] arguments = ["-E", Arg(clientPort), "-U", Arg(relay.ClientFacing.Port), "-p", "5001", "-l", "1200", "-T", "6", "127.0.0.1"];
        await using var tsctp = PeerProcess.Start(Peers.Usrsctp("tsctp"), arguments, await NoDebugPreload.EnvironmentAsync());
        IReadOnlyList<Probe> probes = [];
        await WithPeerOutputAsync(
            async () =>
            {
                await using var connection = await listener.AcceptConnectionAsync(ct);
                var (messages, _) = await TsctpTests.ReceiveAllAsync(connection, 1200, unordered: false, ct, pauseAfter: 1000, pause: TimeSpan.FromSeconds(4));
                await connection.CloseAsync(ct);
                Assert.Equal(0, await tsctp.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
                Assert.True(messages > 1000);
                probes = FindProbes(seen.OrderBy(e => e.At).ToArray());
                Log(Describe(probes));
            },
            tsctp);
        return probes;
    }

    /// <summary>Walks the relay's log: the state of our last SACK, then each DATA that arrives against a closed window with no gap, and the SACK that follows it.</summary>
    private static List<Probe> FindProbes((long At, bool FromClient, byte[] Datagram)[] log)
    {
        var probes = new List<Probe>();
        uint? cumulative = null;
        uint window = 1;
        long start = log.Length > 0 ? log[0].At : 0;
        for (int i = 0; i < log.Length; i++)
        {
            var (at, fromClient, datagram) = log[i];
            if (!fromClient)
            {
                if (FirstSack(datagram) is var (cum, rwnd))
                {
                    cumulative = cum;
                    window = rwnd;
                }

                continue;
            }

            if (window != 0 || cumulative is not uint acked)
            {
                continue;
            }

            foreach (uint tsn in DataTsns(datagram))
            {
                if (tsn != unchecked(acked + 1))
                {
                    continue;
                }

                for (int j = i + 1; j < log.Length; j++)
                {
                    if (!log[j].FromClient && FirstSack(log[j].Datagram) is var (answerCum, answerWindow))
                    {
                        bool accepted = (int)(answerCum - tsn) >= 0;
                        probes.Add(new Probe(Stopwatch.GetElapsedTime(start, at), tsn, accepted, Stopwatch.GetElapsedTime(at, log[j].At), answerCum, answerWindow));
                        break;
                    }
                }
            }
        }

        return probes;
    }

    private static string Describe(IReadOnlyCollection<Probe> probes)
    {
        var text = new StringBuilder("zero-window probes (time, TSN, taken?, our next SACK after, its cumulative TSN ack and a_rwnd):\n");
        foreach (var p in probes.Take(40))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {p.At.TotalSeconds:0.000} s TSN {p.Tsn} {(p.Accepted ? "taken" : "dropped")}, SACK {p.Answer.TotalMilliseconds:0.0} ms later: cum {p.AnswerCumulativeTsn} a_rwnd {p.AnswerWindow}\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(int Offset, byte Type)> Chunks(byte[] packet)
    {
        int offset = 12;
        while (offset + 4 <= packet.Length)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset + 2));
            if (length < 4)
            {
                yield break;
            }

            yield return (offset, packet[offset]);
            offset += (length + 3) & ~3;
        }
    }

    private static (uint Cumulative, uint Window)? FirstSack(byte[] packet)
    {
        foreach (var (offset, type) in Chunks(packet))
        {
            if (type == 3 && offset + 12 <= packet.Length)
            {
                return (BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(offset + 4)), BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(offset + 8)));
            }
        }

        return null;
    }

    private static IEnumerable<uint> DataTsns(byte[] packet) =>
        Chunks(packet).Where(c => c.Type == 0 && c.Offset + 8 <= packet.Length).Select(c => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(c.Offset + 4))).ToArray();
}
