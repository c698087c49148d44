using System.Security.Cryptography;
using System.Text;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Run;

/// <param name="Seed">Replays a run: each suite's FsCheck seed is derived from it, the operation and the rule.</param>
/// <param name="MaxTest">Random cases per suite (FsCheck's MaxTest), on top of the boundary cases.</param>
/// <param name="Concurrency">Suites checked at once (each sends one request at a time).</param>
/// <param name="ShrinkBudget">Requests one suite may spend shrinking a counterexample.</param>
/// <param name="GiveUpAfterNoAnswers">Requests in a row with no answer after which the run stops sending.</param>
public sealed record RunSettings(
    long Seed,
    int MaxTest = 100,
    int Concurrency = 8,
    int ShrinkBudget = 200,
    int GiveUpAfterNoAnswers = 8)
{
    /// <summary>
    /// Snapshot runs: every suite sends all its boundary and random cases (<see cref="Explore.Cases"/>), whatever the
    /// answers, and nothing is shrunk, so the cases sent depend on the seed alone and regenerate.
    /// </summary>
    public bool Exhaustive { get; init; }

    /// <summary>FsCheck's (seed, gamma) for one suite: stable across runs and machines.</summary>
    public (ulong Seed, ulong Gamma) SuiteSeed(RuleSuite suite)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}/{suite.Operation}/{suite.Rule}"));
        return (BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8) | 1); // SplitMix needs an odd gamma
    }
}
