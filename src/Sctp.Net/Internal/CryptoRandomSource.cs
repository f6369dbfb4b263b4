using System.Security.Cryptography;

namespace Sctp.Net.Internal;

/// <summary>The core's randomness in production: verification tags, TSNs and cookie keys must be unpredictable (RFC 9260 section 5.3.1, RFC 5062).</summary>
internal sealed class CryptoRandomSource : IRandomSource
{
    public static CryptoRandomSource Instance { get; } = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
