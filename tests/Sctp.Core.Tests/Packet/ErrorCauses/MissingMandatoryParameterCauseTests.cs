using Sctp.Packet;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.ErrorCauses;

public class MissingMandatoryParameterCauseTests
{
    [Theory]
    [InlineData(0, 8, 0)]
    [InlineData(1, 10, 2)]
    [InlineData(2, 12, 0)]
    [InlineData(3, 14, 2)]
    public void RoundTripsAndPadsOddCounts(int count, int length, int padding)
    {
        var types = Enumerable.Range(0, count).Select(i => (ParameterType)(0x8000 + i)).ToArray();
        var parsed = CauseAssert.RoundTrip(new MissingMandatoryParameterCause(types), MissingMandatoryParameterCause.TryParse);
        Assert.Equal(types, parsed.MissingParameters);
        Assert.Equal(length, parsed.Length);
        Assert.Equal(padding, parsed.SerializedSize - parsed.Length);
    }

    [Fact]
    public void RoundTripsTheLargestCount()
    {
        var types = Enumerable.Repeat(ParameterType.StateCookie, MissingMandatoryParameterCause.MaxCount).ToArray();
        var parsed = CauseAssert.RoundTrip(new MissingMandatoryParameterCause(types), MissingMandatoryParameterCause.TryParse);
        Assert.Equal(MissingMandatoryParameterCause.MaxCount, parsed.MissingParameters.Count);
        Assert.Equal(65534, parsed.Length);
    }

    [Fact]
    public void RejectsMoreTypesThanTheLengthFieldCanCount() =>
        Assert.Throws<ArgumentException>(() => new MissingMandatoryParameterCause(new ParameterType[MissingMandatoryParameterCause.MaxCount + 1]));

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(
            new MissingMandatoryParameterCause(ParameterType.StateCookie, ParameterType.CookiePreservative, ParameterType.Ipv4Address),
            "00 02 00 0e 00 00 00 03 00 07 00 09 00 05 00 00",
            MissingMandatoryParameterCause.TryParse);

    [Fact]
    public void ParsesWhatUsrsctpSendsForAnInitAckWithoutCookie()
    {
        // From missing-parameter.txt: usrsctp's ABORT after an INIT-ACK that lacked the State Cookie.
        var cause = CauseAssert.Parses<MissingMandatoryParameterCause>("00 02 00 0a 00 00 00 01 00 07", MissingMandatoryParameterCause.TryParse);
        Assert.Equal(new[] { ParameterType.StateCookie }, cause.MissingParameters);
    }

    [Fact]
    public void OwnsItsTypes()
    {
        var types = new[] { ParameterType.StateCookie };
        var cause = new MissingMandatoryParameterCause(types);
        types[0] = ParameterType.Random;
        Assert.Equal(ParameterType.StateCookie, cause.MissingParameters[0]);
        Assert.False(cause.MissingParameters is ParameterType[]);
    }

    [Theory]
    [InlineData("00 02 00 0a 00 00 00 02 00 07", ParseErrorKind.CountMismatch)]
    [InlineData("00 02 00 0c 00 00 00 01 00 07 00 09", ParseErrorKind.CountMismatch)]
    [InlineData("00 02 00 0b 00 00 00 01 00 07 00", ParseErrorKind.CountMismatch)]
    [InlineData("00 02 00 08 ff ff ff ff", ParseErrorKind.CountMismatch)]
    [InlineData("00 02 00 06 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 02 00 0a 00 00 00 01", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 02 00 08 00 00 00 00 00 07", ParseErrorKind.InvalidLength)]
    [InlineData("00 03 00 08 00 00 00 00", ParseErrorKind.UnexpectedType)]
    [InlineData("00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<MissingMandatoryParameterCause>(hex, kind, MissingMandatoryParameterCause.TryParse);

    [Fact]
    public void ReportsACountMismatchAtTheCountField() =>
        Assert.Equal(4, CauseAssert.Rejects<MissingMandatoryParameterCause>("00 02 00 0a 00 00 00 02 00 07", ParseErrorKind.CountMismatch, MissingMandatoryParameterCause.TryParse).Offset);
}
