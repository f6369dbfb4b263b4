using System.Diagnostics;

namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>
/// tsctp switches all of libusrsctp's debug output on (about 80,000 lines a second on the Debian build),
/// which costs it most of its speed. A one-function shared library preloaded into it turns that call into
/// a no-op. Built with gcc once per test run when gcc exists; without gcc the tests run tsctp as is.
/// </summary>
internal static class NoDebugPreload
{
    private static readonly Lazy<Task<string?>> Library = new(BuildAsync);

    /// <summary>The environment to run tsctp with: LD_PRELOAD of the library, or nothing when it could not be built.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync()
    {
        string? path = await Library.Value;
        return path is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["LD_PRELOAD"] = path };
    }

    private static async Task<string?> BuildAsync()
    {
        string? gcc = new[] { "/usr/bin/gcc", "/usr/local/bin/gcc", "/bin/gcc" }.FirstOrDefault(File.Exists);
        if (gcc is null)
        {
            return null;
        }

        // One directory for every run; each run builds its own file and moves it into place, so runs in
        // parallel never load a half-written library.
        string directory = Path.Combine(Path.GetTempPath(), "sctp-interop", "nodebug");
        Directory.CreateDirectory(directory);
        string source = Path.Combine(directory, $"nodebug-{Environment.ProcessId}.c");
        string building = Path.Combine(directory, $"libnodebug-{Environment.ProcessId}.so");
        string library = Path.Combine(directory, "libnodebug.so");
        await File.WriteAllTextAsync(source, "#include <stdint.h>\nint usrsctp_sysctl_set_sctp_debug_on(uint32_t value) { (void)value; return 0; }\n");
        var info = new ProcessStartInfo(gcc) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-shared", "-fPIC", "-O2", "-o", building, source })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        await Task.WhenAll(output, errors);
        File.Delete(source);
        if (process.ExitCode != 0 || !File.Exists(building))
        {
            return null;
        }

        File.Move(building, library, overwrite: true);
        return library;
    }
}
