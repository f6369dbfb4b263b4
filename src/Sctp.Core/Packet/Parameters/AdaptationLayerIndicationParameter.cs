namespace Sctp.Packet.Parameters;

/// <summary>
/// Adaptation Layer Indication (RFC 5061 section 4.2.6): in INIT or INIT ACK, a 32-bit code point naming
/// the adaptation layer the sender runs over SCTP, which the peer hands to its application.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc5061#section-4.2.6"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Parameter Type = 0xC006    |     Parameter Length = 8      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Adaptation Code Point                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Code points are assigned by IANA; SCTP does not interpret them.
/// </remarks>
public sealed class AdaptationLayerIndicationParameter : UInt32ValueParameter
{
    /// <summary>Creates the parameter carrying <paramref name="adaptationCodePoint"/>.</summary>
    public AdaptationLayerIndicationParameter(uint adaptationCodePoint)
        : base(adaptationCodePoint)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.AdaptationLayerIndication;

    /// <summary>The adaptation layer indication, as carried on the wire.</summary>
    public uint AdaptationCodePoint => RawValue;

    /// <summary>Parses the parameter; its value must be exactly 4 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out AdaptationLayerIndicationParameter parameter, out ParseError error)
    {
        bool ok = TryReadValue(bytes, ParameterType.AdaptationLayerIndication, out uint value, out error);
        parameter = ok ? new AdaptationLayerIndicationParameter(value) : null!;
        return ok;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(0x{RawValue:x8})";
}
