using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;
using Sctp.Tests.Packet;

namespace Sctp.Tests.Associations;

/// <summary>
/// The stateless INIT path reads what an INIT offers in one walk over its bytes (<see cref="InitOffer"/>)
/// and writes its own offer and the reports in place. Each must give what the object path gives
/// (<see cref="Negotiation.Find{T}"/>, <see cref="Negotiation.Agree(TransportConfig, InitChunkBase)"/>,
/// <see cref="Negotiation.UnrecognizedToReport"/>, <see cref="Negotiation.OfferedParameters"/>), including
/// RFC 9260 section 3.2.1's rule that nothing after a parameter with upper bits 00 or 01 is processed.
/// </summary>
public class NegotiationOfferTests
{
    private static readonly TransportConfig[] Configs =
    [
        .. from bits in Enumerable.Range(0, 16)
           select new TransportConfig
           {
               EnablePartialReliability = (bits & 1) != 0,
               EnableStreamReset = (bits & 2) != 0,
               EnableMessageInterleaving = (bits & 4) != 0,
               EnableZeroChecksum = (bits & 8) != 0,
           },
    ];

    [Fact]
    public void Rfc9260_3_2_1_TheOfferReadInPlaceIsWhatTheParsedParametersGive()
    {
        var random = new Random(5113);
        int reported = 0;
        int featured = 0;
        for (int i = 0; i < 3_000; i++)
        {
            byte[] bytes = InitBytes.Init(random, InitBytes.ParameterRun(random, random.Next(0, 9), malformedShare: 0), allowZeroFields: false);
            Assert.True(InitChunk.TryParse(bytes, out var init, out var error), error.ToString());
            Assert.True(InitChunkView.TryParse(bytes, out var view, out _));
            var offer = Negotiation.ReadOffer(view);

            Assert.Equal(Negotiation.Find<CookiePreservativeParameter>(init)?.SuggestedIncrement, offer.CookiePreservative);
            Assert.Equal(Negotiation.Find<ZeroChecksumAcceptableParameter>(init)?.ErrorDetectionMethod, offer.ZeroChecksumMethod);
            byte[] hostName = Negotiation.Find<HostNameAddressParameter>(init) is { } found ? found.ToArray()[..found.Length] : [];
            Assert.Equal(hostName, offer.HostName.ToArray());
            foreach (var config in Configs)
            {
                var features = Negotiation.Agree(config, init);
                Assert.Equal(features, Negotiation.Agree(config, offer));
                featured += features != NegotiatedFeatures.None ? 1 : 0;
                Assert.Equal(Negotiation.OutboundStreams(config, init), Negotiation.OutboundStreams(config, view));
                Assert.Equal(Negotiation.InboundStreams(config, init), Negotiation.InboundStreams(config, view));
            }

            var expected = Negotiation.UnrecognizedToReport(init)?.Select(p => new UnrecognizedParameterParameter(p).ToArray()).SelectMany(b => b).ToArray() ?? [];
            byte[] written = new byte[offer.ReportSize];
            var writer = new TlvWriter(written);
            Negotiation.WriteUnrecognizedReports(view, ref writer);
            Assert.Equal(offer.ReportSize, writer.Length);
            Assert.Equal(expected, written);
            reported += expected.Length > 0 ? 1 : 0;
        }

        Assert.InRange(reported, 300, 3_000);
        Assert.InRange(featured, 300, 48_000);
    }

    [Fact]
    public void Rfc9260_3_2_1_NothingAfterAStopParameterIsOfferedOrReported()
    {
        byte[] parameters =
        [
            .. new SupportedExtensionsParameter([ChunkType.ReConfig]).ToArray(),
            .. new UnknownParameter((ParameterType)0x8123, [1, 2, 3]).ToArray(), // skip
            .. new UnknownParameter((ParameterType)0xC124, [1, 2, 3]).ToArray(), // skip and report
            .. new UnknownParameter((ParameterType)0x4123, [4]).ToArray(), // stop and report
            .. ForwardTsnSupportedParameter.Instance.ToArray(),
            .. new UnknownParameter((ParameterType)0xC123, [5]).ToArray(),
        ];
        byte[] bytes = InitBytes.Init(new Random(1), parameters, allowZeroFields: false);
        Assert.True(InitChunkView.TryParse(bytes, out var view, out var error), error.ToString());

        var offer = Negotiation.ReadOffer(view);
        var config = new TransportConfig { EnableStreamReset = true, EnablePartialReliability = true };
        Assert.Equal(NegotiatedFeatures.StreamReset, Negotiation.Agree(config, offer));
        Assert.False(offer.ForwardTsnSupported);
        Assert.Equal(TlvWriter.SizeOf(7) + TlvWriter.SizeOf(5), offer.ReportSize);
    }

    [Fact]
    public void WritingOurOfferInPlaceGivesTheOfferedParametersBytes()
    {
        foreach (var config in Configs)
        {
            byte[] expected = [.. Negotiation.OfferedParameters(config).SelectMany(p => p.ToArray())];
            byte[] written = new byte[Negotiation.OfferedParametersSize(config)];
            var writer = new TlvWriter(written);
            Negotiation.WriteOfferedParameters(config, ref writer);
            Assert.Equal(written.Length, writer.Length);
            Assert.Equal(expected, written);
        }
    }
}
