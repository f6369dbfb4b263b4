using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class NoUserDataCauseTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(uint.MaxValue)]
    public void RoundTrips(uint tsn) =>
        Assert.Equal(new Tsn(tsn), CauseAssert.RoundTrip(new NoUserDataCause(new Tsn(tsn)), NoUserDataCause.TryParse).Tsn);

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new NoUserDataCause(new Tsn(0x12345678)), "00 09 00 08 12 34 56 78", NoUserDataCause.TryParse);

    [Fact]
    public void ParsesWhatUsrsctpSendsForEmptyData()
    {
        // From errors-probe.txt: the probe's empty DATA chunk had TSN 1001.
        Assert.Equal(new Tsn(1001), CauseAssert.Parses<NoUserDataCause>("00 09 00 08 00 00 03 e9", NoUserDataCause.TryParse).Tsn);
    }

    [Theory]
    [InlineData("00 09 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 09 00 0c 00 00 00 01 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 09 00 08 00 00 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 0a 00 08 00 00 00 01", ParseErrorKind.UnexpectedType)]
    [InlineData("", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<NoUserDataCause>(hex, kind, NoUserDataCause.TryParse);
}
