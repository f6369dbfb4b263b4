using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class PaddingParameterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(65531)]
    public void RoundTripsEveryPadding(int length)
    {
        var parameter = new PaddingParameter(length);
        Assert.Equal(ParameterAssert.PaddingFor(4 + length), parameter.SerializedSize - parameter.Length);
        Assert.Equal(length, ParameterAssert.RoundTrip(parameter, PaddingParameter.TryParse).PaddingLength);
    }

    [Fact]
    public void WritesRfcLayoutWithZeroData() =>
        Assert.Equal(Hex.Parse("80 05 00 07 00 00 00 00"), new PaddingParameter(3).ToArray());

    [Fact]
    public void IgnoresThePaddingDataItReceives()
    {
        Assert.True(PaddingParameter.TryParse(Hex.Parse("80 05 00 07 de ad be"), out var parsed, out _));
        Assert.Equal(3, parsed.PaddingLength);
        Assert.Equal(new PaddingParameter(3), parsed);
        Assert.Equal(Hex.Parse("80 05 00 07 00 00 00 00"), parsed.ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65532)]
    public void RejectsLengthsTheLengthFieldCannotHold(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingParameter(length));

    [Theory]
    [InlineData("80 05 00 08 00 00", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("80 05 00 05 00 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("80 05", ParseErrorKind.Truncated, 0)]
    [InlineData("80 04 00 04", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<PaddingParameter>(hex, PaddingParameter.TryParse, kind, offset);
}
