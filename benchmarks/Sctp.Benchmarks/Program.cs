using BenchmarkDotNet.Running;

namespace Sctp.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Sctp.Benchmarks -- --filter '*' --job short</c>
/// for a quick run, without <c>--job short</c> for numbers to record (see docs/PERFORMANCE.md).
/// </summary>
public static class Program
{
    /// <summary>Entry point; BenchmarkDotNet's switcher reads the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
