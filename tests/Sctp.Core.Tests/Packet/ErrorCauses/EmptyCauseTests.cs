using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

/// <summary>The tests every empty cause passes; one sealed subclass per type below.</summary>
public abstract class EmptyCauseTests<T> where T : EmptyErrorCause
{
    private protected abstract T Instance { get; }

    private protected abstract TlvParser<T> Parse { get; }

    private string Code => $"{(ushort)Instance.Code >> 8:x2} {(ushort)Instance.Code & 0xFF:x2}";

    [Fact]
    public void RoundTripsToTheSharedInstance()
    {
        var parsed = CauseAssert.RoundTrip(Instance, Parse);
        Assert.Same(Instance, parsed);
        Assert.Equal(4, parsed.Length);
        Assert.Equal(4, parsed.SerializedSize);
        Assert.Equal(0, parsed.ValueLength);
    }

    [Fact]
    public void WritesRfcLayout() => CauseAssert.HasLayout(Instance, Code + " 00 04", Parse);

    [Fact]
    public void RejectsAValue() => CauseAssert.Rejects(Code + " 00 08 00 00 00 00", ParseErrorKind.InvalidLength, Parse);

    [Fact]
    public void RejectsALengthFieldBelowTheHeader() => CauseAssert.Rejects(Code + " 00 03", ParseErrorKind.InvalidLength, Parse);

    [Fact]
    public void RejectsTrailingBytesBeyondTheLength() => CauseAssert.Rejects(Code + " 00 04 00 00", ParseErrorKind.InvalidLength, Parse);

    [Fact]
    public void RejectsALengthBeyondTheBytes() => CauseAssert.Rejects(Code + " 00 08", ParseErrorKind.LengthExceedsBuffer, Parse);

    [Fact]
    public void RejectsAnotherCode() => CauseAssert.Rejects("ff ff 00 04", ParseErrorKind.UnexpectedType, Parse);

    [Fact]
    public void RejectsAPartialHeader() => CauseAssert.Rejects(Code, ParseErrorKind.Truncated, Parse);
}

public sealed class OutOfResourceCauseTests : EmptyCauseTests<OutOfResourceCause>
{
    private protected override OutOfResourceCause Instance => OutOfResourceCause.Instance;

    private protected override TlvParser<OutOfResourceCause> Parse => OutOfResourceCause.TryParse;

    [Fact]
    public void HasCodeFour() => Assert.Equal((ushort)4, Instance.TypeCode);
}

public sealed class InvalidMandatoryParameterCauseTests : EmptyCauseTests<InvalidMandatoryParameterCause>
{
    private protected override InvalidMandatoryParameterCause Instance => InvalidMandatoryParameterCause.Instance;

    private protected override TlvParser<InvalidMandatoryParameterCause> Parse => InvalidMandatoryParameterCause.TryParse;

    [Fact]
    public void ParsesWhatUsrsctpSendsForAZeroInitiateTag() =>
        // From errors-probe.txt: the ABORT answering an INIT whose initiate tag was 0.
        Assert.Same(Instance, CauseAssert.Parses("00 07 00 04", Parse));
}

public sealed class CookieReceivedWhileShuttingDownCauseTests : EmptyCauseTests<CookieReceivedWhileShuttingDownCause>
{
    private protected override CookieReceivedWhileShuttingDownCause Instance => CookieReceivedWhileShuttingDownCause.Instance;

    private protected override TlvParser<CookieReceivedWhileShuttingDownCause> Parse => CookieReceivedWhileShuttingDownCause.TryParse;

    [Fact]
    public void HasCodeTen() => Assert.Equal((ushort)10, Instance.TypeCode);
}

public sealed class IllegalAsconfAckCauseTests : EmptyCauseTests<IllegalAsconfAckCause>
{
    private protected override IllegalAsconfAckCause Instance => IllegalAsconfAckCause.Instance;

    private protected override TlvParser<IllegalAsconfAckCause> Parse => IllegalAsconfAckCause.TryParse;

    [Fact]
    public void HasCodeA3() => Assert.Equal((ushort)0x00A3, Instance.TypeCode);
}
