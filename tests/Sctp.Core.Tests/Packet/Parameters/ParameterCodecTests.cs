using System.Buffers.Binary;
using System.Net;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class ParameterCodecTests
{
    /// <summary>One well-formed sample of every type the codec interprets, with the class it must become.</summary>
    public static TheoryData<string, Type> KnownTypes => new()
    {
        { "00 01 00 05 aa", typeof(HeartbeatInfoParameter) },
        { "00 05 00 08 c0 00 02 01", typeof(Ipv4AddressParameter) },
        { "00 06 00 14 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01", typeof(Ipv6AddressParameter) },
        { "00 07 00 06 aa bb", typeof(StateCookieParameter) },
        { "00 08 00 08 7f ff 00 04", typeof(UnrecognizedParameterParameter) },
        { "00 09 00 08 00 00 03 e8", typeof(CookiePreservativeParameter) },
        { "00 0b 00 06 68 00", typeof(HostNameAddressParameter) },
        { "00 0c 00 06 00 05", typeof(SupportedAddressTypesParameter) },
        { "00 0d 00 12 00 00 00 01 00 00 00 02 00 00 00 03 00 04", typeof(OutgoingSsnResetRequestParameter) },
        { "00 0e 00 08 00 00 00 01", typeof(IncomingSsnResetRequestParameter) },
        { "00 0f 00 08 00 00 00 01", typeof(SsnTsnResetRequestParameter) },
        { "00 10 00 0c 00 00 00 01 00 00 00 01", typeof(ReconfigurationResponseParameter) },
        { "00 11 00 0c 00 00 00 01 00 02 00 00", typeof(AddOutgoingStreamsRequestParameter) },
        { "00 12 00 0c 00 00 00 01 00 02 00 00", typeof(AddIncomingStreamsRequestParameter) },
        { "80 00 00 04", typeof(EcnCapableParameter) },
        { "80 01 00 08 00 00 00 01", typeof(ZeroChecksumAcceptableParameter) },
        { "80 02 00 08 01 02 03 04", typeof(RandomParameter) },
        { "80 03 00 05 00", typeof(ChunkListParameter) },
        { "80 04 00 06 00 01", typeof(HmacAlgorithmParameter) },
        { "80 05 00 05 00", typeof(PaddingParameter) },
        { "80 08 00 05 82", typeof(SupportedExtensionsParameter) },
        { "c0 00 00 04", typeof(ForwardTsnSupportedParameter) },
        { "c0 06 00 08 00 00 00 01", typeof(AdaptationLayerIndicationParameter) },
    };

    [Theory]
    [MemberData(nameof(KnownTypes))]
    public void ParsesEveryKnownTypeIntoItsClass(string hex, Type expected)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.True(ParameterCodec.TryParse(bytes, out var parameter, out var error), error.ToString());
        Assert.IsType(expected, parameter);
        Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(bytes), (ushort)parameter.Type);
        Assert.Equal(bytes.Length, parameter.Length);
        Assert.Equal(bytes, parameter.ToArray()[..parameter.Length]);
    }

    [Fact]
    public void InterpretsEveryTypeItListsExceptTheAddressReconfigurationOnes()
    {
        var keptRaw = new[]
        {
            ParameterType.AddIpAddress, ParameterType.DeleteIpAddress, ParameterType.ErrorCauseIndication,
            ParameterType.SetPrimaryAddress, ParameterType.SuccessIndication,
        };
        var sampled = KnownTypes.Select(row => (ParameterType)BinaryPrimitives.ReadUInt16BigEndian(Hex.Parse(row.Data.Item1)));
        Assert.Equal(Enum.GetValues<ParameterType>().Except(keptRaw).Order(), sampled.Order());
    }

    [Theory]
    [InlineData("c0 01 00 08 00 00 00 01")]
    [InlineData("7f ff 00 05 aa")]
    [InlineData("ff ff 00 04")]
    public void KeepsUnknownTypesRaw(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.True(ParameterCodec.TryParse(bytes, out var parameter, out _));
        var unknown = Assert.IsType<UnknownParameter>(parameter);
        Assert.Equal(bytes[4..], unknown.Value.ToArray());
    }

    [Fact]
    public void UnknownParameterConstructorRejectsAValueTooLongForTheLengthField()
    {
        // It used to accept it and fail only when written.
        Assert.Throws<ArgumentException>(() => new UnknownParameter((ParameterType)0x3F01, new byte[ushort.MaxValue - 3]));
        var largest = new UnknownParameter((ParameterType)0x3F01, new byte[ushort.MaxValue - 4]);
        Assert.Equal(ushort.MaxValue, largest.Length);
        Assert.Equal(ushort.MaxValue + 1, largest.ToArray().Length);
    }

    [Fact]
    public void RejectsFewerBytesThanAHeader()
    {
        Assert.False(ParameterCodec.TryParse(Hex.Parse("00 05 00"), out _, out var error));
        Assert.Equal(ParseErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void ParsesARunMixingKnownAndUnknownTypesWithTheLastUnpadded()
    {
        byte[] region = Hex.Parse(
            "00 05 00 08 c0 00 02 01" +          // IPv4 Address
            "c0 00 00 04" +                      // Forward-TSN-Supported
            "bf ff 00 07 01 02 03 00" +          // unknown, skip and continue
            "80 08 00 06 82 c0 00 00" +          // Supported Extensions
            "00 07 00 05 aa");                   // State Cookie, last, without its 3 padding bytes
        Assert.True(ParameterCodec.TryParseList(region, 20, out var parameters, out var error), error.ToString());
        Assert.Collection(
            parameters,
            p => Assert.Equal(IPAddress.Parse("192.0.2.1"), Assert.IsType<Ipv4AddressParameter>(p).Address),
            p => Assert.Same(ForwardTsnSupportedParameter.Instance, p),
            p => Assert.Equal((ParameterType)0xbfff, Assert.IsType<UnknownParameter>(p).Type),
            p => Assert.True(Assert.IsType<SupportedExtensionsParameter>(p).Supports(ChunkType.ForwardTsn)),
            p => Assert.Equal(new byte[] { 0xaa }, Assert.IsType<StateCookieParameter>(p).Cookie.ToArray()));

        byte[] written = new byte[TlvItem.GetListLength(parameters) + 3];
        Assert.Equal(region.Length, TlvItem.WriteList(written, parameters));
        Assert.Equal(region, written[..region.Length]);
    }

    [Fact]
    public void ReportsAMalformedKnownParameterInARunAtItsPacketOffset()
    {
        byte[] region = Hex.Parse("c0 00 00 04" + "00 05 00 09 c0 00 02 01 00 00 00 00");
        Assert.False(ParameterCodec.TryParseList(region, 20, out _, out var error));
        Assert.Equal(ParseErrorKind.InvalidLength, error.Kind);
        Assert.Equal(20 + 4 + 2, error.Offset);
        Assert.Equal((ushort)ParameterType.Ipv4Address, error.ItemType);
    }

    [Theory]
    [InlineData((ushort)0x0001, UnrecognizedAction.Stop)]
    [InlineData((ushort)0x3fff, UnrecognizedAction.Stop)]
    [InlineData((ushort)0x4000, UnrecognizedAction.StopAndReport)]
    [InlineData((ushort)0x7fff, UnrecognizedAction.StopAndReport)]
    [InlineData((ushort)0x8000, UnrecognizedAction.Skip)]
    [InlineData((ushort)0xbfff, UnrecognizedAction.Skip)]
    [InlineData((ushort)0xc000, UnrecognizedAction.SkipAndReport)]
    [InlineData((ushort)0xffff, UnrecognizedAction.SkipAndReport)]
    public void TheUpperTwoBitsSayWhatToDoWithAnUnrecognizedType(ushort type, UnrecognizedAction action) =>
        Assert.Equal(action, ((ParameterType)type).GetUnrecognizedAction());

    [Fact]
    public void NeverThrowsAndOnlyAcceptsWhatItCanWriteBack()
    {
        var random = new Random(9260);
        ushort[] types = [.. Enum.GetValues<ParameterType>().Select(t => (ushort)t), 0x7fff];
        byte[] buffer = new byte[40];
        var acceptedTypes = new HashSet<Type>();
        for (int round = 0; round < 20_000; round++)
        {
            int length = random.Next(0, buffer.Length + 1);
            var bytes = buffer.AsSpan(0, length);
            random.NextBytes(bytes);
            if (length >= 2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes, types[random.Next(types.Length)]);
            }

            // Mostly a consistent length field, so that the value checks are reached.
            if (length >= 4 && random.Next(4) != 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)length);
            }

            if (ParameterCodec.TryParse(bytes, out var parameter, out var error))
            {
                byte[] written = parameter.ToArray();
                Assert.True(ParameterCodec.TryParse(written.AsSpan(0, parameter.Length), out var again, out error), error.ToString());
                Assert.Equal(parameter, again);
                acceptedTypes.Add(parameter.GetType());
            }
            else
            {
                Assert.True(error.IsError);
                Assert.InRange(error.Offset, 0, Math.Max(0, length - 1));
            }
        }

        // The random inputs reach the accepting path of most parsers, not only their first check.
        Assert.True(acceptedTypes.Count >= 20, string.Join(", ", acceptedTypes.Select(t => t.Name)));
    }
}
