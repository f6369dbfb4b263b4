namespace Sctp.Packet.Parameters;

/// <summary>Parses parameters by type, one at a time or as the run of parameters in a chunk.</summary>
public static class ParameterCodec
{
    /// <summary>
    /// Parses one parameter (its bytes as long as its length field, padding excluded), choosing the
    /// concrete type from the type field; types this codec does not interpret become
    /// <see cref="UnknownParameter"/>. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Parameter parameter, out ParseError error)
    {
        if (bytes.Length < RawTlv.HeaderSize)
        {
            parameter = null!;
            error = new ParseError(ParseErrorKind.Truncated, 0);
            return false;
        }

        var type = (ParameterType)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes);
        bool ok;
        switch (type)
        {
            default:
                ok = UnknownParameter.TryParse(bytes, out var unknown, out error);
                parameter = unknown;
                break;
        }

        return ok;
    }

    /// <summary>
    /// Parses the run of parameters in <paramref name="region"/> (the rest of a chunk's value). Offsets in
    /// errors are relative to <paramref name="baseOffset"/>.
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<byte> region, int baseOffset, out IReadOnlyList<Parameter> parameters, out ParseError error) =>
        TlvItem.TryParseList<Parameter>(region, baseOffset, TryParse, out parameters, out error);
}
