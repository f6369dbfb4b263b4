using BenchmarkDotNet.Running;

namespace Sctp.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Sctp.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point; BenchmarkDotNet's switcher reads the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
