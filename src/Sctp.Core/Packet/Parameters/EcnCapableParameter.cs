namespace Sctp.Packet.Parameters;

/// <summary>
/// ECN Capable (RFC 9260 appendix A): in INIT or INIT ACK, says the sender supports Explicit Congestion
/// Notification. It has no value.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#appendix-A"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 0x8000   |     Parameter Length = 4      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class EcnCapableParameter : EmptyParameter
{
    private EcnCapableParameter()
    {
    }

    /// <summary>The parameter: it has no fields, so one immutable instance serves everywhere.</summary>
    public static EcnCapableParameter Instance { get; } = new();

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.EcnCapable;

    /// <summary>Parses the parameter; its value must be empty. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out EcnCapableParameter parameter, out ParseError error)
    {
        bool ok = TryCheckEmpty(bytes, ParameterType.EcnCapable, out error);
        parameter = ok ? Instance : null!;
        return ok;
    }
}
