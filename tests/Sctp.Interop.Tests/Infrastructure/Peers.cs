namespace Sctp.Interop.Tests.Infrastructure;

/// <summary>Where the peer programs live, and what a test does when they are missing.</summary>
internal static class Peers
{
    /// <summary>The directory of usrsctp's example programs (Debian package libusrsctp-examples).</summary>
    public const string UsrsctpDirectory = "/usr/lib/usrsctp";

    private const string Install = "apt-get install libusrsctp-examples tshark";

    /// <summary>The full path of a usrsctp example program.</summary>
    public static string Usrsctp(string name) => Path.Combine(UsrsctpDirectory, name);

    /// <summary>The full path of tshark, or null when it is not on PATH.</summary>
    public static string? Tshark { get; } = FindOnPath("tshark");

    /// <summary>
    /// Skips the test when a usrsctp program it needs is missing (or fails it when the environment
    /// variable CI is set: CI installs the peers and must not silently skip them).
    /// </summary>
    public static void RequireUsrsctp(params string[] programs)
    {
        RequireLinux();
        var missing = programs.Where(p => !File.Exists(Usrsctp(p))).ToArray();
        if (missing.Length > 0)
        {
            Missing($"usrsctp example programs not found in {UsrsctpDirectory}: {string.Join(", ", missing)}");
        }
    }

    /// <summary>Skips the test when tshark is missing (fails it under CI).</summary>
    public static void RequireTshark()
    {
        RequireLinux();
        if (Tshark is null)
        {
            Missing("tshark is not on PATH");
        }
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Missing("the interop tests run the Debian builds of the peers and read /proc; they need Linux");
        }
    }

    private static void Missing(string what)
    {
        string message = $"Interop peers missing: {what}. Install them with: {Install}";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message + " (CI is set, so a missing peer fails the test instead of skipping it)");
        }

        Assert.Skip(message);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
