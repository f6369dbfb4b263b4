namespace Sctp.Tests.Types;

public class ReconfigRequestSequenceNumberTests
{
    [Fact]
    public void NextAndPreviousWrap()
    {
        Assert.Equal(new ReconfigRequestSequenceNumber(0), new ReconfigRequestSequenceNumber(uint.MaxValue).Next);
        Assert.Equal(new ReconfigRequestSequenceNumber(uint.MaxValue), new ReconfigRequestSequenceNumber(0).Previous);
    }

    [Theory]
    [InlineData(1u, 2u)]
    [InlineData(0xFFFF_FFFFu, 0u)]
    [InlineData(0u, 0x7FFF_FFFFu)]
    public void ComparesWithSerialArithmetic(uint lower, uint higher)
    {
        var a = new ReconfigRequestSequenceNumber(lower);
        var b = new ReconfigRequestSequenceNumber(higher);
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.True(b >= a);
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(1, b.CompareTo(a));
        Assert.True(b - a > 0);
    }

    [Fact]
    public void ValuesHalfTheSpaceApartAreUnordered()
    {
        var a = new ReconfigRequestSequenceNumber(0);
        var b = new ReconfigRequestSequenceNumber(0x8000_0000);
        Assert.False(a < b);
        Assert.False(b < a);
    }

    [Fact]
    public void FormatsAsItsValue() => Assert.Equal("4294967295", new ReconfigRequestSequenceNumber(uint.MaxValue).ToString());
}
