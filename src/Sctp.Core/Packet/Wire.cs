using System.Runtime.CompilerServices;

namespace Sctp.Packet;

/// <summary>Small helpers shared by the wire codecs.</summary>
public static class Wire
{
    /// <summary>Rounds <paramref name="length"/> up to a multiple of 4 (RFC 9260 section 3.2: chunks and parameters are padded to 4 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pad4(int length) => (length + 3) & ~3;

    /// <summary>Writes the zero padding that follows <paramref name="length"/> bytes; returns the padded length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WritePadding(Span<byte> destination, int length)
    {
        int padded = Pad4(length);
        destination[length..padded].Clear();
        return padded;
    }
}
