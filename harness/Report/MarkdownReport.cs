using System.Text;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary><c>report.md</c>: what a person reads first, a table of rules, then each failing rule's counterexample.</summary>
public static class MarkdownReport
{
    const int ShownBody = 600;

    public static string Render(RunResult run, IReadOnlyList<RuleReport> rules, string replay)
    {
        var md = new StringBuilder();
        md.AppendLine("# NotifyContract conformance report").AppendLine();
        md.AppendLine($"- target: `{run.Target}`").AppendLine($"- profile: `{run.Profile}`")
          .AppendLine($"- seed: `{run.Seed}` (replay: `{replay}`)").AppendLine($"- max-test: {run.MaxTest}").AppendLine();
        md.AppendLine($"**{Summary.Of(run, rules).Line}**").AppendLine();
        md.AppendLine("| rule | verdict | cases | failed | counterexample |").AppendLine("|---|---|---|---|---|");
        foreach (var r in rules)
            md.AppendLine($"| `{r.Id}` | {Mark(r.Verdict)} | {r.Cases} | {r.Failed} | {Cell(r)} |");
        foreach (var r in rules.Where(r => r.Counterexample is not null))
        {
            var c = r.Counterexample!;
            md.AppendLine().AppendLine($"## `{r.Id}`{(r.Verdict.Kind == VerdictKind.Fail ? "" : $" ({r.Verdict.Wire})")}").AppendLine();
            md.AppendLine($"{c.Reason}. Operation `{c.Case.Operation}`, case `{c.Case.Id}`{(c.Shrunk ? ", shrunk" : "")}.").AppendLine();
            md.AppendLine("Request:").AppendLine("```http").AppendLine("POST /");
            foreach (var (k, v) in c.Case.Headers) md.AppendLine($"{k}: {v}");
            md.AppendLine().AppendLine(Body(c.Case.Body)).AppendLine("```");
            md.AppendLine("Answer:").AppendLine("```").AppendLine(Answer(c.Answer)).AppendLine("```");
            if (c.Retry is { } retry) md.AppendLine("Identical retry:").AppendLine("```").AppendLine(Answer(retry)).AppendLine("```");
        }
        if (run.StopReason is not null) md.AppendLine().AppendLine($"> {run.StopReason}");
        return md.ToString();
    }

    static string Mark(Verdict v) => v.Kind switch
    {
        VerdictKind.Fail => "**fail**",
        VerdictKind.Skipped => $"skipped: {Escape(v.Reason)}",
        VerdictKind.Observed => $"observed: {Escape(v.Reason)}",
        _ => "pass",
    };

    static string Cell(RuleReport r) => r.Counterexample is { } c && r.Verdict.Kind == VerdictKind.Fail
        ? $"{Escape(c.Reason)} ([below](#{r.Id.ToLowerInvariant().Replace(".", "")}))"
        : "";

    static string Body(byte[] body) =>
        Shown.Text(body) is { } text ? Shown.Clip(text, ShownBody) : $"(not UTF-8, base64) {Convert.ToBase64String(body)}";

    static string Answer(Targets.Answer a)
    {
        if (a.Failure is not null) return Judge.Describe(a);
        var text = new StringBuilder($"HTTP {a.Status}\n");
        foreach (var (k, v) in a.Headers) text.Append($"{k}: {v}\n");
        return text.Append('\n').Append(Body(a.Body)).ToString();
    }

    static string Escape(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
