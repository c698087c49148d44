using System.Text;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// <c>report.md</c>: what a person reads first. The causes (the diagnosis) right under the title, then the run,
/// a table of rules with each check's count (<c>rejects 0/57, accepts 12/12</c>), then each failing check's
/// counterexample.
/// </summary>
public static class MarkdownReport
{
    const int ShownBody = 600;

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
        md.AppendLine($"- target: `{run.Target}`").AppendLine($"- profile: `{run.Profile}`")
          .AppendLine($"- seed: `{run.Seed}` (replay: `{replay}`)").AppendLine($"- max-test: {run.MaxTest}");
        md.AppendLine($"- {(run.SeenOnAws is { } seen ? Seen(seen) : "expectations not yet seen on AWS")}").AppendLine();
        md.AppendLine($"**{summary.Line}**").AppendLine();
        if (verdicts is { KnownList: { } list, Known: { } known }) Known(md, list.Path, known);
        if (run.Interrupted is { } signal)
            md.AppendLine($"Interrupted by {signal}: the verdicts so far; the cases not sent are skipped.")
                .AppendLine();
        if (run.Incomplete.Count > 0)
            md.AppendLine("Did not get all their boundary cases (so the run is not conformant): " + string.Join(", ",
                run.Incomplete.Select(s => $"`{s.Suite.Rule}` on `{s.Suite.Operation}` ({s.Missing} missing)")) + ".")
              .AppendLine();
        foreach (var why in run.HeldBack.GroupBy(h => h.Why))
            md.AppendLine($"Held back on this AWS account ({why.Key}): {Names([.. why.Select(h => h.Operation)])}.")
              .AppendLine();
        if (LeftOut(run) is { } leftOut)
            md.AppendLine($"Left out by choice (they do not make the run incomplete): {leftOut}.").AppendLine();
        Operations(md, verdicts, resend);
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
            .Concat(Answering(verdicts).SelectMany(o => o.Failing.Select(f => f.Example)));

    /// <summary>The operations that do not look unimplemented (those the diagnosis sets aside are one cause).</summary>
    static IEnumerable<OperationStanding> Answering(Verdicts verdicts)
    {
        var unimplemented = verdicts.Causes.SelectMany(c => c.Unimplemented).ToHashSet();
        return OperationStanding.Of(verdicts.Rules).Where(o => !unimplemented.Contains(o.Operation));
    }

    /// <summary>
    /// Per operation, what a developer of the target acts on: which rules it enforces, which it ignores and which
    /// crash it, each rule that does not hold with its smallest case and the command that resends it. Operations the
    /// diagnosis finds unimplemented are one line.
    /// </summary>
    static void Operations(StringBuilder md, Verdicts verdicts, Resend? resend)
    {
        var unimplemented = verdicts.Causes.SelectMany(c => c.Unimplemented).ToList();
        var answering = Answering(verdicts).ToList();
        md.AppendLine("## Per operation").AppendLine();
        md.AppendLine("A rule on an operation is enforced (every check held), ignored (a check failed, no server " +
                      "error) or crashing (a case got a 5xx or no answer).").AppendLine();
        if (unimplemented.Count > 0)
            md.AppendLine($"Look unimplemented (one cause above): {Names(unimplemented)}.").AppendLine();
        md.AppendLine("| operation | enforced | ignored | crashing | observed | skipped |")
          .AppendLine("|---|---|---|---|---|---|");
        foreach (var o in answering)
            md.AppendLine($"| `{o.Operation}` | " +
                          string.Join(" | ", Enum.GetValues<Standing>().Select(s => o.Count(s))) + " |");
        foreach (var o in answering.Where(o => o.Failing.Any()))
        {
            md.AppendLine().AppendLine($"### `{o.Operation}`: {o.Counts}").AppendLine();
            var enforced = o.Rules.Where(r => r.At.Standing == Standing.Enforced).Select(r => r.Rule).ToList();
            if (enforced.Count > 0) md.AppendLine($"Enforced: {string.Join(", ", enforced.Select(r => $"`{r}`"))}.").AppendLine();
            foreach (var (rule, standing, c) in o.Failing)
            {
                md.AppendLine($"- {standing.Wire()} `{rule}`: [{c.Check}] {Shown.OneLine(c.Reason)}; case `{c.Case.Id}`" +
                              $"{(c.Case.Note is { } note ? $" ({Shown.OneLine(note)})" : "")}{(c.Shrunk ? ", shrunk" : "")}:");
                if (resend is null) md.AppendLine($"  the body sent: `{Resend.BodyFile(c.Case)}`");
                else md.AppendLine("  ```sh").AppendLine($"  {resend.Command(c.Case)}").AppendLine("  ```");
            }
        }
        md.AppendLine();
    }

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
        md.AppendLine($"### [{c.Check}] {Shown.OneLine(c.Reason)}").AppendLine();
        md.AppendLine($"Operation `{c.Case.Operation}`, case `{c.Case.Id}`{(c.Shrunk ? ", shrunk" : "")}" +
                      $"{(c.Case.Note is { } note ? $": {Shown.OneLine(note)}" : "")}.").AppendLine();
        md.AppendLine("Request:").AppendLine("```http").AppendLine("POST /");
        foreach (var (k, v) in c.Case.Headers) md.AppendLine($"{k}: {v}");
        md.AppendLine().AppendLine(Body(c.Case.Body)).AppendLine("```");
        md.AppendLine("Answer:").AppendLine("```").AppendLine(Answer(c.Answer)).AppendLine("```");
        if (c.Retry is { } retry)
            md.AppendLine(c.Case.Then is null ? "Identical retry:" : "The same token again with another body:")
                .AppendLine("```").AppendLine(Answer(retry)).AppendLine("```");
        if (resend is null) md.AppendLine($"The body sent: `{Resend.BodyFile(c.Case)}`.");
        else
        {
            md.AppendLine($"Resend it (in the report folder{(c.Retry is null ? "" : "; twice for the retry")}):");
            if (resend.Note(c.Case) is { } needsToken) md.AppendLine(needsToken);
            md.AppendLine("```sh").AppendLine(resend.Command(c.Case)).AppendLine("```");
        }
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
        ? $"[{c.Check}] {Shown.OneLine(c.Reason)} on `{c.Case.Operation}` ([below](#{r.Id.ToLowerInvariant().Replace(".", "")}))"
        : "";

    static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(6).Select(n => $"`{n}`"))
            + (names.Count > 6 ? $" and {names.Count - 6} more" : "");

    static string Body(byte[] body) =>
        Shown.Text(body) is { } text ? Shown.Clip(text, ShownBody)
            : $"(not UTF-8, base64) {Convert.ToBase64String(body)}";

    /// <summary>What the target answered, its text made <see cref="Shown.Inert"/>.</summary>
    static string Answer(Targets.Answer a)
    {
        if (a.Failure is not null) return a.Reading.Describe();
        var text = new StringBuilder($"HTTP {a.Status}\n");
        foreach (var (k, v) in a.Headers) text.Append($"{k}: {v}\n");
        return Shown.Inert(text.Append('\n').Append(Body(a.Body)).ToString());
    }
}
