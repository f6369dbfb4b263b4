using Sctp.Packet.Parameters;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Unrecognized Parameters (RFC 9260 section 3.3.10.8): optional parameters of an INIT ACK chunk that
/// its receiver did not recognize and whose type asked for a report; it usually travels in an ERROR
/// chunk bundled with the COOKIE ECHO.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.8"/>
/// The parameters are kept as raw bytes; <see cref="TlvErrorCause.TryParseParameters"/> gives them typed.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 8        |    Cause Length = Variable    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                    Unrecognized Parameters                    /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class UnrecognizedParametersCause : TlvErrorCause
{
    /// <summary>Creates the cause carrying the unrecognized parameters: their bytes, as in a chunk (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is not one or more well-framed parameters.</exception>
    public UnrecognizedParametersCause(ReadOnlySpan<byte> parameters)
        : base(parameters, single: false, nameof(parameters))
    {
    }

    /// <summary>Creates the cause carrying the unrecognized parameters, serialized as in a chunk.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty.</exception>
    public UnrecognizedParametersCause(IReadOnlyList<Parameter> parameters)
        : this(Serialize(parameters))
    {
    }

    /// <summary>
    /// The unrecognized parameters as copied from the INIT ACK, each with type, length and value, padded
    /// to 4 bytes between one another.
    /// </summary>
    public ReadOnlyMemory<byte> Parameters => RawValue;

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.UnrecognizedParameters;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnrecognizedParametersCause cause, out ParseError error) =>
        TryParseTlvs(
            bytes,
            ErrorCauseCode.UnrecognizedParameters,
            single: false,
            static value => new UnrecognizedParametersCause(value),
            out cause,
            out error);
}
