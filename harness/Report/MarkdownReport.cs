using System.Text;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// <c>report.md</c>: what a person reads first, at any size. The causes (the diagnosis) right under the title, the
/// summary line, then each operation's summary (<see cref="OperationSummary"/>: its rules by enforcement, the worst
/// operations first, those that look unimplemented and those that fail no rule named in a line each); below, the run's
/// settings, a table of rules with each check's count (<c>rejects 0/57, accepts 12/12</c>), then each failing check's
/// counterexample.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Failing rules an operation's row names (the rest are counted).</summary>
    const int NamedRules = 3;

    public static string Render(Verdicts verdicts, string replay, Resend? resend = null)
    {
        var (run, rules, causes, summary) = verdicts;
        bool IsKnown(RuleReport r) => verdicts.Known?.IsKnown(r.Id) == true;
        var md = new StringBuilder();
        md.AppendLine("# NotifyContract conformance report").AppendLine();
        if (causes.Count == 0) md.AppendLine("Nothing to diagnose: no check failed.");
        foreach (var cause in causes)
            md.AppendLine($"- {cause.Sentence}. Example: `{cause.Example.Case.Id}` " +
                          $"({Shown.OneLine(cause.Example.Reason)}); explains {Names(cause.Explains)}.");
        md.AppendLine();
        md.AppendLine($"**{summary.Line}**").AppendLine();
        if (verdicts is { KnownList: { } list, Known: { } known }) Known(md, list.Path, known);
        if (run.Interrupted is { } signal)
            md.AppendLine($"Interrupted by {signal}: the verdicts so far; the cases not sent are skipped.")
                .AppendLine();
        if (run.Incomplete.Count > 0)
            md.AppendLine("Did not get all their boundary cases (so the run is not conformant): " + string.Join(", ",
                run.Incomplete.Select(s => $"`{s.Suite.Rule}` on `{s.Suite.Operation}` ({s.Missing} missing)")) + ".")
              .AppendLine();
        Operations(md, verdicts.Operations, resend);
        md.AppendLine("## The run").AppendLine();
        md.AppendLine($"- target: `{run.Target}`").AppendLine($"- profile: `{run.Profile}`")
          .AppendLine($"- seed: `{run.Seed}` (replay: `{replay}`)").AppendLine($"- max-test: {run.MaxTest}")
          .AppendLine($"- {(run.SeenOnAws is { } seen ? Seen(seen) : "expectations not yet seen on AWS")}").AppendLine();
        foreach (var why in run.HeldBack.GroupBy(h => h.Why))
            md.AppendLine($"Held back on this AWS account ({why.Key}): {Names([.. why.Select(h => h.Operation)])}.")
              .AppendLine();
        if (LeftOut(run) is { } leftOut)
            md.AppendLine($"Left out by choice (they do not make the run incomplete): {leftOut}.").AppendLine();
        md.AppendLine("## Rules").AppendLine();
        md.AppendLine("| rule | verdict | checks (passed/judged) | cases | failed | counterexample |")
          .AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rules)
            md.AppendLine($"| `{r.Id}` | {Mark(r.Verdict, IsKnown(r))}{Incomplete(r)} | {Counts(r)} | {r.Cases} | {r.Failed} | {Cell(r)} |");
        foreach (var r in rules.Where(r => r.Verdict.Kind == VerdictKind.Fail))
        {
            md.AppendLine().AppendLine($"## `{r.Id}`{(IsKnown(r) ? " (known failure)" : "")}").AppendLine();
            foreach (var c in r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail))
                Example(md, c.Counterexample!, resend);
        }
        if (run.StopReason is not null) md.AppendLine().AppendLine($"> {run.StopReason}");
        return md.ToString();
    }

    /// <summary>How many operations fail, what each enforcement means, a row per failing operation (worst first)
    /// naming its first failing rules, then the operations that look unimplemented and those that fail no rule.</summary>
    static void Operations(StringBuilder md, IReadOnlyList<OperationSummary> operations, Resend? resend)
    {
        var lacking = operations.Where(o => o.Failing.Count > 0 && o.LooksUnimplemented).Select(o => o.Operation).ToList();
        var holding = operations.Where(o => o.Failing.Count == 0).Select(o => o.Operation).ToList();
        var worst = OperationSummary.Worst(operations);
        md.AppendLine("## Operations").AppendLine();
        md.AppendLine($"{OperationSummary.Tally(operations)}.").AppendLine();
        if (worst.Count > 0)
        {
            md.AppendLine("A rule on an operation is *crashing* (some answer to its cases was a 5xx or none), " +
                          "*ignored* (its `rejects` check failed on an answer that accepted the violation), *wrong* " +
                          "(it fails otherwise), *observed* (recorded, not judged), *enforced* (every check passed) " +
                          "or *skipped* (no case ran).").AppendLine();
            var heads = Enum.GetValues<Enforcement>().Select(OperationSummary.Wire).ToList();
            md.AppendLine($"| operation | rules | {string.Join(" | ", heads)} | failing rules |")
              .AppendLine($"|---|---|{string.Concat(heads.Select(_ => "---|"))}---|");
            foreach (var o in worst)
                md.AppendLine($"| `{o.Operation}` | {o.Rules.Count} | " +
                              string.Join(" | ", Enum.GetValues<Enforcement>().Select(e => o.Count(e))) + " | " +
                              Shown.Some([.. o.Failing.Select(r => $"[`{r.Rule}`](#{Anchor(r.Rule)})")], NamedRules) +
                              " |");
            md.AppendLine();
        }
        if (lacking.Count > 0)
            md.AppendLine($"Look unimplemented ({OperationSummary.UnimplementedWhy}): " +
                          $"{string.Join(", ", lacking.Select(o => $"`{o}`"))}.").AppendLine();
        if (holding.Count > 0 && holding.Count < operations.Count)
            md.AppendLine($"Fail no rule: {string.Join(", ", holding.Select(o => $"`{o}`"))}.").AppendLine();
        foreach (var o in worst) Detail(md, o, resend);
    }

    /// <summary>
    /// One failing operation as its developer acts on it: the rules it enforces, then each rule that fails there with
    /// its smallest case (for a crashing rule, one that got the server error) and the command that resends it.
    /// </summary>
    static void Detail(StringBuilder md, OperationSummary o, Resend? resend)
    {
        md.AppendLine($"### `{o.Operation}`: {OperationSummary.Counts(o.Rules)}").AppendLine();
        var enforced = o.Rules.Where(r => r.Enforcement == Enforcement.Enforced).Select(r => $"`{r.Rule}`").ToList();
        if (enforced.Count > 0) md.AppendLine($"Enforced: {string.Join(", ", enforced)}.").AppendLine();
        foreach (var r in o.Failing)
        {
            if (Example(r) is not { } c) continue;
            md.AppendLine($"- {OperationSummary.Wire(r.Enforcement)} `{r.Rule}`: [{c.Check}] {Shown.OneLine(c.Reason)}; " +
                          $"case `{c.Case.Id}`{(c.Case.Note is { } note ? $" ({Shown.OneLine(note)})" : "")}" +
                          $"{(c.Shrunk ? ", shrunk" : "")}:");
            if (resend is null) md.AppendLine($"  the body sent: `{Resend.BodyFile(c.Case)}`");
            else md.AppendLine("  ```sh").AppendLine($"  {resend.Command(c.Case)}").AppendLine("  ```");
        }
        md.AppendLine();
    }

    /// <summary>The case that shows a rule failing on one operation: a crash for a crashing rule.</summary>
    static Counterexample? Example(RuleOnOperation r) =>
        (r.Enforcement == Enforcement.Crashing ? r.Report.Crash : null) ?? r.Report.Counterexample;

    /// <summary><c>expectations last seen on AWS on 2026-12-01 (us-east-1), 5 days ago</c>: how stale they are.</summary>
    public static string Seen(Parity.AwsSighting seen)
    {
        var days = seen.DaysBefore(DateTime.UtcNow);
        return $"expectations last seen on AWS on {Shown.OneLine(seen.ToString())}, " +
               (days == 0 ? "today" : days == 1 ? "1 day ago" : $"{days} days ago");
    }

    /// <summary>What the known-failures list did: how many failures it holds, and each entry to remove or not checked.</summary>
    static void Known(StringBuilder md, string path, KnownFailureResult known)
    {
        md.AppendLine($"Known failures (`{path}`): {known.Known.Count} failing checks are listed and do not fail the run" +
                      (known.New.Count > 0 ? $"; {known.New.Count} failing checks are not listed" : "") + ".");
        foreach (var f in known.Fixed) md.AppendLine($"- fixed: {KnownFailureResult.Fixing(f)}");
        foreach (var f in known.NotRun) md.AppendLine($"- not checked in this run: `{f}` (line {f.Line})");
        md.AppendLine();
    }

    /// <summary>Every counterexample report.md shows (its body goes to <c>repro/</c>).</summary>
    public static IEnumerable<Counterexample> Failing(Verdicts verdicts) =>
        verdicts.Rules.Where(r => r.Verdict.Kind == VerdictKind.Fail)
            .SelectMany(r => r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail).Select(c => c.Counterexample!))
            .Concat(OperationSummary.Worst(verdicts.Operations).SelectMany(o => o.Failing.Select(Example))
                .OfType<Counterexample>())
            .DistinctBy(c => c.Case.Id); // a rule's case is often an operation's too: one repro file each

    /// <summary>Rules skipped for a reason the user chose (no known record) and operations not selected.</summary>
    static string? LeftOut(RunResult run)
    {
        var rules = run.Suites.Where(s => s.Suite.SkipReason is not null)
            .GroupBy(s => (s.Suite.Rule, s.Suite.SkipReason))
            .Select(g => $"`{g.Key.Rule}` ({g.Key.SkipReason})");
        var unselected = ServiceContract.Default.Operations.Select(o => o.Name)
            .Except(run.Suites.Select(s => s.Suite.Operation)).Except(run.HeldBack.Select(h => h.Operation)).Count();
        var all = rules.Concat(unselected == 0 ? [] : [$"{unselected} operations of the model (not selected)"]).ToList();
        return all.Count == 0 ? null : string.Join(", ", all);
    }

    static void Example(StringBuilder md, Counterexample c, Resend? resend)
    {
        var shown = ShownExample.Of(c, resend);
        md.AppendLine($"### [{c.Check}] {Shown.OneLine(c.Reason)}").AppendLine();
        md.AppendLine($"Operation `{c.Case.Operation}`, case `{c.Case.Id}`{(c.Shrunk ? ", shrunk" : "")}" +
                      $"{(c.Case.Note is { } note ? $": {Shown.OneLine(note)}" : "")}.").AppendLine();
        foreach (var (label, text, language) in shown.Blocks)
            md.AppendLine(label).AppendLine($"```{language}").AppendLine(text).AppendLine("```");
        if (shown.BodyFile is { } file) md.AppendLine($"The body sent: `{file}`.");
        md.AppendLine();
    }

    /// <summary>A verdict on fewer cases than the rule must get says so: its pass is not the whole rule's.</summary>
    static string Incomplete(RuleReport r) => r.Complete ? "" : $" (incomplete: {r.Missing} cases missing)";

    static string Mark(Verdict v, bool known) => v.Kind switch
    {
        VerdictKind.Fail => known ? "fail (known)" : "**fail**",
        VerdictKind.Skipped => $"skipped: {Shown.OneLine(v.Reason)}",
        VerdictKind.Observed => $"observed: {Shown.OneLine(v.Reason)}",
        _ => "pass",
    };

    /// <summary><c>rejects 0/57, accepts 12/12</c>: passed of judged, per check; observed ones say so.</summary>
    static string Counts(RuleReport r) => string.Join(", ", r.Checks.Select(c =>
        $"{(c.Verdict.Kind == VerdictKind.Fail ? $"**{c.Check.Name}**" : c.Check.Name)} {c.Cases - c.Failed}/{c.Cases}" +
        (c.Observed > 0 ? $" ({c.Observed} observed)" : "")));

    static string Cell(RuleReport r) => r.Counterexample is { } c && r.Verdict.Kind == VerdictKind.Fail
        ? $"[{c.Check}] {Shown.OneLine(c.Reason)} on `{c.Case.Operation}` ([below](#{Anchor(r.Id)}))"
        : "";

    /// <summary>The anchor of a failing rule's heading, as markdown renderers make it.</summary>
    static string Anchor(string rule) => rule.ToLowerInvariant().Replace(".", "");

    static string Names(IReadOnlyList<string> names) => Shown.Some([.. names.Select(n => $"`{n}`")], 6);
}
