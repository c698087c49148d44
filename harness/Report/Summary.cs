using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// The run in a few numbers and one console line, after the causes the diagnosis found and the operations that fail.
/// The line begins with the run's state: INTERRUPTED (a signal stopped it), NOT CONFORMANT (a rule fails), INCOMPLETE
/// (no rule fails, but some rule did not get all its boundary cases) or CONFORMANT, which names the rules the user's
/// choices left without a case (no <c>--record</c>, <c>--max-test 0</c>). Only a complete run with no failure is
/// conformant. With known failures, a rule whose every failure is listed does not make the run non-conformant; the
/// line names it, and any fixed entries. The line names at most a few rules of each list (<c>and 40 more</c>): it
/// stays one readable line however many rules fail.
/// </summary>
/// <param name="Fails">Some rule fails (exit 1, unless interrupted or the credentials were refused).</param>
public sealed record Summary(
    bool Conformant, IReadOnlyList<(string Verdict, int Count)> ByVerdict, int Cases, string Line,
    IReadOnlyList<string> Causes,
    bool Fails = false)
{
    /// <summary>Rules a list in the line names; the rest are counted.</summary>
    const int NamedRules = 5;

    /// <summary>Console lines before the summary line: the causes, the operations.</summary>
    const int ShownCauses = 10, ShownOperations = 12;

    /// <summary>What the known-failures list did, in sentences (none without a list).</summary>
    public IReadOnlyList<string> Known { get; init; } = [];

    /// <summary>What the console prints before the line: at most 10 <c>cause:</c> lines, then, when some operation
    /// fails, how many do and a table of the worst 12 (those that look unimplemented are counted, a cause names them).
    /// About 30 lines at most, whatever the run's size.</summary>
    public IReadOnlyList<string> Overview { get; init; } = [];

    public static Summary Of(RunResult run, IReadOnlyList<RuleReport> rules, IReadOnlyList<Finding> causes,
        IReadOnlyList<OperationSummary> operations, KnownFailureResult? known = null)
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
                ? $"INTERRUPTED by {signal}" + (failing.Count == 0 ? "" : $" (failing so far: {Named(failing)})")
            : failing.Count > 0 ? $"NOT CONFORMANT ({Named(failing)})"
            : !run.Complete ? $"INCOMPLETE ({incomplete} rules did not get all their boundary cases; no rule failed)"
            : notRun.Count > 0 ? $"CONFORMANT ({notRun.Count} rules not run by choice: {Named(notRun)})"
            : "CONFORMANT";
        var line = state
                   + (listed.Count == 0 ? "" : $" with known failures ({Named(listed)})")
                   + $": {rules.Count} rules ({counts}), {cases} cases, {run.Requests} requests in "
                   + $"{run.Elapsed.TotalSeconds:0.0} s, seed {run.Seed}"
                   + (known is { Fixed.Count: > 0 }
                       ? $"; {known.Fixed.Count} known failures fixed (remove them from the file)" : "")
                   + (run.StopReason is null ? "" : $"; {run.StopReason}");
        var sentences = causes.Select(c => c.Sentence).ToList();
        return new(failing.Count == 0 && run.Complete, byVerdict, cases, line, sentences, failing.Count > 0)
        {
            Known = known is null ? [] : [.. known.Lines()],
            Overview =
            [
                .. sentences.Take(ShownCauses).Select(c => $"cause: {c}"),
                .. sentences.Skip(ShownCauses).Any()
                    ? [$"cause: and {sentences.Count - ShownCauses} more in report.md"] : Array.Empty<string>(),
                .. Operations(operations),
            ],
        };
    }

    static string Named(IReadOnlyList<string> rules) => Shown.Some(rules, NamedRules);

    /// <summary>The operations that fail: how many, then a table of the worst (by failing rules) that do not look
    /// unimplemented. Nothing when none fails.</summary>
    static IEnumerable<string> Operations(IReadOnlyList<OperationSummary> operations)
    {
        if (operations.All(o => o.Failing.Count == 0)) yield break;
        yield return OperationSummary.Tally(operations);
        var worst = OperationSummary.Worst(operations);
        if (worst.Count == 0) yield break;
        var shown = worst.Take(ShownOperations).ToList();
        var heads = new[] { "rules" }.Concat(Enum.GetValues<Enforcement>().Select(OperationSummary.Wire)).ToList();
        var width = Math.Max("operation".Length, shown.Max(o => o.Operation.Length));
        string Row(string name, IEnumerable<string> cells) =>
            $"  {name.PadRight(width)} " + string.Join(" ", cells.Zip(heads, (c, h) => c.PadLeft(h.Length)));
        yield return Row("operation", heads);
        foreach (var o in shown)
            yield return Row(o.Operation,
                [$"{o.Rules.Count}", .. Enum.GetValues<Enforcement>().Select(e => $"{o.Count(e)}")]);
        if (worst.Count > shown.Count)
            yield return $"  and {worst.Count - shown.Count} more failing operation" +
                         $"{(worst.Count - shown.Count == 1 ? "" : "s")} in report.md";
    }
}
