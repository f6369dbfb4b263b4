using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.Chunks;

public abstract class ErrorCauseChunkBaseTests<T> where T : ErrorCauseChunkBase, IChunkParser<T>
{
    private protected abstract ChunkType Type { get; }

    private protected abstract T Create(params IEnumerable<ErrorCause> causes);

    private protected string TypeHex => ((byte)Type).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RoundTripsOneCause(int valueLength)
    {
        var parsed = WireAssert.RoundTrip(Create(TestItems.Cause(valueLength)));
        var cause = Assert.IsType<UnknownErrorCause>(Assert.Single(parsed.Causes));
        Assert.Equal(TestItems.UnassignedCause, cause.Code);
        Assert.Equal(TestItems.Bytes(valueLength), cause.Value.ToArray());
        Assert.Equal(8 + valueLength, parsed.Length);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    public void RoundTripsSeveralCauses(int firstValueLength, int lastValueLength)
    {
        var parsed = WireAssert.RoundTrip(Create(TestItems.Cause(firstValueLength), TestItems.Cause(2, (ErrorCauseCode)0x3F02), TestItems.Cause(lastValueLength)));
        Assert.Equal(3, parsed.Causes.Count);
        Assert.Equal(4 + 8 + 8 + 4 + lastValueLength, parsed.Length);
    }

    [Fact]
    public void GetCauseReturnsTheFirstOfTheType()
    {
        var chunk = Create(TestItems.Cause(1), TestItems.Cause(2));
        Assert.Same(chunk.Causes[0], chunk.GetCause<UnknownErrorCause>());
    }

    [Fact]
    public void OwnsItsCauses()
    {
        var causes = new List<ErrorCause> { TestItems.Cause(1) };
        var chunk = Create(causes);
        causes.Add(TestItems.Cause(2));
        Assert.Single(chunk.Causes);
    }

    [Theory]
    [InlineData("00", ParseErrorKind.Truncated)]
    [InlineData("00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 00 0c 0004 0004", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 00 08 0004 0004 00000000", ParseErrorKind.InvalidLength)]
    public void RejectsMalformedFraming(string rest, ParseErrorKind kind) =>
        WireAssert.Rejects<T>($"{TypeHex} {rest}", kind);

    [Fact]
    public void RejectsAnotherChunkType() =>
        WireAssert.Rejects<T>($"{(Type == ChunkType.Abort ? "09" : "06")} 00 00 08 0004 0004", ParseErrorKind.UnexpectedType);

    [Theory]
    [InlineData("00 0a 3f01 0008 aabb", ParseErrorKind.LengthExceedsBuffer, 4)]
    [InlineData("00 08 3f01 0002", ParseErrorKind.LengthTooSmall, 4)]
    [InlineData("00 0a 3f01 0004 3f02", ParseErrorKind.Truncated, 8)]
    [InlineData("00 12 3f01 0005 aa000000 3f02 0009 bbcc", ParseErrorKind.LengthExceedsBuffer, 12)]
    [InlineData("00 0f 3f01 0005 aa000000 3f02 00", ParseErrorKind.Truncated, 12)]
    public void RejectsCausesOverrunningTheChunk(string rest, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<T>($"{TypeHex} 00 {rest}", kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(Type, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsNullAndOversizedCauses()
    {
        Assert.Throws<ArgumentException>("causes", () => Create([null!]));
        Assert.Throws<ArgumentException>("causes", () => Create(TestItems.Cause(40_000), TestItems.Cause(40_000)));
    }
}
