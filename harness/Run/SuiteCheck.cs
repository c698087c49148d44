using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>
/// Checks one suite: every boundary case, then the FsCheck property over random cases, shrinking a failure.
/// The outcome holds each check's verdict and counterexample (<see cref="SuiteOutcome.Checks"/>).
/// </summary>
public static class SuiteCheck
{
    /// <summary>One suite against a target of its own (a consumer's test: one rule, one operation).</summary>
    public static SuiteOutcome Run(RuleSuite suite, ITarget target, Judge judge, RunSettings settings) =>
        Run(suite, new RunState(target, settings.GiveUpAfterNoAnswers, 1), judge, settings);

    public static SuiteOutcome Run(RuleSuite suite, RunState state, Judge judge, RunSettings settings)
    {
        if (suite.SkipReason is { } why)
            return Tally.Skipped(suite, why);

        var tally = new Tally(suite);
        foreach (var c in settings.Exhaustive ? Explore.Cases(suite, settings) : suite.Boundary)
            if (Send(c, state, judge, suite.Mode) is { } judged) tally.Add(judged, state);
        if (settings.Exhaustive) return tally.Outcome(state.StopReason);

        Judged? shrunk = null;
        IReadOnlyList<Check> shrinking = [];
        var shrinkSpent = 0;
        Explore.Random(suite, settings, c =>
        {
            // After the first failure, FsCheck calls back with shrink candidates: the last one that fails a check the
            // first failure failed is the shrunk counterexample. A missing answer is not shrunk (each try would wait
            // out the timeout).
            if (shrunk is not null)
            {
                if (shrunk.NoAnswer || ++shrinkSpent > settings.ShrinkBudget) return true;
                var candidate = Send(c, state, judge, suite.Mode);
                if (candidate is null || !shrinking.Any(candidate.Fails)) return true;
                shrunk = candidate;
                return false;
            }
            if (Send(c, state, judge, suite.Mode) is not { } judged) return true;
            tally.Add(judged, state);
            if (!judged.Holds)
            {
                shrunk = judged;
                shrinking = [.. judged.Judgements.Where(j => j.Verdict.Kind == VerdictKind.Fail).Select(j => j.Check)];
            }
            return judged.Holds;
        });
        if (shrunk is not null) tally.Shrunk(shrunk);
        return tally.Outcome(state.StopReason);
    }

    static Judged? Send(Case c, RunState state, Judge judge, SendMode mode)
    {
        if (state.Send(c) is not { } answer) return null;
        Answer? retry = null;
        if (mode == SendMode.Replay && (retry = state.Send(c)) is null) return null;
        return new(c, answer, retry, judge.Checks(c, answer, retry));
    }
}
