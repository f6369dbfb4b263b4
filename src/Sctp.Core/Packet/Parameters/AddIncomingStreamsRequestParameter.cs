namespace Sctp.Packet.Parameters;

/// <summary>
/// Add Incoming Streams Request (RFC 6525 section 4.6): asks the peer to add this many of its outgoing
/// streams (our incoming streams). Its layout is shared with <see cref="AddOutgoingStreamsRequestParameter"/>.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.6"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 18       |      Parameter Length = 12    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Re-configuration Request Sequence Number             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Number of new streams    |         Reserved              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reserved field is written as zero and ignored on receipt.
/// </remarks>
public sealed class AddIncomingStreamsRequestParameter : AddStreamsRequestParameter
{
    /// <summary>Creates the request.</summary>
    /// <param name="requestSequenceNumber">The number that identifies this request.</param>
    /// <param name="numberOfNewStreams">How many incoming streams the peer should add.</param>
    public AddIncomingStreamsRequestParameter(ReconfigRequestSequenceNumber requestSequenceNumber, ushort numberOfNewStreams)
        : base(requestSequenceNumber, numberOfNewStreams)
    {
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.AddIncomingStreamsRequest;

    /// <summary>Parses the request; its value must be exactly 8 bytes. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out AddIncomingStreamsRequestParameter parameter, out ParseError error)
    {
        bool ok = TryReadFields(bytes, ParameterType.AddIncomingStreamsRequest, out var request, out ushort count, out error);
        parameter = ok ? new AddIncomingStreamsRequestParameter(request, count) : null!;
        return ok;
    }
}
