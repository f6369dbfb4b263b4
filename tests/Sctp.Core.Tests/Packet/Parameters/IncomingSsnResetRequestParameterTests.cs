using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class IncomingSsnResetRequestParameterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void RoundTripsWithAndWithoutPadding(int count)
    {
        var streams = Enumerable.Range(0, count).Select(i => new StreamId((ushort)(65535 - i))).ToArray();
        var parameter = new IncomingSsnResetRequestParameter(new ReconfigRequestSequenceNumber(0xFFFF_FFFF), streams);
        Assert.Equal(ParameterAssert.PaddingFor(8 + (2 * count)), parameter.SerializedSize - parameter.Length);
        var parsed = ParameterAssert.RoundTrip(parameter, IncomingSsnResetRequestParameter.TryParse);
        Assert.Equal(streams, parsed.Streams);
        Assert.Equal(new ReconfigRequestSequenceNumber(0xFFFF_FFFF), parsed.RequestSequenceNumber);
        Assert.Equal(count == 0, parsed.ResetsAllStreams);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 0e 00 0a 00 00 00 07 00 01 00 00"),
            new IncomingSsnResetRequestParameter(new ReconfigRequestSequenceNumber(7), [new StreamId(1)]).ToArray());

    [Fact]
    public void AnEmptyListAsksForEveryStream() =>
        Assert.True(ParameterAssert.RoundTrip(
            new IncomingSsnResetRequestParameter(new ReconfigRequestSequenceNumber(7), []), IncomingSsnResetRequestParameter.TryParse).ResetsAllStreams);

    [Fact]
    public void ValidatesConstructorArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new IncomingSsnResetRequestParameter(default, null!));
        Assert.Throws<ArgumentException>(() => new IncomingSsnResetRequestParameter(default, new StreamId[32764]));
    }

    [Theory]
    [InlineData("00 0e 00 09 00 00 00 07 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0e 00 07 00 00 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 0e 00 0a 00 00 00 07", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 0d 00 08 00 00 00 07", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<IncomingSsnResetRequestParameter>(hex, IncomingSsnResetRequestParameter.TryParse, kind, offset);
}
