namespace Sctp.Packet.Parameters;

/// <summary>
/// Forward-TSN-Supported (RFC 3758 section 3.1): in INIT or INIT ACK, says the sender supports partial
/// reliability (PR-SCTP) and understands FORWARD TSN. It has no value.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc3758#section-3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    Parameter Type = 49152     |  Parameter Length = 4         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class ForwardTsnSupportedParameter : EmptyParameter
{
    private ForwardTsnSupportedParameter()
    {
    }

    /// <summary>The parameter: it has no fields, so one immutable instance serves everywhere.</summary>
    public static ForwardTsnSupportedParameter Instance { get; } = new();

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.ForwardTsnSupported;

    /// <summary>Parses the parameter; its value must be empty. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ForwardTsnSupportedParameter parameter, out ParseError error)
    {
        bool ok = TryCheckEmpty(bytes, ParameterType.ForwardTsnSupported, out error);
        parameter = ok ? Instance : null!;
        return ok;
    }
}
