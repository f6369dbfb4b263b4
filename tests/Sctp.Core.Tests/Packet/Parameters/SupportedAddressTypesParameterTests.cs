using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class SupportedAddressTypesParameterTests
{
    public static TheoryData<ParameterType[]> Lists => new()
    {
        Array.Empty<ParameterType>(),
        new[] { ParameterType.Ipv4Address },
        new[] { ParameterType.Ipv4Address, ParameterType.Ipv6Address },
        new[] { ParameterType.Ipv4Address, ParameterType.Ipv6Address, ParameterType.HostNameAddress },
        new[] { (ParameterType)0xffff, (ParameterType)0 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void RoundTripsWithAndWithoutPadding(ParameterType[] types)
    {
        var parameter = new SupportedAddressTypesParameter(types);
        Assert.Equal(ParameterAssert.PaddingFor(4 + (2 * types.Length)), parameter.SerializedSize - parameter.Length);
        Assert.Equal(types, ParameterAssert.RoundTrip(parameter, SupportedAddressTypesParameter.TryParse).AddressTypes);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 0c 00 0a 00 05 00 06 00 0b 00 00"),
            new SupportedAddressTypesParameter([ParameterType.Ipv4Address, ParameterType.Ipv6Address, ParameterType.HostNameAddress]).ToArray());

    [Fact]
    public void TellsWhetherATypeIsSupported()
    {
        var parameter = new SupportedAddressTypesParameter([ParameterType.Ipv6Address]);
        Assert.True(parameter.Supports(ParameterType.Ipv6Address));
        Assert.False(parameter.Supports(ParameterType.Ipv4Address));
    }

    [Fact]
    public void OwnsItsList()
    {
        var types = new[] { ParameterType.Ipv4Address };
        var parameter = new SupportedAddressTypesParameter(types);
        types[0] = ParameterType.Ipv6Address;
        Assert.Equal(new[] { ParameterType.Ipv4Address }, parameter.AddressTypes);
        Assert.IsNotType<ParameterType[]>(parameter.AddressTypes);
    }

    [Fact]
    public void ValidatesConstructorArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new SupportedAddressTypesParameter(null!));
        Assert.Throws<ArgumentException>(() => new SupportedAddressTypesParameter(new ParameterType[32766]));
    }

    [Theory]
    [InlineData("00 0c 00 05 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0c 00 07 00 05 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0c 00 08 00 05", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 0c 00 04 00 05", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 0c 00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 0d 00 06 00 05", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<SupportedAddressTypesParameter>(hex, SupportedAddressTypesParameter.TryParse, kind, offset);
}
