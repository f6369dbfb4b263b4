using CsCheck;
using Sctp.Packet;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.ErrorCauses;

public class ErrorCauseCodecTests
{
    /// <summary>One well-formed cause of every code the codec interprets, unpadded.</summary>
    public static TheoryData<ErrorCauseCode, string, Type> Samples => new()
    {
        { ErrorCauseCode.InvalidStreamIdentifier, "00 01 00 08 00 05 00 00", typeof(InvalidStreamIdentifierCause) },
        { ErrorCauseCode.MissingMandatoryParameter, "00 02 00 0a 00 00 00 01 00 07", typeof(MissingMandatoryParameterCause) },
        { ErrorCauseCode.StaleCookie, "00 03 00 08 00 00 01 00", typeof(StaleCookieCause) },
        { ErrorCauseCode.OutOfResource, "00 04 00 04", typeof(OutOfResourceCause) },
        { ErrorCauseCode.UnresolvableAddress, "00 05 00 0c 00 05 00 08 c0 00 02 01", typeof(UnresolvableAddressCause) },
        { ErrorCauseCode.UnrecognizedChunkType, "00 06 00 08 4a 00 00 04", typeof(UnrecognizedChunkTypeCause) },
        { ErrorCauseCode.InvalidMandatoryParameter, "00 07 00 04", typeof(InvalidMandatoryParameterCause) },
        { ErrorCauseCode.UnrecognizedParameters, "00 08 00 0b c0 de 00 07 de ad be", typeof(UnrecognizedParametersCause) },
        { ErrorCauseCode.NoUserData, "00 09 00 08 00 00 03 e9", typeof(NoUserDataCause) },
        { ErrorCauseCode.CookieReceivedWhileShuttingDown, "00 0a 00 04", typeof(CookieReceivedWhileShuttingDownCause) },
        { ErrorCauseCode.RestartWithNewAddresses, "00 0b 00 0c 00 05 00 08 0a 01 02 03", typeof(RestartWithNewAddressesCause) },
        { ErrorCauseCode.UserInitiatedAbort, "00 0c 00 04", typeof(UserInitiatedAbortCause) },
        { ErrorCauseCode.ProtocolViolation, "00 0d 00 07 62 61 64", typeof(ProtocolViolationCause) },
        { ErrorCauseCode.DeleteLastRemainingAddress, "00 a0 00 14 c0 02 00 10 00 00 00 01 00 05 00 08 0a 01 02 03", typeof(DeleteLastRemainingAddressCause) },
        { ErrorCauseCode.ResourceShortage, "00 a1 00 14 c0 01 00 10 00 00 00 02 00 05 00 08 0a 01 02 03", typeof(ResourceShortageCause) },
        { ErrorCauseCode.DeleteSourceAddress, "00 a2 00 14 c0 02 00 10 00 00 00 03 00 05 00 08 0a 01 02 03", typeof(DeleteSourceAddressCause) },
        { ErrorCauseCode.IllegalAsconfAck, "00 a3 00 04", typeof(IllegalAsconfAckCause) },
        { ErrorCauseCode.NoAuthorization, "00 a4 00 14 c0 01 00 10 00 00 00 04 00 05 00 08 0a 01 02 03", typeof(NoAuthorizationCause) },
        { ErrorCauseCode.UnsupportedHmacIdentifier, "01 05 00 06 00 02", typeof(UnsupportedHmacIdentifierCause) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void PicksTheTypeForEachCode(ErrorCauseCode code, string hex, Type type)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.True(ErrorCauseCodec.TryParse(bytes, out var cause, out var error), error.ToString());
        Assert.IsType(type, cause);
        Assert.Equal(code, cause.Code);
        Assert.Equal(bytes, cause.ToArray().AsSpan(0, cause.Length).ToArray());
    }

    [Fact]
    public void EveryDefinedCodeHasASample()
    {
        var covered = Samples.Select(row => row.Data.Item1).ToHashSet();
        Assert.Equal(Enum.GetValues<ErrorCauseCode>().ToHashSet(), covered);
    }

    [Theory]
    [InlineData("00 0e 00 06 01 02")]
    [InlineData("00 9f 00 04")]
    [InlineData("ff ff 00 05 07")]
    public void KeepsUnknownCodesRaw(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.True(ErrorCauseCodec.TryParse(bytes, out var cause, out var error), error.ToString());
        var unknown = Assert.IsType<UnknownErrorCause>(cause);
        Assert.Equal(bytes[4..], unknown.Value.ToArray());
        Assert.Equal(bytes, unknown.ToArray().AsSpan(0, unknown.Length).ToArray());
    }

    [Fact]
    public void TreatsAMalformedKnownCauseAsAnErrorNotAsUnknown()
    {
        Assert.False(ErrorCauseCodec.TryParse(Hex.Parse("00 01 00 0c 00 05 00 00 00 00 00 00"), out _, out var error));
        Assert.Equal(ParseErrorKind.InvalidLength, error.Kind);
        Assert.Equal((ushort)ErrorCauseCode.InvalidStreamIdentifier, error.ItemType);
    }

    [Fact]
    public void ParsesARunOfCausesWithPaddingBetweenThem()
    {
        // Stream 200 (8 bytes), a 3-byte abort reason (7 + 1 padding), HMAC 2 (6 + 2 padding), and a
        // Protocol Violation of 5 bytes that ends the region without its padding, as the last cause may.
        var region = Hex.Parse(
            "00 01 00 08 00 c8 00 00" +
            "00 0c 00 07 62 79 65 00" +
            "01 05 00 06 00 02 00 00" +
            "00 0d 00 09 6f 6f 70 73 21");
        Assert.True(ErrorCauseCodec.TryParseList(region, 4, out var causes, out var error), error.ToString());
        Assert.Collection(
            causes,
            c => Assert.Equal(new StreamId(200), Assert.IsType<InvalidStreamIdentifierCause>(c).StreamId),
            c => Assert.Equal("bye"u8.ToArray(), Assert.IsType<UserInitiatedAbortCause>(c).Reason.ToArray()),
            c => Assert.Equal((ushort)2, Assert.IsType<UnsupportedHmacIdentifierCause>(c).HmacIdentifier),
            c => Assert.Equal("oops!", Assert.IsType<ProtocolViolationCause>(c).Text));
    }

    [Fact]
    public void WritesARunThatParsesBack()
    {
        ErrorCause[] causes =
        [
            new NoUserDataCause(new Tsn(7)),
            new MissingMandatoryParameterCause(ParameterType.StateCookie),
            OutOfResourceCause.Instance,
            new UnrecognizedChunkTypeCause(Hex.Parse("4a 00 00 05 01")),
        ];
        byte[] region = new byte[Wire.Pad4(TlvItem.GetListLength(causes))];
        int length = TlvItem.WriteList(region, causes);
        Assert.True(ErrorCauseCodec.TryParseList(region.AsSpan(0, length), 0, out var parsed, out var error), error.ToString());
        Assert.Equal(causes, parsed);
    }

    [Fact]
    public void ParsesAnEmptyRunAsNoCauses()
    {
        Assert.True(ErrorCauseCodec.TryParseList([], 4, out var causes, out var error), error.ToString());
        Assert.Empty(causes);
    }

    [Fact]
    public void LocatesAMalformedCauseInARun()
    {
        // The second cause, at offset 8 of a region starting 4 bytes into its chunk, has a stream
        // identifier cause one byte too short.
        var region = Hex.Parse("00 0c 00 04 00 0c 00 04 00 01 00 07 00 c8 00 00");
        Assert.False(ErrorCauseCodec.TryParseList(region, 4, out _, out var error));
        Assert.Equal(ParseErrorKind.LengthTooSmall, error.Kind);
        Assert.Equal(4 + 8 + 2, error.Offset);
        Assert.Equal((ushort)ErrorCauseCode.InvalidStreamIdentifier, error.ItemType);
    }

    [Fact]
    public void UnknownErrorCauseConstructorRejectsAValueTooLongForTheLengthField()
    {
        // It used to accept it and fail only when written.
        Assert.Throws<ArgumentException>(() => new UnknownErrorCause((ErrorCauseCode)0x3F01, new byte[ushort.MaxValue - 3]));
        var largest = new UnknownErrorCause((ErrorCauseCode)0x3F01, new byte[ushort.MaxValue - 4]);
        Assert.Equal(ushort.MaxValue, largest.Length);
        Assert.Equal(ushort.MaxValue + 1, largest.ToArray().Length);
    }

    [Fact]
    public void RejectsATruncatedHeader()
    {
        Assert.False(ErrorCauseCodec.TryParse(Hex.Parse("00 01 00"), out _, out var error));
        Assert.Equal(ParseErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void NeverThrowsOnArbitraryBytes() =>
        Gen.Byte.Array[0, 48].Sample(
            bytes =>
            {
                if (ErrorCauseCodec.TryParse(bytes, out var cause, out _))
                {
                    AssertReparses(cause);
                }

                ErrorCauseCodec.TryParseList(bytes, 0, out _, out _);
            },
            iter: 20_000);

    [Fact]
    public void NeverThrowsOnMutatedCauses()
    {
        var samples = Samples.Select(row => Hex.Parse(row.Data.Item2)).ToArray();
        var gen =
            from index in Gen.Int[0, samples.Length - 1]
            from position in Gen.Int[0, 63]
            from value in Gen.Byte
            from cut in Gen.Int[0, 3]
            select Mutate(samples[index], position, value, cut);
        gen.Sample(
            bytes =>
            {
                if (ErrorCauseCodec.TryParse(bytes, out var cause, out _))
                {
                    AssertReparses(cause);
                }
            },
            iter: 20_000);
    }

    private static byte[] Mutate(byte[] sample, int position, byte value, int cut)
    {
        byte[] bytes = sample[..Math.Max(0, sample.Length - cut)];
        if (bytes.Length > 0)
        {
            bytes[position % bytes.Length] = value;
        }

        return bytes;
    }

    // Whatever the codec accepts, it writes back in a form it accepts again as an equal cause.
    private static void AssertReparses(ErrorCause cause)
    {
        byte[] written = cause.ToArray();
        Assert.True(ErrorCauseCodec.TryParse(written.AsSpan(0, cause.Length), out var again, out var error), error.ToString());
        Assert.Equal(cause, again);
    }
}
