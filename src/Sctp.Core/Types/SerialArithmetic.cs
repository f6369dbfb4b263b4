namespace Sctp;

/// <summary>Serial number arithmetic (RFC 1982) for 16- and 32-bit sequence numbers.</summary>
public static class SerialArithmetic
{
    /// <summary>True when <paramref name="b"/> is ahead of <paramref name="a"/> by 1 to 2^31 - 1 (RFC 1982 section 3.2).</summary>
    public static bool LessThan(uint a, uint b) => a != b && unchecked(b - a) < 0x8000_0000u;

    /// <summary>True when <paramref name="b"/> is ahead of <paramref name="a"/> by 1 to 2^15 - 1 (RFC 1982 section 3.2).</summary>
    public static bool LessThan(ushort a, ushort b) => a != b && unchecked((ushort)(b - a)) < 0x8000;
}
