using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

/// <summary>
/// Real packets captured from usrsctp (TestData/usrsctp): each must pass packet validation, keep its
/// bytes when its checksum is recomputed, and hold the chunks its comment declares. Captured values
/// change from one capture to the next, so the tests check structure, not tags or TSNs.
/// </summary>
public class UsrsctpVectorTests
{
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
    public void PassesPacketValidation(string file, string name)
    {
        var vector = UsrsctpVectors.Get(file, name);
        Assert.True(SctpPacket.TryValidate(vector.Packet, out var header, out var error), $"{vector}: {error}");
        Assert.NotEqual(0, header.SourcePort);
        Assert.NotEqual(0, header.DestinationPort);
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void KeepsItsBytesWhenRestamped(string file, string name)
    {
        var vector = UsrsctpVectors.Get(file, name);
        byte[] copy = vector.Packet.ToArray();
        copy.AsSpan(8, 4).Clear();
        Crc32c.Stamp(copy);
        Assert.Equal(Hex.Format(vector.Packet), Hex.Format(copy));
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void HoldsTheChunksItsCommentDeclares(string file, string name)
    {
        var vector = UsrsctpVectors.Get(file, name);
        Assert.Equal(vector.DeclaredChunks, ReadChunkNames(vector.Packet));
    }

    [Fact]
    public void CoverTheChunksOfAnAssociationsLife()
    {
        var seen = UsrsctpVectors.All.SelectMany(v => ReadChunkNames(v.Packet)).ToHashSet();
        string[] required =
        [
            "INIT", "INIT-ACK", "COOKIE-ECHO", "COOKIE-ACK", "DATA", "SACK", "HEARTBEAT", "HEARTBEAT-ACK",
            "SHUTDOWN", "SHUTDOWN-ACK", "SHUTDOWN-COMPLETE", "ERROR", "ABORT", "FORWARD-TSN",
        ];
        Assert.All(required, type => Assert.Contains(type, seen));
    }

    [Fact]
    public void UseZeroVerificationTagsOnlyForInit()
    {
        // RFC 9260 section 8.5: INIT carries tag 0; an ABORT with the T bit reflects the peer's tag;
        // everything else carries the receiver's nonzero tag.
        Assert.All(UsrsctpVectors.All, vector =>
        {
            uint tag = BinaryPrimitives.ReadUInt32BigEndian(vector.Packet.AsSpan(4));
            if (vector.DeclaredChunks[0] == "INIT")
            {
                Assert.Equal(0u, tag);
            }
            else if (vector.DeclaredChunks[0] != "ABORT")
            {
                Assert.NotEqual(0u, tag);
            }
        });
    }

    [Fact]
    public void EveryErrorAndAbortCauseParsesAsAKnownType()
    {
        int count = 0;
        foreach (var vector in UsrsctpVectors.All)
        {
            foreach (var cause in ReadCauses(vector))
            {
                Assert.IsNotType<UnknownErrorCause>(cause);
                count++;
            }
        }

        Assert.True(count >= 9, $"only {count} causes were captured");
    }

    [Fact]
    public void UsrsctpReportsTheProbesErrorsWithTheExpectedCauses()
    {
        var causes = UsrsctpVectors.Load("errors-probe.txt").SelectMany(ReadCauses).ToList();
        Assert.Collection(
            causes,
            c =>
            {
                // usrsctp echoes the 9-byte chunk with its 3 padding bytes.
                var unrecognized = Assert.IsType<UnrecognizedChunkTypeCause>(c);
                Assert.Equal((ChunkType)0x4A, unrecognized.ChunkType);
                Assert.Equal(Hex.Parse("4a 00 00 09 01 02 03 04 05 00 00 00"), unrecognized.UnrecognizedChunk.ToArray());
            },
            c => Assert.Equal(new StreamId(200), Assert.IsType<InvalidStreamIdentifierCause>(c).StreamId),
            c => Assert.Equal(new Tsn(1001), Assert.IsType<NoUserDataCause>(c).Tsn),
            c => Assert.StartsWith("Cum ack ", Assert.IsType<ProtocolViolationCause>(c).Text, StringComparison.Ordinal),
            c => Assert.IsType<InvalidMandatoryParameterCause>(c),
            c => Assert.IsType<InvalidMandatoryParameterCause>(c));
    }

    [Fact]
    public void UsrsctpReportsAMissingStateCookie()
    {
        var cause = Assert.Single(UsrsctpVectors.Load("missing-parameter.txt").SelectMany(ReadCauses));
        Assert.Equal(new[] { ParameterType.StateCookie }, Assert.IsType<MissingMandatoryParameterCause>(cause).MissingParameters);
    }

    [Fact]
    public void UsrsctpReportsAStaleCookieBySeconds()
    {
        // The probe echoed the cookie 65 s after the INIT-ACK; usrsctp's cookie lifetime is 60 s.
        var cause = Assert.IsType<StaleCookieCause>(Assert.Single(UsrsctpVectors.Load("stale-cookie.txt").SelectMany(ReadCauses)));
        Assert.InRange(cause.Staleness, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void UsrsctpAbortsWithAnEmptyUserInitiatedAbort()
    {
        var cause = Assert.IsType<UserInitiatedAbortCause>(Assert.Single(UsrsctpVectors.Load("user-abort.txt").SelectMany(ReadCauses)));
        Assert.True(cause.Reason.IsEmpty);
    }

    [Fact]
    public void UsrsctpRefusesARestartWithANewAddressWithoutCause()
    {
        var abort = Assert.Single(UsrsctpVectors.Load("restart-new-address.txt"), v => v.DeclaredChunks[0] == "ABORT");
        Assert.Empty(ReadCauses(abort));
    }

    [Fact]
    public void LoaderReadsDeclarationsAndPackets()
    {
        var vectors = UsrsctpVectors.Parse("t.txt", "# header\n#\n# [SACK, DATA] a -> b: note\np1 0a0b\n\n# [ABORT]\np2  0c\n");
        Assert.Collection(
            vectors,
            v =>
            {
                Assert.Equal("p1", v.Name);
                Assert.Equal(new byte[] { 0x0a, 0x0b }, v.Packet);
                Assert.Equal(new[] { "SACK", "DATA" }, v.DeclaredChunks);
                Assert.Equal("a -> b: note", v.Description);
            },
            v => Assert.Equal(new[] { "ABORT" }, v.DeclaredChunks));
    }

    [Theory]
    [InlineData("p1 0a0b\n")]
    [InlineData("# [DATA]\n# [SACK]\np1 00\n")]
    [InlineData("# [DATA]\np1 0g\n")]
    [InlineData("# [DATA]\np1 00\n# [DATA]\np1 00\n")]
    [InlineData("# [DATA]\n")]
    [InlineData("# [DATA\np1 00\n")]
    [InlineData("# [DATA]\np1\n")]
    public void LoaderRejectsMalformedFiles(string text) =>
        Assert.Throws<InvalidDataException>(() => UsrsctpVectors.Parse("t.txt", text));

    [Theory]
    [InlineData(ChunkType.InitAck, "INIT-ACK")]
    [InlineData(ChunkType.ShutdownComplete, "SHUTDOWN-COMPLETE")]
    [InlineData(ChunkType.ForwardTsn, "FORWARD-TSN")]
    [InlineData(ChunkType.IData, "I-DATA")]
    [InlineData(ChunkType.ReConfig, "RE-CONFIG")]
    [InlineData((ChunkType)0x4A, "0x4A")]
    public void NamesChunkTypesAsTheFilesDo(ChunkType type, string name) =>
        Assert.Equal(name, UsrsctpVectors.ChunkName(type));

    private static List<string> ReadChunkNames(byte[] packet)
    {
        var names = new List<string>();
        var reader = SctpPacket.GetChunks(packet);
        while (reader.TryReadNext(out var chunk, out var error))
        {
            Assert.False(error.IsError);
            names.Add(UsrsctpVectors.ChunkName(chunk.Type));
        }

        return names;
    }

    // The causes of every ERROR and ABORT chunk in a packet, parsed with the codec.
    private static List<ErrorCause> ReadCauses(UsrsctpVector vector)
    {
        var causes = new List<ErrorCause>();
        var reader = SctpPacket.GetChunks(vector.Packet);
        while (reader.TryReadNext(out var chunk, out _))
        {
            if (chunk.Type is ChunkType.Error or ChunkType.Abort)
            {
                Assert.True(
                    ErrorCauseCodec.TryParseList(chunk.Value, chunk.Offset + RawChunk.HeaderSize, out var parsed, out var error),
                    $"{vector}: {error}");
                causes.AddRange(parsed);
            }
        }

        return causes;
    }
}
