using Sctp.Packet;
using Sctp.Packet.ErrorCauses;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.ErrorCauses;

/// <summary>
/// The tests every parameter-carrying cause passes; one sealed subclass per type below supplies its
/// constructors, parser, a typical carried parameter, and whether it carries exactly one.
/// </summary>
public abstract class TlvCauseTests<T> where T : TlvErrorCause
{
    private protected abstract ErrorCauseCode Code { get; }

    private protected abstract bool Single { get; }

    /// <summary>A parameter the cause typically carries, as hex.</summary>
    private protected abstract string Sample { get; }

    private protected abstract TlvParser<T> Parse { get; }

    private protected abstract T Create(byte[] tlvs);

    private protected abstract T Create(Parameter parameter);

    private protected abstract ReadOnlyMemory<byte> Carried(T cause);

    private string CodeHex => $"{(ushort)Code >> 8:x2} {(ushort)Code & 0xFF:x2}";

    [Fact]
    public void RoundTripsATypicalParameter()
    {
        byte[] sample = Hex.Parse(Sample);
        var parsed = CauseAssert.RoundTrip(Create(sample), Parse);
        Assert.Equal(sample, Carried(parsed).ToArray());
        Assert.Equal(Code, parsed.Code);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("01", 3)]
    [InlineData("01 02", 2)]
    [InlineData("01 02 03", 1)]
    public void PadsParametersOfEveryLength(string value, int padding)
    {
        byte[] tlv = Tlv(0xC0DE, Hex.Parse(value));
        var parsed = CauseAssert.RoundTrip(Create(tlv), Parse);
        Assert.Equal(tlv, Carried(parsed).ToArray());
        Assert.Equal(padding, parsed.SerializedSize - parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout()
    {
        int length = 4 + Hex.Parse(Sample).Length;
        string padding = string.Concat(Enumerable.Repeat(" 00", Wire.Pad4(length) - length));
        CauseAssert.HasLayout(Create(Hex.Parse(Sample)), $"{CodeHex} {length >> 8:x2} {length & 0xFF:x2} {Sample}{padding}", Parse);
    }

    [Fact]
    public void KeepsAParameterEchoedWithItsPadding()
    {
        // usrsctp and Linux copy an echoed parameter with its padding and count it in the cause length.
        var cause = CauseAssert.Parses($"{CodeHex} 00 0c c0 de 00 05 01 00 00 00", Parse);
        Assert.Equal(Hex.Parse("c0 de 00 05 01 00 00 00"), Carried(cause).ToArray());
        Assert.Equal(12, cause.Length);
    }

    [Fact]
    public void CreatesFromAParameterObject()
    {
        var parameter = new UnknownParameter((ParameterType)0xC0DE, [1, 2, 3]);
        var cause = Create(parameter);
        Assert.Equal(Hex.Parse("c0 de 00 07 01 02 03"), Carried(cause).ToArray());
        Assert.Equal(Create(Hex.Parse("c0 de 00 07 01 02 03")), cause);
    }

    [Fact]
    public void ParsesTheCarriedParameters()
    {
        var cause = Create(Hex.Parse(Sample));
        Assert.True(cause.TryParseParameters(out var parameters, out var error), error.ToString());
        var parameter = Assert.Single(parameters);
        Assert.Equal(Hex.Parse(Sample), parameter.ToArray().AsSpan(0, parameter.Length).ToArray());
    }

    [Fact]
    public void CarriesSeveralParametersOnlyWhenAList()
    {
        byte[] two = Hex.Parse("c0 de 00 05 01 00 00 00 c0 df 00 06 02 03");
        if (Single)
        {
            Assert.Throws<ArgumentException>(() => Create(two));
            var error = CauseAssert.Rejects($"{CodeHex} 00 12 {Hex.Format(two)}", ParseErrorKind.InvalidLength, Parse);
            Assert.Equal(12, error.Offset);
            Assert.Equal((ushort)Code, error.ItemType);
        }
        else
        {
            var cause = CauseAssert.RoundTrip(Create(two), Parse);
            Assert.True(cause.TryParseParameters(out var parameters, out var error), error.ToString());
            Assert.Equal(new ushort[] { 0xC0DE, 0xC0DF }, parameters.Select(p => p.TypeCode));
            Assert.Equal(2, cause.SerializedSize - cause.Length);
        }
    }

    [Fact]
    public void RejectsBytesThatAreNotParameters()
    {
        Assert.Throws<ArgumentException>(() => Create([]));
        Assert.Throws<ArgumentException>(() => Create(Hex.Parse("c0 de 00")));
        Assert.Throws<ArgumentException>(() => Create(Hex.Parse("c0 de 00 03")));
        Assert.Throws<ArgumentException>(() => Create(Hex.Parse("c0 de 00 09 01")));
        Assert.Throws<ArgumentNullException>(() => Create((Parameter)null!));
    }

    [Theory]
    [InlineData("00 04", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 07 c0 de 00", ParseErrorKind.LengthTooSmall, 2)]
    [InlineData("00 08 c0 de 00 03", ParseErrorKind.LengthTooSmall, 4)]
    [InlineData("00 08 c0 de 00 00", ParseErrorKind.LengthTooSmall, 4)]
    [InlineData("00 09 c0 de 00 09 01", ParseErrorKind.LengthExceedsBuffer, 4)]
    [InlineData("00 0e c0 de 00 08 01 02 03 04 00 00", ParseErrorKind.Truncated, 12)]
    [InlineData("00 0d c0 de 00 05 01 c0 de 00 04", ParseErrorKind.Truncated, 12)]
    [InlineData("00 0c c0 de 00 08", ParseErrorKind.LengthExceedsBuffer, 2)]
    [InlineData("00 08 c0 de 00 04 00", ParseErrorKind.InvalidLength, 2)]
    public void RejectsMalformed(string lengthAndValue, ParseErrorKind kind, int offset)
    {
        var error = CauseAssert.Rejects($"{CodeHex} {lengthAndValue}", kind, Parse);
        Assert.Equal(offset, error.Offset);
        Assert.Equal((ushort)Code, error.ItemType);
    }

    [Fact]
    public void RejectsAnotherCode() => CauseAssert.Rejects("ff ff 00 08 c0 de 00 04", ParseErrorKind.UnexpectedType, Parse);

    [Fact]
    public void RejectsAPartialHeader() => CauseAssert.Rejects(CodeHex, ParseErrorKind.Truncated, Parse);

    private protected static byte[] Tlv(ushort type, byte[] value) =>
        [(byte)(type >> 8), (byte)type, (byte)((value.Length + 4) >> 8), (byte)(value.Length + 4), .. value];
}

public sealed class UnresolvableAddressCauseTests : TlvCauseTests<UnresolvableAddressCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.UnresolvableAddress;

    private protected override bool Single => true;

    private protected override string Sample => "00 0b 00 0b 65 78 2e 6f 72 67 00"; // Host Name Address "ex.org"

    private protected override TlvParser<UnresolvableAddressCause> Parse => UnresolvableAddressCause.TryParse;

    private protected override UnresolvableAddressCause Create(byte[] tlvs) => new(tlvs);

    private protected override UnresolvableAddressCause Create(Parameter parameter) => new(parameter);

    private protected override ReadOnlyMemory<byte> Carried(UnresolvableAddressCause cause) => cause.Address;

    [Fact]
    public void CarriesAnIpv4AddressParameter() =>
        CauseAssert.HasLayout(new UnresolvableAddressCause(Hex.Parse("00 05 00 08 c0 00 02 01")), "00 05 00 0c 00 05 00 08 c0 00 02 01", Parse);
}

public sealed class UnrecognizedParametersCauseTests : TlvCauseTests<UnrecognizedParametersCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.UnrecognizedParameters;

    private protected override bool Single => false;

    private protected override string Sample => "c0 de 00 07 de ad be";

    private protected override TlvParser<UnrecognizedParametersCause> Parse => UnrecognizedParametersCause.TryParse;

    private protected override UnrecognizedParametersCause Create(byte[] tlvs) => new(tlvs);

    private protected override UnrecognizedParametersCause Create(Parameter parameter) => new([parameter]);

    private protected override ReadOnlyMemory<byte> Carried(UnrecognizedParametersCause cause) => cause.Parameters;

    [Fact]
    public void SerializesAListAsInAChunk()
    {
        var cause = new UnrecognizedParametersCause([
            new UnknownParameter((ParameterType)0xC0DE, [1]),
            new UnknownParameter((ParameterType)0x8ABC, [2, 3]),
        ]);
        Assert.Equal(Hex.Parse("c0 de 00 05 01 00 00 00 8a bc 00 06 02 03"), cause.Parameters.ToArray());
    }

    [Fact]
    public void RejectsAnEmptyOrNullList()
    {
        Assert.Throws<ArgumentException>(() => new UnrecognizedParametersCause(Array.Empty<Parameter>()));
        Assert.Throws<ArgumentNullException>(() => new UnrecognizedParametersCause((IReadOnlyList<Parameter>)null!));
        Assert.Throws<ArgumentNullException>(() => new UnrecognizedParametersCause(new Parameter[] { null! }));
    }
}

public sealed class RestartWithNewAddressesCauseTests : TlvCauseTests<RestartWithNewAddressesCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.RestartWithNewAddresses;

    private protected override bool Single => false;

    private protected override string Sample => "00 05 00 08 0a 01 02 03"; // IPv4 Address 10.1.2.3

    private protected override TlvParser<RestartWithNewAddressesCause> Parse => RestartWithNewAddressesCause.TryParse;

    private protected override RestartWithNewAddressesCause Create(byte[] tlvs) => new(tlvs);

    private protected override RestartWithNewAddressesCause Create(Parameter parameter) => new([parameter]);

    private protected override ReadOnlyMemory<byte> Carried(RestartWithNewAddressesCause cause) => cause.NewAddresses;

    [Fact]
    public void CarriesIpv4AndIpv6Addresses() =>
        CauseAssert.HasLayout(
            new RestartWithNewAddressesCause(Hex.Parse("00 05 00 08 0a 01 02 03 00 06 00 14 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01")),
            "00 0b 00 20 00 05 00 08 0a 01 02 03 00 06 00 14 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01",
            Parse);
}

/// <summary>The RFC 5061 causes that echo the refused ASCONF parameter share one typical sample.</summary>
public abstract class AsconfCauseTests<T> : TlvCauseTests<T> where T : TlvErrorCause
{
    private protected override bool Single => true;

    // Delete IP Address (0xC002): correlation ID 42, then the IPv4 Address parameter 10.1.2.3.
    private protected override string Sample => "c0 02 00 10 00 00 00 2a 00 05 00 08 0a 01 02 03";
}

public sealed class DeleteLastRemainingAddressCauseTests : AsconfCauseTests<DeleteLastRemainingAddressCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.DeleteLastRemainingAddress;

    private protected override TlvParser<DeleteLastRemainingAddressCause> Parse => DeleteLastRemainingAddressCause.TryParse;

    private protected override DeleteLastRemainingAddressCause Create(byte[] tlvs) => new(tlvs);

    private protected override DeleteLastRemainingAddressCause Create(Parameter parameter) => new(parameter);

    private protected override ReadOnlyMemory<byte> Carried(DeleteLastRemainingAddressCause cause) => cause.AsconfParameter;
}

public sealed class ResourceShortageCauseTests : AsconfCauseTests<ResourceShortageCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.ResourceShortage;

    private protected override TlvParser<ResourceShortageCause> Parse => ResourceShortageCause.TryParse;

    private protected override ResourceShortageCause Create(byte[] tlvs) => new(tlvs);

    private protected override ResourceShortageCause Create(Parameter parameter) => new(parameter);

    private protected override ReadOnlyMemory<byte> Carried(ResourceShortageCause cause) => cause.AsconfParameter;
}

public sealed class DeleteSourceAddressCauseTests : AsconfCauseTests<DeleteSourceAddressCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.DeleteSourceAddress;

    private protected override TlvParser<DeleteSourceAddressCause> Parse => DeleteSourceAddressCause.TryParse;

    private protected override DeleteSourceAddressCause Create(byte[] tlvs) => new(tlvs);

    private protected override DeleteSourceAddressCause Create(Parameter parameter) => new(parameter);

    private protected override ReadOnlyMemory<byte> Carried(DeleteSourceAddressCause cause) => cause.AsconfParameter;
}

public sealed class NoAuthorizationCauseTests : AsconfCauseTests<NoAuthorizationCause>
{
    private protected override ErrorCauseCode Code => ErrorCauseCode.NoAuthorization;

    private protected override TlvParser<NoAuthorizationCause> Parse => NoAuthorizationCause.TryParse;

    private protected override NoAuthorizationCause Create(byte[] tlvs) => new(tlvs);

    private protected override NoAuthorizationCause Create(Parameter parameter) => new(parameter);

    private protected override ReadOnlyMemory<byte> Carried(NoAuthorizationCause cause) => cause.AsconfParameter;
}
