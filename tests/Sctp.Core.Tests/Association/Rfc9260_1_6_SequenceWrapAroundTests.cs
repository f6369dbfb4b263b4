using System.Buffers.Binary;
using Sctp.Tests.Harness;
using static Sctp.Tests.Associations.DataPathKit;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 1.6 (serial number arithmetic): TSNs wrap at 2^32 and SSNs at 2^16 without any
/// effect on delivery. The endpoints' random sources are scripted so that initial TSNs sit just below 2^32.
/// </summary>
public class Rfc9260_1_6_SequenceWrapAroundTests
{
    [Theory]
    [InlineData(false, 1ul)]
    [InlineData(true, 2ul)]
    [InlineData(false, 3ul)]
    [InlineData(true, 4ul)]
    public void Rfc9260_1_6_TsnsWrapInBothDirectionsWithFragmentationAndLoss(bool interleaved, ulong seed)
    {
        var config = new TransportConfig { EnableMessageInterleaving = interleaved };
        var pair = new AssociationPair(seed, config, config, clientRandom: new NearWrapRandom(seed), serverRandom: new NearWrapRandom(seed + 1000));
        pair.Connect();
        var client = pair.Client!;
        var server = pair.Server!;
        Assert.True(client.LocalInitialTsn.Value > uint.MaxValue - 64, $"client initial TSN {client.LocalInitialTsn}");
        Assert.True(server.LocalInitialTsn.Value > uint.MaxValue - 64, $"server initial TSN {server.LocalInitialTsn}");
        pair.LossRate = 0.05;

        var sizes = new SeededRandomSource(seed);
        var fromClient = new List<byte[]>();
        var fromServer = new List<byte[]>();
        for (int i = 0; i < 60; i++)
        {
            var a = Pattern(1 + (int)(sizes.NextUInt64() % 4000), i);
            var b = Pattern(1 + (int)(sizes.NextUInt64() % 4000), i + 1000);
            Assert.True(client.TrySend(pair.Now, new StreamId(1), a));
            Assert.True(server.TrySend(pair.Now, new StreamId(2), b));
            fromClient.Add(a);
            fromServer.Add(b);
        }

        var atServer = new Inbox(server);
        var atClient = new Inbox(client);
        Assert.True(
            pair.DriveUntil(() => atServer.Drain() == 60 && atClient.Drain() == 60, TimeSpan.FromSeconds(120)),
            pair.Describe());
        Assert.Equal(fromClient, atServer.OnStream(1));
        Assert.Equal(fromServer, atClient.OnStream(2));

        // Both directions crossed 2^32.
        Assert.Contains(pair.DataChunks(Side.Client), c => c.Tsn.Value == uint.MaxValue);
        Assert.Contains(pair.DataChunks(Side.Client), c => c.Tsn.Value == 0);
        Assert.Contains(pair.DataChunks(Side.Server), c => c.Tsn.Value == uint.MaxValue);
        Assert.Contains(pair.DataChunks(Side.Server), c => c.Tsn.Value == 0);
    }

    [Fact]
    public void Rfc9260_1_6_SsnsWrapOnAStreamCarryingMoreThan65536Messages()
    {
        const int Count = 65_536 + 1_000;
        var pair = new AssociationPair(clientRandom: new NearWrapRandom(7), serverRandom: new NearWrapRandom(8));
        pair.Connect();
        var client = pair.Client!;
        var server = pair.Server!;

        // Eight-byte messages numbered in order, sent in batches so the send buffer never fills.
        var stream = new StreamId(5);
        var received = new List<long>(Count);
        Span<byte> payload = stackalloc byte[8];
        int sent = 0;
        var end = pair.Now + TimeSpan.FromMinutes(10);
        while (received.Count < Count)
        {
            for (int i = 0; i < 4_000 && sent < Count; i++, sent++)
            {
                BinaryPrimitives.WriteInt64BigEndian(payload, sent);
                Assert.True(client.TrySend(pair.Now, stream, payload));
            }

            Assert.True(pair.DriveUntil(
                () =>
                {
                    while (server.TryReceive(out var message))
                    {
                        Assert.Equal(stream, message.StreamId);
                        received.Add(BinaryPrimitives.ReadInt64BigEndian(message.Payload));
                        server.ReturnReceived(message);
                    }

                    return received.Count == sent;
                },
                end - pair.Now), pair.Describe());
        }

        // Each message exactly once, in order, across the SSN wrap (and the TSN wrap).
        for (int i = 0; i < Count; i++)
        {
            if (received[i] != i)
            {
                Assert.Fail($"message {i} was {received[i]}");
            }
        }

        var ssns = pair.DataChunks(Side.Client).Select(c => c.Sequence).ToList();
        Assert.Equal(Count, ssns.Count);
        Assert.Equal(ushort.MaxValue, ssns[ushort.MaxValue]);
        Assert.Equal(0u, ssns[ushort.MaxValue + 1]);
        Assert.Equal((uint)(Count - 65_536 - 1), ssns[^1]);
        Assert.Equal(0, client.Stats.Retransmissions);
    }

    /// <summary>
    /// A random source whose 32-bit draws (tags, initial TSNs, nonces) count down from just below 2^32;
    /// other draws (cookie secrets) come from a seeded generator.
    /// </summary>
    private sealed class NearWrapRandom(ulong seed) : IRandomSource
    {
        private readonly SeededRandomSource _other = new(seed);
        private uint _next = uint.MaxValue - 16 - (uint)(seed % 16);

        public void Fill(Span<byte> destination)
        {
            if (destination.Length == 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(destination, _next--);
            }
            else
            {
                _other.Fill(destination);
            }
        }
    }
}
