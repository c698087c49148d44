using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;

namespace NotifyContract.Harness.Run;

/// <summary>Checks one suite: every boundary case, then the FsCheck property over random cases, shrinking a failure.</summary>
public static class SuiteCheck
{
    public static SuiteOutcome Run(RuleSuite suite, RunState state, Judge judge, RunSettings settings)
    {
        if (suite.SkipReason is { } why)
            return Tally.Skipped(suite, why);

        var tally = new Tally(suite);
        foreach (var c in settings.Exhaustive ? Explore.Cases(suite, settings) : suite.Boundary)
            if (Send(c, state, judge, suite.Mode) is { } judged) tally.Add(judged, state);
        if (settings.Exhaustive) return tally.Outcome(state.StopReason);

        Judged? shrunk = null;
        var shrinkSpent = 0;
        Explore.Random(suite, settings, c =>
        {
            // After the first failure, FsCheck calls back with shrink candidates: the last one that fails is the
            // shrunk counterexample. A missing answer is not shrunk (each try would wait out the timeout).
            if (shrunk is not null)
            {
                if (shrunk.NoAnswer || ++shrinkSpent > settings.ShrinkBudget) return true;
                var candidate = Send(c, state, judge, suite.Mode);
                if (candidate is null || candidate.Holds) return true;
                shrunk = candidate;
                return false;
            }
            if (Send(c, state, judge, suite.Mode) is not { } judged) return true;
            tally.Add(judged, state);
            if (!judged.Holds) shrunk = judged;
            return judged.Holds;
        });
        if (shrunk is not null) tally.Shrunk(shrunk);
        return tally.Outcome(state.StopReason);
    }

    static Judged? Send(Case c, RunState state, Judge judge, SendMode mode)
    {
        if (state.Send(c) is not { } answer) return null;
        if (mode == SendMode.Once)
            return new(c, answer, null, judge.Case(c, answer), judge.Server(answer));
        if (state.Send(c) is not { } retry) return null;
        var server = judge.Server(answer) is { Kind: VerdictKind.Fail } first ? first : judge.Server(retry);
        return new(c, answer, retry, judge.Replay(c, answer, retry), server);
    }
}
