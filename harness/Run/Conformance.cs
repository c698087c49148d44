using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>
/// The main job: every suite against one target, several suites at once, outcomes in registry order. The requests go
/// as <see cref="Plan"/> says: every suite's boundary cases first, then each suite's share of random cases (all of them
/// without a budget), shrinking paid from what the shares leave.
/// </summary>
public static class Conformance
{
    public static RunResult Run(IReadOnlyList<RuleSuite> suites, ITarget target, Judge judge, RunSettings settings,
        Action<RunState>? started = null)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(target, settings.GiveUpAfterNoAnswers, suites.Count);
        started?.Invoke(state);
        var checks = suites.Select(s => new SuiteCheck(s, state, judge, settings)).ToList();

        Each(checks.Count, settings.Concurrency, i => checks[i].Boundary());
        // Shared out only now: the boundary cases' throttled retries, if any, spent part of the budget.
        var (shares, left) = Plan.Share(suites, settings, state.RequestsLeft);
        var pool = new ShrinkPool(left);
        Each(checks.Count, settings.Concurrency, i =>
        {
            checks[i].Random(shares[i], pool);
            state.SuiteDone();
        });

        return new(target.Describe, judge.Profile.Name, settings.Seed, settings.MaxTest,
            [.. checks.Select(c => c.Outcome())], state.StopReason, clock.Elapsed, state.Sent)
        {
            Interrupted = state.Interrupted,
        };
    }

    /// <summary><paramref name="work"/> for every index, on <paramref name="concurrency"/> threads, taken in order.</summary>
    static void Each(int count, int concurrency, Action<int> work)
    {
        var next = -1;
        Workers.Run(Math.Min(concurrency, count), _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) work(i);
        });
    }
}
