using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

/// <summary>
/// Checks shared by every parameter that derives from <see cref="OpaqueParameter"/>. Each concrete test
/// class supplies the type and how to build and read it.
/// </summary>
public abstract class OpaqueParameterTests<T> where T : OpaqueParameter
{
    private protected abstract ParameterType Type { get; }

    private protected abstract TlvParser<T> Parser { get; }

    private protected abstract T Create(ReadOnlySpan<byte> data);

    private protected abstract ReadOnlyMemory<byte> DataOf(T parameter);

    private string TypeHex => ParameterAssert.TypeHex((ushort)Type);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(37)]
    public void RoundTripsEveryPadding(int length)
    {
        byte[] data = ParameterAssert.Sequence(length);
        var parameter = Create(data);
        Assert.Equal(ParameterAssert.PaddingFor(4 + length), parameter.SerializedSize - parameter.Length);
        var parsed = ParameterAssert.RoundTrip(parameter, Parser);
        Assert.Equal(data, DataOf(parsed).ToArray());
    }

    [Fact]
    public void RoundTripsTheLargestValue()
    {
        var parameter = Create(new byte[65531]);
        Assert.Equal(ushort.MaxValue, parameter.Length);
        ParameterAssert.RoundTrip(parameter, Parser);
    }

    [Fact]
    public void RejectsAValueTooLongForTheLengthField() =>
        Assert.Throws<ArgumentException>(() => Create(new byte[65532]));

    [Fact]
    public void WritesTypeLengthValueAndZeroPadding() =>
        Assert.Equal(Hex.Parse($"{TypeHex} 00 07 01 02 03 00"), Create([1, 2, 3]).ToArray());

    [Fact]
    public void OwnsACopyOfItsInput()
    {
        byte[] data = [1, 2, 3];
        var parameter = Create(data);
        data[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, DataOf(parameter).ToArray());
    }

    [Fact]
    public void EqualityComparesWireBytes()
    {
        Assert.Equal(Create([1, 2]), Create([1, 2]));
        Assert.NotEqual(Create([1, 2]), Create([1, 3]));
    }

    [Theory]
    [InlineData("", ParseErrorKind.Truncated)]
    [InlineData(" 00 06 aa", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData(" 00 04 aa", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 00 00 00", ParseErrorKind.InvalidLength)]
    public void RejectsMalformed(string rest, ParseErrorKind kind) =>
        ParameterAssert.Rejects($"{TypeHex}{rest}", Parser, kind);

    [Fact]
    public void RejectsAnotherType() =>
        ParameterAssert.Rejects("7f fe 00 04", Parser, ParseErrorKind.UnexpectedType, 0);
}

/// <summary>Checks shared by every parameter that derives from <see cref="EmptyParameter"/>.</summary>
public abstract class EmptyParameterTests<T> where T : EmptyParameter
{
    private protected abstract T Instance { get; }

    private protected abstract TlvParser<T> Parser { get; }

    private string TypeHex => ParameterAssert.TypeHex((ushort)Instance.Type);

    [Fact]
    public void RoundTripsToTheSharedInstance()
    {
        var parsed = ParameterAssert.RoundTrip(Instance, Parser);
        Assert.Same(Instance, parsed);
        Assert.Equal(0, Instance.ValueLength);
        Assert.Equal(4, Instance.SerializedSize);
    }

    [Fact]
    public void WritesTypeAndLengthFour() => Assert.Equal(Hex.Parse($"{TypeHex} 00 04"), Instance.ToArray());

    [Theory]
    [InlineData(" 00 08 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 05 00", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 08", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData(" 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string rest, ParseErrorKind kind) =>
        ParameterAssert.Rejects($"{TypeHex}{rest}", Parser, kind, kind == ParseErrorKind.Truncated ? 0 : 2);

    [Fact]
    public void RejectsAnotherType() =>
        ParameterAssert.Rejects("00 01 00 04", Parser, ParseErrorKind.UnexpectedType, 0);
}

/// <summary>Checks shared by every parameter that derives from <see cref="UInt32ValueParameter"/>.</summary>
public abstract class UInt32ValueParameterTests<T> where T : UInt32ValueParameter
{
    private protected abstract ParameterType Type { get; }

    private protected abstract TlvParser<T> Parser { get; }

    private protected abstract T Create(uint value);

    private protected abstract uint ValueOf(T parameter);

    private string TypeHex => ParameterAssert.TypeHex((ushort)Type);

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0x8000_0000u)]
    [InlineData(0xFFFF_FFFFu)]
    public void RoundTripsBoundaryValues(uint value)
    {
        var parsed = ParameterAssert.RoundTrip(Create(value), Parser);
        Assert.Equal(value, ValueOf(parsed));
    }

    [Fact]
    public void WritesTheValueBigEndian() =>
        Assert.Equal(Hex.Parse($"{TypeHex} 00 08 12 34 56 78"), Create(0x12345678).ToArray());

    [Theory]
    [InlineData(" 00 04", ParseErrorKind.LengthTooSmall)]
    [InlineData(" 00 07 00 00 00", ParseErrorKind.LengthTooSmall)]
    [InlineData(" 00 0c 00 00 00 01 00 00 00 02", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 09 00 00 00 01 02", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 08 00 00", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string rest, ParseErrorKind kind) =>
        ParameterAssert.Rejects($"{TypeHex}{rest}", Parser, kind, kind == ParseErrorKind.Truncated ? 0 : 2);

    [Fact]
    public void RejectsAnotherType() =>
        ParameterAssert.Rejects("00 01 00 08 00 00 00 00", Parser, ParseErrorKind.UnexpectedType, 0);
}

/// <summary>Checks shared by every parameter that derives from <see cref="ChunkTypeListParameter"/>.</summary>
public abstract class ChunkTypeListParameterTests<T> where T : ChunkTypeListParameter
{
    private protected abstract ParameterType Type { get; }

    private protected abstract TlvParser<T> Parser { get; }

    private protected abstract T Create(IEnumerable<ChunkType> chunkTypes);

    private protected abstract bool Lists(T parameter, ChunkType chunkType);

    private string TypeHex => ParameterAssert.TypeHex((ushort)Type);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(256)]
    public void RoundTripsEveryPadding(int count)
    {
        var types = Enumerable.Range(0, count).Select(i => (ChunkType)(byte)i).ToArray();
        var parameter = Create(types);
        Assert.Equal(ParameterAssert.PaddingFor(4 + count), parameter.SerializedSize - parameter.Length);
        var parsed = ParameterAssert.RoundTrip(parameter, Parser);
        Assert.Equal(types, parsed.ChunkTypes);
    }

    [Fact]
    public void KeepsUnknownAndDuplicateTypesInOrder()
    {
        var parsed = ParameterAssert.RoundTrip(Create([(ChunkType)0xff, ChunkType.ReConfig, (ChunkType)0xff]), Parser);
        Assert.Equal(new[] { (ChunkType)0xff, ChunkType.ReConfig, (ChunkType)0xff }, parsed.ChunkTypes);
    }

    [Fact]
    public void TellsWhetherATypeIsListed()
    {
        var parameter = Create([ChunkType.ReConfig, ChunkType.ForwardTsn]);
        Assert.True(Lists(parameter, ChunkType.ForwardTsn));
        Assert.False(Lists(parameter, ChunkType.IData));
    }

    [Fact]
    public void WritesOneBytePerType() =>
        Assert.Equal(Hex.Parse($"{TypeHex} 00 07 82 c0 40 00"), Create([ChunkType.ReConfig, ChunkType.ForwardTsn, ChunkType.IData]).ToArray());

    [Fact]
    public void ExposesAListCallersCannotChange()
    {
        var types = new[] { ChunkType.ReConfig };
        var parameter = Create(types);
        types[0] = ChunkType.Data;
        Assert.Equal(new[] { ChunkType.ReConfig }, parameter.ChunkTypes);
        Assert.IsNotType<ChunkType[]>(parameter.ChunkTypes);
    }

    [Fact]
    public void ValidatesConstructorArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Create(null!));
        Assert.Throws<ArgumentException>(() => Create(new ChunkType[65532]));
    }

    [Theory]
    [InlineData(" 00 06 82", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData(" 00 04 82", ParseErrorKind.InvalidLength)]
    [InlineData("", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string rest, ParseErrorKind kind) =>
        ParameterAssert.Rejects($"{TypeHex}{rest}", Parser, kind);

    [Fact]
    public void RejectsAnotherType() =>
        ParameterAssert.Rejects("00 01 00 05 82", Parser, ParseErrorKind.UnexpectedType, 0);
}

/// <summary>Checks shared by the two parameters that derive from <see cref="AddStreamsRequestParameter"/>.</summary>
public abstract class AddStreamsRequestParameterTests<T> where T : AddStreamsRequestParameter
{
    private protected abstract ParameterType Type { get; }

    private protected abstract TlvParser<T> Parser { get; }

    private protected abstract T Create(ReconfigRequestSequenceNumber request, ushort numberOfNewStreams);

    private string TypeHex => ParameterAssert.TypeHex((ushort)Type);

    [Theory]
    [InlineData(0u, (ushort)0)]
    [InlineData(1u, (ushort)1)]
    [InlineData(0xFFFF_FFFFu, ushort.MaxValue)]
    public void RoundTripsBoundaryValues(uint request, ushort count)
    {
        var parsed = ParameterAssert.RoundTrip(Create(new ReconfigRequestSequenceNumber(request), count), Parser);
        Assert.Equal(new ReconfigRequestSequenceNumber(request), parsed.RequestSequenceNumber);
        Assert.Equal(count, parsed.NumberOfNewStreams);
    }

    [Fact]
    public void WritesRfcLayoutWithZeroReserved() =>
        Assert.Equal(
            Hex.Parse($"{TypeHex} 00 0c 01 02 03 04 00 05 00 00"),
            Create(new ReconfigRequestSequenceNumber(0x01020304), 5).ToArray());

    [Fact]
    public void IgnoresTheReservedFieldOnReceipt()
    {
        Assert.True(Parser(Hex.Parse($"{TypeHex} 00 0c 00 00 00 07 00 03 ff ff"), out var parsed, out _));
        Assert.Equal(3, parsed.NumberOfNewStreams);
        Assert.Equal(Create(new ReconfigRequestSequenceNumber(7), 3), parsed);
    }

    [Theory]
    [InlineData(" 00 0b 00 00 00 07 00 03 00", ParseErrorKind.LengthTooSmall)]
    [InlineData(" 00 10 00 00 00 07 00 03 00 00 00 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 0d 00 00 00 07 00 03 00 00 00", ParseErrorKind.InvalidLength)]
    [InlineData(" 00 0c 00 00 00 07", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData(" 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string rest, ParseErrorKind kind) =>
        ParameterAssert.Rejects($"{TypeHex}{rest}", Parser, kind);

    [Fact]
    public void RejectsAnotherType() =>
        ParameterAssert.Rejects("00 10 00 0c 00 00 00 07 00 03 00 00", Parser, ParseErrorKind.UnexpectedType, 0);
}
