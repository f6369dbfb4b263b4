using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// Packetization layer path MTU discovery (RFC 8899, SCTP in section 6.2) with PAD chunks (RFC 4820),
/// end to end over a link that loses every packet above its MTU, as a path with a black hole does (no
/// ICMP comes back). A packet the sender marks <see cref="Association.LastPacketMayFragment"/> is one it
/// would send with the Don't Fragment bit clear, which the link fragments and so delivers.
/// </summary>
public class Rfc8899_PlpmtudTests
{
    private const int ProbeInfoLength = 24;
    private const int ProbeOverhead = CommonHeader.Size + 4 + 4 + ProbeInfoLength;

    private static readonly TransportConfig Probing = new() { MaxMtu = 1472, HeartbeatInterval = TimeSpan.Zero };

    /// <summary>The link: packets above <paramref name="mtu"/> are lost unless their sender allows fragmentation.</summary>
    private static List<CapturedPacket> LimitLink(AssociationPair pair, Func<int> mtu)
    {
        var fragmentable = new List<CapturedPacket>();
        pair.Intercept = (side, bytes) =>
        {
            if (bytes.Length <= mtu())
            {
                return PacketFate.Deliver;
            }

            var sender = side == Side.Client ? pair.Client : pair.Server;
            if (sender?.LastPacketMayFragment == true)
            {
                fragmentable.Add(new CapturedPacket(side, pair.Now, bytes, false));
                return PacketFate.Deliver;
            }

            return PacketFate.Drop;
        };
        return fragmentable;
    }

    private static AssociationPair Connected(TransportConfig config, Func<int>? linkMtu = null, ulong seed = 31)
    {
        var pair = new AssociationPair(seed, config, config);
        if (linkMtu is not null)
        {
            LimitLink(pair, linkMtu);
        }

        pair.Connect();
        return pair;
    }

    /// <summary>The probes <paramref name="side"/> sent: packets carrying a PAD chunk.</summary>
    private static List<CapturedPacket> Probes(AssociationPair pair, Side side) => [.. pair.Sent(side, ChunkType.Pad)];

    /// <summary>The probe size written in a probe's heartbeat info.</summary>
    private static int ProbeSize(CapturedPacket probe)
    {
        var info = WireView.Chunks<HeartbeatChunk>(probe.Bytes).Single().Info.Span;
        return BinaryPrimitives.ReadInt32BigEndian(info[4..]);
    }

    private static bool Searched(AssociationPair pair) =>
        pair.Client!.Stats.PathMtuState == PathMtuState.SearchComplete && pair.Server!.Stats.PathMtuState == PathMtuState.SearchComplete;

    /// <summary>Sends <paramref name="count"/> messages of <paramref name="size"/> bytes marked 0, 1, 2... as the send buffer allows, and drives until all arrive.</summary>
    private static List<(byte Marker, int Length, StreamId Stream, bool Unordered)> Transfer(AssociationPair pair, int count, int size, TimeSpan limit, Action? everyStep = null)
    {
        var received = new List<(byte Marker, int Length, StreamId Stream, bool Unordered)>();
        int sent = 0;
        Assert.True(
            pair.DriveUntil(
                () =>
                {
                    everyStep?.Invoke();
                    while (sent < count && pair.Client!.TrySend(pair.Now, new StreamId(0), WireView.Message((byte)sent, size)))
                    {
                        sent++;
                    }

                    received.AddRange(WireView.Drain(pair.Server!));
                    return received.Count == count;
                },
                limit),
            $"{received.Count} of {count} messages arrived. {pair.Describe()}");
        return received;
    }

    [Fact]
    public void Rfc8899_5_2_DiscoveryIsOffByDefaultAndNoPadIsEverSent()
    {
        var pair = Connected(new TransportConfig());
        var received = Transfer(pair, 50, 4000, TimeSpan.FromSeconds(30));
        pair.Drive(TimeSpan.FromSeconds(1200));

        Assert.Equal(50, received.Count);
        Assert.DoesNotContain(pair.Log, p => p.ChunkTypes.Contains(ChunkType.Pad));
        Assert.All(pair.Log, p => Assert.True(p.Bytes.Length <= 1200));
        Assert.Contains(pair.Log, p => p.Bytes.Length == 1200);
        foreach (var association in new[] { pair.Client!, pair.Server! })
        {
            Assert.Equal(PathMtuState.Disabled, association.Stats.PathMtuState);
            Assert.Equal(1200, association.Stats.PathMtu);
            Assert.Equal(1200, association.PathMtu);
            Assert.Equal(0, association.Stats.MtuProbesSent);
        }
    }

    [Fact]
    public void Rfc8899_6_2_PathMtuReachesMaxMtuOverALinkThatCarriesItAndDataFillsIt()
    {
        var pair = Connected(Probing, () => 1472);
        Assert.True(pair.DriveUntil(() => Searched(pair), TimeSpan.FromSeconds(10)), pair.Describe());

        // BASE is confirmed first (RFC 8899 section 5.2), then each table size up to MAX_PLPMTU, each
        // probe sent as soon as the previous one was acknowledged.
        var sizes = Probes(pair, Side.Client).Select(ProbeSize).ToList();
        Assert.Equal([1200, 1232, 1280, 1400, 1444, 1452, 1464, 1472], sizes);
        Assert.All(Probes(pair, Side.Client), p => Assert.Equal(ProbeSize(p), p.Bytes.Length));
        Assert.Equal(1472, pair.Client!.Stats.PathMtu);
        Assert.Equal(1472, pair.Server!.Stats.PathMtu);
        Assert.Equal(8, pair.Client.Stats.MtuProbesAcked);
        Assert.Equal(0, pair.Client.Stats.MtuProbesLost);

        int before = pair.Log.Count;
        var received = Transfer(pair, 40, 6000, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)i), received.Select(m => m.Marker));

        // Full DATA packets now take the whole PLPMTU, and nothing exceeds it.
        var dataPackets = pair.Log.Skip(before).Where(p => p.From == Side.Client && DataPathKit.CarriesData(p.Bytes)).ToList();
        Assert.Contains(dataPackets, p => p.Bytes.Length == 1472);
        Assert.All(pair.Log, p => Assert.True(p.Bytes.Length <= 1472));
        Assert.DoesNotContain(pair.Log, p => p.Dropped);
    }

    [Fact]
    public void Rfc8899_5_3_SearchSettlesAtTheLargestProbedSizeTheLinkCarriesWithoutLosingData()
    {
        var pair = Connected(Probing, () => 1300);

        // Data flows from the start, while the search runs.
        var received = Transfer(pair, 300, 2500, TimeSpan.FromSeconds(120));
        Assert.True(pair.DriveUntil(() => Searched(pair), TimeSpan.FromSeconds(120)), pair.Describe());

        Assert.Equal(1280, pair.Client!.Stats.PathMtu);
        Assert.Equal(1280, pair.Server!.Stats.PathMtu);

        // 1400 failed MAX_PROBES (3) times; nothing larger was tried.
        var sizes = Probes(pair, Side.Client).Select(ProbeSize).ToList();
        Assert.Equal([1200, 1232, 1280, 1400, 1400, 1400], sizes);
        Assert.Equal(3, pair.Client.Stats.MtuProbesLost);

        // Every message arrived once and in order; only probes were lost, so nothing was retransmitted.
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)i), received.Select(m => m.Marker));
        Assert.All(pair.Log.Where(p => p.Dropped), p => Assert.Equal([ChunkType.Heartbeat, ChunkType.Pad], p.ChunkTypes));
        Assert.Equal(0, pair.Client.Stats.Retransmissions);
        Assert.Equal(0, pair.Server.Stats.DuplicateTsnsReceived);
        Assert.Contains(pair.Log, p => p.From == Side.Client && DataPathKit.CarriesData(p.Bytes) && p.Bytes.Length == 1280);
    }

    [Fact]
    public void Rfc8899_4_1_LostProbesNeitherShrinkCwndNorCountAsAssociationErrors()
    {
        // Every probe is lost, even those of the base size: the state machine ends in ERROR (section 5.2).
        var config = Probing with { AssociationMaxRetransmits = 2, MtuProbeTimeout = TimeSpan.FromSeconds(2) };
        var pair = new AssociationPair(41, config, config)
        {
            Intercept = (_, bytes) => Packets.Types(bytes).Contains(ChunkType.Pad) ? PacketFate.Drop : PacketFate.Deliver,
        };
        pair.Connect();
        var cwnd = pair.Client!.Stats.CongestionWindow;

        pair.Drive(TimeSpan.FromSeconds(120));

        var client = pair.Client;
        Assert.Equal(AssociationState.Established, client.State);
        Assert.Equal(PathMtuState.Error, client.Stats.PathMtuState);
        Assert.True(client.Stats.MtuProbesLost > 3 * config.AssociationMaxRetransmits, $"{client.Stats.MtuProbesLost} probes lost");
        Assert.Equal(0, client.Stats.MtuProbesAcked);
        Assert.Equal(cwnd, client.Stats.CongestionWindow);
        Assert.Equal(0, client.Stats.T3Expiries);
        Assert.Equal(1200, client.Stats.PathMtu);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);

        // Probes are never retransmitted as DATA would be: each is a fresh HEARTBEAT with a fresh nonce.
        var nonces = Probes(pair, Side.Client).Select(p => BinaryPrimitives.ReadUInt64BigEndian(WireView.Chunks<HeartbeatChunk>(p.Bytes).Single().Info.Span[8..])).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());

        // Data still flows, at the base size.
        var received = Transfer(pair, 20, 3000, TimeSpan.FromSeconds(30));
        Assert.Equal(20, received.Count);
    }

    [Fact]
    public void Rfc8899_4_3_BlackHoleMidTransferFallsBackToBaseAndDeliversEveryMessage()
    {
        int linkMtu = 1472;
        var pair = new AssociationPair(53, Probing, Probing);
        var fragmentable = LimitLink(pair, () => linkMtu);
        pair.Connect();
        Assert.True(pair.DriveUntil(() => Searched(pair), TimeSpan.FromSeconds(10)), pair.Describe());
        Assert.Equal(1472, pair.Client!.Stats.PathMtu);

        // A route change: the path now carries 1200 bytes at most, and says nothing.
        var highestAtFallback = default(Tsn);
        TimeSpan? fellBackAt = null;
        var received = Transfer(
            pair,
            200,
            5000,
            TimeSpan.FromSeconds(600),
            () =>
            {
                if (linkMtu == 1472 && pair.Client.Stats.DataChunksSent > 60)
                {
                    linkMtu = 1200;
                }

                if (fellBackAt is null && pair.Client.Stats.MtuBlackHolesDetected > 0)
                {
                    fellBackAt = pair.Now;
                    highestAtFallback = pair.AllData(Side.Client).Max(d => d.Data.Tsn);
                }
            });

        Assert.Equal(1200, linkMtu);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (byte)i), received.Select(m => m.Marker));
        Assert.Equal(AssociationState.Established, pair.Client.State);
        Assert.DoesNotContain(pair.ClientEvents, e => e.Kind == AssociationEventKind.Lost);
        Assert.Equal(1, pair.Client.Stats.MtuBlackHolesDetected);
        Assert.Equal(1200, pair.Client.Stats.PathMtu);
        Assert.NotNull(fellBackAt);

        // DATA cut for 1472 before the fall keeps its size and goes out again in packets that may be
        // fragmented (RFC 9260 section 7.3), no larger than the PLPMTU it was cut for.
        Assert.NotEmpty(fragmentable);
        Assert.All(fragmentable, p => Assert.InRange(p.Bytes.Length, 1201, 1472));
        Assert.Contains(fragmentable, p => WireView.DataChunks(p.Bytes).Any(d => d.Length > 1200));

        // DATA cut after the fall fits the base size, and every other packet sent since fits the link.
        int basePayload = DataPathKit.FullDataPayload(1200, interleaved: false);
        var later = pair.AllData(Side.Client).Where(d => d.Data.Tsn > highestAtFallback).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, d => Assert.True(d.Data.Length <= basePayload, $"TSN {d.Data.Tsn} carries {d.Data.Length} bytes"));
        var sinceFallback = pair.Log.Where(p => p.From == Side.Client && p.Time > fellBackAt && !p.ChunkTypes.Contains(ChunkType.Pad));
        Assert.All(
            sinceFallback.Where(p => !fragmentable.Any(f => f.Bytes.AsSpan().SequenceEqual(p.Bytes))),
            p => Assert.True(p.Bytes.Length <= 1200, $"{p} has {p.Bytes.Length} bytes"));
    }

    [Fact]
    public void Rfc8899_5_1_1_RaiseTimerFindsALargerPathMtuLater()
    {
        int linkMtu = 1300;
        var config = Probing with { MtuRaiseInterval = TimeSpan.FromSeconds(100) };
        var pair = Connected(config, () => linkMtu);
        Assert.True(pair.DriveUntil(() => Searched(pair), TimeSpan.FromSeconds(120)), pair.Describe());
        Assert.Equal(1280, pair.Client!.Stats.PathMtu);
        int probes = Probes(pair, Side.Client).Count;

        linkMtu = 1472;
        pair.Drive(TimeSpan.FromSeconds(99));
        Assert.Equal(probes, Probes(pair, Side.Client).Count);
        Assert.True(pair.DriveUntil(() => pair.Client.Stats.PathMtu == 1472, TimeSpan.FromSeconds(30)), pair.Describe());
        Assert.Equal(PathMtuState.SearchComplete, pair.Client.Stats.PathMtuState);
        Assert.Equal([1400, 1444, 1452, 1464, 1472], Probes(pair, Side.Client).Skip(probes).Select(ProbeSize));
    }

    [Fact]
    public void Rfc4820_3_ProbeIsAHeartbeatAndAPadChunkFillingExactlyTheProbeSize()
    {
        var pair = Connected(Probing, () => 1472);
        Assert.True(pair.DriveUntil(() => Searched(pair), TimeSpan.FromSeconds(10)), pair.Describe());

        foreach (var probe in Probes(pair, Side.Client))
        {
            // Alone: no DATA, SACK or other chunk rides with a probe (RFC 8899 section 6.2).
            Assert.Equal([ChunkType.Heartbeat, ChunkType.Pad], probe.ChunkTypes);
            Assert.True(SctpPacket.TryValidate(probe.Bytes, out _, out _));
            Assert.True(Crc32c.Verify(probe.Bytes));

            int size = ProbeSize(probe);
            Assert.Equal(size, probe.Bytes.Length);
            var info = WireView.Chunks<HeartbeatChunk>(probe.Bytes).Single().Info.Span;
            Assert.Equal(ProbeInfoLength, info.Length);

            // The PAD chunk: type 0x84, flags 0, a length that ends the packet exactly, zero padding.
            int padOffset = ProbeOverhead;
            Assert.Equal(0x84, probe.Bytes[padOffset]);
            Assert.Equal(0, probe.Bytes[padOffset + 1]);
            Assert.Equal(size - ProbeOverhead, BinaryPrimitives.ReadUInt16BigEndian(probe.Bytes.AsSpan(padOffset + 2)));
            Assert.True(probe.Bytes.AsSpan(padOffset + 4).IndexOfAnyExcept((byte)0) < 0);
        }

        // The answers echo the info without padding: a HEARTBEAT ACK is small whatever the probe's size.
        var acks = pair.Sent(Side.Server, ChunkType.HeartbeatAck).SelectMany(p => WireView.Chunks<HeartbeatAckChunk>(p.Bytes)).ToList();
        Assert.Equal(8, acks.Count);
        Assert.All(pair.Sent(Side.Server, ChunkType.HeartbeatAck), p => Assert.True(p.Bytes.Length < 200));
        Assert.Equal(
            Probes(pair, Side.Client).Select(p => Convert.ToHexString(WireView.Chunks<HeartbeatChunk>(p.Bytes).Single().Info.Span)),
            acks.Select(a => Convert.ToHexString(a.Info.Span)));
    }

    [Fact]
    public void Rfc4820_3_APeersProbeIsAnsweredWithAHeartbeatAckAndItsPadIgnored()
    {
        // Our side does not probe; the peer's probe is a HEARTBEAT we answer like any other.
        var pair = Connected(new TransportConfig { HeartbeatInterval = TimeSpan.Zero });
        byte[] info = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var probe = pair.PacketFrom(Side.Client, new HeartbeatChunk(info), PadChunk.ForSerializedSize(1000));
        Assert.Equal(CommonHeader.Size + 4 + 4 + 12 + 1000, probe.Length);

        pair.Inject(Side.Client, probe);
        pair.FlushAll();

        var answer = Assert.Single(pair.Sent(Side.Server, ChunkType.HeartbeatAck));
        Assert.Equal(info, WireView.Chunks<HeartbeatAckChunk>(answer.Bytes).Single().Info.ToArray());
        Assert.DoesNotContain(ChunkType.Pad, answer.ChunkTypes);
        Assert.Equal(0, pair.Server!.Stats.TotalDropped);
    }

    [Fact]
    public void Rfc8899_5_1_PollTransmitNeedsABufferOfMaxMtu()
    {
        var pair = Connected(Probing);
        Assert.Throws<ArgumentException>(() => pair.Client!.PollTransmit(pair.Now, new byte[1200]));
        Assert.Equal(1472, Probing.MaxPacketSize);
        Assert.Equal(1200, new TransportConfig().MaxPacketSize);
        pair.Client!.PollTransmit(pair.Now, new byte[1472]);
    }

    [Theory]
    [InlineData(1000, nameof(TransportConfig.MaxMtu))]
    [InlineData(70_000, nameof(TransportConfig.MaxMtu))]
    [InlineData(-1, nameof(TransportConfig.MtuMaxProbes))]
    [InlineData(-2, nameof(TransportConfig.MtuProbeTimeout))]
    [InlineData(-3, nameof(TransportConfig.MtuRaiseInterval))]
    public void Rfc8899_5_1_InconsistentSettingsAreRejectedByName(int maxMtu, string setting)
    {
        var config = maxMtu switch
        {
            -1 => Probing with { MtuMaxProbes = 0 },
            -2 => Probing with { MtuProbeTimeout = TimeSpan.FromMilliseconds(500) },
            -3 => Probing with { MtuRaiseInterval = TimeSpan.FromSeconds(10) },
            _ => new TransportConfig { MaxMtu = maxMtu },
        };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(setting, error.ParamName);
        new TransportConfig { MaxMtu = 1200 }.Validate();
        Assert.False(new TransportConfig { MaxMtu = 1200 }.PathMtuDiscoveryEnabled);
        Assert.True(Probing.PathMtuDiscoveryEnabled);
    }
}
