using FsCheck;
using FsCheck.Fluent;

namespace NotifyContract.Tests.Support;

/// <summary>
/// How much the robustness properties try. <c>dotnet test</c> replays a fixed seed at a small size (a few seconds);
/// <c>NOTIFYCONTRACT_PROPERTY_SIZE=N</c> runs N tests of sizes up to N, and <c>NOTIFYCONTRACT_PROPERTY_SEED=S</c>
/// another seed (docs/cli.md, the settings).
/// </summary>
public static class PropertyRuns
{
    public const string SizeVariable = "NOTIFYCONTRACT_PROPERTY_SIZE";
    public const string SeedVariable = "NOTIFYCONTRACT_PROPERTY_SEED";

    /// <summary>A property's run: <paramref name="tests"/> tests of sizes up to <paramref name="size"/> by default.</summary>
    public static Config Config(int tests, int size)
    {
        var given = int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), out var n) && n > 0 ? n : (int?)null;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var s) ? s : 20260523UL;
        return FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(given ?? tests)
            .WithEndSize(given ?? size)
            .WithReplay(seed, 0x9E3779B97F4A7C15UL); // SplitMix's gamma: odd
    }
}
