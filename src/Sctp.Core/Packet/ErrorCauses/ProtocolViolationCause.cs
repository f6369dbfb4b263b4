using System.Text;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Protocol Violation (RFC 9260 section 3.3.10.13): the peer broke a rule no more specific cause
/// covers. The additional information is free-form; implementations put human-readable text there
/// (usrsctp, for example, answers a SACK for data never sent with "Cum ack 54e00f61 greater or equal
/// than TSN 54e00b79").
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.13"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 13       |      Cause Length = Variable  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                    Additional Information                     /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class ProtocolViolationCause : OpaqueErrorCause
{
    /// <summary>Creates the cause with <paramref name="additionalInformation"/> (copied), possibly empty.</summary>
    /// <exception cref="ArgumentException"><paramref name="additionalInformation"/> is longer than <see cref="OpaqueErrorCause.MaxValueLength"/>.</exception>
    public ProtocolViolationCause(ReadOnlySpan<byte> additionalInformation)
        : base(additionalInformation, nameof(additionalInformation))
    {
    }

    /// <summary>Creates the cause with <paramref name="text"/>, encoded as UTF-8 (plain ASCII stays ASCII).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">The encoded text is longer than <see cref="OpaqueErrorCause.MaxValueLength"/>.</exception>
    public ProtocolViolationCause(string text)
        : this(Encode(text))
    {
    }

    /// <summary>The additional information as carried, unpadded.</summary>
    public ReadOnlyMemory<byte> AdditionalInformation => RawValue;

    /// <summary>
    /// <see cref="AdditionalInformation"/> decoded as UTF-8, invalid sequences replaced by U+FFFD and
    /// trailing NUL bytes (which some stacks add as a C string terminator) dropped.
    /// </summary>
    public string Text => Encoding.UTF8.GetString(RawValue.Span.TrimEnd((byte)0));

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.ProtocolViolation;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ProtocolViolationCause cause, out ParseError error) =>
        TryParseOpaque(
            bytes,
            ErrorCauseCode.ProtocolViolation,
            minValueLength: 0,
            static value => new ProtocolViolationCause(value),
            out cause,
            out error);

    /// <inheritdoc/>
    public override string ToString() => $"ProtocolViolation(\"{Text}\")";

    private static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encoding.UTF8.GetBytes(text);
    }
}
