namespace Sctp.Packet.ErrorCauses;

/// <summary>Parses error causes by code, one at a time or as the run of causes in an ERROR or ABORT chunk.</summary>
public static class ErrorCauseCodec
{
    /// <summary>
    /// Parses one error cause (its bytes as long as its length field, padding excluded), choosing the
    /// concrete type from the code; codes this codec does not interpret become <see cref="UnknownErrorCause"/>.
    /// Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out ErrorCause cause, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            cause = null!;
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var code = (ErrorCauseCode)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes);
        bool ok;
        switch (code)
        {
            default:
                ok = UnknownErrorCause.TryParse(bytes, out var unknown, out error);
                cause = unknown;
                break;
        }

        return ok;
    }

    /// <summary>
    /// Parses the run of error causes in <paramref name="region"/>. Offsets in errors are relative to
    /// <paramref name="baseOffset"/>.
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<byte> region, int baseOffset, out IReadOnlyList<ErrorCause> causes, out ParseError error) =>
        TlvItem.TryParseList<ErrorCause>(region, baseOffset, TryParse, out causes, out error);
}
