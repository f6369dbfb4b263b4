using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class HmacAlgorithmParameterTests
{
    public static TheoryData<HmacIdentifier[]> Lists => new()
    {
        Array.Empty<HmacIdentifier>(),
        new[] { HmacIdentifier.Sha1 },
        new[] { HmacIdentifier.Sha256, HmacIdentifier.Sha1 },
        new[] { HmacIdentifier.Sha256, HmacIdentifier.Sha1, (HmacIdentifier)0xffff },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void RoundTripsWithAndWithoutPadding(HmacIdentifier[] identifiers)
    {
        var parameter = new HmacAlgorithmParameter(identifiers);
        Assert.Equal(ParameterAssert.PaddingFor(4 + (2 * identifiers.Length)), parameter.SerializedSize - parameter.Length);
        Assert.Equal(identifiers, ParameterAssert.RoundTrip(parameter, HmacAlgorithmParameter.TryParse).Identifiers);
    }

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("80 04 00 0a 00 03 00 01 00 02 00 00"),
            new HmacAlgorithmParameter([HmacIdentifier.Sha256, HmacIdentifier.Sha1, (HmacIdentifier)2]).ToArray());

    [Fact]
    public void ValidatesConstructorArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new HmacAlgorithmParameter(null!));
        Assert.Throws<ArgumentException>(() => new HmacAlgorithmParameter(new HmacIdentifier[32766]));
    }

    [Theory]
    [InlineData("80 04 00 07 00 01 00", ParseErrorKind.InvalidLength, 2)]
    [InlineData("80 04 00 08 00 01", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("80", ParseErrorKind.Truncated, 0)]
    [InlineData("80 03 00 06 00 01", ParseErrorKind.UnexpectedType, 0)]
    public void RejectsMalformed(string hex, ParseErrorKind kind, int offset) =>
        ParameterAssert.Rejects<HmacAlgorithmParameter>(hex, HmacAlgorithmParameter.TryParse, kind, offset);
}
