using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp;

/// <summary>
/// What a peer's INIT offers, read from its bytes in one walk over its parameters (an
/// <see cref="InitChunkView"/>) instead of from parsed objects, so that the stateless INIT ACK path
/// allocates nothing. Each field is what <see cref="Negotiation.Find{T}"/> would find: the first parameter
/// of its type that RFC 9260 section 3.2.1 lets us process (nothing after an unrecognized parameter whose
/// upper bits are 00 or 01).
/// </summary>
internal ref struct InitOffer
{
    /// <summary>A Forward-TSN-Supported parameter (RFC 3758 section 3.1) was present.</summary>
    public bool ForwardTsnSupported;

    /// <summary>A Supported Extensions parameter (RFC 5061 section 4.2.7) was present; its chunk types are <see cref="Extensions"/>.</summary>
    public bool HasExtensions;

    /// <summary>The chunk types of the Supported Extensions parameter, one byte each.</summary>
    public ReadOnlySpan<byte> Extensions;

    /// <summary>The error detection method of a Zero Checksum Acceptable parameter (RFC 9653 section 5), if one was present.</summary>
    public uint? ZeroChecksumMethod;

    /// <summary>The increment a Cookie Preservative parameter asks for (RFC 9260 section 3.3.2.1), if one was present.</summary>
    public TimeSpan? CookiePreservative;

    /// <summary>The bytes of a Host Name Address parameter (RFC 9260 section 5.1.2), type and length included; empty when none.</summary>
    public ReadOnlySpan<byte> HostName;

    /// <summary>The bytes the Unrecognized Parameter parameters reporting this INIT's unknown parameters take, padded (section 3.2.1).</summary>
    public int ReportSize;

    /// <summary>True when the Supported Extensions parameter lists <paramref name="type"/>.</summary>
    public readonly bool Supports(ChunkType type) => HasExtensions && Extensions.Contains((byte)type);
}

internal static partial class Negotiation
{
    /// <summary>Reads what <paramref name="init"/> offers (see <see cref="InitOffer"/>).</summary>
    public static InitOffer ReadOffer(scoped in InitChunkView init)
    {
        var offer = default(InitOffer);
        var reader = init.GetParameters();
        while (reader.TryReadNext(out var parameter, out _))
        {
            var type = (ParameterType)parameter.Type;
            if (!ParameterCodec.IsKnown(type))
            {
                var action = type.GetUnrecognizedAction();
                if (action is UnrecognizedAction.StopAndReport or UnrecognizedAction.SkipAndReport)
                {
                    offer.ReportSize += TlvWriter.SizeOf(parameter.Length);
                }

                if (action is UnrecognizedAction.Stop or UnrecognizedAction.StopAndReport)
                {
                    break;
                }

                continue;
            }

            switch (type)
            {
                case ParameterType.ForwardTsnSupported:
                    offer.ForwardTsnSupported = true;
                    break;
                case ParameterType.SupportedExtensions when !offer.HasExtensions:
                    offer.HasExtensions = true;
                    offer.Extensions = parameter.Value;
                    break;
                case ParameterType.ZeroChecksumAcceptable when offer.ZeroChecksumMethod is null:
                    offer.ZeroChecksumMethod = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(parameter.Value);
                    break;
                case ParameterType.CookiePreservative when offer.CookiePreservative is null:
                    offer.CookiePreservative = TimeSpan.FromMilliseconds(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(parameter.Value));
                    break;
                case ParameterType.HostNameAddress when offer.HostName.IsEmpty:
                    offer.HostName = parameter.Bytes;
                    break;
            }
        }

        return offer;
    }

    /// <summary>The features both we and the peer offer: <see cref="Agree(TransportConfig, InitChunkBase)"/> on an <see cref="InitOffer"/>.</summary>
    public static NegotiatedFeatures Agree(TransportConfig config, scoped in InitOffer peer)
    {
        var features = NegotiatedFeatures.None;
        if (config.EnablePartialReliability && (peer.ForwardTsnSupported || peer.Supports(ChunkType.ForwardTsn)))
        {
            features |= NegotiatedFeatures.PartialReliability; // RFC 3758 section 3.3
        }

        if (config.EnableStreamReset && peer.Supports(ChunkType.ReConfig))
        {
            features |= NegotiatedFeatures.StreamReset; // RFC 6525 section 3.1
        }

        // RFC 8260 section 2.2: I-DATA, and I-FORWARD-TSN with it when partial reliability is agreed.
        if (config.EnableMessageInterleaving && peer.Supports(ChunkType.IData)
            && ((features & NegotiatedFeatures.PartialReliability) == 0 || peer.Supports(ChunkType.IForwardTsn)))
        {
            features |= NegotiatedFeatures.MessageInterleaving;
        }

        // RFC 9653 section 5: only an agreed alternate error detection method lets the checksum be zero.
        if (config.EnableZeroChecksum && peer.ZeroChecksumMethod == ZeroChecksumAcceptableParameter.SctpOverDtls)
        {
            features |= NegotiatedFeatures.ZeroChecksum;
        }

        return features;
    }

    /// <summary>The bytes <see cref="WriteOfferedParameters"/> writes for <paramref name="config"/>, padding included.</summary>
    public static int OfferedParametersSize(TransportConfig config)
    {
        int extensions = OfferedExtensionCount(config);
        return (config.EnablePartialReliability ? TlvWriter.SizeOf(0) : 0)
            + (extensions > 0 ? TlvWriter.SizeOf(extensions) : 0)
            + (config.EnableZeroChecksum ? TlvWriter.SizeOf(sizeof(uint)) : 0);
    }

    /// <summary>Writes the parameters of <see cref="OfferedParameters"/>, in the same order, without building them.</summary>
    public static void WriteOfferedParameters(TransportConfig config, ref TlvWriter writer)
    {
        if (config.EnablePartialReliability)
        {
            writer.Add((ushort)ParameterType.ForwardTsnSupported, 0);
        }

        int count = OfferedExtensionCount(config);
        if (count > 0)
        {
            var types = writer.Add((ushort)ParameterType.SupportedExtensions, count);
            int i = 0;
            if (config.EnablePartialReliability)
            {
                types[i++] = (byte)ChunkType.ForwardTsn;
            }

            if (config.EnableStreamReset)
            {
                types[i++] = (byte)ChunkType.ReConfig;
            }

            if (config.EnableMessageInterleaving)
            {
                types[i++] = (byte)ChunkType.IData;
                if (config.EnablePartialReliability)
                {
                    types[i] = (byte)ChunkType.IForwardTsn;
                }
            }
        }

        if (config.EnableZeroChecksum)
        {
            writer.AddUInt32((ushort)ParameterType.ZeroChecksumAcceptable, ZeroChecksumAcceptableParameter.SctpOverDtls);
        }
    }

    /// <summary>
    /// Writes an Unrecognized Parameter parameter (RFC 9260 section 3.3.3.1) for each parameter of
    /// <paramref name="init"/> that section 3.2.1 says to report, as <see cref="UnrecognizedToReport"/>
    /// lists them; they take <see cref="InitOffer.ReportSize"/> bytes.
    /// </summary>
    public static void WriteUnrecognizedReports(scoped in InitChunkView init, ref TlvWriter writer)
    {
        var reader = init.GetParameters();
        while (reader.TryReadNext(out var parameter, out _))
        {
            var type = (ParameterType)parameter.Type;
            if (ParameterCodec.IsKnown(type))
            {
                continue;
            }

            var action = type.GetUnrecognizedAction();
            if (action is UnrecognizedAction.StopAndReport or UnrecognizedAction.SkipAndReport)
            {
                writer.Add((ushort)ParameterType.UnrecognizedParameter, parameter.Bytes);
            }

            if (action is UnrecognizedAction.Stop or UnrecognizedAction.StopAndReport)
            {
                break;
            }
        }
    }

    /// <summary>Streams we may send on (RFC 9260 section 5.1.1), from an <see cref="InitChunkView"/>.</summary>
    public static ushort OutboundStreams(TransportConfig config, scoped in InitChunkView peer) => Math.Min(config.OutboundStreams, peer.InboundStreams);

    /// <summary>Streams the peer may send on (RFC 9260 section 5.1.1), from an <see cref="InitChunkView"/>.</summary>
    public static ushort InboundStreams(TransportConfig config, scoped in InitChunkView peer) => Math.Min(peer.OutboundStreams, config.MaxInboundStreams);

    private static int OfferedExtensionCount(TransportConfig config) =>
        (config.EnablePartialReliability ? 1 : 0)
        + (config.EnableStreamReset ? 1 : 0)
        + (config.EnableMessageInterleaving ? (config.EnablePartialReliability ? 2 : 1) : 0);
}
