using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class AddIncomingStreamsRequestParameterTests : AddStreamsRequestParameterTests<AddIncomingStreamsRequestParameter>
{
    private protected override ParameterType Type => ParameterType.AddIncomingStreamsRequest;

    private protected override TlvParser<AddIncomingStreamsRequestParameter> Parser => AddIncomingStreamsRequestParameter.TryParse;

    private protected override AddIncomingStreamsRequestParameter Create(ReconfigRequestSequenceNumber request, ushort numberOfNewStreams) =>
        new(request, numberOfNewStreams);

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 12 00 0c 12 34 56 78 ff ff 00 00"),
            new AddIncomingStreamsRequestParameter(new ReconfigRequestSequenceNumber(0x12345678), ushort.MaxValue).ToArray());
}
