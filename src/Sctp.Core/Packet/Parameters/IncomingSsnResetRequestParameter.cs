namespace Sctp.Packet.Parameters;

/// <summary>
/// Incoming SSN Reset Request (RFC 6525 section 4.2): asks the peer to reset the listed streams of its
/// own (our incoming streams), or all of them when none is listed. The peer answers with an Outgoing SSN
/// Reset Request.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.2"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Re-configuration Request Sequence Number             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                            ......                             /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Stream Number N-1 (optional) |    Stream Number N (optional) |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// An odd number of bytes after the request sequence number is malformed.
/// </remarks>
public sealed class IncomingSsnResetRequestParameter : StreamResetRequestParameter
{
    private const int FixedLength = 4;

    /// <summary>Creates the request.</summary>
    /// <param name="requestSequenceNumber">The number that identifies this request.</param>
    /// <param name="streams">The peer's outgoing streams to reset; empty for all.</param>
    /// <exception cref="ArgumentNullException"><paramref name="streams"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many streams for one parameter.</exception>
    public IncomingSsnResetRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, IEnumerable<StreamId> streams)
        : base(requestSequenceNumber, streams, nameof(streams))
    {
    }

    private IncomingSsnResetRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, StreamId[] streams)
        : base(requestSequenceNumber, streams)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.IncomingSsnResetRequest;

    private protected override int FixedFieldsLength => FixedLength;

    /// <summary>Parses the request: the request sequence number, then 16-bit stream numbers. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out IncomingSsnResetRequestParameter parameter, out ParseError error)
    {
        bool ok = TryReadCommon(bytes, ParameterType.IncomingSsnResetRequest, FixedLength, out var request, out var streams, out error);
        parameter = ok ? new IncomingSsnResetRequestParameter(request, streams) : null!;
        return ok;
    }

    private protected override void WriteFieldsAfterRequestSequenceNumber(Span<byte> destination)
    {
        // The request sequence number is the only fixed field.
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}(req={RequestSequenceNumber}, streams={StreamsText})";
}
