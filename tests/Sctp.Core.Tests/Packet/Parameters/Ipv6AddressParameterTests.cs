using System.Net;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class Ipv6AddressParameterTests
{
    [Theory]
    [InlineData("::")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void RoundTrips(string address)
    {
        var parsed = ParameterAssert.RoundTrip(new Ipv6AddressParameter(IPAddress.Parse(address)), Ipv6AddressParameter.TryParse);
        Assert.Equal(IPAddress.Parse(address), parsed.Address);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 06 00 14 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"),
            new Ipv6AddressParameter(IPAddress.Parse("2001:db8::1")).ToArray());

    [Fact]
    public void DropsTheScopeIdWhichTheWireDoesNotCarry()
    {
        var parameter = new Ipv6AddressParameter(IPAddress.Parse("fe80::1%3"));
        Assert.Equal(0, parameter.Address.ScopeId);
        Assert.Equal(new Ipv6AddressParameter(IPAddress.Parse("fe80::1")), parameter);
    }

    [Fact]
    public void RejectsIpv4Addresses() =>
        Assert.Throws<ArgumentException>(() => new Ipv6AddressParameter(IPAddress.Parse("192.0.2.1")));

    [Fact]
    public void RejectsNull() => Assert.Throws<ArgumentNullException>(() => new Ipv6AddressParameter(null!));

    [Theory]
    [InlineData("00 06 00 08 c0 00 02 01", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 06 00 13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 06 00 18 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("00 06 00 14 00 00 00 00", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00", ParseErrorKind.Truncated, 0)]
    [InlineData("00 05 00 14 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<Ipv6AddressParameter>(hex, Ipv6AddressParameter.TryParse, kind, offset);
}
