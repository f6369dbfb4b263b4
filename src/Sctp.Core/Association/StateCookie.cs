using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sctp;

/// <summary>Features both sides agreed on during the handshake, carried in the State Cookie.</summary>
[Flags]
public enum NegotiatedFeatures : byte
{
    /// <summary>None of the optional features.</summary>
    None = 0,
    /// <summary>Partial reliability: both sent Forward-TSN-Supported (RFC 3758 section 3.3).</summary>
    PartialReliability = 1,
    /// <summary>Message interleaving: both listed I-DATA and I-FORWARD-TSN (RFC 8260 section 2.2).</summary>
    MessageInterleaving = 2,
    /// <summary>Stream reconfiguration: both listed RE-CONFIG (RFC 6525 section 3.1).</summary>
    StreamReset = 4,
    /// <summary>Zero checksum: both sent Zero Checksum Acceptable (RFC 9653 section 5).</summary>
    ZeroChecksum = 8,
}

/// <summary>
/// The State Cookie (RFC 9260 section 5.1.3): everything needed to create the association's state
/// (a TCB) when a valid COOKIE ECHO returns, so that an INIT costs the server no memory. It is signed
/// with HMAC-SHA256 under a secret only this endpoint knows (section 5.1.3 requires a MAC) and carries
/// its creation time so that stale cookies are refused (section 5.1.5).
/// </summary>
/// <remarks>
/// Layout (all big-endian), followed by a 32-byte HMAC-SHA256 over everything before it:
/// <code>
/// version(1) features(1) local port(2) peer port(2) reserved(2)
/// created at, ticks(8) lifetime, ticks(8)
/// local tag(4) peer tag(4) local initial TSN(4) peer initial TSN(4)
/// peer a_rwnd(4) outbound streams(2) inbound streams(2)
/// local tie-tag(4) peer tie-tag(4)
/// </code>
/// </remarks>
public readonly record struct StateCookie
{
    /// <summary>Bytes of the signed fields.</summary>
    public const int BodySize = 56;

    /// <summary>Bytes of the HMAC-SHA256 that follows them.</summary>
    public const int MacSize = 32;

    /// <summary>The size of a serialized cookie.</summary>
    public const int Size = BodySize + MacSize;

    private const byte CurrentVersion = 1;

    /// <summary>Features both sides agreed on.</summary>
    public NegotiatedFeatures Features { get; init; }

    /// <summary>Our SCTP port.</summary>
    public ushort LocalPort { get; init; }

    /// <summary>The peer's SCTP port.</summary>
    public ushort PeerPort { get; init; }

    /// <summary>When the cookie was made (the endpoint's "now").</summary>
    public TimeSpan CreatedAt { get; init; }

    /// <summary>How long it stays valid (Valid.Cookie.Life, plus any Cookie Preservative increment).</summary>
    public TimeSpan Lifetime { get; init; }

    /// <summary>Our verification tag (the Initiate Tag of our INIT ACK).</summary>
    public VerificationTag LocalTag { get; init; }

    /// <summary>The peer's verification tag (the Initiate Tag of its INIT).</summary>
    public VerificationTag PeerTag { get; init; }

    /// <summary>Our initial TSN.</summary>
    public Tsn LocalInitialTsn { get; init; }

    /// <summary>The peer's initial TSN.</summary>
    public Tsn PeerInitialTsn { get; init; }

    /// <summary>The peer's advertised receiver window from its INIT.</summary>
    public uint PeerReceiverWindow { get; init; }

    /// <summary>Streams we may send on: the lesser of our OS and the peer's MIS (RFC 9260 section 5.1.1).</summary>
    public ushort OutboundStreams { get; init; }

    /// <summary>Streams the peer may send on: the lesser of the peer's OS and our MIS.</summary>
    public ushort InboundStreams { get; init; }

    /// <summary>Our tie-tag (RFC 9260 section 5.2.2): our existing tag when this cookie answered an INIT to a live association, else zero.</summary>
    public VerificationTag LocalTieTag { get; init; }

    /// <summary>The peer's tie-tag: its tag in the existing association, else zero.</summary>
    public VerificationTag PeerTieTag { get; init; }

    /// <summary>True when the cookie's lifetime has passed at <paramref name="now"/> (RFC 9260 section 5.1.5, step 3).</summary>
    public bool IsExpired(TimeSpan now) => now > CreatedAt + Lifetime;

    /// <summary>By how much the cookie is stale at <paramref name="now"/> (for the Stale Cookie error cause); zero when it is not.</summary>
    public TimeSpan Staleness(TimeSpan now) => IsExpired(now) ? now - (CreatedAt + Lifetime) : TimeSpan.Zero;

    /// <summary>Writes the cookie, signed with <paramref name="key"/>, into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public void WriteTo(Span<byte> destination, ReadOnlySpan<byte> key) => Write(destination, key, this);

    /// <summary>
    /// Writes <paramref name="fields"/>, signed with <paramref name="key"/>, into <paramref name="destination"/>
    /// (at least <see cref="Size"/> bytes). The MAC is computed into the destination (RFC 9260 section
    /// 5.1.3), so that answering an INIT allocates nothing.
    /// </summary>
    internal static void Write(Span<byte> destination, ReadOnlySpan<byte> key, in StateCookie fields)
    {
        var body = WriteBody(destination, fields);
        HMACSHA256.HashData(key, body, destination.Slice(BodySize, MacSize));
    }

    /// <summary>
    /// <see cref="Write(Span{byte}, ReadOnlySpan{byte}, in StateCookie)"/> with an HMAC-SHA256 kept
    /// for the key (<see cref="CookieSecrets"/>): a kept one costs less than half of a one-shot HMAC.
    /// </summary>
    internal static void Write(Span<byte> destination, IncrementalHash mac, in StateCookie fields)
    {
        var body = WriteBody(destination, fields);
        mac.AppendData(body);
        mac.GetHashAndReset(destination.Slice(BodySize, MacSize));
    }

    private static Span<byte> WriteBody(Span<byte> destination, in StateCookie fields)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        var body = destination[..BodySize];
        body[0] = CurrentVersion;
        body[1] = (byte)fields.Features;
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], fields.LocalPort);
        BinaryPrimitives.WriteUInt16BigEndian(body[4..], fields.PeerPort);
        BinaryPrimitives.WriteUInt16BigEndian(body[6..], 0);
        BinaryPrimitives.WriteInt64BigEndian(body[8..], fields.CreatedAt.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(body[16..], fields.Lifetime.Ticks);
        BinaryPrimitives.WriteUInt32BigEndian(body[24..], fields.LocalTag.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[28..], fields.PeerTag.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[32..], fields.LocalInitialTsn.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[36..], fields.PeerInitialTsn.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[40..], fields.PeerReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(body[44..], fields.OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(body[46..], fields.InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(body[48..], fields.LocalTieTag.Value);
        BinaryPrimitives.WriteUInt32BigEndian(body[52..], fields.PeerTieTag.Value);
        return body;
    }

    /// <summary>The cookie signed with <paramref name="key"/>, as a new array.</summary>
    public byte[] ToArray(ReadOnlySpan<byte> key)
    {
        byte[] bytes = new byte[Size];
        WriteTo(bytes, key);
        return bytes;
    }

    /// <summary>
    /// Reads a cookie whose MAC verifies under <paramref name="key"/> (RFC 9260 section 5.1.5, steps 1-2:
    /// compute the MAC and compare it in constant time). Returns false, without saying why, for anything
    /// that is not a cookie we signed with this key. Never throws.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> key, out StateCookie result)
    {
        result = default;
        if (cookie.Length != Size || cookie[0] != CurrentVersion)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[MacSize];
        HMACSHA256.HashData(key, cookie[..BodySize], mac);
        return TryReadVerified(cookie, mac, out result);
    }

    /// <summary><see cref="TryRead(ReadOnlySpan{byte}, ReadOnlySpan{byte}, out StateCookie)"/> with an HMAC-SHA256 kept for the key.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> cookie, IncrementalHash key, out StateCookie result)
    {
        result = default;
        if (cookie.Length != Size || cookie[0] != CurrentVersion)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[MacSize];
        key.AppendData(cookie[..BodySize]);
        key.GetHashAndReset(mac);
        return TryReadVerified(cookie, mac, out result);
    }

    /// <summary>Compares <paramref name="mac"/> with the cookie's in constant time, then reads the fields.</summary>
    private static bool TryReadVerified(ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> mac, out StateCookie result)
    {
        result = default;
        if (!CryptographicOperations.FixedTimeEquals(mac, cookie.Slice(BodySize, MacSize)))
        {
            return false;
        }

        long created = BinaryPrimitives.ReadInt64BigEndian(cookie[8..]);
        long lifetime = BinaryPrimitives.ReadInt64BigEndian(cookie[16..]);
        if (lifetime < 0)
        {
            return false;
        }

        result = new StateCookie
        {
            Features = (NegotiatedFeatures)cookie[1],
            LocalPort = BinaryPrimitives.ReadUInt16BigEndian(cookie[2..]),
            PeerPort = BinaryPrimitives.ReadUInt16BigEndian(cookie[4..]),
            CreatedAt = TimeSpan.FromTicks(created),
            Lifetime = TimeSpan.FromTicks(lifetime),
            LocalTag = new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(cookie[24..])),
            PeerTag = new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(cookie[28..])),
            LocalInitialTsn = new Tsn(BinaryPrimitives.ReadUInt32BigEndian(cookie[32..])),
            PeerInitialTsn = new Tsn(BinaryPrimitives.ReadUInt32BigEndian(cookie[36..])),
            PeerReceiverWindow = BinaryPrimitives.ReadUInt32BigEndian(cookie[40..]),
            OutboundStreams = BinaryPrimitives.ReadUInt16BigEndian(cookie[44..]),
            InboundStreams = BinaryPrimitives.ReadUInt16BigEndian(cookie[46..]),
            LocalTieTag = new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(cookie[48..])),
            PeerTieTag = new VerificationTag(BinaryPrimitives.ReadUInt32BigEndian(cookie[52..])),
        };
        return true;
    }
}

/// <summary>
/// The endpoint's cookie secrets: a current key that signs, and the previous key, still accepted, so
/// that rotating the secret does not break handshakes in progress (RFC 9260 section 5.1.3 suggests
/// changing the secret key periodically).
/// </summary>
public sealed class CookieSecrets
{
    /// <summary>Key length in bytes.</summary>
    public const int KeySize = 32;

    private readonly IRandomSource _random;
    private readonly byte[] _current = new byte[KeySize];

    // HMAC-SHA256 instances kept for the current and previous keys: reused, they cost less than half of a
    // one-shot HMAC per cookie signed or checked, and allocate nothing. Replaced at each rotation only.
    private IncrementalHash _currentMac;
    private IncrementalHash? _previousMac;
    private TimeSpan _rotatedAt;

    /// <summary>Creates secrets drawn from <paramref name="random"/>, rotated every <paramref name="rotationInterval"/>.</summary>
    public CookieSecrets(IRandomSource random, TimeSpan now, TimeSpan rotationInterval)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rotationInterval, TimeSpan.Zero);
        _random = random;
        RotationInterval = rotationInterval;
        _random.Fill(_current);
        _currentMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _current);
        _rotatedAt = now;
    }

    /// <summary>How often the signing key changes. Cookies signed with the previous key remain readable for one more interval.</summary>
    public TimeSpan RotationInterval { get; }

    /// <summary>The key that signs new cookies, after rotating it if its time has come.</summary>
    public ReadOnlySpan<byte> GetSigningKey(TimeSpan now)
    {
        RotateIfDue(now);
        return _current;
    }

    /// <summary>Reads a cookie signed with the current or the previous key.</summary>
    public bool TryRead(ReadOnlySpan<byte> cookie, out StateCookie result) =>
        StateCookie.TryRead(cookie, _currentMac, out result)
        || (_previousMac is not null && StateCookie.TryRead(cookie, _previousMac, out result));

    /// <summary>The HMAC-SHA256 of the key that signs new cookies (<see cref="GetSigningKey"/>), after rotating it if its time has come.</summary>
    internal IncrementalHash GetSigner(TimeSpan now)
    {
        RotateIfDue(now);
        return _currentMac;
    }

    private void RotateIfDue(TimeSpan now)
    {
        if (now - _rotatedAt < RotationInterval)
        {
            return;
        }

        _previousMac?.Dispose();
        _previousMac = _currentMac;
        _random.Fill(_current);
        _currentMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _current);
        _rotatedAt = now;
    }
}
