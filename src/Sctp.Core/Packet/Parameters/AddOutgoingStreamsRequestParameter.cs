namespace Sctp.Packet.Parameters;

/// <summary>
/// Add Outgoing Streams Request (RFC 6525 section 4.5): the sender adds this many outgoing streams (the
/// peer's incoming streams). Its layout is shared with <see cref="AddIncomingStreamsRequestParameter"/>.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.5"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 17       |      Parameter Length = 12    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Re-configuration Request Sequence Number             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Number of new streams    |         Reserved              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reserved field is written as zero and ignored on receipt.
/// </remarks>
public sealed class AddOutgoingStreamsRequestParameter : AddStreamsRequestParameter
{
    /// <summary>Creates the request.</summary>
    /// <param name="requestSequenceNumber">The number that identifies this request.</param>
    /// <param name="numberOfNewStreams">How many outgoing streams to add.</param>
    public AddOutgoingStreamsRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, ushort numberOfNewStreams)
        : base(requestSequenceNumber, numberOfNewStreams)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.AddOutgoingStreamsRequest;

    /// <summary>Parses the request; its value must be exactly 8 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out AddOutgoingStreamsRequestParameter parameter, out ParseError error)
    {
        bool ok = TryReadFields(bytes, ParameterType.AddOutgoingStreamsRequest, out var request, out ushort count, out error);
        parameter = ok ? new AddOutgoingStreamsRequestParameter(request, count) : null!;
        return ok;
    }
}
