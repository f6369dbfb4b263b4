namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>Time bounds: generous, because the tests share two cores with real peer processes and other test runs.</summary>
internal static class Bounds
{
    /// <summary>The test's token, cancelled after <paramref name="seconds"/> so a hang fails instead of blocking CI.</summary>
    public static CancellationToken Timeout(int seconds = 120)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source.Token;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; false if <paramref name="limit"/> passes first.</summary>
    public static async Task<bool> PollAsync(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }
}
