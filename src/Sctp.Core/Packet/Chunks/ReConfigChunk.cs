using System.Globalization;
using Sctp.Packet.Parameters;

namespace Sctp.Packet.Chunks;

/// <summary>
/// RE-CONFIG (RFC 6525 section 3.1): carries one or two stream re-configuration parameters: requests to
/// reset streams or add streams, and responses to such requests.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-3.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Type = 130   |  Chunk Flags  |         Chunk Length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /                  Re-configuration Parameter                   /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                                                               \
/// /             Re-configuration Parameter (optional)             /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The parser and the constructor enforce the count (one or two). Which pairs of parameter types are
/// allowed is reported by <see cref="HasAllowedCombination"/> rather than enforced, because RFC 6525
/// answers a disallowed combination with an ERROR (Protocol Violation), which is the association's job.
/// </remarks>
public sealed class ReConfigChunk : Chunk, IChunkParser<ReConfigChunk>
{
    /// <summary>The most parameters a RE-CONFIG carries (RFC 6525 section 3.1).</summary>
    public const int MaxParameters = 2;

    private const int ParametersOffset = RawChunk.HeaderSize;

    private readonly Parameter[] _parameters;
    private readonly int _parametersLength;

    /// <summary>Creates a RE-CONFIG carrying one or two re-configuration parameters, in the order given.</summary>
    /// <exception cref="ArgumentException">
    /// There are no parameters or more than two, a parameter is null, or they do not fit in a chunk.
    /// </exception>
    public ReConfigChunk(params IEnumerable<Parameter> parameters)
    {
        _parameters = ChunkSupport.CopyItems(parameters, nameof(parameters));

        // RFC 6525 section 3.1: at least one parameter and at most two.
        if (_parameters.Length is 0 or > MaxParameters)
        {
            throw new ArgumentException(
                $"A RE-CONFIG chunk carries one or two parameters, not {_parameters.Length} (RFC 6525 section 3.1).", nameof(parameters));
        }

        _parametersLength = TlvItem.GetListLength(_parameters);
        ChunkSupport.EnsureValueFits(_parametersLength, nameof(parameters));
    }

    /// <summary>The re-configuration parameters (one or two), in wire order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.ReConfig;

    static ChunkType IChunkParser<ReConfigChunk>.ChunkType => ChunkType.ReConfig;

    /// <inheritdoc/>
    public override int ValueLength => _parametersLength;

    /// <summary>
    /// True when the parameter types form one of the combinations RFC 6525 section 3.1 allows: any single
    /// request or response, or one of the pairs Outgoing + Incoming SSN Reset Request, Add Outgoing + Add
    /// Incoming Streams Request, Re-configuration Response + Outgoing SSN Reset Request, and two
    /// Re-configuration Responses. The order within a pair is not checked.
    /// </summary>
    public bool HasAllowedCombination
    {
        get
        {
            var first = _parameters[0].Type;
            if (_parameters.Length == 1)
            {
                return first is >= ParameterType.OutgoingSsnResetRequest and <= ParameterType.AddIncomingStreamsRequest;
            }

            var second = _parameters[1].Type;
            return IsPair(first, second, ParameterType.OutgoingSsnResetRequest, ParameterType.IncomingSsnResetRequest)
                || IsPair(first, second, ParameterType.AddOutgoingStreamsRequest, ParameterType.AddIncomingStreamsRequest)
                || IsPair(first, second, ParameterType.ReconfigurationResponse, ParameterType.OutgoingSsnResetRequest)
                || IsPair(first, second, ParameterType.ReconfigurationResponse, ParameterType.ReconfigurationResponse);
        }
    }

    /// <summary>The first parameter of type <typeparamref name="T"/>, or null when there is none.</summary>
    public T? GetParameter<T>() where T : Parameter => ChunkSupport.FirstOfType<T>(_parameters);

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ReConfigChunk chunk, out ParseError error)
    {
        chunk = null!;
        if (!TryCheckHeader(bytes, ChunkType.ReConfig, 0, out error))
        {
            return false;
        }

        if (!ParameterCodec.TryParseList(bytes[ParametersOffset..], ParametersOffset, out var parameters, out error))
        {
            error = error.InChunk(ChunkType.ReConfig);
            return false;
        }

        // RFC 6525 section 3.1: one or two parameters. The error points where the first parameter should
        // be when there is none, or at the first parameter too many.
        if (parameters.Count == 0)
        {
            error = new ParseError(ParseErrorKind.InvalidField, ParametersOffset, ChunkType.ReConfig);
            return false;
        }

        if (parameters.Count > MaxParameters)
        {
            int extraOffset = ParametersOffset + parameters[0].SerializedSize + parameters[1].SerializedSize;
            error = new ParseError(ParseErrorKind.InvalidField, extraOffset, ChunkType.ReConfig, parameters[MaxParameters].TypeCode);
            return false;
        }

        chunk = new ReConfigChunk(parameters);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => TlvItem.WriteList(destination, _parameters);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"RE-CONFIG(parameters=[{string.Join(", ", _parameters.Select(p => p.Type))}])");

    private static bool IsPair(ParameterType first, ParameterType second, ParameterType a, ParameterType b) =>
        (first == a && second == b) || (first == b && second == a);
}
