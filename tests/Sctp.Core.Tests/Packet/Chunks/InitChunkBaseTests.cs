using Sctp.Packet;
using Sctp.Packet.Chunks;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Chunks;

public abstract class InitChunkBaseTests<T> where T : InitChunkBase, IChunkParser<T>
{
    private protected abstract ChunkType Type { get; }

    private protected abstract T Create(VerificationTag tag, uint window, ushort outbound, ushort inbound, Tsn tsn, params IEnumerable<Parameter> parameters);

    private string TypeHex => ((byte)Type).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A valid fixed part (tag 1, window 0x1000, 1 stream each way, TSN 0) after a header of <paramref name="lengthHex"/>.</summary>
    private string Fixed(string lengthHex) => $"{TypeHex} 00 {lengthHex} 00000001 00001000 0001 0001 00000000";

    [Theory]
    [InlineData(1u, 0u, (ushort)1, (ushort)1, 0u)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, ushort.MaxValue, ushort.MaxValue, 0xFFFF_FFFFu)]
    [InlineData(0x1234_5678u, 1500u, (ushort)10, (ushort)2048, 42u)]
    public void RoundTripsFixedFields(uint tag, uint window, ushort outbound, ushort inbound, uint tsn)
    {
        var parsed = WireAssert.RoundTrip(Create(new VerificationTag(tag), window, outbound, inbound, new Tsn(tsn)));
        Assert.Equal(new VerificationTag(tag), parsed.InitiateTag);
        Assert.Equal(window, parsed.AdvertisedReceiverWindowCredit);
        Assert.Equal(outbound, parsed.OutboundStreams);
        Assert.Equal(inbound, parsed.InboundStreams);
        Assert.Equal(new Tsn(tsn), parsed.InitialTsn);
        Assert.Empty(parsed.Parameters);
        Assert.Equal(20, parsed.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RoundTripsParametersWhateverTheLastOnesPadding(int lastValueLength)
    {
        var chunk = Create(new VerificationTag(7), 65536, 5, 6, new Tsn(9), TestItems.Parameter(1), TestItems.Parameter(lastValueLength));
        var parsed = WireAssert.RoundTrip(chunk);

        // The first parameter is padded to 8 bytes; the chunk length stops at the end of the last one.
        Assert.Equal(20 + 8 + 4 + lastValueLength, parsed.Length);
        Assert.Equal(2, parsed.Parameters.Count);
        Assert.Equal(TestItems.Bytes(lastValueLength), ((UnknownParameter)parsed.Parameters[1]).Value.ToArray());
    }

    [Fact]
    public void WritesRfcLayoutWithPaddingBetweenParameters()
    {
        var chunk = Create(
            new VerificationTag(0x0102_0304), 0x0001_0000, 10, 2048, new Tsn(0xDEAD_BEEF),
            new UnknownParameter(ParameterType.SupportedAddressTypes, [0x00, 0x05]),
            new UnknownParameter(ParameterType.EcnCapable, []));
        byte[] expected = Hex.Parse(
            $"{TypeHex} 00 00 20 01020304 00010000 000a 0800 deadbeef" +
            " 000c 0006 0005 0000" +
            " 8000 0004");
        Assert.Equal(expected, chunk.ToArray());
    }

    [Fact]
    public void ChunkLengthExcludesTheLastParametersPadding()
    {
        var chunk = Create(
            new VerificationTag(0x0102_0304), 0x0001_0000, 10, 2048, new Tsn(0xDEAD_BEEF),
            new UnknownParameter(ParameterType.SupportedAddressTypes, [0x00, 0x05]));
        byte[] expected = Hex.Parse($"{TypeHex} 00 00 1a 01020304 00010000 000a 0800 deadbeef 000c 0006 0005 0000");
        Assert.Equal(expected, chunk.ToArray());
    }

    [Fact]
    public void ParsesRfcLayout()
    {
        byte[] bytes = Hex.Parse($"{TypeHex} 00 00 20 01020304 00010000 000a 0800 deadbeef 000c 0006 0005 0000 8000 0004");
        Assert.True(T.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(new VerificationTag(0x0102_0304), chunk.InitiateTag);
        Assert.Equal(0x0001_0000u, chunk.AdvertisedReceiverWindowCredit);
        Assert.Equal(10, chunk.OutboundStreams);
        Assert.Equal(2048, chunk.InboundStreams);
        Assert.Equal(new Tsn(0xDEAD_BEEF), chunk.InitialTsn);
        Assert.Equal(new[] { ParameterType.SupportedAddressTypes, ParameterType.EcnCapable }, chunk.Parameters.Select(p => p.Type));
        Assert.Equal(Hex.Parse("000c 0006 0005 0000"), chunk.Parameters[0].ToArray());
        Assert.Equal(bytes, chunk.ToArray());
    }

    [Fact]
    public void ToleratesTheLastParametersPaddingInsideTheLength()
    {
        // Some senders count the last parameter's padding in the chunk length; the parameter is still read
        // and the chunk is written back the RFC way.
        byte[] bytes = Hex.Parse($"{Fixed("00 1c")} 3f01 0005 aa 000000");
        Assert.True(T.TryParse(bytes, out var chunk, out var error), error.ToString());
        Assert.Equal(0x19, chunk.Length);
        Assert.Equal(new byte[] { 0xaa }, ((UnknownParameter)chunk.Parameters.Single()).Value.ToArray());
    }

    [Fact]
    public void GetParameterReturnsTheFirstOfTheType()
    {
        var first = new MarkerParameter(1);
        var chunk = Create(new VerificationTag(1), 0, 1, 1, default, TestItems.Parameter(3), first, new MarkerParameter(2));
        Assert.Same(first, chunk.GetParameter<MarkerParameter>());
        Assert.Same(chunk.Parameters[0], chunk.GetParameter<UnknownParameter>());
        Assert.Null(Create(new VerificationTag(1), 0, 1, 1, default).GetParameter<MarkerParameter>());
    }

    [Fact]
    public void OwnsItsParameters()
    {
        var parameters = new List<Parameter> { TestItems.Parameter(1) };
        var chunk = Create(new VerificationTag(1), 0, 1, 1, default, parameters);
        parameters.Add(TestItems.Parameter(2));
        Assert.Single(chunk.Parameters);
    }

    [Theory]
    [InlineData("00000000 00001000 0001 0001 00000000", 4)]
    [InlineData("00000001 00001000 0000 0001 00000000", 12)]
    [InlineData("00000001 00001000 0001 0000 00000000", 14)]
    public void RejectsZeroTagOrStreamCountsAtTheField(string fixedPart, int offset)
    {
        var error = WireAssert.Rejects<T>($"{TypeHex} 00 00 14 {fixedPart}", ParseErrorKind.InvalidField);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(Type, error.Chunk);
    }

    [Fact]
    public void RejectsTruncatedHeader() => WireAssert.Rejects<T>($"{TypeHex} 00", ParseErrorKind.Truncated);

    [Fact]
    public void RejectsLengthBelowTheFixedPart()
    {
        WireAssert.Rejects<T>($"{TypeHex} 00 00 04", ParseErrorKind.LengthTooSmall);
        WireAssert.Rejects<T>($"{TypeHex} 00 00 13 00000001 00001000 0001 0001 000000", ParseErrorKind.LengthTooSmall);
    }

    [Fact]
    public void RejectsLengthFieldSmallerThanTheBytes() =>
        WireAssert.Rejects<T>($"{Fixed("00 14")} 3f01 0004", ParseErrorKind.InvalidLength);

    [Fact]
    public void RejectsLengthFieldLargerThanTheBytes() =>
        WireAssert.Rejects<T>(Fixed("00 18"), ParseErrorKind.LengthExceedsBuffer);

    [Fact]
    public void RejectsAnotherChunkType() =>
        WireAssert.Rejects<T>($"{(Type == ChunkType.Init ? "02" : "01")} 00 00 14 00000001 00001000 0001 0001 00000000", ParseErrorKind.UnexpectedType);

    [Theory]
    [InlineData("00 1c", "3f01 0010 aabbccdd", ParseErrorKind.LengthExceedsBuffer, 20)]
    [InlineData("00 18", "3f01 0003", ParseErrorKind.LengthTooSmall, 20)]
    [InlineData("00 16", "3f01", ParseErrorKind.Truncated, 20)]
    [InlineData("00 22", "3f01 0005 aa000000 3f02 0009 bbcc", ParseErrorKind.LengthExceedsBuffer, 28)]
    [InlineData("00 1e", "3f01 0005 aa000000 3f02", ParseErrorKind.Truncated, 28)]
    public void RejectsParametersOverrunningTheChunk(string lengthHex, string parameters, ParseErrorKind kind, int offset)
    {
        var error = WireAssert.Rejects<T>($"{Fixed(lengthHex)} {parameters}", kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(Type, error.Chunk);
    }

    [Fact]
    public void ConstructorRejectsZeroFields()
    {
        Assert.Throws<ArgumentOutOfRangeException>("initiateTag", () => Create(VerificationTag.Zero, 0, 1, 1, default));
        Assert.Throws<ArgumentOutOfRangeException>("outboundStreams", () => Create(new VerificationTag(1), 0, 0, 1, default));
        Assert.Throws<ArgumentOutOfRangeException>("inboundStreams", () => Create(new VerificationTag(1), 0, 1, 0, default));
    }

    [Fact]
    public void ConstructorRejectsNullAndOversizedParameters()
    {
        Assert.Throws<ArgumentException>("parameters", () => Create(new VerificationTag(1), 0, 1, 1, default, [null!]));
        Assert.Throws<ArgumentException>("parameters", () => Create(new VerificationTag(1), 0, 1, 1, default, TestItems.Parameter(40_000), TestItems.Parameter(40_000)));
    }
}
