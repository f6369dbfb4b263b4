using Sctp.Packet;
using Sctp.Packet.ErrorCauses;

namespace Sctp.Tests.Packet.ErrorCauses;

public class UserInitiatedAbortCauseTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(OpaqueErrorCause.MaxValueLength, 1)]
    public void RoundTripsEveryPadding(int length, int padding)
    {
        byte[] reason = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var parsed = CauseAssert.RoundTrip(new UserInitiatedAbortCause(reason), UserInitiatedAbortCause.TryParse);
        Assert.Equal(reason, parsed.Reason.ToArray());
        Assert.Equal(padding, parsed.SerializedSize - parsed.Length);
    }

    [Fact]
    public void WritesRfcLayout() =>
        CauseAssert.HasLayout(new UserInitiatedAbortCause("bye"u8), "00 0c 00 07 62 79 65 00", UserInitiatedAbortCause.TryParse);

    [Fact]
    public void ParsesTheEmptyReasonUsrsctpSendsWhenClosingWithUnreadData()
    {
        // From user-abort.txt: daytime_server closed its socket with the probe's DATA unread.
        var cause = CauseAssert.Parses<UserInitiatedAbortCause>("00 0c 00 04", UserInitiatedAbortCause.TryParse);
        Assert.True(cause.Reason.IsEmpty);
        Assert.Equal(new UserInitiatedAbortCause(), cause);
    }

    [Fact]
    public void OwnsItsReason()
    {
        byte[] reason = [1, 2, 3];
        var cause = new UserInitiatedAbortCause(reason);
        reason[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, cause.Reason.ToArray());
    }

    [Fact]
    public void RejectsAReasonTooLongForTheLengthField() =>
        Assert.Throws<ArgumentException>(() => new UserInitiatedAbortCause(new byte[OpaqueErrorCause.MaxValueLength + 1]));

    [Fact]
    public void EqualityComparesTheWireBytes()
    {
        Assert.Equal(new UserInitiatedAbortCause("a"u8), new UserInitiatedAbortCause("a"u8));
        Assert.NotEqual(new UserInitiatedAbortCause("a"u8), new UserInitiatedAbortCause("b"u8));
        Assert.False(new UserInitiatedAbortCause("a"u8).Equals(new ProtocolViolationCause("a"u8)));
    }

    [Theory]
    [InlineData("00 0c 00 03", ParseErrorKind.InvalidLength)]
    [InlineData("00 0c 00 00", ParseErrorKind.InvalidLength)]
    [InlineData("00 0c 00 06 62", ParseErrorKind.LengthExceedsBuffer)]
    [InlineData("00 0c 00 05 62 79", ParseErrorKind.InvalidLength)]
    [InlineData("00 0d 00 05 62", ParseErrorKind.UnexpectedType)]
    [InlineData("00 0c 00", ParseErrorKind.Truncated)]
    public void RejectsMalformed(string hex, ParseErrorKind kind) =>
        CauseAssert.Rejects<UserInitiatedAbortCause>(hex, kind, UserInitiatedAbortCause.TryParse);
}
