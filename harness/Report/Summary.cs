using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// The run in a few numbers and one console line, after the causes the diagnosis found. With known failures, a rule
/// whose every failure is listed does not make the run non-conformant; the line names it, and any fixed entries.
/// </summary>
public sealed record Summary(
    bool Conformant, IReadOnlyList<(string Verdict, int Count)> ByVerdict, int Cases, string Line, IReadOnlyList<string> Causes)
{
    /// <summary>What the known-failures list did, in sentences (none without a list).</summary>
    public IReadOnlyList<string> Known { get; init; } = [];

    public static Summary Of(RunResult run, IReadOnlyList<RuleReport> rules, IReadOnlyList<Finding> causes,
        KnownFailureResult? known = null)
    {
        var failed = rules.Where(r => r.Verdict.Kind == VerdictKind.Fail).Select(r => r.Id).ToList();
        var listed = failed.Where(id => known?.IsKnown(id) == true).ToList();
        var failing = failed.Except(listed).ToList();
        var byVerdict = new[] { "pass", "fail", "observed", "skipped" }
            .Select(v => (v, rules.Count(r => r.Verdict.Wire == v))).ToList();
        var cases = run.Suites.Sum(s => s.Cases);
        var counts = string.Join(", ", byVerdict.Select(b => $"{b.Item2} {b.v}"));
        var line = (failing.Count == 0 ? "CONFORMANT" : $"NOT CONFORMANT ({string.Join(", ", failing)})")
                   + (listed.Count == 0 ? "" : $" with known failures ({string.Join(", ", listed)})")
                   + $": {rules.Count} rules ({counts}), {cases} cases, {run.Requests} requests in "
                   + $"{run.Elapsed.TotalSeconds:0.0} s, seed {run.Seed}"
                   + (known is { Fixed.Count: > 0 } ? $"; {known.Fixed.Count} known failures fixed (remove them from the file)" : "")
                   + (run.StopReason is null ? "" : $"; {run.StopReason}");
        return new(failing.Count == 0, byVerdict, cases, line, [.. causes.Select(c => c.Sentence)])
        {
            Known = known is null ? [] : [.. known.Lines()],
        };
    }
}
