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
        var next = -1;
        Exception? failure = null;
        // Dedicated threads, not the thread pool: each blocks on its sends, and an in-process target (the stub,
        // a test server) needs the pool to answer them.
        var workers = Enumerable.Range(0, Math.Min(settings.Concurrency, suites.Count)).Select(_ => new Thread(() =>
        {
            try
            {
                for (int i; (i = Interlocked.Increment(ref next)) < suites.Count;)
                {
                    outcomes[i] = SuiteCheck.Run(suites[i], state, judge, settings);
                    state.SuiteDone();
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }) { IsBackground = true, Name = "suite" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failure is not null) throw failure;
        return new(target.Describe, judge.Profile.Name, settings.Seed, settings.MaxTest, outcomes,
            state.StopReason, clock.Elapsed, state.Sent);
    }
}
