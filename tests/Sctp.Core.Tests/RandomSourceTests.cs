namespace Sctp.Tests;

public class RandomSourceTests
{
    [Fact]
    public void SameSeedSameSequence()
    {
        var a = new SeededRandomSource(42);
        var b = new SeededRandomSource(42);
        var c = new SeededRandomSource(43);
        ulong[] first = [a.NextUInt64(), a.NextUInt64(), a.NextUInt64()];
        Assert.Equal(first, new[] { b.NextUInt64(), b.NextUInt64(), b.NextUInt64() });
        Assert.NotEqual(first[0], c.NextUInt64());
    }

    [Fact]
    public void FillCoversOddLengthsAndNonZeroValuesAreNeverZero()
    {
        var random = new SeededRandomSource(1);
        byte[] buffer = new byte[13];
        random.Fill(buffer);
        Assert.Contains(buffer[8..], b => b != 0);
        for (int i = 0; i < 1000; i++)
        {
            Assert.NotEqual(0u, random.NextNonZeroUInt32());
        }

        double d = random.NextDouble();
        Assert.InRange(d, 0.0, 1.0);
    }
}
