using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.Chunks;

public sealed class AbortChunkTests : ErrorCauseChunkBaseTests<AbortChunk>
{
    private protected override ChunkType Type => ChunkType.Abort;

    private protected override AbortChunk Create(params IEnumerable<ErrorCause> causes) => new(false, causes);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsWithoutCauses(bool tagReflected)
    {
        var parsed = WireAssert.RoundTrip(new AbortChunk(tagReflected));
        Assert.Equal(tagReflected, parsed.TagReflected);
        Assert.Empty(parsed.Causes);
    }

    [Fact]
    public void RoundTripsTheTagReflectedBitWithCauses() =>
        Assert.True(WireAssert.RoundTrip(new AbortChunk(true, TestItems.Cause(3))).TagReflected);

    [Fact]
    public void WritesRfcLayout()
    {
        Assert.Equal(Hex.Parse("06 00 00 04"), new AbortChunk(false).ToArray());
        Assert.Equal(Hex.Parse("06 01 00 04"), new AbortChunk(true).ToArray());

        // User-Initiated Abort with the reason "abc", then Out of Resource.
        var chunk = new AbortChunk(
            true,
            new UnknownErrorCause(ErrorCauseCode.UserInitiatedAbort, "abc"u8),
            new UnknownErrorCause(ErrorCauseCode.OutOfResource, []));
        Assert.Equal(Hex.Parse("06 01 00 10 000c 0007 616263 00 0004 0004"), chunk.ToArray());
    }

    [Fact]
    public void ParsesRfcLayout()
    {
        byte[] bytes = Hex.Parse("06 01 00 0b 000c 0007 616263 00");
        Assert.True(AbortChunk.TryParse(bytes.AsSpan(0, 11), out var chunk, out var error), error.ToString());
        Assert.True(chunk.TagReflected);
        var cause = Assert.Single(chunk.Causes);
        Assert.Equal(ErrorCauseCode.UserInitiatedAbort, cause.Code);
        Assert.Equal(Hex.Parse("000c 0007 616263 00"), cause.ToArray());
        Assert.Equal(bytes, chunk.ToArray());
    }

    [Theory]
    [InlineData("fe", false)]
    [InlineData("ff", true)]
    [InlineData("03", true)]
    public void ReadsTheTBitAndIgnoresReservedFlags(string flags, bool tagReflected)
    {
        Assert.True(AbortChunk.TryParse(Hex.Parse($"06 {flags} 00 04"), out var chunk, out _));
        Assert.Equal(tagReflected, chunk.TagReflected);
        Assert.Equal(tagReflected ? 1 : 0, chunk.Flags);
    }

    [Fact]
    public void DiffersFromTheSameAbortWithTheOtherTBit() =>
        Assert.NotEqual(new AbortChunk(false), new AbortChunk(true));
}
