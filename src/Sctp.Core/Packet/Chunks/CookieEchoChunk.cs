using System.Globalization;

namespace Sctp.Packet.Chunks;

/// <summary>
/// COOKIE ECHO (RFC 9260 section 3.3.11): the initiator's third handshake step, returning the State
/// Cookie it received in the INIT ACK byte for byte.
/// </summary>
/// <remarks>
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.11"/>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Type = 10   |  Chunk Flags  |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// /                            Cookie                             /
/// \                                                               \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The cookie is opaque here; its integrity is checked by the endpoint that made it. An empty cookie is
/// rejected (<see cref="ParseErrorKind.LengthTooSmall"/> when parsing, an exception when constructing):
/// a State Cookie must at least carry the MAC that authenticates it (RFC 9260 section 5.1.3), so an
/// empty one can only be malformed.
/// </remarks>
public sealed class CookieEchoChunk : Chunk, IChunkParser<CookieEchoChunk>
{
    private readonly byte[] _cookie;

    /// <summary>Creates a COOKIE ECHO returning <paramref name="cookie"/> (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="cookie"/> is empty or does not fit in a chunk.</exception>
    public CookieEchoChunk(ReadOnlySpan<byte> cookie)
    {
        if (cookie.IsEmpty)
        {
            throw new ArgumentException("A State Cookie is never empty (RFC 9260 sections 3.3.11 and 5.1.3).", nameof(cookie));
        }

        ChunkSupport.EnsureValueFits(cookie.Length, nameof(cookie));
        _cookie = cookie.ToArray();
    }

    /// <summary>The State Cookie, unpadded.</summary>
    public ReadOnlyMemory<byte> Cookie => _cookie;

    /// <inheritdoc/>
    public override ChunkType Type => ChunkType.CookieEcho;

    static ChunkType IChunkParser<CookieEchoChunk>.ChunkType => ChunkType.CookieEcho;

    /// <inheritdoc/>
    public override int ValueLength => _cookie.Length;

    /// <inheritdoc cref="IChunkParser{TSelf}.TryParse"/>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out CookieEchoChunk chunk, out ParseError error)
    {
        chunk = null!;

        // RFC 9260 section 3.3.11: the value is the cookie, which is never empty.
        if (!TryCheckHeader(bytes, ChunkType.CookieEcho, 1, out error))
        {
            return false;
        }

        chunk = new CookieEchoChunk(bytes[RawChunk.HeaderSize..]);
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteValue(Span<byte> destination) => _cookie.CopyTo(destination);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"COOKIE-ECHO(cookie={_cookie.Length} bytes)");
}
