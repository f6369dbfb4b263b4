namespace Sctp;

/// <summary>
/// The core's only source of randomness: verification tags, initial TSNs, cookie secrets and heartbeat
/// nonces all come from here (RFC 9260 section 5.1.3 wants tags and TSNs hard to guess). The core never
/// reaches for a global generator, so a test that injects a <see cref="SeededRandomSource"/> replays
/// exactly. Sctp.Net injects a cryptographically strong source.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

/// <summary>Convenience methods over <see cref="IRandomSource"/>.</summary>
public static class RandomSourceExtensions
{
    /// <summary>A random 32-bit value.</summary>
    public static uint NextUInt32(this IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[4];
        random.Fill(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>A random 32-bit value that is not zero (verification tags must not be zero, RFC 9260 section 3.3.2).</summary>
    public static uint NextNonZeroUInt32(this IRandomSource random)
    {
        uint value;
        do
        {
            value = random.NextUInt32();
        }
        while (value == 0);
        return value;
    }
}

/// <summary>
/// A deterministic generator (xoshiro256**, seeded through SplitMix64) for tests and simulations: the
/// same seed gives the same sequence on every machine. Not for production: it is predictable.
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from <paramref name="seed"/>.</summary>
    public SeededRandomSource(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniformly distributed double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    public void Fill(Span<byte> destination)
    {
        while (destination.Length >= 8)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, NextUInt64());
            destination = destination[8..];
        }

        if (!destination.IsEmpty)
        {
            Span<byte> last = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(last, NextUInt64());
            last[..destination.Length].CopyTo(destination);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
