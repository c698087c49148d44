using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>The main job: every suite against one target, several suites at once, outcomes in registry order.</summary>
public static class Conformance
{
    public static RunResult Run(
        IReadOnlyList<RuleSuite> suites, ITarget target, Judge judge, RunSettings settings, Action<RunState>? started = null)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(target, settings.GiveUpAfterNoAnswers, suites.Count);
        started?.Invoke(state);
        var outcomes = new SuiteOutcome[suites.Count];
        Parallel.For(0, suites.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, i =>
        {
            outcomes[i] = SuiteCheck.Run(suites[i], state, judge, settings);
            state.SuiteDone();
        });
        return new(target.Describe, judge.Profile.Name, settings.Seed, settings.MaxTest, outcomes,
            state.StopReason, clock.Elapsed, state.Sent);
    }
}
