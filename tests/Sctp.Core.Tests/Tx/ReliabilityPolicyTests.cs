using Sctp.Tx;

namespace Sctp.Tests.Tx;

public class ReliabilityPolicyTests
{
    [Fact]
    public void DefaultIsReliableAndNeverExpires()
    {
        ReliabilityPolicy policy = default;
        Assert.Equal(ReliabilityPolicy.Reliable, policy);
        Assert.True(policy.IsReliable);
        Assert.Equal(ReliabilityKind.Reliable, policy.Kind);
        Assert.Equal(TimeSpan.MaxValue, policy.ExpiryFor(TimeSpan.FromSeconds(5)));
        Assert.True(policy.AllowsRetransmission(1_000_000));
        Assert.Equal("Reliable", policy.ToString());
    }

    [Fact]
    public void Rfc7496_4_1_LimitedRetransmissionsAllowsExactlyNRetransmissions()
    {
        var policy = ReliabilityPolicy.LimitedRetransmissions(2);
        Assert.Equal(ReliabilityKind.LimitedRetransmissions, policy.Kind);
        Assert.False(policy.IsReliable);
        Assert.Equal(2, policy.MaxRetransmissions);
        Assert.True(policy.AllowsRetransmission(0));
        Assert.True(policy.AllowsRetransmission(1));
        Assert.False(policy.AllowsRetransmission(2));
        Assert.Equal(TimeSpan.MaxValue, policy.ExpiryFor(TimeSpan.Zero));
        Assert.Equal("LimitedRetransmissions(2)", policy.ToString());
    }

    [Fact]
    public void Rfc7496_4_1_ZeroRetransmissionsMeansSentOnce()
    {
        var policy = ReliabilityPolicy.LimitedRetransmissions(0);
        Assert.False(policy.AllowsRetransmission(0));
    }

    [Fact]
    public void NegativeRetransmissionLimitIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliabilityPolicy.LimitedRetransmissions(-1));
    }

    [Fact]
    public void Rfc3758_4_1_TimedExpiresLifetimeAfterQueueing()
    {
        var policy = ReliabilityPolicy.Timed(TimeSpan.FromMilliseconds(150));
        Assert.Equal(ReliabilityKind.Timed, policy.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(150), policy.Lifetime);
        Assert.Equal(TimeSpan.FromMilliseconds(1150), policy.ExpiryFor(TimeSpan.FromSeconds(1)));
        Assert.True(policy.AllowsRetransmission(100));
        Assert.Equal("Timed(00:00:00.1500000)", policy.ToString());
    }

    [Fact]
    public void TimedLifetimeIsValidatedAndSaturates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliabilityPolicy.Timed(TimeSpan.FromTicks(-1)));
        Assert.Equal(TimeSpan.FromSeconds(3), ReliabilityPolicy.Timed(TimeSpan.Zero).ExpiryFor(TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.MaxValue, ReliabilityPolicy.Timed(TimeSpan.MaxValue).ExpiryFor(TimeSpan.FromDays(1)));
    }

    [Fact]
    public void PoliciesCompareByValue()
    {
        Assert.Equal(ReliabilityPolicy.Timed(TimeSpan.FromSeconds(1)), ReliabilityPolicy.Timed(TimeSpan.FromSeconds(1)));
        Assert.NotEqual(ReliabilityPolicy.Timed(TimeSpan.FromSeconds(1)), ReliabilityPolicy.Timed(TimeSpan.FromSeconds(2)));
        Assert.NotEqual(ReliabilityPolicy.LimitedRetransmissions(0), ReliabilityPolicy.Reliable);
    }
}
