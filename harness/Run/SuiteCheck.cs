using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>
/// Checks one suite in the two steps a run schedules (<see cref="Conformance"/>): every boundary case, then the
/// FsCheck property over its share of random cases, shrinking a failure with requests from <see cref="ShrinkPool"/>.
/// The outcome holds each check's verdict and counterexample (<see cref="SuiteOutcome.Checks"/>) and how many of the
/// cases the suite must get were not judged (<see cref="SuiteOutcome.Missing"/>).
/// </summary>
public sealed class SuiteCheck(RuleSuite suite, RunState state, Judge judge, RunSettings settings)
{
    readonly Tally tally = new(suite);
    int boundaryJudged, randomJudged;

    /// <summary>One suite against a target of its own (a consumer's test: one rule, one operation).</summary>
    public static SuiteOutcome Run(RuleSuite suite, ITarget target, Judge judge, RunSettings settings) =>
        Run(suite, new RunState(target, settings.GiveUpAfterNoAnswers, 1), judge, settings);

    /// <summary>One suite, both steps at once, every random case and shrinking within the suite's own limit.</summary>
    public static SuiteOutcome Run(RuleSuite suite, RunState state, Judge judge, RunSettings settings)
    {
        var check = new SuiteCheck(suite, state, judge, settings);
        check.Boundary();
        check.Random(settings.MaxTest, ShrinkPool.Unlimited);
        return check.Outcome();
    }

    public RuleSuite Suite => suite;

    /// <summary>Every boundary case; in a snapshot run (<see cref="RunSettings.Exhaustive"/>) every random case too,
    /// none shrunk, so the cases do not depend on the answers.</summary>
    public void Boundary()
    {
        if (suite.SkipReason is not null) return;
        foreach (var c in settings.Exhaustive ? Explore.Cases(suite, settings) : suite.Boundary)
            if (Send(c) is { } judged) boundaryJudged += Add(judged);
    }

    /// <summary>
    /// The first <paramref name="share"/> random cases of the property (the same cases whatever the share), up to the
    /// first that does not hold; then FsCheck shrinks it, each candidate paid from <paramref name="pool"/>, to which
    /// the share's unsent requests go first.
    /// </summary>
    public void Random(int share, ShrinkPool pool)
    {
        if (suite.SkipReason is not null || settings.Exhaustive) return;
        Judged? shrunk = null;
        IReadOnlyList<Check> shrinking = [];
        int sent = 0, shrinkSpent = 0;
        var cost = Plan.Cost(suite);
        Explore.Random(suite, settings, c =>
        {
            // After the first failure, FsCheck calls back with shrink candidates: the last one that fails a check the
            // first failure failed is the shrunk counterexample. A missing answer is not shrunk (each try would wait
            // out the timeout).
            if (shrunk is not null)
            {
                if (shrunk.NoAnswer || ++shrinkSpent > settings.ShrinkBudget || !pool.Take(cost)) return true;
                var candidate = Send(c);
                if (candidate is null || !shrinking.Any(candidate.Fails)) return true;
                shrunk = candidate;
                return false;
            }
            sent++;
            if (Send(c) is not { } judged) return true;
            randomJudged += Add(judged);
            if (judged.Holds) return true;
            shrunk = judged;
            shrinking = [.. judged.Judgements.Where(j => j.Verdict.Kind == VerdictKind.Fail).Select(j => j.Check)];
            pool.Add((share - sent) * (long)cost);
            return false;
        }, enough: () => shrunk is null && (sent >= share || state.Stopped));
        if (shrunk is not null) tally.Shrunk(shrunk);
        else pool.Add((share - sent) * (long)cost);
    }

    /// <summary>The suite as checked so far.</summary>
    public SuiteOutcome Outcome()
    {
        if (suite.SkipReason is { } why) return Tally.Skipped(suite, why);
        var required = Plan.Required(suite, settings);
        var judged = suite.Boundary.Count > 0 || settings.Exhaustive
            ? boundaryJudged
            : Math.Min(randomJudged, required);
        return tally.Outcome(state.StopReason) with { Missing = required - judged };
    }

    /// <returns>1 when the case was judged (not throttled away, not unsent), else 0.</returns>
    int Add(Judged judged)
    {
        tally.Add(judged);
        if (!judged.Holds) state.Failed(); // the run's progress line counts them
        return judged.Skipped ? 0 : 1;
    }

    Judged? Send(Case c)
    {
        if (state.Send(c) is not { } answer) return null;
        Answer? retry = null;
        if (suite.Mode != SendMode.Once && (retry = state.Send(c.Then ?? c)) is null) return null;
        return new(c, answer, retry, judge.Checks(c, answer, retry));
    }
}

/// <summary>
/// Requests a run may spend shrinking: what the random cases' shares leave of the budget, and each share's unsent
/// rest once its suite stops on a failure. Unlimited without a budget (each suite still stops at its
/// <see cref="RunSettings.ShrinkBudget"/>). Thread-safe.
/// </summary>
public sealed class ShrinkPool(long? requests)
{
    long left = requests ?? 0;
    readonly bool unlimited = requests is null;

    public static ShrinkPool Unlimited => new(null);

    /// <summary>Takes <paramref name="cost"/> requests; false (nothing taken) when not that many are left.</summary>
    public bool Take(int cost)
    {
        if (unlimited) return true;
        if (Interlocked.Add(ref left, -cost) >= 0) return true;
        Interlocked.Add(ref left, cost);
        return false;
    }

    public void Add(long requests)
    {
        if (requests > 0) Interlocked.Add(ref left, requests);
    }
}
