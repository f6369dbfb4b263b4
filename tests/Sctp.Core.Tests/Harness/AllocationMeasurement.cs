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
}
