using System.Buffers.Binary;

namespace Sctp.Packet.ErrorCauses;

/// <summary>
/// No User Data (RFC 9260 section 3.3.10.9): a DATA or I-DATA chunk carried no user data. RFC 9260
/// section 6.2 answers it with an ABORT carrying this cause.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.9"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Cause Code = 9        |       Cause Length = 8        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           TSN value                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed class NoUserDataCause : FixedLengthErrorCause
{
    private const int FixedValueLength = 4;

    /// <summary>Creates the cause for the empty chunk of TSN <paramref name="tsn"/>.</summary>
    public NoUserDataCause(Tsn tsn) => Tsn = tsn;

    /// <summary>The TSN of the chunk that carried no user data.</summary>
    public Tsn Tsn { get; }

    /// <inheritdoc/>
    public override ErrorCauseCode Code => ErrorCauseCode.NoUserData;

    /// <inheritdoc/>
    public override int ValueLength => FixedValueLength;

    /// <summary>
    /// Parses the cause from its bytes (as long as its length field, padding excluded). Never throws; the
    /// error's offset is relative to the cause's first byte.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out NoUserDataCause cause, out ParseError error) =>
        TryParseFixed(
            bytes,
            ErrorCauseCode.NoUserData,
            FixedValueLength,
            static value => new NoUserDataCause(new Tsn(BinaryPrimitives.ReadUInt32BigEndian(value))),
            out cause,
            out error);

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, Tsn.Value);

    /// <inheritdoc/>
    public override string ToString() => $"NoUserData(tsn={Tsn})";
}
