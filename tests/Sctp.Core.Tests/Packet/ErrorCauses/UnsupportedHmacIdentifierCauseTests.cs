using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class UnsupportedHmacIdentifierCauseTests
{
    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)1)]
    [InlineData((ushort)3)]
    [InlineData((ushort)0xFFFF)]
    public void RoundTripsWithTwoPaddingBytes(ushort id)
    {
        var parsed = CauseAssert.RoundTrip(new UnsupportedHmacIdentifierCause(id), UnsupportedHmacIdentifierCause.TryParse);
        Assert.Equal(id, parsed.HmacIdentifier);
        Assert.Equal(6, parsed.Length);
        Assert.Equal(8, parsed.SerializedSize);
    }

    [Fact]
    public void WritesRfcLayoutWithThePaddingOutsideTheLength() =>
        CauseAssert.HasLayout(new UnsupportedHmacIdentifierCause(2), "01 05 00 06 00 02 00 00", UnsupportedHmacIdentifierCause.TryParse);

    [Theory]
    [InlineData("01 05 00 08 00 02 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("01 05 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("01 05 00 05 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("01 05 00 06 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("01 04 00 06 00 02", ParseErrorKind.UnexpectedType)]
    [InlineData("01 05 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<UnsupportedHmacIdentifierCause>(hex, kind, UnsupportedHmacIdentifierCause.TryParse);
}
