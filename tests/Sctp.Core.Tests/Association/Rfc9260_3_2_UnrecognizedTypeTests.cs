using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;
using Sctp.Tests.Harness;

namespace Sctp.Tests.Associations;

/// <summary>
/// RFC 9260 section 3.2 (chunk types we do not recognize: the two upper bits say stop or skip, report
/// or not) and 3.2.1/3.2.2 (the same for parameters of INIT and INIT ACK, reported in the INIT ACK as
/// Unrecognized Parameter, or in an ERROR bundled with the COOKIE ECHO).
/// </summary>
public class Rfc9260_3_2_UnrecognizedTypeTests
{
    [Theory]
    [InlineData(0x3E, false, false)] // 00: stop processing the packet, report nothing
    [InlineData(0x7E, false, true)] // 01: stop, report in an ERROR
    [InlineData(0xBE, true, false)] // 10: skip the chunk, go on
    [InlineData(0xFE, true, true)] // 11: skip, go on, report
    public void Rfc9260_3_2_AnUnrecognizedChunkBeforeDataIsHandledAsItsUpperBitsSay(byte type, bool dataProcessed, bool reported)
    {
        var pair = new AssociationPair();
        pair.Connect();
        var server = pair.Server!;
        pair.Intercept = (side, _) => side == Side.Server ? PacketFate.Drop : PacketFate.Deliver;
        int logBefore = pair.Log.Count;
        byte[] unknown = Packets.Bytes(new UnknownChunk((ChunkType)type, 0x5A, [1, 2, 3, 4, 5]));

        pair.Inject(Side.Client, Packets.FromClient(server.LocalTag, unknown, Packets.Data(pair.Client!.LocalInitialTsn, 0, 0, "data"u8)));
        pair.Drive(TimeSpan.FromSeconds(1));

        Assert.Equal(1, server.Stats.Dropped(DropReason.UnrecognizedChunk));
        Assert.Equal(dataProcessed ? 1 : 0, AssociationPair.ReceiveAll(server).Count);
        var sent = pair.Log.Skip(logBefore).Where(p => p.From == Side.Server).ToList();
        Assert.Equal(dataProcessed, sent.Any(p => p.ChunkTypes.Contains(ChunkType.Sack)));

        var errors = sent.Where(p => p.ChunkTypes.Contains(ChunkType.Error)).ToList();
        if (reported)
        {
            var error = Packets.Single<ErrorChunk>(Assert.Single(errors).Bytes);
            var cause = Assert.IsType<UnrecognizedChunkTypeCause>(Assert.Single(error.Causes));
            Assert.Equal((ChunkType)type, cause.ChunkType);
            Assert.Equal(unknown[..9], cause.UnrecognizedChunk.ToArray());
            Assert.Equal(pair.Client.LocalTag, errors[0].Tag);
        }
        else
        {
            Assert.Empty(errors);
        }

        Assert.Equal(AssociationState.Established, server.State);
    }

    [Fact]
    public void Rfc9260_3_2_AReportedChunkReachesThePeerAsAnErrorEvent()
    {
        var pair = new AssociationPair();
        pair.Connect();
        byte[] unknown = Packets.Bytes(new UnknownChunk((ChunkType)0xFE, 0, [7, 7, 7, 7]));

        pair.Inject(Side.Client, Packets.FromClient(pair.Server!.LocalTag, unknown));
        pair.Drive(TimeSpan.FromMilliseconds(100));

        var received = Assert.Single(pair.ClientEvents, e => e.Kind == AssociationEventKind.ErrorReceived);
        Assert.Equal((ChunkType)0xFE, Assert.IsType<UnrecognizedChunkTypeCause>(Assert.Single(received.Causes)).ChunkType);
        Assert.Equal(AssociationState.Established, pair.Client!.State);
    }

    [Theory]
    [InlineData(0x3FF0, new int[0], false)] // 00: stop processing parameters, report nothing
    [InlineData(0x7FF0, new[] { 0x7FF0 }, false)] // 01: stop, report it
    [InlineData(0xBFF0, new[] { 0xFFF1 }, true)] // 10: skip it, go on (the later 11 parameter is reported)
    [InlineData(0xFFF0, new[] { 0xFFF0, 0xFFF1 }, true)] // 11: skip it and report it, go on
    public void Rfc9260_3_2_1_UnrecognizedInitParametersAreReportedInTheInitAckAsTheirUpperBitsSay(int type, int[] reportedTypes, bool laterParametersProcessed)
    {
        var probe = new EndpointProbe();
        Parameter[] parameters =
        [
            new UnknownParameter((ParameterType)type, [0xAA, 0xBB, 0xCC]),
            ForwardTsnSupportedParameter.Instance,
            new SupportedExtensionsParameter([ChunkType.ForwardTsn, ChunkType.ReConfig]),
            new UnknownParameter((ParameterType)0xFFF1, [1, 2, 3, 4]),
        ];

        byte[] initAckPacket = probe.InitAckFor(0x1234, parameters: parameters);

        // The INIT is still answered; the reports list each reported parameter as it was received.
        var initAck = Packets.Single<InitAckChunk>(initAckPacket);
        var reports = initAck.Parameters.OfType<UnrecognizedParameterParameter>().ToList();
        Assert.Equal(reportedTypes, reports.Select(r => (int)r.UnrecognizedType));
        foreach (var report in reports)
        {
            var original = parameters.Single(p => p.Type == report.UnrecognizedType);
            Assert.Equal(original.ToArray()[..original.Length], report.ParameterBytes.ToArray());
        }

        // Stopping means the parameters after it (Forward-TSN-Supported, Supported Extensions) are not
        // processed: no feature is agreed.
        var expected = laterParametersProcessed ? NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset : NegotiatedFeatures.None;
        Assert.Equal(expected, Packets.ReadCookie(probe.Endpoint, initAckPacket).Features);
        var result = probe.Receive(EndpointProbe.CookieEchoFor(initAckPacket));
        Assert.Equal(EndpointResultKind.NewAssociation, result.Kind);
        Assert.Equal(expected, result.Association!.Features);
    }

    [Fact]
    public void Rfc9260_3_2_2_UnrecognizedInitAckParametersAreReportedInAnErrorBundledWithTheCookieEcho()
    {
        Parameter[] extra =
        [
            new UnknownParameter((ParameterType)0xBFF3, [3]), // 10: skip silently
            new UnknownParameter((ParameterType)0xFFF4, [4, 4]), // 11: skip and report
            new UnknownParameter((ParameterType)0x7FF5, [5, 5, 5]), // 01: report, stop
            new UnknownParameter((ParameterType)0xFFF6, [6]), // after the stop: not looked at
        ];
        var pair = new AssociationPair
        {
            Rewrite = (side, packet) =>
            {
                if (side != Side.Server || !Packets.Types(packet).Contains(ChunkType.InitAck))
                {
                    return packet;
                }

                var initAck = Packets.Single<InitAckChunk>(packet);
                var extended = new InitAckChunk(
                    initAck.InitiateTag,
                    initAck.AdvertisedReceiverWindowCredit,
                    initAck.OutboundStreams,
                    initAck.InboundStreams,
                    initAck.InitialTsn,
                    [.. initAck.Parameters, .. extra]);
                return Packets.FromServer(Packets.Header(packet).VerificationTag, Packets.Bytes(extended));
            },
        };

        pair.Connect();

        var echo = pair.Sent(Side.Client, ChunkType.CookieEcho).Single();
        Assert.Equal([ChunkType.CookieEcho, ChunkType.Error], echo.ChunkTypes);
        var cause = Assert.IsType<UnrecognizedParametersCause>(Assert.Single(Packets.Single<ErrorChunk>(echo.Bytes).Causes));
        Assert.True(ParameterCodec.TryParseList(cause.Parameters.Span, 0, out var reported, out _));
        Assert.Equal([(ParameterType)0xFFF4, (ParameterType)0x7FF5], reported.Select(p => p.Type));

        // The server gets the ERROR as an event; the handshake is unaffected.
        var received = Assert.Single(pair.ServerEvents, e => e.Kind == AssociationEventKind.ErrorReceived);
        Assert.IsType<UnrecognizedParametersCause>(Assert.Single(received.Causes));
        Assert.Equal(NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset, pair.Client!.Features);
    }
}
