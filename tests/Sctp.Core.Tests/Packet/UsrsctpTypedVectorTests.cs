using System.Text;
using System.Text.RegularExpressions;
using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// The usrsctp golden vectors (TestData/usrsctp) through the typed codec: every captured chunk parses with
/// its typed parser and writes back byte for byte, every captured packet rebuilt with
/// <see cref="PacketWriter"/> from its typed chunks equals the capture (CRC32c included), and the parsed
/// fields say what usrsctp meant.
/// </summary>
/// <remarks>
/// The codec normalizes a few things when it writes a parsed chunk: reserved flag bits (DATA and I-DATA
/// keep only I, U, B, E; SACK, FORWARD-TSN and I-FORWARD-TSN write zero flags; ABORT and SHUTDOWN
/// COMPLETE keep only T), the reserved fields of I-DATA and I-FORWARD-TSN, non-zero chunk padding, PAD
/// content, and parameters after a HEARTBEAT's Heartbeat Info. usrsctp's encodings use none of these
/// freedoms: none of the captured chunks needs an exception, which the byte-exact assertions below
/// prove. The only chunks that do not write back are the three the scripted probe made malformed on
/// purpose (<see cref="DeliberatelyMalformed"/>): the codec must refuse them, and does.
/// </remarks>
public class UsrsctpTypedVectorTests
{
    /// <summary>
    /// The captured chunks the codec refuses, each with the reason: the probe sent them to provoke
    /// usrsctp's error causes, so they are malformed by design.
    /// </summary>
    private static readonly (string File, string Name, ChunkType Type, ParseError Error, string Reason)[] DeliberatelyMalformed =
    [
        ("errors-probe.txt", "009-probe", ChunkType.Data, new ParseError(ParseErrorKind.NoUserData, 2, ChunkType.Data),
            "DATA without user data (RFC 9260 section 6.2: answered with ABORT No User Data, as usrsctp did)"),
        ("errors-probe.txt", "017-probe", ChunkType.Init, new ParseError(ParseErrorKind.InvalidField, 4, ChunkType.Init),
            "INIT with a zero Initiate Tag (RFC 9260 section 3.3.2)"),
        ("errors-probe.txt", "019-probe", ChunkType.Init, new ParseError(ParseErrorKind.InvalidField, 12, ChunkType.Init),
            "INIT with zero outbound streams (RFC 9260 section 3.3.2)"),
    ];

    /// <summary>How the vector files' comments name the parameters that appear in the captures.</summary>
    private static readonly Dictionary<ParameterType, string> ParameterNames = new()
    {
        [ParameterType.EcnCapable] = "ECN Capable",
        [ParameterType.ForwardTsnSupported] = "Forward-TSN-Supported",
        [ParameterType.SupportedExtensions] = "Supported Extensions",
        [ParameterType.Random] = "Random",
        [ParameterType.HmacAlgorithm] = "HMAC Algorithm",
        [ParameterType.ChunkList] = "Chunk List",
        [ParameterType.SupportedAddressTypes] = "Supported Address Types",
        [ParameterType.Ipv4Address] = "IPv4 Address",
        [ParameterType.Ipv6Address] = "IPv6 Address",
        [ParameterType.StateCookie] = "State Cookie",
        [ParameterType.AdaptationLayerIndication] = "Adaptation Layer Indication",
        [ParameterType.UnrecognizedParameter] = "Unrecognized Parameter",
    };

    public static TheoryData<string, string> Packets
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vector in UsrsctpVectors.All)
            {
                data.Add(vector.File, vector.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void EveryChunkWritesBackByteForByte(string file, string name)
    {
        var vector = UsrsctpVectors.Get(file, name);
        byte[] written = new byte[TypedChunks.MaxPacketSize];
        var reader = SctpPacket.GetChunks(vector.Packet);
        int count = 0;
        while (reader.TryReadNext(out var raw, out var readError))
        {
            Assert.False(readError.IsError);
            count++;
            bool parsed = TypedChunks.TryReserialize(raw.Bytes, written, out int length, out var error);
            if (FindDeliberatelyMalformed(vector) is { } malformed && malformed.Type == raw.Type)
            {
                Assert.False(parsed, $"{vector}: {malformed.Reason} was accepted");
                Assert.Equal(malformed.Error, error);
                continue;
            }

            Assert.True(parsed, $"{vector}: {raw.Type} at offset {raw.Offset}: {error}");

            // The chunk as captured, with its padding: the writer pads too.
            var captured = vector.Packet.AsSpan(raw.Offset, Wire.Pad4(raw.Length));
            Assert.Equal(Hex.Format(captured), Hex.Format(written.AsSpan(0, length)));
        }

        Assert.Equal(vector.DeclaredChunks.Count, count);
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void RebuiltPacketEqualsTheCapture(string file, string name)
    {
        var vector = UsrsctpVectors.Get(file, name);
        byte[]? rebuilt = TypedChunks.Rebuild(vector.Packet, out var error);
        if (FindDeliberatelyMalformed(vector) is { } malformed)
        {
            Assert.Null(rebuilt);
            Assert.Equal(malformed.Type, error.Chunk);
            Assert.Equal(malformed.Error.Kind, error.Kind);
            return;
        }

        Assert.True(rebuilt is not null, $"{vector}: {error}");
        Assert.Equal(Hex.Format(vector.Packet), Hex.Format(rebuilt));
        Assert.True(SctpPacket.TryValidate(rebuilt, out _, out var validation), validation.ToString());
    }

    [Fact]
    public void RebuiltPacketsCoverTheChunksOfAnAssociationsLife()
    {
        var rebuiltTypes = UsrsctpVectors.All
            .Where(v => FindDeliberatelyMalformed(v) is null && TypedChunks.Rebuild(v.Packet, out _) is { } rebuilt && rebuilt.AsSpan().SequenceEqual(v.Packet))
            .SelectMany(v => v.DeclaredChunks)
            .ToHashSet();
        string[] required =
        [
            "INIT", "INIT-ACK", "COOKIE-ECHO", "COOKIE-ACK", "DATA", "SACK", "SHUTDOWN", "SHUTDOWN-ACK",
            "SHUTDOWN-COMPLETE", "HEARTBEAT", "HEARTBEAT-ACK", "FORWARD-TSN", "ERROR", "ABORT", "0x4A",
        ];
        Assert.All(required, type => Assert.Contains(type, rebuiltTypes));
    }

    [Fact]
    public void DeliberatelyMalformedChunksAreTheProbesOwn()
    {
        foreach (var (file, name, type, _, _) in DeliberatelyMalformed)
        {
            var vector = UsrsctpVectors.Get(file, name);
            Assert.EndsWith("-probe", vector.Name, StringComparison.Ordinal);
            Assert.Contains(UsrsctpVectors.ChunkName(type), vector.DeclaredChunks);
        }
    }

    [Fact]
    public void ParametersAreTheOnesTheCommentsList()
    {
        int checkedChunks = 0;
        foreach (var vector in UsrsctpVectors.All.Where(v => FindDeliberatelyMalformed(v) is null))
        {
            foreach (var init in ControlChunks(vector).OfType<InitChunkBase>())
            {
                var match = Regex.Match(vector.Description, "parameters: ([^;]*)");
                Assert.True(match.Success, $"{vector}: the comment lists no parameters");
                string expected = match.Groups[1].Value.Trim();
                string actual = init.Parameters.Count == 0
                    ? "none"
                    : string.Join(", ", init.Parameters.Select(p => ParameterNames.GetValueOrDefault(p.Type, $"0x{(ushort)p.Type:X4}")));
                Assert.Equal(expected, actual);
                checkedChunks++;
            }
        }

        Assert.True(checkedChunks >= 14, $"only {checkedChunks} INIT and INIT-ACK chunks were checked");
    }

    [Fact]
    public void UsrsctpInitAndInitAckAdvertiseWhatUsrsctpSupports()
    {
        var sent = UsrsctpVectors.All
            .Where(v => !v.Name.EndsWith("-probe", StringComparison.Ordinal))
            .SelectMany(v => ControlChunks(v).OfType<InitChunkBase>().Select(c => (Vector: v, Chunk: c)))
            .ToList();
        Assert.Contains(sent, s => s.Chunk is InitChunk);
        Assert.Contains(sent, s => s.Chunk is InitAckChunk);
        Assert.All(sent, s =>
        {
            var (vector, chunk) = s;
            Assert.NotEqual(0u, chunk.InitiateTag.Value);
            Assert.NotEqual(GetHeader(vector).VerificationTag, chunk.InitiateTag);

            // usrsctp's defaults: 10 outbound streams, 2,048 inbound.
            Assert.Equal(10, chunk.OutboundStreams);
            Assert.Equal(2048, chunk.InboundStreams);
            Assert.True(chunk.AdvertisedReceiverWindowCredit >= 20_000, $"{vector}: a_rwnd {chunk.AdvertisedReceiverWindowCredit}");

            Assert.NotNull(chunk.GetParameter<EcnCapableParameter>());
            Assert.NotNull(chunk.GetParameter<ForwardTsnSupportedParameter>());
            var extensions = chunk.GetParameter<SupportedExtensionsParameter>();
            Assert.NotNull(extensions);
            Assert.Equal([ChunkType.ForwardTsn, ChunkType.Auth, ChunkType.Asconf, ChunkType.AsconfAck, ChunkType.ReConfig], extensions.ChunkTypes);
            Assert.True(extensions.Supports(ChunkType.ReConfig));
            Assert.False(extensions.Supports(ChunkType.IData));

            // SCTP-AUTH (RFC 4895): a 32-byte random number, HMAC-SHA-1, and ASCONF(-ACK) to authenticate.
            Assert.Equal(32, chunk.GetParameter<RandomParameter>()!.RandomNumber.Length);
            Assert.Equal([HmacIdentifier.Sha1], chunk.GetParameter<HmacAlgorithmParameter>()!.Identifiers);
            Assert.Equal([ChunkType.AsconfAck, ChunkType.Asconf], chunk.GetParameter<ChunkListParameter>()!.ChunkTypes);

            var addresses = chunk.Parameters.OfType<Ipv4AddressParameter>().Select(p => p.Address.ToString()).ToList();
            Assert.Contains("127.0.0.1", addresses);

            if (chunk is InitChunk)
            {
                Assert.Equal(0u, GetHeader(vector).VerificationTag.Value);
                Assert.Contains(ParameterType.Ipv4Address, chunk.GetParameter<SupportedAddressTypesParameter>()!.AddressTypes);
                Assert.Null(chunk.GetParameter<StateCookieParameter>());
            }
            else
            {
                // The State Cookie comes last and is not empty.
                var cookie = Assert.IsType<StateCookieParameter>(chunk.Parameters[^1]);
                Assert.True(cookie.Cookie.Length > 100);
            }
        });
    }

    [Fact]
    public void HandshakesEchoTheCookieAndSwapTags()
    {
        int handshakes = 0;
        foreach (string file in UsrsctpVectors.Files)
        {
            var vectors = UsrsctpVectors.Load(file);
            for (int i = 0; i + 2 < vectors.Count; i++)
            {
                if (ControlChunks(vectors[i]).FirstOrDefault() is not InitChunk init
                    || ControlChunks(vectors[i + 1]).FirstOrDefault() is not InitAckChunk initAck
                    || ControlChunks(vectors[i + 2]).FirstOrDefault() is not CookieEchoChunk cookieEcho)
                {
                    continue;
                }

                // RFC 9260 section 5.1: each side puts the other's Initiate Tag in its packets' headers,
                // and the COOKIE ECHO returns the State Cookie unchanged.
                Assert.Equal(init.InitiateTag, GetHeader(vectors[i + 1]).VerificationTag);
                Assert.Equal(initAck.InitiateTag, GetHeader(vectors[i + 2]).VerificationTag);
                var cookie = initAck.GetParameter<StateCookieParameter>();
                Assert.NotNull(cookie);
                Assert.Equal(Hex.Format(cookie.Cookie.Span), Hex.Format(cookieEcho.Cookie.Span));
                handshakes++;
            }
        }

        Assert.True(handshakes >= 7, $"only {handshakes} handshakes were found");
    }

    [Fact]
    public void EchoSessionCarriesTheLinesAndTheServerEchoesThem()
    {
        var vectors = UsrsctpVectors.Load("echo-session.txt");
        var init = Assert.IsType<InitChunk>(ControlChunks(vectors[0]).Single());
        var initAck = Assert.IsType<InitAckChunk>(ControlChunks(vectors[1]).Single());
        string[] lines = ["hello\n", "second line\n", "a third, longer line of text for the echo server\n"];

        foreach (var (side, firstTsn) in new[] { ("client", init.InitialTsn), ("server", initAck.InitialTsn) })
        {
            var data = vectors.Where(v => v.Name.EndsWith(side, StringComparison.Ordinal)).SelectMany(DataChunks).ToList();
            Assert.Equal(lines, data.Select(d => d.Text));
            for (int i = 0; i < data.Count; i++)
            {
                // Each side numbers its DATA from the Initial TSN it announced, one message per SSN on stream 0.
                Assert.Equal(firstTsn + (uint)i, data[i].Tsn);
                Assert.Equal(new Ssn((ushort)i), data[i].Ssn);
                Assert.Equal(new StreamId(0), data[i].StreamId);
                Assert.Equal(Ppid.Unspecified, data[i].Ppid);
                Assert.Equal(DataChunkFlags.Beginning | DataChunkFlags.End, data[i].Flags);
            }
        }
    }

    [Fact]
    public void EchoSessionSacksAndShutdownAcknowledgeTheLatestData()
    {
        var vectors = UsrsctpVectors.Load("echo-session.txt");
        var lastTsnFrom = new Dictionary<string, Tsn>();
        int sacks = 0;
        foreach (var vector in vectors)
        {
            string side = vector.Name[4..];
            string peer = side == "client" ? "server" : "client";
            var reader = SctpPacket.GetChunks(vector.Packet);
            while (reader.TryReadNext(out var raw, out _))
            {
                switch (raw.Type)
                {
                    case ChunkType.Data:
                        Assert.True(DataChunk.TryParse(raw.Bytes, out var data, out _));
                        lastTsnFrom[side] = data.Tsn;
                        break;
                    case ChunkType.Sack:
                        Assert.True(SackChunk.TryParse(raw.Bytes, out var sack, out _));
                        Assert.Equal(lastTsnFrom[peer], sack.CumulativeTsnAck);
                        Assert.Equal(0, sack.GapAckBlockCount);
                        Assert.Equal(0, sack.DuplicateTsnCount);
                        Assert.True(sack.AdvertisedReceiverWindowCredit > 100_000);
                        sacks++;
                        break;
                    case ChunkType.Shutdown:
                        Assert.True(ShutdownChunk.TryParse(raw.Bytes, out var shutdown, out _));
                        Assert.Equal(lastTsnFrom[peer], shutdown.CumulativeTsnAck);
                        break;
                    case ChunkType.ShutdownComplete:
                        Assert.True(ShutdownCompleteChunk.TryParse(raw.Bytes, out var complete, out _));
                        Assert.False(complete.TagReflected);
                        break;
                }
            }
        }

        // One SACK per DATA packet here (six when captured); how usrsctp bundles them depends on timing.
        Assert.True(sacks >= 3, $"only {sacks} SACKs were checked");
    }

    [Fact]
    public void HeartbeatAcksReturnTheInfoOfTheirPeersHeartbeats()
    {
        int acks = 0;
        foreach (string file in UsrsctpVectors.Files)
        {
            var sentInfo = new List<(string Sender, string Info)>();
            foreach (var vector in UsrsctpVectors.Load(file))
            {
                string sender = vector.Name[(vector.Name.IndexOf('-', StringComparison.Ordinal) + 1)..];
                foreach (var chunk in ControlChunks(vector))
                {
                    if (chunk is HeartbeatChunk heartbeat)
                    {
                        // usrsctp's sender-specific info: 36 bytes, its own layout.
                        Assert.Equal(36, heartbeat.Info.Length);
                        sentInfo.Add((sender, Hex.Format(heartbeat.Info.Span)));
                    }
                    else if (chunk is HeartbeatAckChunk ack)
                    {
                        // RFC 9260 section 8.3: the ACK carries the HEARTBEAT's info back unchanged.
                        var probe = Assert.Single(sentInfo, s => s.Info == Hex.Format(ack.Info.Span));
                        Assert.NotEqual(sender, probe.Sender);
                        acks++;
                    }
                }
            }
        }

        Assert.True(acks >= 10, $"only {acks} HEARTBEAT-ACKs were checked");
    }

    [Fact]
    public void ForwardTsnSkipsToJustBeforeTheDataBundledAfterIt()
    {
        // Five when captured; how many messages expire depends on timing.
        var packets = UsrsctpVectors.Load("prsctp-forward-tsn.txt").Where(v => v.DeclaredChunks[0] == "FORWARD-TSN").ToList();
        Assert.NotEmpty(packets);
        Tsn previous = default;
        foreach (var vector in packets)
        {
            var forward = Assert.IsType<ForwardTsnChunk>(ControlChunks(vector).Single());
            var data = Assert.Single(DataChunks(vector));

            // RFC 3758 section 3.5: the abandoned messages end right before the new data, on stream 0.
            Assert.Equal(forward.NewCumulativeTsn + 1, data.Tsn);
            var stream = Assert.Single(forward.Streams);
            Assert.Equal(new StreamId(0), stream.StreamId);
            Assert.Equal(1, data.Ssn - stream.Ssn);
            Assert.True(previous == default || forward.NewCumulativeTsn > previous);
            previous = forward.NewCumulativeTsn;

            // tsctp asks for an immediate SACK (RFC 7053) on these.
            Assert.Equal(DataChunkFlags.Immediate | DataChunkFlags.Beginning | DataChunkFlags.End, data.Flags);
            Assert.Equal(1200, data.Length);
        }
    }

    [Fact]
    public void TsctpSendsFullSizeMessagesInSequence()
    {
        var vectors = UsrsctpVectors.Load("tsctp-bulk.txt");
        var init = Assert.IsType<InitChunk>(ControlChunks(vectors[0]).Single());
        var data = vectors.SelectMany(DataChunks).ToList();
        Assert.Equal(20, data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(init.InitialTsn + (uint)i, data[i].Tsn);
            Assert.Equal(new Ssn((ushort)i), data[i].Ssn);
            Assert.Equal(1200, data[i].Length);
            Assert.True((data[i].Flags & (DataChunkFlags.Beginning | DataChunkFlags.End)) == (DataChunkFlags.Beginning | DataChunkFlags.End));
        }

        // The server's last SACK acknowledges the last message.
        var lastSack = vectors.Where(v => v.DeclaredChunks.SequenceEqual(["SACK"])).Last();
        var reader = SctpPacket.GetChunks(lastSack.Packet);
        Assert.True(reader.TryReadNext(out var raw, out _));
        Assert.True(SackChunk.TryParse(raw.Bytes, out var sack, out _));
        Assert.Equal(data[^1].Tsn, sack.CumulativeTsnAck);
    }

    [Fact]
    public void DaytimeServerSendsTheTimeAsOneMessage()
    {
        var vector = UsrsctpVectors.Get("user-abort.txt", "005-usrsctp");
        var data = Assert.Single(DataChunks(vector));
        Assert.Matches(@"^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\n$", data.Text);
        Assert.Equal(DataChunkFlags.Beginning | DataChunkFlags.End, data.Flags);

        // The probe's DATA, bundled with its COOKIE-ECHO, is acknowledged with the COOKIE-ACK.
        var probe = Assert.Single(DataChunks(UsrsctpVectors.Get("user-abort.txt", "003-probe")));
        Assert.Equal("never read", probe.Text);
        var reply = UsrsctpVectors.Get("user-abort.txt", "004-usrsctp");
        var reader = SctpPacket.GetChunks(reply.Packet);
        Assert.True(reader.TryReadNext(out var first, out _));
        Assert.True(CookieAckChunk.TryParse(first.Bytes, out _, out _));
        Assert.True(reader.TryReadNext(out var second, out _));
        Assert.True(SackChunk.TryParse(second.Bytes, out var sack, out _));
        Assert.Equal(probe.Tsn, sack.CumulativeTsnAck);
    }

    private static (string File, string Name, ChunkType Type, ParseError Error, string Reason)? FindDeliberatelyMalformed(UsrsctpVector vector)
    {
        foreach (var entry in DeliberatelyMalformed)
        {
            if (entry.File == vector.File && entry.Name == vector.Name)
            {
                return entry;
            }
        }

        return null;
    }

    private static CommonHeader GetHeader(UsrsctpVector vector)
    {
        Assert.True(CommonHeader.TryRead(vector.Packet, out var header));
        return header;
    }

    // The packet's control chunks, parsed with ChunkCodec (DATA and SACK skipped).
    private static List<Chunk> ControlChunks(UsrsctpVector vector)
    {
        var chunks = new List<Chunk>();
        var reader = SctpPacket.GetChunks(vector.Packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            if (raw.Type is not (ChunkType.Data or ChunkType.Sack) && ChunkCodec.TryParseControl(raw.Bytes, out var chunk, out _))
            {
                chunks.Add(chunk);
            }
        }

        return chunks;
    }

    // The packet's DATA chunks, parsed and copied out of the ref struct.
    private static List<DataFields> DataChunks(UsrsctpVector vector)
    {
        var chunks = new List<DataFields>();
        var reader = SctpPacket.GetChunks(vector.Packet);
        while (reader.TryReadNext(out var raw, out _))
        {
            if (raw.Type == ChunkType.Data && DataChunk.TryParse(raw.Bytes, out var data, out _))
            {
                chunks.Add(new DataFields(data.Tsn, data.StreamId, data.Ssn, data.Ppid, data.Flags, data.Payload.Length, Encoding.ASCII.GetString(data.Payload)));
            }
        }

        return chunks;
    }

    private sealed record DataFields(Tsn Tsn, StreamId StreamId, Ssn Ssn, Ppid Ppid, DataChunkFlags Flags, int Length, string Text);
}
