using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;
using NotifyContract.Harness.Report;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// <c>--merge-reports A/report.json B/report.json ... --report DIR</c>: one report with a column per target. report.md
/// is a matrix (rule x target: verdict and counts), report.json the same as data, junit.xml a test suite per target.
/// </summary>
public sealed record MergedReport(IReadOnlyList<ReportFile> Reports)
{
    /// <summary>Rows: every rule id, in the order the reports first name them.</summary>
    public IReadOnlyList<string> RuleIds { get; } = [.. Reports.SelectMany(r => r.Rules.Select(x => x.Id)).Distinct()];

    /// <summary>Reads the reports (a merged one gives its columns back); a column is named as given (<c>NAME=REPORT</c>) or
    /// by the report's target, with its folder when two columns share a name.</summary>
    public static MergedReport Read(IReadOnlyList<string> paths)
    {
        var reports = paths.SelectMany(ReportFile.Columns).ToList();
        var named = reports.Select(r => reports.Count(o => o.Column == r.Column) == 1 ? r
            : r with { Column = $"{r.Column} ({new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(r.Path))!).Name})" }).ToList();
        // Still the same (two folders of the same name): number them in the order given.
        return new([.. named.Select((r, i) =>
            named.Count(o => o.Column == r.Column) == 1 ? r : r with { Column = $"{r.Column} #{i + 1}" })]);
    }

    public RuleEntry? Cell(ReportFile report, string rule) => report.Rules.FirstOrDefault(r => r.Id == rule);

    /// <summary>Rules whose verdict is not the same in every report (a missing rule counts as a difference).</summary>
    public IReadOnlyList<string> Differing =>
        [.. RuleIds.Where(id => Reports.Select(r => Cell(r, id)?.Overall.Verdict).Distinct().Count() > 1)];

    public string Line
    {
        get
        {
            var columns = Reports.Select(r =>
                $"{r.Column}: {(r.Conformant switch { true => "conformant", false => "not conformant", _ => "?" })}");
            return $"{Reports.Count} targets, {RuleIds.Count} rules, {Differing.Count} differ " +
                   $"({string.Join("; ", columns)})";
        }
    }

    public void Write(string directory)
    {
        // A merged report read as input may be written again (the matrix regenerates in place); a run's report may not.
        var inputs = Reports.Where(r => !r.Merged).Select(r => System.IO.Path.GetFullPath(r.Input)).ToHashSet();
        if (inputs.Contains(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, "report.json"))))
            throw new HarnessException($"--report {directory} would overwrite one of the reports being merged: " +
                                       "pick another folder");
        try
        {
            Directory.CreateDirectory(directory);
            ConformanceMatrix.Write(directory, this); // first: it refuses a README.md it did not write
            File.WriteAllText(System.IO.Path.Combine(directory, "report.md"), Markdown(), new UTF8Encoding(false));
            using (var json = File.Create(System.IO.Path.Combine(directory, "report.json"))) Json(json);
            Junit().Save(System.IO.Path.Combine(directory, "junit.xml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write the merged report to {directory}: {e.Message}");
        }
    }

    public string Markdown()
    {
        var md = new StringBuilder("# NotifyContract: targets side by side\n\n");
        md.Append($"**{Line}**\n\n");
        md.Append("| | ").AppendJoin(" | ", Reports.Select(r => $"`{Shown.OneLine(r.Column)}`")).Append(" |\n");
        md.Append("|---|").Append(string.Concat(Reports.Select(_ => "---|"))).Append('\n');
        Row(md, "summary", r => r.Conformant switch { true => "conformant", false => "**not conformant**", _ => "" });
        Row(md, "profile", r => r.Profile ?? "");
        Row(md, "seed", r => r.Seed?.ToString() ?? "");
        Row(md, "max-test", r => r.MaxTest?.ToString() ?? "");
        md.Append('\n');
        md.Append("Each cell: verdict, failed/cases; a failing rule names its failing checks. ≠ marks a rule whose verdict differs.\n\n");
        md.Append("| rule | ").AppendJoin(" | ", Reports.Select(r => $"`{Shown.OneLine(r.Column)}`")).Append(" |\n");
        md.Append("|---|").Append(string.Concat(Reports.Select(_ => "---|"))).Append('\n');
        var differing = Differing.ToHashSet();
        foreach (var id in RuleIds)
        {
            md.Append($"| `{id}`{(differing.Contains(id) ? " ≠" : "")} | ");
            md.AppendJoin(" | ", Reports.Select(r => Cell(r, id) is { } rule ? Text(rule) : "–")).Append(" |\n");
        }
        foreach (var r in Reports.Where(r => r.Diagnosis.Count > 0 || r.Line is not null))
        {
            md.Append($"\n## `{Shown.OneLine(r.Column)}`\n\n");
            if (r.Line is not null) md.Append(r.Line).Append("\n\n");
            foreach (var sentence in r.Diagnosis) md.Append("- ").Append(sentence).Append('\n');
            md.Append($"\nFrom `{r.Path}`.\n");
        }
        return md.ToString();
    }

    void Row(StringBuilder md, string name, Func<ReportFile, string> value) =>
        md.Append($"| {name} | ").AppendJoin(" | ", Reports.Select(r => Shown.OneLine(value(r)))).Append(" |\n");

    /// <summary><c>pass 57</c>, <c>**fail** 3/57 (rejects)</c>, <c>fail, known 3/57</c>, <c>observed 12/57</c>, <c>skipped</c>.</summary>
    static string Text(RuleEntry rule)
    {
        var o = rule.Overall;
        return o.Verdict switch
        {
            "pass" => $"pass {o.Cases}",
            "fail" => $"{(o.Known ? "fail, known" : "**fail**")} {o.Failed}/{o.Cases}" + FailingChecks(rule),
            "observed" => $"observed {rule.Observed}/{o.Cases}",
            _ => Shown.OneLine(o.Verdict),
        };
    }

    static string FailingChecks(RuleEntry rule)
    {
        var names = rule.Checks.Where(c => c.Verdict == "fail" && c.Check is not null).Select(c => c.Check!)
            .Distinct().ToList();
        return names.Count == 0 ? "" : $" ({string.Join(", ", names)})";
    }

    public void Json(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteBoolean("merged", true);
        w.WriteStartArray("targets");
        foreach (var r in Reports)
        {
            w.WriteStartObject();
            w.WriteString("column", r.Column);
            w.WriteString("target", r.Target);
            w.WriteString("report", r.Path);
            w.WriteString("profile", r.Profile);
            if (r.Seed is { } seed) w.WriteNumber("seed", seed);
            if (r.MaxTest is { } maxTest) w.WriteNumber("maxTest", maxTest);
            if (r.Conformant is { } conformant) w.WriteBoolean("conformant", conformant);
            w.WriteString("line", r.Line);
            Snapshot.WriteStrings(w, "diagnosis", r.Diagnosis);
            ConformanceMatrix.WriteColumn(w, r);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (var id in RuleIds)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteBoolean("differs", Differing.Contains(id));
            w.WriteStartArray("byTarget");
            foreach (var r in Reports)
            {
                if (Cell(r, id) is not { } rule) continue;
                w.WriteStartObject();
                w.WriteString("column", r.Column);
                WritePart(w, rule.Overall);
                w.WriteNumber("observed", rule.Observed);
                w.WriteStartArray("checks");
                foreach (var c in rule.Checks)
                {
                    w.WriteStartObject();
                    w.WriteString("check", c.Check);
                    w.WriteString("operation", c.Operation);
                    WritePart(w, c);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                ConformanceMatrix.WriteOperations(w, rule);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("summary");
        w.WriteNumber("targets", Reports.Count);
        w.WriteNumber("rules", RuleIds.Count);
        w.WriteNumber("differing", Differing.Count);
        w.WriteBoolean("conformant", Reports.All(r => r.Conformant == true));
        w.WriteString("line", Line);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void WritePart(Utf8JsonWriter w, Part p)
    {
        w.WriteString("verdict", p.Verdict);
        w.WriteNumber("cases", p.Cases);
        w.WriteNumber("failed", p.Failed);
        if (p.Reason is not null) w.WriteString("reason", p.Reason);
        if (p.Known) w.WriteBoolean("known", true);
    }

    /// <summary>A test suite per target; test cases named as each report names them (<c>Rule[check]@Operation</c> where it has checks).</summary>
    public XDocument Junit()
    {
        var suites = Reports.Select(r =>
        {
            var cases = r.Rules.SelectMany(rule => TestCases(r.Column, rule)).ToList();
            return new XElement("testsuite",
                new XAttribute("name", r.Column),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                cases);
        });
        // The reasons quote what targets answered.
        return Shown.Inert(
            new XDocument(new XElement("testsuites", new XAttribute("name", "NotifyContract (merged)"), suites)));
    }

    static IEnumerable<XElement> TestCases(string column, RuleEntry rule)
    {
        string Name(Part p) => rule.Id + (p.Check is null ? "" : $"[{p.Check}]")
            + (p.Operation is null ? "" : $"@{p.Operation}");
        var parts = rule.Checks.Count > 0 ? rule.Checks : rule.Operations.Count > 0 ? rule.Operations : [rule.Overall];
        // Older reports list a rule on one operation more than once (Server.noServerError per suite): one case per name.
        return parts.GroupBy(Name)
            .Select(g => g.FirstOrDefault(p => p.Verdict == "fail") ?? g.First())
            .Select(p => TestCase(column, Name(p), p, p.Reason ?? rule.Overall.Reason ?? p.Verdict));
    }

    static XElement TestCase(string column, string name, Part p, string reason) =>
        new("testcase",
            new XAttribute("classname", column),
            new XAttribute("name", name),
            p.Verdict switch
            {
                "fail" when p.Known => new XElement("skipped", new XAttribute("message", $"known failure: {reason}")),
                "fail" => new XElement("failure", new XAttribute("message", reason)),
                "skipped" => new XElement("skipped", new XAttribute("message", reason)),
                "observed" => new XElement("system-out", $"observed: {reason}"),
                _ => null,
            });
}
