using System.Text;
using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class ProtocolViolationCauseTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 3)]
    [InlineData("ab", 2)]
    [InlineData("abc", 1)]
    [InlineData("abcd", 0)]
    [InlineData("zero checksum not negotiated", 0)]
    public void RoundTripsText(string text, int padding)
    {
        var parsed = CauseAssert.RoundTrip(new ProtocolViolationCause(text), ProtocolViolationCause.TryParse);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(Encoding.ASCII.GetBytes(text), parsed.AdditionalInformation.ToArray());
        Assert.Equal(padding, parsed.SerializedSize - parsed.Length);
    }

    [Fact]
    public void EncodesNonAsciiTextAsUtf8()
    {
        var cause = new ProtocolViolationCause("tsn é");
        Assert.Equal(Hex.Parse("74 73 6e 20 c3 a9"), cause.AdditionalInformation.ToArray());
        Assert.Equal("tsn é", CauseAssert.RoundTrip(cause, ProtocolViolationCause.TryParse).Text);
    }

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new ProtocolViolationCause("oops"), "00 0d 00 08 6f 6f 70 73", ProtocolViolationCause.TryParse);

    [Fact]
    public void ParsesUsrsctpsDiagnosticText()
    {
        // From errors-probe.txt: the ABORT answering a SACK that acknowledged a TSN never sent.
        var cause = CauseAssert.Parses<ProtocolViolationCause>(
            "00 0d 00 37 43 75 6d 20 61 63 6b 20 35 34 65 30 30 66 36 31 20 67 72 65 61 74 65 72 20 6f 72 20"
            + "65 71 75 61 6c 20 74 68 61 6e 20 54 53 4e 20 35 34 65 30 30 62 37 39", ProtocolViolationCause.TryParse);
        Assert.Equal("Cum ack 54e00f61 greater or equal than TSN 54e00b79", cause.Text);
    }

    [Fact]
    public void TextDropsATrailingNulTerminator() =>
        Assert.Equal("bad", new ProtocolViolationCause("bad\0"u8).Text);

    [Fact]
    public void TextReplacesInvalidUtf8() =>
        Assert.Equal("a\uFFFDb", new ProtocolViolationCause([0x61, 0xFF, 0x62]).Text);

    [Fact]
    public void RejectsNullText() =>
        Assert.Throws<ArgumentNullException>(() => new ProtocolViolationCause((string)null!));

    [Fact]
    public void RejectsTextTooLongForTheLengthField() =>
        Assert.Throws<ArgumentException>(() => new ProtocolViolationCause(new string('x', OpaqueErrorCause.MaxValueLength + 1)));

    [Theory]
    [InlineData("00 0d 00 02", ParseErrorKind.InvalidLength)]
    [InlineData("00 0d 00 09 6f 6f 70 73", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 0d 00 04 6f", ParseErrorKind.InvalidLength)]
    [InlineData("00 0c 00 04", ParseErrorKind.UnexpectedType)]
    [InlineData("00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<ProtocolViolationCause>(hex, kind, ProtocolViolationCause.TryParse);
}
