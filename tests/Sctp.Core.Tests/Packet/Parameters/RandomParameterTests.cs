using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet.Parameters;

public class RandomParameterTests : OpaqueParameterTests<RandomParameter>
{
    private protected override ParameterType Type => ParameterType.Random;

    private protected override TlvParser<RandomParameter> Parser => RandomParameter.TryParse;

    private protected override RandomParameter Create(ReadOnlySpan<byte> data) => new(data);

    private protected override ReadOnlyMemory<byte> DataOf(RandomParameter parameter) => parameter.RandomNumber;

    [Fact]
    public void RoundTripsTheRecommended32Bytes()
    {
        byte[] random = ParameterAssert.Sequence(32);
        var parameter = new RandomParameter(random);
        Assert.Equal(Hex.Parse("80 02 00 24").Concat(random), parameter.ToArray());
        Assert.Equal(random, ParameterAssert.RoundTrip(parameter, RandomParameter.TryParse).RandomNumber.ToArray());
    }
}
