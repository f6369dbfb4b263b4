using Sctp.Packet;
using Sctp.Packet.Chunks;

namespace Sctp.Tests.Packet.Chunks;

public class CookieAckChunkTests
{
    [Fact]
    public void RoundTrips() => WireAssert.RoundTrip(CookieAckChunk.Instance);

    [Fact]
    public void WritesRfcLayout() => Assert.Equal(Hex.Parse("0b 00 00 04"), CookieAckChunk.Instance.ToArray());

    [Fact]
    public void RejectsZeroLength() => WireAssert.Rejects<CookieAckChunk>("0b 00 00 00", ParseErrorKind.InvalidLength);
}
