namespace Sctp.Packet.Parameters;

/// <summary>
/// Zero Checksum Acceptable (RFC 9653 section 4): in INIT or INIT ACK, says the sender accepts packets
/// whose checksum is zero, because the alternate error detection method it names already protects them.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9653#section-4"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type = 0x8001         |          Length = 8           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Error Detection Method Identifier (EDMID)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Identifiers come from the IANA registry RFC 9653 created: 0 is reserved and 1 is SCTP over DTLS.
/// The codec keeps any identifier, 0 included, as received: whether a method is one this endpoint
/// supports, and so whether zero checksums may be sent, is the association's decision (an unsupported or
/// reserved identifier means the feature is not offered).
/// </remarks>
public sealed class ZeroChecksumAcceptableParameter : UInt32ValueParameter
{
    /// <summary>The error detection method identifier of SCTP over DTLS, where DTLS protects each packet (RFC 9653).</summary>
    public const uint SctpOverDtls = 1;

    /// <summary>Creates the parameter naming <paramref name="errorDetectionMethod"/>.</summary>
    public ZeroChecksumAcceptableParameter(uint errorDetectionMethod)
        : base(errorDetectionMethod)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.ZeroChecksumAcceptable;

    /// <summary>The Error Detection Method Identifier (EDMID), as carried on the wire.</summary>
    public uint ErrorDetectionMethod => RawValue;

    /// <summary>Parses the parameter; its value must be exactly 4 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ZeroChecksumAcceptableParameter parameter, out ParseError error)
    {
        bool ok = TryReadValue(bytes, ParameterType.ZeroChecksumAcceptable, out uint value, out error);
        parameter = ok ? new ZeroChecksumAcceptableParameter(value) : null!;
        return ok;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(edmid={RawValue})";
}
