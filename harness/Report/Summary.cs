using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// The run in a few numbers and one console line, after the causes the diagnosis found. The line begins with the
/// run's state: INTERRUPTED (a signal stopped it), NOT CONFORMANT (a rule fails), INCOMPLETE (no rule fails, but some
/// rule did not get all its boundary cases) or CONFORMANT, which names the rules the user's choices left without a
/// case (no <c>--record</c>, <c>--max-test 0</c>). Only a complete run with no failure is conformant. With
/// known failures, a rule whose every failure is listed does not make the run non-conformant; the line names it, and
/// any fixed entries.
/// </summary>
/// <param name="Fails">Some rule fails (exit 1, unless interrupted or the credentials were refused).</param>
public sealed record Summary(
    bool Conformant, IReadOnlyList<(string Verdict, int Count)> ByVerdict, int Cases, string Line,
    IReadOnlyList<string> Causes,
    bool Fails = false)
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
        var incomplete = run.Incomplete.Select(s => s.Suite.Rule.Value).Distinct().Count();
        // A complete run judged every case each rule must get: a rule without any was left without cases by the
        // user (no --record, --max-test 0 for the rules without boundary cases), never by the target.
        var notRun = rules.Where(r => r.Verdict.Kind == VerdictKind.Skipped).Select(r => r.Id).ToList();
        var state =
            run.Interrupted is { } signal
                ? $"INTERRUPTED by {signal}"
                    + (failing.Count == 0 ? "" : $" (failing so far: {string.Join(", ", failing)})")
            : failing.Count > 0 ? $"NOT CONFORMANT ({string.Join(", ", failing)})"
            : !run.Complete ? $"INCOMPLETE ({incomplete} rules did not get all their boundary cases; no rule failed)"
            : notRun.Count > 0 ? $"CONFORMANT ({notRun.Count} rules not run by choice: {string.Join(", ", notRun)})"
            : "CONFORMANT";
        var line = state
                   + (listed.Count == 0 ? "" : $" with known failures ({string.Join(", ", listed)})")
                   + $": {rules.Count} rules ({counts}), {cases} cases, {run.Requests} requests in "
                   + $"{run.Elapsed.TotalSeconds:0.0} s, seed {run.Seed}"
                   + (known is { Fixed.Count: > 0 }
                       ? $"; {known.Fixed.Count} known failures fixed (remove them from the file)" : "")
                   + (run.StopReason is null ? "" : $"; {run.StopReason}");
        return new(failing.Count == 0 && run.Complete, byVerdict, cases, line, [.. causes.Select(c => c.Sentence)],
            failing.Count > 0)
        {
            Known = known is null ? [] : [.. known.Lines()],
        };
    }
}
