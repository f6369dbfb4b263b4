using System.Net;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class Ipv4AddressParameterTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.1")]
    [InlineData("255.255.255.255")]
    public void RoundTrips(string address)
    {
        var parsed = ParameterAssert.RoundTrip(new Ipv4AddressParameter(IPAddress.Parse(address)), Ipv4AddressParameter.TryParse);
        Assert.Equal(IPAddress.Parse(address), parsed.Address);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(Hex.Parse("00 05 00 08 c0 00 02 01"), new Ipv4AddressParameter(IPAddress.Parse("192.0.2.1")).ToArray());

    [Fact]
    public void HandsOutAFreshAddressEachTime()
    {
        var parameter = new Ipv4AddressParameter(IPAddress.Loopback);
        Assert.NotSame(parameter.Address, parameter.Address);
        Assert.Equal(IPAddress.Loopback, parameter.Address);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("::ffff:192.0.2.1")]
    public void RejectsIpv6Addresses(string address) =>
        Assert.Throws<ArgumentException>(() => new Ipv4AddressParameter(IPAddress.Parse(address)));

    [Fact]
    public void RejectsNull() => Assert.Throws<ArgumentNullException>(() => new Ipv4AddressParameter(null!));

    [Theory]
    [InlineData("00 05 00 04", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 05 00 07 c0 00 02", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 05 00 14 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 05 00 09 c0 00 02 01 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 05 00 08 c0 00", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 05 00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 06 00 08 c0 00 02 01", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<Ipv4AddressParameter>(hex, Ipv4AddressParameter.TryParse, kind, offset);
}
