using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>Parses parameters by type, one at a time or as the run of parameters in a chunk.</summary>
public static partial class ParameterCodec
{
    /// <summary>
    /// Parses one parameter (its bytes as long as its length field, padding excluded), choosing the
    /// concrete type from the type field; types this codec does not interpret become
    /// <see cref="UnknownParameter"/>. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Parameter parameter, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            parameter = null!;
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var type = (ParameterType)BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return type switch
        {
            ParameterType.HeartbeatInfo => Parse<HeartbeatInfoParameter>(bytes, HeartbeatInfoParameter.TryParse, out parameter, out error),
            ParameterType.Ipv4Address => Parse<Ipv4AddressParameter>(bytes, Ipv4AddressParameter.TryParse, out parameter, out error),
            ParameterType.Ipv6Address => Parse<Ipv6AddressParameter>(bytes, Ipv6AddressParameter.TryParse, out parameter, out error),
            ParameterType.StateCookie => Parse<StateCookieParameter>(bytes, StateCookieParameter.TryParse, out parameter, out error),
            ParameterType.UnrecognizedParameter => Parse<UnrecognizedParameterParameter>(bytes, UnrecognizedParameterParameter.TryParse, out parameter, out error),
            ParameterType.CookiePreservative => Parse<CookiePreservativeParameter>(bytes, CookiePreservativeParameter.TryParse, out parameter, out error),
            ParameterType.HostNameAddress => Parse<HostNameAddressParameter>(bytes, HostNameAddressParameter.TryParse, out parameter, out error),
            ParameterType.SupportedAddressTypes => Parse<SupportedAddressTypesParameter>(bytes, SupportedAddressTypesParameter.TryParse, out parameter, out error),
            ParameterType.OutgoingSsnResetRequest => Parse<OutgoingSsnResetRequestParameter>(bytes, OutgoingSsnResetRequestParameter.TryParse, out parameter, out error),
            ParameterType.IncomingSsnResetRequest => Parse<IncomingSsnResetRequestParameter>(bytes, IncomingSsnResetRequestParameter.TryParse, out parameter, out error),
            ParameterType.SsnTsnResetRequest => Parse<SsnTsnResetRequestParameter>(bytes, SsnTsnResetRequestParameter.TryParse, out parameter, out error),
            ParameterType.ReconfigurationResponse => Parse<ReconfigurationResponseParameter>(bytes, ReconfigurationResponseParameter.TryParse, out parameter, out error),
            ParameterType.AddOutgoingStreamsRequest => Parse<AddOutgoingStreamsRequestParameter>(bytes, AddOutgoingStreamsRequestParameter.TryParse, out parameter, out error),
            ParameterType.AddIncomingStreamsRequest => Parse<AddIncomingStreamsRequestParameter>(bytes, AddIncomingStreamsRequestParameter.TryParse, out parameter, out error),
            ParameterType.EcnCapable => Parse<EcnCapableParameter>(bytes, EcnCapableParameter.TryParse, out parameter, out error),
            ParameterType.ZeroChecksumAcceptable => Parse<ZeroChecksumAcceptableParameter>(bytes, ZeroChecksumAcceptableParameter.TryParse, out parameter, out error),
            ParameterType.Random => Parse<RandomParameter>(bytes, RandomParameter.TryParse, out parameter, out error),
            ParameterType.ChunkList => Parse<ChunkListParameter>(bytes, ChunkListParameter.TryParse, out parameter, out error),
            ParameterType.HmacAlgorithm => Parse<HmacAlgorithmParameter>(bytes, HmacAlgorithmParameter.TryParse, out parameter, out error),
            ParameterType.Padding => Parse<PaddingParameter>(bytes, PaddingParameter.TryParse, out parameter, out error),
            ParameterType.SupportedExtensions => Parse<SupportedExtensionsParameter>(bytes, SupportedExtensionsParameter.TryParse, out parameter, out error),
            ParameterType.ForwardTsnSupported => Parse<ForwardTsnSupportedParameter>(bytes, ForwardTsnSupportedParameter.TryParse, out parameter, out error),
            ParameterType.AdaptationLayerIndication => Parse<AdaptationLayerIndicationParameter>(bytes, AdaptationLayerIndicationParameter.TryParse, out parameter, out error),
            _ => Parse<UnknownParameter>(bytes, UnknownParameter.TryParse, out parameter, out error),
        };
    }

    /// <summary>
    /// Parses the run of parameters in <paramref name="region"/> (the rest of a chunk's value). Offsets in
    /// errors are relative to <paramref name="baseOffset"/>.
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<byte> region, int baseOffset, out IReadOnlyList<Parameter> parameters, out ParseError error) =>
        TlvItem.TryParseList<Parameter>(region, baseOffset, TryParse, out parameters, out error);

    private static bool Parse<T>(ReadOnlySpan<byte> bytes, TlvParser<T> parse, out Parameter parameter, out ParseError error)
        where T : Parameter
    {
        bool ok = parse(bytes, out var typed, out error);
        parameter = typed;
        return ok;
    }
}
