using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Report;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The command line against a target failing hundreds of rules on twenty operations in three ways
/// (<see cref="PartialServers.ThreeWays"/>): a third of them unimplemented, a third accepting anything, a third
/// refusing anything with a markup error. Its console and reports, read once for the class.
/// </summary>
public sealed class ThreeWaysRun : IDisposable
{
    public const int Operations = 20;
    public IReadOnlyList<string> Unimplemented { get; }
    public IReadOnlyList<string> Lax { get; }
    public IReadOnlyList<string> Refusing { get; }
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "notify-three-ways-" + Guid.NewGuid().ToString("N"));
    public int Exit { get; }
    public string[] Console { get; }
    public string[] Markdown { get; }
    public string Html { get; }
    public JsonElement Json { get; }

    public ThreeWaysRun()
    {
        // The operations with the fewest members: hundreds of rules, a few thousand requests.
        var operations = ServiceContract.Default.Operations.OrderBy(o => o.AllMembers().Count()).ThenBy(o => o.Name)
            .Take(Operations).Select(o => o.Name).ToList();
        Unimplemented = [.. operations.Where((_, i) => i % 3 == 0)];
        Lax = [.. operations.Where((_, i) => i % 3 == 1)];
        Refusing = [.. operations.Where((_, i) => i % 3 == 2)];
        using var server = PartialServers.ThreeWays(Unimplemented, Lax);
        var (exit, stdout, _) = Cli.Run(null, [
            "--endpoint", server.Url.ToString(), "--seed", "1", "--max-test", "1", "--report", Directory,
            .. operations.SelectMany(o => new[] { "--operation", o }),
        ]);
        Exit = exit;
        Console = stdout.TrimEnd('\n').Split('\n');
        Markdown = File.ReadAllLines(Path.Combine(Directory, "report.md"));
        Html = File.ReadAllText(Path.Combine(Directory, "report.html"));
        Json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "report.json"))).RootElement;
    }

    /// <summary>report.json's summary of one operation.</summary>
    public JsonElement Operation(string name) =>
        Json.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("operation").GetString() == name);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A failing run reads well at any size: the console and report.md lead with the causes and a summary per
/// operation and name a few rules a line; report.html is one well-formed page with the matrix; report.json carries
/// each operation's summary.</summary>
public class ReadableReportTests(ThreeWaysRun run) : IClassFixture<ThreeWaysRun>
{
    static readonly string[] Enforcements = [.. Enum.GetValues<Enforcement>().Select(OperationSummary.Wire)];

    string LacksCause => $"{run.Unimplemented.Count} of {ThreeWaysRun.Operations} operations look unimplemented";

    [Fact]
    public void The_console_leads_with_the_causes_then_the_worst_operations_and_names_five_rules_in_the_summary_line()
    {
        Assert.Equal(1, run.Exit);
        Assert.InRange(run.Console.Length, 10, 30);
        Assert.Equal($"cause: {LacksCause} ({OperationSummary.UnimplementedWhy}: HTTP 500 text/html): " +
                     $"{string.Join(", ", run.Unimplemented.Take(3))} and {run.Unimplemented.Count - 3} more", run.Console[0]);

        var line = Regex.Match(run.Console[^1], @"^NOT CONFORMANT \(([^()]*) and (\d+) more\): (\d+) rules \(");
        Assert.True(line.Success, run.Console[^1]);
        Assert.Equal(5, line.Groups[1].Value.Split(", ").Length);
        Assert.Equal(run.Json.GetProperty("summary").GetProperty("fail").GetInt32(), 5 + int.Parse(line.Groups[2].Value));

        var header = Array.IndexOf(run.Console,
            $"{ThreeWaysRun.Operations} operations run, {ThreeWaysRun.Operations} fail a rule " +
            $"({run.Unimplemented.Count} of them look unimplemented), 0 fail none");
        Assert.True(header > 0, string.Join('\n', run.Console));
        Assert.Matches(@"^  operation +rules crashing ignored wrong observed enforced skipped$", run.Console[header + 1]);
        var rows = run.Console[(header + 2)..^2];
        Assert.Equal(12, rows.Length); // the worst 12 of the 13 implemented operations, then how many more
        Assert.Equal("  and 1 more failing operation in report.md", run.Console[^2]);
        Assert.All(rows, row =>
        {
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(cells[0], run.Lax.Concat(run.Refusing));
            var json = run.Operation(cells[0]);
            Assert.Equal([json.GetProperty("rules").GetInt32(), .. Enforcements.Select(e => json.GetProperty(e).GetInt32())],
                cells[1..].Select(int.Parse));
        });
    }

    [Fact]
    public void Report_md_opens_with_the_causes_the_summary_line_and_the_operations_before_the_rule_detail()
    {
        var md = run.Markdown;
        var operations = Array.IndexOf(md, "## Operations");
        Assert.StartsWith($"- {LacksCause}", md[2]);
        Assert.InRange(operations, 3, 20); // the first screen
        Assert.Contains(md[..operations], l => l.StartsWith("**NOT CONFORMANT (", StringComparison.Ordinal));
        Assert.True(operations < Array.IndexOf(md, "## The run") && Array.IndexOf(md, "## The run") < Array.IndexOf(md, "## Rules"));

        foreach (var name in run.Lax.Concat(run.Refusing))
        {
            var json = run.Operation(name);
            var row = md.Single(l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal));
            Assert.StartsWith($"| `{name}` | {json.GetProperty("rules").GetInt32()} | " +
                              string.Join(" | ", Enforcements.Select(e => json.GetProperty(e).GetInt32())) + " | ", row);
            Assert.Matches(@"\[`[^`]+`\]\(#[a-z0-9]+\)", row); // its first failing rules, linked to their sections
        }
        var lacking = md.Single(l => l.StartsWith("Look unimplemented", StringComparison.Ordinal));
        Assert.All(run.Unimplemented, o => Assert.Contains($"`{o}`", lacking));
    }

    [Fact]
    public void Report_json_carries_each_operations_summary_and_it_agrees_with_the_rules_verdicts_there()
    {
        var operations = run.Json.GetProperty("operations").EnumerateArray().ToList();
        Assert.Equal(ThreeWaysRun.Operations, operations.Count);
        var entries = (
            from rule in run.Json.GetProperty("rules").EnumerateArray()
            from op in rule.GetProperty("operations").EnumerateArray()
            select (Operation: op.GetProperty("operation").GetString()!, Enforcement: op.GetProperty("enforcement").GetString()!)
        ).ToList();
        foreach (var o in operations)
        {
            var name = o.GetProperty("operation").GetString()!;
            Assert.Equal(run.Unimplemented.Contains(name), o.GetProperty("looksUnimplemented").GetBoolean());
            Assert.All(Enforcements, e => Assert.Equal(entries.Count(x => x.Operation == name && x.Enforcement == e),
                o.GetProperty(e).GetInt32()));
            Assert.Equal(entries.Count(x => x.Operation == name), o.GetProperty("rules").GetInt32());
            var kinds = o.GetProperty("kinds");
            Assert.Equal(run.Lax.Contains(name) ? "enforced" : run.Refusing.Contains(name) ? "wrong" : "crashing",
                kinds.GetProperty("Valid").GetString());
            if (run.Lax.Contains(name)) // accepting anything: its protocol faults and constraints are ignored
            {
                Assert.Equal("ignored", kinds.GetProperty("Protocol").GetString());
                Assert.All(kinds.EnumerateObject().Where(k => char.IsLower(k.Name[0])), // but ambiguous cases
                    k => Assert.Contains(k.Value.GetString(), new[] { "ignored", "observed" }));
            }
            Assert.Equal(o.GetProperty("failing").GetArrayLength(),
                o.GetProperty("crashing").GetInt32() + o.GetProperty("ignored").GetInt32() + o.GetProperty("wrong").GetInt32());
        }
    }

    [Fact]
    public void Report_html_is_one_well_formed_page_with_the_matrix_and_every_link_inside_it()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", run.Html);
        var page = Parse(run.Html);
        var matrix = page.Descendants("table").Single(t => (string?)t.Attribute("id") == "matrix");
        var kinds = matrix.Element("thead")!.Descendants("th").Skip(1).Select(h => h.Value).ToList();
        Assert.Superset(new HashSet<string> { "required", "Valid", "Protocol", "Json", "Server" }, kinds.ToHashSet());
        var rows = matrix.Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(ThreeWaysRun.Operations, rows.Count);
        foreach (var row in rows)
        {
            var name = row.Element("th")!.Element("a")!.Value;
            var cells = row.Elements("td").ToList();
            Assert.Equal(kinds.Count, cells.Count);
            Assert.All(cells, c => Assert.Contains((string?)c.Attribute("class"), Enforcements.Append("na")));
            Assert.Equal(run.Unimplemented.Contains(name), (string?)row.Element("th")!.Attribute("class") == "unimplemented");
            // Each cell: its kind's worst, as report.json says.
            var json = run.Operation(name).GetProperty("kinds");
            foreach (var (kind, cell) in kinds.Zip(cells))
                Assert.Equal(json.TryGetProperty(kind, out var worst) ? worst.GetString() : "na",
                    (string?)cell.Attribute("class"));
        }

        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var links = page.Descendants("a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.All(links.Where(l => l.StartsWith('#')), l => Assert.Contains(l[1..], ids));
        Assert.All(links.Where(l => !l.StartsWith('#')), l => Assert.Equal("report.md", l)); // nothing from the network
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "srcset");
        // Each failing rule's counterexamples are a click away.
        var failing = run.Json.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("verdict").GetString() == "fail").Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.All(failing, r => Assert.Contains(page.Descendants("details"),
            d => d.Descendants().Any(e => (string?)e.Attribute("id") == $"rule-{r}" && e.Descendants("pre").Any())));
    }

    [Fact]
    public void Report_html_shows_a_targets_markup_as_text_and_runs_nothing()
    {
        var page = Parse(run.Html);
        Assert.DoesNotContain("<script", run.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.Descendants("script"));
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        var text = page.DescendantNodes().OfType<XText>().Select(t => t.Value).ToList();
        Assert.Contains(text, t => t.Contains(PartialServers.MarkupPage, StringComparison.Ordinal)); // an answer
        Assert.Contains(text, t => t.Contains(PartialServers.MarkupCode, StringComparison.Ordinal)); // a reason
    }

    /// <summary>The page as XML: it is written as XHTML-compatible HTML, so any unclosed or unescaped tag fails here.</summary>
    static XDocument Parse(string html) =>
        XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }));
}
