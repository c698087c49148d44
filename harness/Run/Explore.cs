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
    /// <returns>The shrunk counterexample, or null when every case held.</returns>
    public static Case? Random(RuleSuite suite, RunSettings settings, Func<Case, bool> holds, Func<bool>? enough = null)
    {
        if (suite.Random is null || settings.MaxTest <= 0) return null;
        var (seed, gamma) = settings.SuiteSeed(suite);
        var runner = new LastResult();
        var config = Quick
            .WithMaxTest(settings.MaxTest)
            .WithMaxRejected(1) // the one discarded case is how "enough" ends the run
            .WithRunner(runner)
            .WithReplay(seed, gamma);
        Check.One(config,
            Prop.ForAll(suite.Random, (Case c) => enough?.Invoke() == true ? Prop.Discard<bool>() : holds(c)));
        return runner.Result is TestResult.Failed failed ? failed.Item3.Head as Case : null;
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

    /// <summary>Keeps FsCheck's final result instead of printing it.</summary>
    sealed class LastResult : IRunner
    {
        public TestResult? Result { get; private set; }
        public void OnStartFixture(Type t) { }
        public void OnArguments(int ntest, FSharpList<object> args,
            FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }
        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }
        public void OnFinished(string name, TestResult result) => Result = result;
    }
}
