using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Outgoing SSN Reset Request (RFC 6525 section 4.1): the sender will reset the listed outgoing streams
/// (all of them when none is listed) once the peer has received every TSN up to the sender's last
/// assigned one. It may also answer an Incoming SSN Reset Request, named by its sequence number.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.1"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Re-configuration Request Sequence Number            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Re-configuration Response Sequence Number           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                Sender's Last Assigned TSN                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                            ......                             /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Stream Number N-1 (optional) |    Stream Number N (optional) |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// An odd number of bytes after the fixed fields is malformed.
/// </remarks>
public sealed class OutgoingSsnResetRequestParameter : StreamResetRequestParameter
{
    private const int FixedLength = 12;

    /// <summary>Creates the request.</summary>
    /// <param name="requestSequenceNumber">The number that identifies this request.</param>
    /// <param name="responseSequenceNumber">
    /// The request this one answers, when it is sent in response to an Incoming SSN Reset Request;
    /// otherwise the sender's next expected request sequence number less one (RFC 6525 section 4.1).
    /// </param>
    /// <param name="senderLastAssignedTsn">The last TSN the sender assigned to user data.</param>
    /// <param name="streams">The outgoing streams to reset; empty for all.</param>
    /// <exception cref="ArgumentNullException"><paramref name="streams"/> is null.</exception>
    /// <exception cref="ArgumentException">Too many streams for one parameter.</exception>
    public OutgoingSsnResetRequestParameter(
        ReconfigRequestSequenceNumber requestSequenceNumber,
        ReconfigRequestSequenceNumber responseSequenceNumber,
        Tsn senderLastAssignedTsn,
        IEnumerable<StreamId> streams)
        : base(requestSequenceNumber, streams, nameof(streams))
    {
        ResponseSequenceNumber = responseSequenceNumber;
        SenderLastAssignedTsn = senderLastAssignedTsn;
    }

    private OutgoingSsnResetRequestParameter(
        ReconfigRequestSequenceNumber requestSequenceNumber,
        ReconfigRequestSequenceNumber responseSequenceNumber,
        Tsn senderLastAssignedTsn,
        StreamId[] streams)
        : base(requestSequenceNumber, streams)
    {
        ResponseSequenceNumber = responseSequenceNumber;
        SenderLastAssignedTsn = senderLastAssignedTsn;
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.OutgoingSsnResetRequest;

    /// <summary>The Incoming SSN Reset Request this one answers, if any (see the constructor).</summary>
    public ReconfigRequestSequenceNumber ResponseSequenceNumber { get; }

    /// <summary>The last TSN the sender assigned; the reset takes effect once every TSN up to it has arrived.</summary>
    public Tsn SenderLastAssignedTsn { get; }

    private protected override int FixedFieldsLength => FixedLength;

    /// <summary>Parses the request: 12 bytes of fixed fields, then 16-bit stream numbers. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out OutgoingSsnResetRequestParameter parameter, out ParseError error)
    {
        parameter = null!;
        if (!TryReadCommon(bytes, ParameterType.OutgoingSsnResetRequest, FixedLength, out var request, out var streams, out error))
        {
            return false;
        }

        var value = bytes[RawTlv.HeaderSize..];
        parameter = new OutgoingSsnResetRequestParameter(
            request,
            new ReconfigRequestSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(value[4..])),
            new Tsn(BinaryPrimitives.ReadUInt32BigEndian(value[8..])),
            streams);
        return true;
    }

    private protected override void WriteFieldsAfterRequestSequenceNumber(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, ResponseSequenceNumber.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderLastAssignedTsn.Value);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Type}(req={RequestSequenceNumber}, resp={ResponseSequenceNumber}, last_tsn={SenderLastAssignedTsn}, streams={StreamsText})";
}
