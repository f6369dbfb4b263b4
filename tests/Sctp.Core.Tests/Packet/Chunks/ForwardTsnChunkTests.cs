using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class ForwardTsnChunkTests
{
    [Theory]
    [InlineData(0u, 0)]
    [InlineData(0xFFFFu, 1)]
    [InlineData(0xFFFF_FFFFu, 3)]
    [InlineData(1u, ForwardTsnChunk.MaxStreams)]
    public void RoundTrips(uint tsn, int streamCount)
    {
        ForwardTsnStream[] streams = [.. Enumerable.Range(0, streamCount).Select(i => new ForwardTsnStream(new StreamId((ushort)(0xFFFF - i)), new Ssn((ushort)(i * 3))))];
        var parsed = WireAssert.RoundTrip(new ForwardTsnChunk(new Tsn(tsn), streams));
        Assert.Equal(new Tsn(tsn), parsed.NewCumulativeTsn);
        Assert.Equal(streams, parsed.Streams);
        Assert.Equal(8 + (4 * streamCount), parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        var chunk = new ForwardTsnChunk(new Tsn(0x01020304), [new(new StreamId(1), new Ssn(2)), new(new StreamId(0xFFFF), new Ssn(0xFFFE))]);
        //                     type flags len   new cum TSN  stream-1 ssn-1  stream-2 ssn-2
        Assert.Equal(Hex.Parse("c0   00    0010  01020304     0001     0002   ffff     fffe"), chunk.ToArray());
        Assert.Equal(Hex.Parse("c0 00 0008 00000007"), new ForwardTsnChunk(new Tsn(7)).ToArray());
    }

    [Fact]
    public void FlagsAreIgnoredOnReceipt()
    {
        Assert.True(ForwardTsnChunk.TryParse(Hex.Parse("c0 ff 000c 00000007 0003 0004"), out var chunk, out var error), error.ToString());
        Assert.Equal(new Tsn(7), chunk.NewCumulativeTsn);
        Assert.Equal([new ForwardTsnStream(new StreamId(3), new Ssn(4))], chunk.Streams);
        Assert.Equal(Hex.Parse("c0 00 000c 00000007 0003 0004"), chunk.ToArray());
    }

    [Theory]
    [InlineData("c0 00 0004", ParseErrorKind.LengthTooSmall)]
    [InlineData("c0 00 0007 000000", ParseErrorKind.LengthTooSmall)]
    [InlineData("c0 00 000a 00000001 0001", ParseErrorKind.InvalidLength)]
    [InlineData("c0 00 000e 00000001 0001 0002 0003", ParseErrorKind.InvalidLength)]
    [InlineData("c0 00 000f 00000001 0001 0002 0003 00", ParseErrorKind.InvalidLength)]
    [InlineData("c0 00 000c 00000001 0001", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("c2 00 0008 00000001", ParseErrorKind.UnexpectedType)]
    [InlineData("c0", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind)
    {
        var error = WireAssert.Rejects<ForwardTsnChunk>(hex, kind);
        Assert.Equal(ChunkType.ForwardTsn, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsMoreStreamsThanTheLengthFieldHolds()
    {
        Assert.Equal(16381, ForwardTsnChunk.MaxStreams);
        Assert.Throws<ArgumentException>(() => new ForwardTsnChunk(default, new ForwardTsnStream[ForwardTsnChunk.MaxStreams + 1]));
    }

    [Fact]
    public void StreamsCannotBeChangedThroughTheList()
    {
        var source = new List<ForwardTsnStream> { new(new StreamId(1), new Ssn(1)) };
        var chunk = new ForwardTsnChunk(default, source);
        source[0] = new(new StreamId(2), new Ssn(2));
        Assert.Equal(new StreamId(1), chunk.Streams[0].StreamId);
        Assert.IsNotType<ForwardTsnStream[]>(chunk.Streams);
    }

    [Fact]
    public void ToStringShowsTheEntries() =>
        Assert.Equal(
            "FORWARD-TSN(new_cum_tsn=9, streams=[1:2, 3:4])",
            new ForwardTsnChunk(new Tsn(9), [new(new StreamId(1), new Ssn(2)), new(new StreamId(3), new Ssn(4))]).ToString());
}
