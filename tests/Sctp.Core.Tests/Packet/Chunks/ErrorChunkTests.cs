using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.Chunks;

public sealed class ErrorChunkTests : ErrorCauseChunkBaseTests<ErrorChunk>
{
    private protected override ChunkType Type => ChunkType.Error;

    private protected override ErrorChunk Create(params IEnumerable<ErrorCause> causes) => new(causes);

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("09 00 00 08 0004 0004"),
            new ErrorChunk(new UnknownErrorCause(ErrorCauseCode.OutOfResource, [])).ToArray());

    [Fact]
    public void ParsesRfcLayout()
    {
        // Protocol Violation with additional information "x", padded.
        byte[] bytes = Hex.Parse("09 00 00 09 000d 0005 78 000000");
        Assert.True(ErrorChunk.TryParse(bytes.AsSpan(0, 9), out var chunk, out var error), error.ToString());
        Assert.Equal(ErrorCauseCode.ProtocolViolation, Assert.Single(chunk.Causes).Code);
        Assert.Equal(bytes, chunk.ToArray());
    }

    [Fact]
    public void IgnoresFlags()
    {
        Assert.True(ErrorChunk.TryParse(Hex.Parse("09 ff 00 08 0004 0004"), out var chunk, out _));
        Assert.Equal(0, chunk.Flags);
    }

    [Fact]
    public void RejectsAnErrorWithoutCauses()
    {
        var error = WireAssert.Rejects<ErrorChunk>("09 00 00 04", ParseErrorKind.LengthTooSmall);
        Assert.Equal(2, error.Offset);
        Assert.Throws<ArgumentException>("causes", () => new ErrorChunk());
        Assert.Throws<ArgumentException>("causes", () => new ErrorChunk([]));
    }
}
