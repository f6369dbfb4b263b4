namespace Sctp.Packet.Chunks;

/// <summary>Helpers shared by the DATA and I-DATA codecs.</summary>
internal static class DataChunkFlagsCodec
{
    /// <summary>The four defined bits; the rest of the flags byte is reserved.</summary>
    public const DataChunkFlags Defined = DataChunkFlags.End | DataChunkFlags.Beginning | DataChunkFlags.Unordered | DataChunkFlags.Immediate;

    /// <summary>The flags carried by a received flags byte: reserved bits dropped (RFC 9260 section 3.3.1: ignored by the receiver).</summary>
    public static DataChunkFlags FromWire(byte flags) => (DataChunkFlags)flags & Defined;

    /// <summary>Throws when <paramref name="flags"/> has bits outside the four defined ones.</summary>
    public static void ThrowIfUndefined(DataChunkFlags flags, string paramName)
    {
        if ((flags & ~Defined) != 0)
        {
            throw new ArgumentOutOfRangeException(paramName, flags, "Only the E, B, U and I bits (0x0f) are defined; the rest of the flags byte is reserved.");
        }
    }

    /// <summary>A compact form for ToString: the letters of the set bits in wire order (I, U, B, E), or "-".</summary>
    public static string ToLetters(DataChunkFlags flags)
    {
        if (flags == DataChunkFlags.None)
        {
            return "-";
        }

        Span<char> letters = stackalloc char[4];
        int n = 0;
        if ((flags & DataChunkFlags.Immediate) != 0)
        {
            letters[n++] = 'I';
        }

        if ((flags & DataChunkFlags.Unordered) != 0)
        {
            letters[n++] = 'U';
        }

        if ((flags & DataChunkFlags.Beginning) != 0)
        {
            letters[n++] = 'B';
        }

        if ((flags & DataChunkFlags.End) != 0)
        {
            letters[n++] = 'E';
        }

        return new string(letters[..n]);
    }
}
