using CsCheck;

namespace Sctp.Tests.Packet;

/// <summary>
/// Runs a property over a fixed, reproducible sequence of CsCheck-generated inputs: the same seed gives
/// the same inputs on every run and machine. A failure reports the iteration, the input and the CsCheck
/// seed of that one input, which <c>gen.Sample(property, seed: "...")</c> replays (and shrinks).
/// </summary>
internal static class SeededProperty
{
    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> inputs drawn from <paramref name="gen"/>.</summary>
    public static void Check<T>(Gen<T> gen, ulong seed, int iterations, Action<T> property, Func<T, string>? describe = null)
    {
        var pcg = new PCG(1, seed);
        for (int i = 0; i < iterations; i++)
        {
            string inputSeed = pcg.ToString();
            T input = gen.Generate(pcg, null, out _);
            try
            {
                property(input);
            }
            catch (Exception e)
            {
                string text = describe is null ? CsCheck.Check.Print(input) : describe(input);
                throw new Xunit.Sdk.XunitException(
                    $"The property failed on input {i} of {iterations} (run seed {seed}); its CsCheck seed is \"{inputSeed}\" "
                    + $"(replay with gen.Sample(property, seed: \"{inputSeed}\")).{Environment.NewLine}Input: {Truncate(text)}{Environment.NewLine}{e.Message}",
                    e);
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "...";
}
