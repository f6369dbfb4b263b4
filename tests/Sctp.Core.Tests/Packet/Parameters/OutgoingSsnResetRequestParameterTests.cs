using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class OutgoingSsnResetRequestParameterTests
{
    private static OutgoingSsnResetRequestParameter Create(params ushort[] streams) =>
        new(new ReconfigRequestSequenceNumber(1), new ReconfigRequestSequenceNumber(2), new Tsn(3), streams.Select(s => new StreamId(s)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RoundTripsWithAndWithoutPadding(int count)
    {
        ushort[] streams = [.. Enumerable.Range(0, count).Select(i => (ushort)(i * 1000))];
        var parameter = Create(streams);
        Assert.Equal(ParameterAssert.PaddingFor(16 + (2 * count)), parameter.SerializedSize - parameter.Length);
        var parsed = ParameterAssert.RoundTrip(parameter, OutgoingSsnResetRequestParameter.TryParse);
        Assert.Equal(streams.Select(s => new StreamId(s)), parsed.Streams);
        Assert.Equal(count == 0, parsed.ResetsAllStreams);
    }

    [Theory]
    [InlineData(0u, 0u, 0u, (ushort)0)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, ushort.MaxValue)]
    public void RoundTripsBoundaryValues(uint request, uint response, uint tsn, ushort stream)
    {
        var parsed = ParameterAssert.RoundTrip(
            new OutgoingSsnResetRequestParameter(
                new ReconfigRequestSequenceNumber(request), new ReconfigRequestSequenceNumber(response), new Tsn(tsn), [new StreamId(stream)]),
            OutgoingSsnResetRequestParameter.TryParse);
        Assert.Equal(request, parsed.RequestSequenceNumber.Value);
        Assert.Equal(response, parsed.ResponseSequenceNumber.Value);
        Assert.Equal(tsn, parsed.SenderLastAssignedTsn.Value);
        Assert.Equal(stream, Assert.Single(parsed.Streams).Value);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 0d 00 16 00 00 00 01 00 00 00 02 00 00 00 03 00 04 00 05 00 06 00 00"),
            Create(4, 5, 6).ToArray());

    [Fact]
    public void OwnsItsStreamList()
    {
        var streams = new[] { new StreamId(1) };
        var parameter = new OutgoingSsnResetRequestParameter(default, default, default, streams);
        streams[0] = new StreamId(9);
        Assert.Equal(new[] { new StreamId(1) }, parameter.Streams);
        Assert.IsNotType<StreamId[]>(parameter.Streams);
    }

    [Fact]
    public void ValidatesConstructorArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new OutgoingSsnResetRequestParameter(default, default, default, null!));
        Assert.Throws<ArgumentException>(() => new OutgoingSsnResetRequestParameter(default, default, default, new StreamId[32760]));
    }

    [Theory]
    [InlineData("00 0d 00 11 00 00 00 01 00 00 00 02 00 00 00 03 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0d 00 13 00 00 00 01 00 00 00 02 00 00 00 03 00 04 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0d 00 0f 00 00 00 01 00 00 00 02 00 00 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 0d 00 10 00 00 00 01", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 0d", ParseErrorKind.Truncated, 0)]
    [InlineData("00 0e 00 10 00 00 00 01 00 00 00 02 00 00 00 03", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<OutgoingSsnResetRequestParameter>(hex, OutgoingSsnResetRequestParameter.TryParse, kind, offset);
}
