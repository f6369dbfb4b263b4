namespace Sctp.Packet.Parameters;

/// <summary>
/// SSN/TSN Reset Request (RFC 6525 section 4.3): asks the peer to reset every stream sequence number
/// and the TSNs of both directions.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.3"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 15       |      Parameter Length = 8     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Re-configuration Request Sequence Number              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class SsnTsnResetRequestParameter : UInt32ValueParameter
{
    /// <summary>Creates the request identified by <paramref name="requestSequenceNumber"/>.</summary>
    public SsnTsnResetRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber)
        : base(requestSequenceNumber.Value)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.SsnTsnResetRequest;

    /// <summary>The number that identifies this request.</summary>
    public ReconfigRequestSequenceNumber RequestSequenceNumber => new(RawValue);

    /// <summary>Parses the request; its value must be exactly 4 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out SsnTsnResetRequestParameter parameter, out ParseError error)
    {
        bool ok = TryReadValue(bytes, ParameterType.SsnTsnResetRequest, out uint value, out error);
        parameter = ok ? new SsnTsnResetRequestParameter(new ReconfigRequestSequenceNumber(value)) : null!;
        return ok;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(req={RawValue})";
}
