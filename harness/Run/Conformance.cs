using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>The main job: every suite against one target, several suites at once, outcomes in registry order.</summary>
public static class Conformance
{
    public static RunResult Run(IReadOnlyList<RuleSuite> suites, ITarget target, Judge judge, RunSettings settings,
        Action<RunState>? started = null)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(target, settings.GiveUpAfterNoAnswers, suites.Count);
        started?.Invoke(state);
        var outcomes = new SuiteOutcome[suites.Count];
        var next = -1;
        Workers.Run(Math.Min(settings.Concurrency, suites.Count), _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < suites.Count; i = Interlocked.Increment(ref next))
            {
                outcomes[i] = SuiteCheck.Run(suites[i], state, judge, settings);
                state.SuiteDone();
            }
        });
        return new(target.Describe, judge.Profile.Name, settings.Seed, settings.MaxTest, outcomes,
            state.StopReason, clock.Elapsed, state.Sent);
    }
}
