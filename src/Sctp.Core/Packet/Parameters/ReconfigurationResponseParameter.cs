using System.Buffers.Binary;

namespace Sctp.Packet.Parameters;

/// <summary>
/// Re-configuration Response (RFC 6525 section 4.4): answers the request named by its sequence number
/// with a result. An answer to an SSN/TSN Reset Request that was performed also carries the TSNs each
/// side continues from.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.4"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Parameter Type = 16       |      Parameter Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Re-configuration Response Sequence Number             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            Result                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   Sender's Next TSN (optional)                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  Receiver's Next TSN (optional)               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The two TSNs come together or not at all, so the length field is 12 or 20.
/// </remarks>
public sealed class ReconfigurationResponseParameter : Parameter
{
    private const int ShortValueLength = 8;
    private const int LongValueLength = 16;
    private const int ResultOffset = 4;
    private const int SenderNextTsnOffset = 8;
    private const int ReceiverNextTsnOffset = 12;

    /// <summary>Creates a response without TSNs.</summary>
    /// <param name="responseSequenceNumber">The request sequence number of the request answered.</param>
    /// <param name="result">The outcome.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="result"/> is not a result RFC 6525 defines.</exception>
    public ReconfigurationResponseParameter(ReconfigRequestSequenceNumber responseSequenceNumber, ReconfigurationResult result)
    {
        ThrowIfUndefined(result);
        ResponseSequenceNumber = responseSequenceNumber;
        Result = result;
    }

    /// <summary>Creates a response that carries the TSNs each side continues from (after an SSN/TSN reset).</summary>
    /// <param name="responseSequenceNumber">The request sequence number of the request answered.</param>
    /// <param name="result">The outcome.</param>
    /// <param name="senderNextTsn">The next TSN the sender of this response will assign.</param>
    /// <param name="receiverNextTsn">The next TSN the sender of this response expects to receive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="result"/> is not a result RFC 6525 defines.</exception>
    public ReconfigurationResponseParameter(
        ReconfigRequestSequenceNumber responseSequenceNumber,
        ReconfigurationResult result,
        Tsn senderNextTsn,
        Tsn receiverNextTsn)
        : this(responseSequenceNumber, result)
    {
        SenderNextTsn = senderNextTsn;
        ReceiverNextTsn = receiverNextTsn;
    }

    /// <inheritdoc/>
    public override ParameterType Type => ParameterType.ReconfigurationResponse;

    /// <summary>The request sequence number of the request this answers.</summary>
    public ReconfigRequestSequenceNumber ResponseSequenceNumber { get; }

    /// <summary>The outcome.</summary>
    public ReconfigurationResult Result { get; }

    /// <summary>The next TSN the sender of this response will assign; null when the TSNs are absent.</summary>
    public Tsn? SenderNextTsn { get; }

    /// <summary>The next TSN the sender of this response expects to receive; null when the TSNs are absent.</summary>
    public Tsn? ReceiverNextTsn { get; }

    /// <summary>True when the response carries the two TSNs.</summary>
    public bool HasTsns => SenderNextTsn.HasValue;

    /// <inheritdoc/>
    public override int ValueLength => HasTsns ? LongValueLength : ShortValueLength;

    /// <summary>
    /// Parses the response: a value of 8 bytes, or 16 with both TSNs, and a result RFC 6525 defines.
    /// Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ReconfigurationResponseParameter parameter, out ParseError error)
    {
        const ParameterType type = ParameterType.ReconfigurationResponse;
        parameter = null!;
        if (!TryCheckHeader(bytes, type, ShortValueLength, out error))
        {
            return false;
        }

        // RFC 6525 section 4.4: the two TSNs are optional together, so no other length is possible.
        var value = bytes[RawTlv.HeaderSize..];
        if (value.Length != ShortValueLength && value.Length != LongValueLength)
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidLength, ParameterWire.LengthOffset);
            return false;
        }

        // RFC 6525 section 4.4 lists every result; an unlisted one has no meaning to act on.
        var result = (ReconfigurationResult)BinaryPrimitives.ReadUInt32BigEndian(value[ResultOffset..]);
        if (!IsDefined(result))
        {
            error = ParameterWire.Error(type, ParseErrorKind.InvalidField, RawTlv.HeaderSize + ResultOffset);
            return false;
        }

        var response = new ReconfigRequestSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(value));
        parameter = value.Length == ShortValueLength
            ? new ReconfigurationResponseParameter(response, result)
            : new ReconfigurationResponseParameter(
                response,
                result,
                new Tsn(BinaryPrimitives.ReadUInt32BigEndian(value[SenderNextTsnOffset..])),
                new Tsn(BinaryPrimitives.ReadUInt32BigEndian(value[ReceiverNextTsnOffset..])));
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, ResponseSequenceNumber.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[ResultOffset..], (uint)Result);
        if (SenderNextTsn is { } senderNext && ReceiverNextTsn is { } receiverNext)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[SenderNextTsnOffset..], senderNext.Value);
            BinaryPrimitives.WriteUInt32BigEndian(destination[ReceiverNextTsnOffset..], receiverNext.Value);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => HasTsns
        ? $"{Type}(resp={ResponseSequenceNumber}, {Result}, sender_next={SenderNextTsn}, receiver_next={ReceiverNextTsn})"
        : $"{Type}(resp={ResponseSequenceNumber}, {Result})";

    private static bool IsDefined(ReconfigurationResult result) => result <= ReconfigurationResult.InProgress;

    private static void ThrowIfUndefined(ReconfigurationResult result)
    {
        if (!IsDefined(result))
        {
            throw new ArgumentOutOfRangeException(nameof(result), result, "RFC 6525 section 4.4 defines results 0 to 6 only.");
        }
    }
}
