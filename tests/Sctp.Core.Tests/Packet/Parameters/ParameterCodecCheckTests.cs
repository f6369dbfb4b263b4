using System.Buffers.Binary;
using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

/// <summary>
/// <see cref="ParameterCodec.TryCheck"/> and <see cref="ParameterCodec.IsKnown"/>, which let the stateless
/// INIT path read parameters without building them, agree with <see cref="ParameterCodec.TryParse"/>: the
/// same verdict and the same error for every input, and "unknown" exactly for the types that parse as
/// <see cref="UnknownParameter"/> (RFC 9260 section 3.2.1 then applies their upper bits).
/// </summary>
public class ParameterCodecCheckTests
{
    [Fact]
    public void Rfc9260_3_2_1_IsKnownHoldsExactlyForTheTypesTryParseDoesNotTreatAsUnknown()
    {
        byte[] bytes = new byte[RawTlv.HeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), RawTlv.HeaderSize);
        int known = 0;
        for (int type = 0; type <= ushort.MaxValue; type++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)type);
            bool parsedAsUnknown = ParameterCodec.TryParse(bytes, out var parameter, out _) && parameter is UnknownParameter;
            bool isKnown = ParameterCodec.IsKnown((ParameterType)type);
            Assert.True(isKnown != parsedAsUnknown, $"type 0x{type:x4}: IsKnown {isKnown}, parsed as unknown {parsedAsUnknown}");
            known += isKnown ? 1 : 0;
        }

        Assert.Equal(23, known);
    }

    [Fact]
    public void TryCheckGivesTheVerdictAndErrorOfTryParseOnWellFormedAndMalformedParameters()
    {
        var random = new Random(1301);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = InitBytes.Parameter(random, malformed: random.Next(3) == 0);
            if (random.Next(10) == 0)
            {
                // A length field that does not match the bytes handed over, or fewer bytes than a header.
                bytes = random.Next(2) == 0 ? bytes[..random.Next(Math.Min(bytes.Length, 6))] : [.. bytes, 0, 0];
            }

            bool parsed = ParameterCodec.TryParse(bytes, out _, out var parseError);
            bool checkedOk = ParameterCodec.TryCheck(bytes, out var checkError);
            Assert.True(parsed == checkedOk, $"{Convert.ToHexString(bytes)}: TryParse {parsed} ({parseError}), TryCheck {checkedOk} ({checkError})");
            Assert.Equal(parseError, checkError);
            accepted += parsed ? 1 : 0;
            refused += parsed ? 0 : 1;
        }

        // Both verdicts were exercised in earnest.
        Assert.InRange(accepted, 5_000, 20_000);
        Assert.InRange(refused, 2_000, 20_000);
    }

    [Theory]
    [InlineData("000b00096162630000", true)] // "abc", terminator and padding null
    [InlineData("000b0007616263", false)] // no terminator
    [InlineData("000b00060000", false)] // empty name
    [InlineData("000b000861206300", false)] // a space in the name
    [InlineData("000b000a61620078", false)] // length past the bytes
    [InlineData("0010000c0000000100000007", false)] // Re-configuration Response with result 7
    [InlineData("0010000c0000000100000006", true)]
    [InlineData("0008000881230008", false)] // Unrecognized Parameter whose parameter runs past it
    [InlineData("0008000c8123000400000000", false)] // ... or is followed by more bytes
    [InlineData("0008000c8123000601020000", true)]
    public void TryCheckAgreesWithTryParseOnHandPickedCases(string hex, bool expected)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.Equal(expected, ParameterCodec.TryParse(bytes, out _, out var parseError));
        Assert.Equal(expected, ParameterCodec.TryCheck(bytes, out var checkError));
        Assert.Equal(parseError, checkError);
    }
}
