using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class StaleCookieCauseTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(uint.MaxValue)]
    public void RoundTrips(uint microseconds)
    {
        var parsed = CauseAssert.RoundTrip(new StaleCookieCause(microseconds), StaleCookieCause.TryParse);
        Assert.Equal(microseconds, parsed.MeasureOfStaleness);
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), parsed.Staleness);
    }

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new StaleCookieCause(0x0001E240), "00 03 00 08 00 01 e2 40", StaleCookieCause.TryParse);

    [Fact]
    public void ParsesWhatUsrsctpSendsForACookieEchoedLate()
    {
        // From stale-cookie.txt: the cookie came back 65.3 s after the INIT-ACK; its lifetime is 60 s.
        var cause = CauseAssert.Parses<StaleCookieCause>("00 03 00 08 00 50 f4 f3", StaleCookieCause.TryParse);
        Assert.Equal(5_305_587u, cause.MeasureOfStaleness);
        Assert.Equal(TimeSpan.FromMicroseconds(5_305_587), cause.Staleness);
    }

    [Fact]
    public void FromStalenessRoundsDownToMicroseconds() =>
        Assert.Equal(1u, StaleCookieCause.FromStaleness(TimeSpan.FromTicks(19)).MeasureOfStaleness);

    [Fact]
    public void FromStalenessSaturatesBeyondTheFieldsRange()
    {
        Assert.Equal(uint.MaxValue, StaleCookieCause.FromStaleness(TimeSpan.FromHours(2)).MeasureOfStaleness);
        Assert.Equal(uint.MaxValue, StaleCookieCause.FromStaleness(TimeSpan.MaxValue).MeasureOfStaleness);
    }

    [Fact]
    public void FromStalenessRejectsNegativeSpans() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StaleCookieCause.FromStaleness(TimeSpan.FromTicks(-1)));

    [Theory]
    [InlineData("00 03 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 03 00 07 00 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 03 00 0c 00 00 00 01 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 03 00 08 00 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 04 00 08 00 00 00 01", ParseErrorKind.UnexpectedType)]
    [InlineData("00 03 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<StaleCookieCause>(hex, kind, StaleCookieCause.TryParse);
}
