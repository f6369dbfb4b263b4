using System.Net;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class UnrecognizedParameterParameterTests
{
    [Theory]
    [InlineData("7f ff 00 04")]
    [InlineData("7f ff 00 05 aa")]
    [InlineData("7f ff 00 06 aa bb")]
    [InlineData("7f ff 00 07 aa bb cc")]
    [InlineData("7f ff 00 08 aa bb cc dd")]
    public void RoundTripsEveryPadding(string reported)
    {
        byte[] bytes = Hex.Parse(reported);
        var parameter = new UnrecognizedParameterParameter(bytes);
        Assert.Equal(ParameterAssert.PaddingFor(4 + bytes.Length), parameter.SerializedSize - parameter.Length);
        var parsed = ParameterAssert.RoundTrip(parameter, UnrecognizedParameterParameter.TryParse);
        Assert.Equal(bytes, parsed.ParameterBytes.ToArray());
        Assert.Equal((ParameterType)0x7fff, parsed.UnrecognizedType);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 08 00 0b 7f ff 00 07 aa bb cc 00"),
            new UnrecognizedParameterParameter(Hex.Parse("7f ff 00 07 aa bb cc")).ToArray());

    [Fact]
    public void WrapsAParameterWithoutItsPadding()
    {
        var wrapped = new UnrecognizedParameterParameter(new UnknownParameter((ParameterType)0x4123, [1, 2, 3]));
        Assert.Equal(Hex.Parse("41 23 00 07 01 02 03"), wrapped.ParameterBytes.ToArray());
        Assert.Equal((ParameterType)0x4123, wrapped.UnrecognizedType);
    }

    [Fact]
    public void KeepsThePaddingSomeSendersCopy()
    {
        var parsed = ParameterAssert.RoundTrip(
            new UnrecognizedParameterParameter(Hex.Parse("7f ff 00 05 aa 00 00 00")), UnrecognizedParameterParameter.TryParse);
        Assert.Equal(8, parsed.ParameterBytes.Length);
        Assert.True(parsed.TryParseReported(out var reported, out _));
        Assert.Equal(new byte[] { 0xaa }, Assert.IsType<UnknownParameter>(reported).Value.ToArray());
    }

    [Fact]
    public void ParsesTheReportedParameter()
    {
        var wrapped = new UnrecognizedParameterParameter(new Ipv4AddressParameter(IPAddress.Parse("192.0.2.1")));
        Assert.True(wrapped.TryParseReported(out var reported, out _));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), Assert.IsType<Ipv4AddressParameter>(reported).Address);
    }

    [Fact]
    public void ReportsAMalformedReportedParameterAtItsOffset()
    {
        // A Host Name Address with no terminator: the fault is its last byte, at 4 + 4 + 2 - 1 here.
        var wrapped = new UnrecognizedParameterParameter(Hex.Parse("00 0b 00 06 61 62"));
        Assert.False(wrapped.TryParseReported(out _, out var error));
        Assert.Equal(ParseErrorKind.InvalidField, error.Kind);
        Assert.Equal(9, error.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7f ff 00")]
    [InlineData("7f ff 00 03")]
    [InlineData("7f ff 00 06 aa")]
    [InlineData("7f ff 00 04 00 00 00 00 00")]
    public void ConstructorRejectsBytesThatAreNotOneParameter(string hex) =>
        Assert.Throws<ArgumentException>(() => new UnrecognizedParameterParameter(Hex.Parse(hex)));

    [Fact]
    public void ConstructorRejectsNull() =>
        Assert.Throws<ArgumentNullException>(() => new UnrecognizedParameterParameter((Parameter)null!));

    [Theory]
    [InlineData("00 08 00 04", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 08 00 07 7f ff 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 08 00 08 7f ff 00 03", ParseErrorKind.LengthTooSmall, 6)]
    [InlineData("00 08 00 09 7f ff 00 06 aa", ParseErrorKind.LengthExceedsBuffer, 6)]
    [InlineData("00 08 00 0d 7f ff 00 04 00 00 00 00 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 08 00 10 7f ff 00 04 7f ff 00 04 00 00 00 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 08 00 08 7f ff", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 08", ParseErrorKind.Truncated, 0)]
    [InlineData("00 07 00 08 7f ff 00 04", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<UnrecognizedParameterParameter>(hex, UnrecognizedParameterParameter.TryParse, kind, offset);
}
