using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class IForwardTsnChunkTests
{
    [Theory]
    [InlineData(0u, 0)]
    [InlineData(0xFFFFu, 1)]
    [InlineData(0xFFFF_FFFFu, 4)]
    [InlineData(1u, IForwardTsnChunk.MaxStreams)]
    public void RoundTrips(uint tsn, int streamCount)
    {
        IForwardTsnStream[] streams =
        [
            .. Enumerable.Range(0, streamCount).Select(i => new IForwardTsnStream(
                new StreamId((ushort)(0xFFFF - i)),
                i % 2 == 1,
                new Mid(unchecked(0xFFFF_FFFF - (uint)i)))),
        ];
        var parsed = WireAssert.RoundTrip(new IForwardTsnChunk(new Tsn(tsn), streams));
        Assert.Equal(new Tsn(tsn), parsed.NewCumulativeTsn);
        Assert.Equal(streams, parsed.Streams);
        Assert.Equal(8 + (8 * streamCount), parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        var chunk = new IForwardTsnChunk(
            new Tsn(5),
            [new(new StreamId(1), false, new Mid(0x01020304)), new(new StreamId(2), true, new Mid(0xFFFF_FFFF))]);
        //                     type flags len  new cum TSN  SID  res+U MID       SID  res+U MID
        Assert.Equal(Hex.Parse("c2   00    0018 00000005     0001 0000  01020304  0002 0001  ffffffff"), chunk.ToArray());
        Assert.Equal(Hex.Parse("c2 00 0008 00000007"), new IForwardTsnChunk(new Tsn(7)).ToArray());
    }

    [Theory]
    [InlineData("fffe", false)]
    [InlineData("ffff", true)]
    [InlineData("8001", true)]
    [InlineData("0000", false)]
    public void ReservedBitsAndFlagsAreIgnoredOnReceipt(string reservedAndU, bool unordered)
    {
        Assert.True(IForwardTsnChunk.TryParse(Hex.Parse($"c2 ff 0010 00000007 0003 {reservedAndU} 00000009"), out var chunk, out var error), error.ToString());
        Assert.Equal([new IForwardTsnStream(new StreamId(3), unordered, new Mid(9))], chunk.Streams);
        Assert.Equal(Hex.Parse($"c2 00 0010 00000007 0003 {(unordered ? "0001" : "0000")} 00000009"), chunk.ToArray());
    }

    [Theory]
    [InlineData("c2 00 0004", ParseErrorKind.LengthTooSmall)]
    [InlineData("c2 00 000c 00000001 0001 0000", ParseErrorKind.InvalidLength)]
    [InlineData("c2 00 0014 00000001 0001 0000 00000002 0003 0000", ParseErrorKind.InvalidLength)]
    [InlineData("c2 00 0009 00000001 00", ParseErrorKind.InvalidLength)]
    [InlineData("c2 00 0010 00000001 0001 0000", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("c0 00 0008 00000001", ParseErrorKind.UnexpectedType)]
    [InlineData("c2 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind)
    {
        var error = WireAssert.Rejects<IForwardTsnChunk>(hex, kind);
        Assert.Equal(ChunkType.IForwardTsn, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsMoreStreamsThanTheLengthFieldHolds()
    {
        Assert.Equal(8190, IForwardTsnChunk.MaxStreams);
        Assert.Throws<ArgumentException>(() => new IForwardTsnChunk(default, new IForwardTsnStream[IForwardTsnChunk.MaxStreams + 1]));
    }

    [Fact]
    public void ToStringMarksUnorderedEntries() =>
        Assert.Equal(
            "I-FORWARD-TSN(new_cum_tsn=9, streams=[1:2, 3u:4])",
            new IForwardTsnChunk(new Tsn(9), [new(new StreamId(1), false, new Mid(2)), new(new StreamId(3), true, new Mid(4))]).ToString());
}
