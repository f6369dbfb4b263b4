namespace Sctp.Tests.Harness;

/// <summary>
/// Tests that count allocated bytes while using <see cref="System.Buffers.ArrayPool{T}.Shared"/>. The shared
/// pool is process-wide: a test running in parallel can empty a bucket, and the measured Rent then
/// allocates. Tests in this collection run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Allocation measurement";

    /// <summary>
    /// Runs <paramref name="loop"/> up to <paramref name="attempts"/> times and returns the fewest bytes the
    /// current thread allocated in one run (stopping at the first run that allocated nothing). An
    /// allocation per call, or every so many calls, shows in every run; a one-off by the runtime (tiered
    /// compilation finishing on a loaded machine) does not repeat, so it cannot fail the test.
    /// </summary>
    public static long FewestBytesAllocated(Action loop, int attempts = 3)
    {
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < attempts && fewest > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
