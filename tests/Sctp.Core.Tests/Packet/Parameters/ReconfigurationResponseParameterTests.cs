using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class ReconfigurationResponseParameterTests
{
    [Theory]
    [InlineData(ReconfigurationResult.SuccessNothingToDo)]
    [InlineData(ReconfigurationResult.SuccessPerformed)]
    [InlineData(ReconfigurationResult.Denied)]
    [InlineData(ReconfigurationResult.ErrorWrongSsn)]
    [InlineData(ReconfigurationResult.ErrorRequestAlreadyInProgress)]
    [InlineData(ReconfigurationResult.ErrorBadSequenceNumber)]
    [InlineData(ReconfigurationResult.InProgress)]
    public void RoundTripsEveryResultWithoutTsns(ReconfigurationResult result)
    {
        var parsed = ParameterAssert.RoundTrip(
            new ReconfigurationResponseParameter(new ReconfigRequestSequenceNumber(0xFFFF_FFFF), result), ReconfigurationResponseParameter.TryParse);
        Assert.Equal(result, parsed.Result);
        Assert.Equal(12, parsed.Length);
        Assert.False(parsed.HasTsns);
        Assert.Null(parsed.SenderNextTsn);
        Assert.Null(parsed.ReceiverNextTsn);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(0xFFFF_FFFFu, 1u)]
    public void RoundTripsWithTsns(uint senderNext, uint receiverNext)
    {
        var parsed = ParameterAssert.RoundTrip(
            new ReconfigurationResponseParameter(new ReconfigRequestSequenceNumber(0), ReconfigurationResult.SuccessPerformed, new Tsn(senderNext), new Tsn(receiverNext)),
            ReconfigurationResponseParameter.TryParse);
        Assert.Equal(20, parsed.Length);
        Assert.True(parsed.HasTsns);
        Assert.Equal(new Tsn(senderNext), parsed.SenderNextTsn);
        Assert.Equal(new Tsn(receiverNext), parsed.ReceiverNextTsn);
    }

    [Fact]
    public void WritesRfcLayoutWithoutTsns() =>
        Assert.Equal(
            Hex.Parse("00 10 00 0c 00 00 00 05 00 00 00 06"),
            new ReconfigurationResponseParameter(new ReconfigRequestSequenceNumber(5), ReconfigurationResult.InProgress).ToArray());

    [Fact]
    public void WritesRfcLayoutWithTsns() =>
        Assert.Equal(
            Hex.Parse("00 10 00 14 00 00 00 05 00 00 00 01 11 11 11 11 22 22 22 22"),
            new ReconfigurationResponseParameter(
                new ReconfigRequestSequenceNumber(5), ReconfigurationResult.SuccessPerformed, new Tsn(0x11111111), new Tsn(0x22222222)).ToArray());

    [Fact]
    public void RejectsAResultRfc6525DoesNotDefine() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconfigurationResponseParameter(default, (ReconfigurationResult)7));

    [Theory]
    [InlineData("00 10 00 10 00 00 00 05 00 00 00 01 00 00 00 01", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 10 00 0d 00 00 00 05 00 00 00 01 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 10 00 18 00 00 00 05 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 03", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 10 00 08 00 00 00 05", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 10 00 0c 00 00 00 05 00 00 00 07", ParseErrorKind.InvalidField, 8)]
    [InlineData("00 10 00 0c 00 00 00 05 ff ff ff ff", ParseErrorKind.InvalidField, 8)]
    [InlineData("00 10 00 14 00 00 00 05 00 00 00 01", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 10 00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 0f 00 0c 00 00 00 05 00 00 00 01", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<ReconfigurationResponseParameter>(hex, ReconfigurationResponseParameter.TryParse, kind, offset);
}
