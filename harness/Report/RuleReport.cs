using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>One rule id across the operations it ran on: what every report format shows.</summary>
public sealed record RuleReport(
    string Id,
    Verdict Verdict,
    int Cases,
    int Failed,
    int Observed,
    IReadOnlyList<SuiteOutcome> Operations,
    Counterexample? Counterexample)
{
    /// <summary>Rules in registry order, then <c>Server.noServerError</c>, judged on every answer of the run.</summary>
    public static IReadOnlyList<RuleReport> From(RunResult run)
    {
        var rules = run.Suites
            .GroupBy(s => s.Suite.Rule.Value)
            .Select(g => Merge(g.Key, [.. g], s => (s.Verdict, s.Cases, s.Failed, s.Observed, s.Counterexample, s.Agreement)))
            .ToList();
        var ran = run.Suites.Where(s => s.ServerCases > 0).ToList();
        rules.Add(Merge(RuleId.ServerNoServerError.Value, ran, s => (
            s.ServerFailed > 0 ? Verdict.Fail(s.ServerCounterexample!.Reason) : Verdict.Pass(),
            s.ServerCases, s.ServerFailed, 0, s.ServerCounterexample, s.Agreement)));
        return rules;
    }

    static RuleReport Merge(string id, IReadOnlyList<SuiteOutcome> suites,
        Func<SuiteOutcome, (Verdict Verdict, int Cases, int Failed, int Observed, Counterexample? Example, IReadOnlyDictionary<string, int> Agreement)> pick)
    {
        var parts = suites.Select(pick).ToList();
        var verdict =
            parts.FirstOrDefault(p => p.Verdict.Kind == VerdictKind.Fail).Verdict ??
            (parts.Any(p => p.Verdict.Kind == VerdictKind.Observed) ? Verdict.Observed(parts.Sum(p => p.Observed),
                parts.SelectMany(p => p.Agreement).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Sum(a => a.Value))) : null) ??
            parts.FirstOrDefault(p => p.Verdict.Kind == VerdictKind.Pass).Verdict ??
            parts.FirstOrDefault().Verdict ??
            Verdict.Skipped("no case ran");
        var example = parts.Where(p => p.Example is not null).Select(p => p.Example).MinBy(e => e!.Case.Body.Length);
        return new(id, verdict, parts.Sum(p => p.Cases), parts.Sum(p => p.Failed), parts.Sum(p => p.Observed), suites, example);
    }
}
