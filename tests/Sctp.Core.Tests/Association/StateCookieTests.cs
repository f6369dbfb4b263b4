namespace Sctp.Tests.Associations;

public class StateCookieTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static StateCookie Sample() => new()
    {
        Features = NegotiatedFeatures.PartialReliability | NegotiatedFeatures.StreamReset,
        LocalPort = 5000,
        PeerPort = 5001,
        CreatedAt = TimeSpan.FromSeconds(10),
        Lifetime = TimeSpan.FromSeconds(60),
        LocalTag = new VerificationTag(0xDEADBEEF),
        PeerTag = new VerificationTag(0x01020304),
        LocalInitialTsn = new Tsn(0xFFFF_FFF0),
        PeerInitialTsn = new Tsn(7),
        PeerReceiverWindow = 131072,
        OutboundStreams = 10,
        InboundStreams = 65535,
        LocalTieTag = new VerificationTag(0),
        PeerTieTag = new VerificationTag(0x55555555),
    };

    [Fact]
    public void Rfc9260_5_1_3_RoundTripsUnderItsKey()
    {
        var cookie = Sample();
        byte[] bytes = cookie.ToArray(Key);
        Assert.Equal(StateCookie.Size, bytes.Length);
        Assert.True(StateCookie.TryRead(bytes, Key, out var read));
        Assert.Equal(cookie, read);
    }

    [Fact]
    public void Rfc9260_5_1_5_AnyAlteredByteOrWrongKeyIsRejected()
    {
        byte[] bytes = Sample().ToArray(Key);
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= 0x01;
            Assert.False(StateCookie.TryRead(bytes, Key, out _), $"byte {i}");
            bytes[i] ^= 0x01;
        }

        byte[] otherKey = (byte[])Key.Clone();
        otherKey[0] ^= 0xFF;
        Assert.False(StateCookie.TryRead(bytes, otherKey, out _));
        Assert.False(StateCookie.TryRead(bytes.AsSpan(0, bytes.Length - 1), Key, out _));
        Assert.False(StateCookie.TryRead([], Key, out _));
    }

    [Fact]
    public void Rfc9260_5_1_5_StalenessIsMeasuredPastTheLifetime()
    {
        var cookie = Sample();
        Assert.False(cookie.IsExpired(TimeSpan.FromSeconds(70)));
        Assert.True(cookie.IsExpired(TimeSpan.FromSeconds(70.5)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), cookie.Staleness(TimeSpan.FromSeconds(70.5)));
        Assert.Equal(TimeSpan.Zero, cookie.Staleness(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void SecretsRotateAndStillAcceptThePreviousKey()
    {
        var secrets = new CookieSecrets(new SeededRandomSource(3), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        byte[] first = Sample().ToArray(secrets.GetSigningKey(TimeSpan.FromSeconds(1)));
        Assert.True(secrets.TryRead(first, out _));

        byte[] second = Sample().ToArray(secrets.GetSigningKey(TimeSpan.FromSeconds(61)));
        Assert.NotEqual(first, second);
        Assert.True(secrets.TryRead(first, out _));
        Assert.True(secrets.TryRead(second, out _));

        secrets.GetSigningKey(TimeSpan.FromSeconds(122));
        Assert.False(secrets.TryRead(first, out _));
        Assert.True(secrets.TryRead(second, out _));
    }

    [Fact]
    public void SeededSecretsAreDeterministic()
    {
        var a = new CookieSecrets(new SeededRandomSource(9), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var b = new CookieSecrets(new SeededRandomSource(9), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal(a.GetSigningKey(TimeSpan.Zero).ToArray(), b.GetSigningKey(TimeSpan.Zero).ToArray());
    }
}
