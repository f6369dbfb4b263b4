using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp;

/// <summary>
/// What INIT and INIT ACK offer and what both sides end up with: the optional features of RFC 3758,
/// 6525, 8260 and 9653, the stream counts (RFC 9260 section 5.1.1), and the handling of parameters we do
/// not recognize (RFC 9260 section 3.2.1).
/// </summary>
internal static partial class Negotiation
{
    /// <summary>The parameters our INIT or INIT ACK carries to offer what <paramref name="config"/> enables.</summary>
    public static List<Parameter> OfferedParameters(TransportConfig config)
    {
        var parameters = new List<Parameter>(4);
        var extensions = new List<ChunkType>(4);
        if (config.EnablePartialReliability)
        {
            // RFC 3758 section 3.1: Forward-TSN-Supported in INIT and INIT ACK; section 3.3 also lists the
            // chunk in Supported Extensions, which RFC 5061 section 4.2.7 defines.
            parameters.Add(ForwardTsnSupportedParameter.Instance);
            extensions.Add(ChunkType.ForwardTsn);
        }

        if (config.EnableStreamReset)
        {
            extensions.Add(ChunkType.ReConfig); // RFC 6525 section 3.1
        }

        if (config.EnableMessageInterleaving)
        {
            // RFC 8260 section 2.2: I-DATA, and I-FORWARD-TSN alongside it when PR-SCTP is supported.
            extensions.Add(ChunkType.IData);
            if (config.EnablePartialReliability)
            {
                extensions.Add(ChunkType.IForwardTsn);
            }
        }

        if (extensions.Count > 0)
        {
            parameters.Add(new SupportedExtensionsParameter(extensions));
        }

        if (config.EnableZeroChecksum)
        {
            parameters.Add(new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.SctpOverDtls));
        }

        return parameters;
    }

    /// <summary>The features both we (<paramref name="config"/>) and the peer (<paramref name="peer"/>) offer.</summary>
    public static NegotiatedFeatures Agree(TransportConfig config, InitChunkBase peer)
    {
        var extensions = Find<SupportedExtensionsParameter>(peer);
        var features = NegotiatedFeatures.None;
        if (config.EnablePartialReliability
            && (Find<ForwardTsnSupportedParameter>(peer) is not null || extensions?.Supports(ChunkType.ForwardTsn) == true))
        {
            features |= NegotiatedFeatures.PartialReliability;
        }

        if (config.EnableStreamReset && extensions?.Supports(ChunkType.ReConfig) == true)
        {
            features |= NegotiatedFeatures.StreamReset;
        }

        if (config.EnableMessageInterleaving && extensions?.Supports(ChunkType.IData) == true
            && ((features & NegotiatedFeatures.PartialReliability) == 0 || extensions.Supports(ChunkType.IForwardTsn)))
        {
            features |= NegotiatedFeatures.MessageInterleaving;
        }

        // RFC 9653 section 5: only an agreed alternate error detection method lets the checksum be zero.
        if (config.EnableZeroChecksum
            && Find<ZeroChecksumAcceptableParameter>(peer) is { ErrorDetectionMethod: ZeroChecksumAcceptableParameter.SctpOverDtls })
        {
            features |= NegotiatedFeatures.ZeroChecksum;
        }

        return features;
    }

    /// <summary>
    /// The first parameter of type <typeparamref name="T"/> that RFC 9260 section 3.2.1 lets us process:
    /// an unrecognized parameter whose upper bits are 00 or 01 means "do not process any further
    /// parameters within this chunk", so what follows it counts as absent. Null when there is none.
    /// </summary>
    public static T? Find<T>(InitChunkBase chunk) where T : Parameter
    {
        foreach (var parameter in chunk.Parameters)
        {
            if (parameter is T match)
            {
                return match;
            }

            if (parameter is UnknownParameter unknown
                && unknown.Type.GetUnrecognizedAction() is UnrecognizedAction.Stop or UnrecognizedAction.StopAndReport)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Applies RFC 9260 section 3.2.1 to the parameters of an INIT or INIT ACK that this codec does not
    /// recognize: upper bits 00 stop processing further parameters silently, 01 stop and report, 10 skip,
    /// 11 skip and report. Returns the parameters to report (null when none).
    /// </summary>
    public static List<Parameter>? UnrecognizedToReport(InitChunkBase chunk)
    {
        List<Parameter>? report = null;
        foreach (var parameter in chunk.Parameters)
        {
            if (parameter is not UnknownParameter unknown)
            {
                continue;
            }

            var action = unknown.Type.GetUnrecognizedAction();
            if (action is UnrecognizedAction.StopAndReport or UnrecognizedAction.SkipAndReport)
            {
                (report ??= []).Add(unknown);
            }

            if (action is UnrecognizedAction.Stop or UnrecognizedAction.StopAndReport)
            {
                break;
            }
        }

        return report;
    }

    /// <summary>Streams we may send on: the lesser of our outbound count and the peer's inbound limit (RFC 9260 section 5.1.1).</summary>
    public static ushort OutboundStreams(TransportConfig config, InitChunkBase peer) => Math.Min(config.OutboundStreams, peer.InboundStreams);

    /// <summary>Streams the peer may send on: the lesser of its outbound count and our inbound limit.</summary>
    public static ushort InboundStreams(TransportConfig config, InitChunkBase peer) => Math.Min(peer.OutboundStreams, config.MaxInboundStreams);
}
