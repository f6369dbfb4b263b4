using Sctp.Packet;
using Sctp.Packet.Parameters;

namespace Sctp.Tests.Packet;

public class TlvItemTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void WriteListNeedsNoRoomForTheLastItemsPadding(int lastValueLength)
    {
        UnknownParameter[] items = [new((ParameterType)0x3F01, [0xaa]), new((ParameterType)0x3F02, Enumerable.Repeat((byte)0xbb, lastValueLength).ToArray())];
        int length = TlvItem.GetListLength(items);
        Assert.Equal(8 + 4 + lastValueLength, length);

        // Exactly the list length, as a chunk's value span gives it: the last item's padding is the chunk's.
        byte[] destination = new byte[length];
        Assert.Equal(length, TlvItem.WriteList(destination, items));
        Assert.Equal(Hex.Parse("3f01 0005 aa 000000 3f02").Concat(new byte[] { 0, (byte)(4 + lastValueLength) }).Concat(Enumerable.Repeat((byte)0xbb, lastValueLength)), destination);
    }

    [Fact]
    public void WriteToStillPadsAndChecksRoom()
    {
        var item = new UnknownParameter((ParameterType)0x3F01, [1, 2, 3]);
        byte[] destination = Enumerable.Repeat((byte)0xff, 8).ToArray();
        Assert.Equal(8, item.WriteTo(destination));
        Assert.Equal(Hex.Parse("3f01 0007 010203 00"), destination);
        Assert.Throws<ArgumentException>(() => item.WriteTo(new byte[7]));
    }
}
