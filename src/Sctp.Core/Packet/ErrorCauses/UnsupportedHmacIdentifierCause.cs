using System.Buffers.Binary;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// Unsupported HMAC Identifier (RFC 4895 section 4.1): an AUTH chunk named an HMAC algorithm that its
/// receiver did not offer in its HMAC-ALGO parameter.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc4895#section-4.1"/>
/// The cause length is 6: the two padding bytes after the identifier are the cause's own padding to 4
/// bytes, outside the length, and a cause of any other length is rejected. Identifiers registered by
/// RFC 4895 are 1 (SHA-1) and 3 (SHA-256).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Cause Code = 0x0105       |       Cause Length = 6        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        HMAC Identifier        |            Padding            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class UnsupportedHmacIdentifierCause : FixedLengthErrorCause
{
    private const int FixedValueLength = 2;

    /// <summary>Creates the cause for the unsupported algorithm <paramref name="hmacIdentifier"/>.</summary>
    public UnsupportedHmacIdentifierCause(ushort hmacIdentifier) => HmacIdentifier = hmacIdentifier;

    /// <summary>The HMAC identifier the AUTH chunk carried.</summary>
    public ushort HmacIdentifier { get; }

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.UnsupportedHmacIdentifier;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out UnsupportedHmacIdentifierCause cause, out ParseError error) =>
        TryParseFixed(
            bytes,
            ErrorCauseCode.UnsupportedHmacIdentifier,
            FixedValueLength,
            static value => new UnsupportedHmacIdentifierCause(BinaryPrimitives.ReadUInt16BigEndian(value)),
            out cause,
            out error);

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt16BigEndian(destination, HmacIdentifier);

    /// <inheritdoc/>
    public override string ToString() => $"UnsupportedHmacIdentifier(hmac={HmacIdentifier})";
}
