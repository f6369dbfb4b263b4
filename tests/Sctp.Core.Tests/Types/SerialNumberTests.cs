namespace Sctp.Tests.Types;

public class SerialNumberTests
{
    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(0xFFFF_FFFFu, 0u)]
    [InlineData(0xFFFF_FFF0u, 0x10u)]
    [InlineData(0u, 0x7FFF_FFFFu)]
    [InlineData(0x8000_0000u, 0xFFFF_FFFFu)]
    public void TsnOrdersAcrossWrap(uint a, uint b)
    {
        Assert.True(new Tsn(a) < new Tsn(b));
        Assert.True(new Tsn(b) > new Tsn(a));
        Assert.True(new Tsn(a) <= new Tsn(b));
        Assert.False(new Tsn(a) >= new Tsn(b));
        Assert.True(new Tsn(b) - new Tsn(a) > 0);
        Assert.Equal(-1, new Tsn(a).CompareTo(new Tsn(b)));
    }

    [Fact]
    public void TsnValuesHalfTheSpaceApartAreUnordered()
    {
        var a = new Tsn(0);
        var b = new Tsn(0x8000_0000);
        Assert.False(a < b);
        Assert.False(a > b);
        Assert.False(b < a);
    }

    [Fact]
    public void TsnNextAndPlusWrap()
    {
        Assert.Equal(new Tsn(0), new Tsn(0xFFFF_FFFF).Next);
        Assert.Equal(new Tsn(0xFFFF_FFFF), new Tsn(0).Previous);
        Assert.Equal(new Tsn(4), new Tsn(0xFFFF_FFFE) + 6);
        Assert.Equal(new Tsn(0xFFFF_FFFE), new Tsn(4) - 6);
        Assert.Equal(6, new Tsn(4) - new Tsn(0xFFFF_FFFE));
    }

    [Theory]
    [InlineData((ushort)0, (ushort)1)]
    [InlineData((ushort)0xFFFF, (ushort)0)]
    [InlineData((ushort)0xFFF0, (ushort)0x10)]
    [InlineData((ushort)0, (ushort)0x7FFF)]
    public void SsnOrdersAcrossWrap(ushort a, ushort b)
    {
        Assert.True(new Ssn(a) < new Ssn(b));
        Assert.True(new Ssn(b) > new Ssn(a));
        Assert.True(new Ssn(b) - new Ssn(a) > 0);
    }

    [Fact]
    public void SsnNextWraps()
    {
        Assert.Equal(new Ssn(0), new Ssn(0xFFFF).Next);
        Assert.False(new Ssn(0) < new Ssn(0x8000));
        Assert.False(new Ssn(0) > new Ssn(0x8000));
    }

    [Fact]
    public void MidAndFsnUseThirtyTwoBitSerialArithmetic()
    {
        Assert.True(new Mid(0xFFFF_FFFF) < new Mid(2));
        Assert.True(new Fsn(0xFFFF_FFFF) < new Fsn(0));
    }

    [Fact]
    public void UnwrapperCountsWrapsInBothDirections()
    {
        var unwrapper = new SerialUnwrapper32(0xFFFF_FFF0);
        Assert.Equal(0xFFFF_FFF0L, unwrapper.Unwrap(0xFFFF_FFF0));
        Assert.Equal(0x1_0000_0005L, unwrapper.Unwrap(5));
        Assert.Equal(0xFFFF_FFFEL, unwrapper.Unwrap(0xFFFF_FFFE));
        long value = unwrapper.Unwrap(0xFFFF_FFFE);
        for (int lap = 0; lap < 3; lap++)
        {
            for (uint step = 0; step < 4; step++)
            {
                value = unwrapper.Unwrap((uint)((value + 0x4000_0000) & 0xFFFF_FFFF));
            }
        }

        Assert.Equal(0xFFFF_FFFEL + (12L * 0x4000_0000), value);
        Assert.Equal(value - 10, unwrapper.PeekUnwrap((uint)((value - 10) & 0xFFFF_FFFF)));
    }
}
