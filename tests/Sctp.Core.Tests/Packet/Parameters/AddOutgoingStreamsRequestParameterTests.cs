using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class AddOutgoingStreamsRequestParameterTests : AddStreamsRequestParameterTests<AddOutgoingStreamsRequestParameter>
{
    private protected override ParameterType Type => ParameterType.AddOutgoingStreamsRequest;

    private protected override TlvParser<AddOutgoingStreamsRequestParameter> Parser => AddOutgoingStreamsRequestParameter.TryParse;

    private protected override AddOutgoingStreamsRequestParameter Create(ReconfigRequestSequenceNumber request, ushort numberOfNewStreams) =>
        new(request, numberOfNewStreams);

    [Fact]
    public void WritesRfcLayout() =>
        Assert.Equal(
            Hex.Parse("00 11 00 0c 00 00 00 09 00 10 00 00"),
            new AddOutgoingStreamsRequestParameter(new ReconfigRequestSequenceNumber(9), 16).ToArray());

    [Fact]
    public void DiffersFromTheIncomingRequestWithTheSameFields() =>
        Assert.NotEqual<Parameter>(
            new AddOutgoingStreamsRequestParameter(new ReconfigRequestSequenceNumber(1), 1),
            new AddIncomingStreamsRequestParameter(new ReconfigRequestSequenceNumber(1), 1));
}
