using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Run;

/// <summary>
/// Runs one suite's property with FsCheck: MaxTest random cases from the suite's arbitrary, seeded per suite;
/// on the first case that does not hold, FsCheck shrinks within the rule. The same seed explores the same cases,
/// which is how an export writes exactly what a run would send.
/// </summary>
public static class Explore
{
    /// <summary>Built once: <c>Config.Quick</c> makes a new default ArbMap (reflection) on every read.</summary>
    static readonly Config Quick = Config.Quick;

    /// <param name="enough">Asked before each random case: when true, FsCheck generates no more (the run stopped, or
    /// the suite's share of the budget is spent). The cases before are the same either way.</param>
    /// <remarks><paramref name="holds"/> sees every case, shrink candidates included: the caller keeps the last one that
    /// failed.</remarks>
    public static void Random(RuleSuite suite, RunSettings settings, Func<Case, bool> holds, Func<bool>? enough = null)
    {
        if (suite.Random is null || suite.RandomCases(settings.MaxTest) is not (> 0 and var count)) return;
        var (seed, gamma) = settings.SuiteSeed(suite);
        var config = Quick
            .WithMaxTest(count)
            .WithMaxRejected(1) // the one discarded case is how "enough" ends the run
            .WithRunner(Silent.Runner)
            .WithReplay(seed, gamma);
        Check.One(config,
            Prop.ForAll(suite.Random, (Case c) => enough?.Invoke() == true ? Prop.Discard<bool>() : holds(c)));
    }

    /// <summary>Every case a run of <paramref name="suite"/> would send when all of them hold: boundary, then random.</summary>
    public static IReadOnlyList<Case> Cases(RuleSuite suite, RunSettings settings)
    {
        var cases = new List<Case>(suite.Boundary.Count);
        Each(suite, settings, cases.Add);
        return cases;
    }

    /// <summary><see cref="Cases"/>, handed over one at a time as generated (an export of millions holds none of them).</summary>
    public static void Each(RuleSuite suite, RunSettings settings, Action<Case> each)
    {
        foreach (var c in suite.Boundary) each(c);
        Random(suite, settings, c => { each(c); return true; });
    }

    /// <summary>Prints nothing: the caller judges and keeps the cases itself.</summary>
    sealed class Silent : IRunner
    {
        public static readonly Silent Runner = new();
        public void OnStartFixture(Type t) { }
        public void OnArguments(int ntest, FSharpList<object> args,
            FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }
        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }
        public void OnFinished(string name, TestResult result) { }
    }
}
