using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>The run in a few numbers and one console line, after the causes the diagnosis found.</summary>
public sealed record Summary(
    bool Conformant, IReadOnlyList<(string Verdict, int Count)> ByVerdict, int Cases, string Line, IReadOnlyList<string> Causes)
{
    public static Summary Of(RunResult run, IReadOnlyList<RuleReport> rules, IReadOnlyList<Finding> causes)
    {
        var failing = rules.Where(r => r.Verdict.Kind == VerdictKind.Fail).Select(r => r.Id).ToList();
        var byVerdict = new[] { "pass", "fail", "observed", "skipped" }
            .Select(v => (v, rules.Count(r => r.Verdict.Wire == v))).ToList();
        var cases = run.Suites.Sum(s => s.Cases);
        var counts = string.Join(", ", byVerdict.Select(b => $"{b.Item2} {b.v}"));
        var line = (failing.Count == 0 ? "CONFORMANT" : $"NOT CONFORMANT ({string.Join(", ", failing)})")
                   + $": {rules.Count} rules ({counts}), {cases} cases, {run.Requests} requests in "
                   + $"{run.Elapsed.TotalSeconds:0.0} s, seed {run.Seed}"
                   + (run.StopReason is null ? "" : $"; {run.StopReason}");
        return new(failing.Count == 0, byVerdict, cases, line, [.. causes.Select(c => c.Sentence)]);
    }
}
