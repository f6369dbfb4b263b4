using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class InvalidStreamIdentifierCauseTests
{
    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)1)]
    [InlineData((ushort)0xFFFF)]
    public void RoundTrips(ushort stream)
    {
        var parsed = CauseAssert.RoundTrip(new InvalidStreamIdentifierCause(new StreamId(stream)), InvalidStreamIdentifierCause.TryParse);
        Assert.Equal(new StreamId(stream), parsed.StreamId);
        Assert.Equal(8, parsed.Length);
        Assert.Equal(8, parsed.SerializedSize);
    }

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new InvalidStreamIdentifierCause(new StreamId(0x1234)), "00 01 00 08 12 34 00 00", InvalidStreamIdentifierCause.TryParse);

    [Fact]
    public void IgnoresTheReservedBitsOnReceiptAndWritesThemAsZero()
    {
        var cause = CauseAssert.Parses<InvalidStreamIdentifierCause>("00 01 00 08 00 c8 ff ff", InvalidStreamIdentifierCause.TryParse);
        Assert.Equal(new StreamId(200), cause.StreamId);
        Assert.Equal(Hex.Parse("00 01 00 08 00 c8 00 00"), cause.ToArray());
    }

    [Theory]
    [InlineData("00 01 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 01 00 06 00 c8", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 01 00 0c 00 c8 00 00 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 01 00 08 00 c8 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 01 00 08 00 c8", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 09 00 08 00 c8 00 00", ParseErrorKind.UnexpectedType)]
    [InlineData("00 01", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<InvalidStreamIdentifierCause>(hex, kind, InvalidStreamIdentifierCause.TryParse);

    [Fact]
    public void ReportsTheLengthFieldAndTheCauseCode()
    {
        var error = CauseAssert.Rejects<InvalidStreamIdentifierCause>("00 01 00 0c 00 c8 00 00 00 00 00 00", ParseErrorKind.InvalidLength, InvalidStreamIdentifierCause.TryParse);
        Assert.Equal(2, error.Offset);
        Assert.Equal((ushort)ErrorCauseCode.InvalidStreamIdentifier, error.ItemType);
    }
}
