using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public abstract class HeartbeatChunkBaseTests<T> where T : HeartbeatChunkBase, IChunkParser<T>
{
    private protected abstract ChunkType Type { get; }

    private protected abstract T Create(ReadOnlySpan<byte> info);

    private string TypeHex => ((byte)Type).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(255)]
    public void RoundTrips(int infoLength)
    {
        var parsed = WireAssert.RoundTrip(Create(TestItems.Bytes(infoLength)));
        Assert.Equal(TestItems.Bytes(infoLength), parsed.Info.ToArray());
        Assert.Equal(8 + infoLength, parsed.Length);
    }

    [Fact]
    public void RoundTripsTheLargestInfo()
    {
        var parsed = WireAssert.RoundTrip(Create(new byte[HeartbeatChunkBase.MaxInfoLength]));
        Assert.Equal(ushort.MaxValue, parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        Assert.Equal(Hex.Parse($"{TypeHex} 00 00 0b 0001 0007 010203 00"), Create([1, 2, 3]).ToArray());
        Assert.Equal(Hex.Parse($"{TypeHex} 00 00 08 0001 0004"), Create([]).ToArray());
    }

    [Fact]
    public void ParsesRfcLayout()
    {
        Assert.True(T.TryParse(Hex.Parse($"{TypeHex} 00 00 0c 0001 0008 deadbeef"), out var chunk, out var error), error.ToString());
        Assert.Equal(Hex.Parse("deadbeef"), chunk.Info.ToArray());
    }

    [Fact]
    public void IgnoresParametersAfterTheHeartbeatInfo()
    {
        Assert.True(T.TryParse(Hex.Parse($"{TypeHex} 00 00 10 0001 0006 aabb 0000 0005 0004"), out var chunk, out var error), error.ToString());
        Assert.Equal(new byte[] { 0xaa, 0xbb }, chunk.Info.ToArray());
        Assert.Equal(Hex.Parse($"{TypeHex} 00 00 0a 0001 0006 aabb 0000"), chunk.ToArray());
    }

    [Fact]
    public void IgnoresFlags()
    {
        Assert.True(T.TryParse(Hex.Parse($"{TypeHex} ff 00 08 0001 0004"), out var chunk, out _));
        Assert.Equal(0, chunk.Flags);
    }

    [Fact]
    public void OwnsItsInfo()
    {
        byte[] info = [1, 2, 3];
        var chunk = Create(info);
        info[0] = 9;
        Assert.Equal(1, chunk.Info.Span[0]);
    }

    [Theory]
    [InlineData("00", ParseErrorKind.Truncated)]
    [InlineData("00 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 00 07 0001 00", ParseErrorKind.LengthTooSmall)]
    [InlineData("00 00 08 0001 0004 00000000", ParseErrorKind.InvalidLength)]
    [InlineData("00 00 0c 0001 0004", ParseErrorKind.LengthExceedsBuffer)]
    public void RejectsMalformedFraming(string rest, ParseErrorKind kind) =>
        WireAssert.Rejects<T>($"{TypeHex} {rest}", kind);

    [Fact]
    public void RejectsAnotherChunkType() =>
        WireAssert.Rejects<T>($"{(Type == ChunkType.Heartbeat ? "05" : "04")} 00 00 08 0001 0004", ParseErrorKind.UnexpectedType);

    [Fact]
    public void RejectsAFirstParameterOtherThanHeartbeatInfo()
    {
        var error = WireAssert.Rejects<T>($"{TypeHex} 00 00 0a 0007 0006 aabb", ParseErrorKind.InvalidField);
        Assert.Equal(4, error.Offset);
        Assert.Equal((ushort)7, error.ItemType);
        Assert.Equal(Type, error.Chunk);
    }

    [Theory]
    [InlineData("00 0a 0001 0008 aabb", ParseErrorKind.LengthExceedsBuffer, 4)]
    [InlineData("00 08 0001 0003", ParseErrorKind.LengthTooSmall, 4)]
    [InlineData("00 0e 0001 0006 aabb 0000 0005", ParseErrorKind.Truncated, 12)]
    [InlineData("00 12 0001 0006 aabb 0000 0005 0008 ccdd", ParseErrorKind.LengthExceedsBuffer, 12)]
    public void RejectsParametersOverrunningTheChunk(string rest, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<T>($"{TypeHex} 00 {rest}", kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(Type, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsOversizedInfo() =>
        Assert.Throws<ArgumentException>("info", () => Create(new byte[HeartbeatChunkBase.MaxInfoLength + 1]));
}
