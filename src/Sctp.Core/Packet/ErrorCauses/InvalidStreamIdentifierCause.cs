using System.Buffers.Binary;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Invalid Stream Identifier (RFC 9260 section 3.3.10.1): a DATA or I-DATA chunk was sent to a stream
/// that does not exist.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.1"/>
/// The reserved half is written as zero and ignored on receipt.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 1        |       Cause Length = 8        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |       Stream Identifier       |          (Reserved)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class InvalidStreamIdentifierCause : FixedLengthErrorCause
{
    private const int FixedValueLength = 4;

    /// <summary>Creates the cause for data sent to <paramref name="streamId"/>.</summary>
    public InvalidStreamIdentifierCause(StreamId streamId) => StreamId = streamId;

    /// <summary>The stream the offending data was sent to.</summary>
    public StreamId StreamId { get; }

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.InvalidStreamIdentifier;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out InvalidStreamIdentifierCause cause, out ParseError error) =>
        TryParseFixed(
            bytes,
            ErrorCauseCode.InvalidStreamIdentifier,
            FixedValueLength,
            static value => new InvalidStreamIdentifierCause(new StreamId(BinaryPrimitives.ReadUInt16BigEndian(value))),
            out cause,
            out error);

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, StreamId.Value);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"InvalidStreamIdentifier(stream={StreamId})";
}
