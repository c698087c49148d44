using System.Xml.Linq;
using NotifyContract.Harness.Oracle;

namespace NotifyContract.Harness.Report;

/// <summary>
/// <c>report.html</c>: one page that needs nothing else (no network, no script: inline CSS, details elements and
/// anchors). The summary line and the causes, then a matrix of operations by kind of rule, each cell coloured by its
/// rules' worst <see cref="Enforcement"/> on that operation (as the web platform tests show results); a cell opens
/// its operation's rules, a failing rule its counterexamples and the curl lines that resend them (an anchor inside a
/// closed details element opens it where browsers auto-expand on fragment navigation, else one click). Built as XML
/// (<see cref="XElement"/>): a target's text is escaped by construction and <see cref="Shown.Inert"/>.
/// </summary>
public static class HtmlReport
{
    /// <summary>Rules a cause names (the rest are counted).</summary>
    const int NamedRules = 6;

    // No '<', '>' or '&' here: the style is written as element text, which XML escapes.
    const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 1.5em; color: #222; }
        h1 { font-size: 1.4em; margin: 0 0 .4em; }
        h2 { font-size: 1.15em; margin: 1.4em 0 .4em; }
        code, pre { font: 12px/1.35 ui-monospace, monospace; }
        pre { background: #f6f6f6; padding: .5em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
        .line { padding: .5em .7em; border-left: 6px solid #999; background: #f6f6f6; font-weight: 600; }
        .line.conformant { border-color: #2e7d32; } .line.failing { border-color: #c62828; }
        .line.incomplete { border-color: #ef6c00; }
        .run { color: #555; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ddd; padding: 2px 6px; }
        #matrix { font-size: 11px; }
        #matrix thead th { position: sticky; top: 0; background: #fff; font-weight: 600; padding: 2px 3px; }
        #matrix td { text-align: center; min-width: 2.8em; padding: 1px 3px; }
        .unimplemented { font-style: italic; color: #6a1b9a; }
        #matrix a { color: inherit; text-decoration: none; } #matrix td a { display: block; }
        #matrix tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
        .crashing { background: #ce93d8; } .ignored { background: #ef9a9a; } .wrong { background: #ffcc80; }
        .observed { background: #bbdefb; } .enforced { background: #a5d6a7; } .skipped { background: #eeeeee; }
        .na { background: #fff; color: #bbb; }
        .legend span { display: inline-block; padding: 1px 8px; margin-right: 4px; border: 1px solid #ddd; }
        .badge { font-size: 11px; padding: 0 5px; margin-left: 6px; border-radius: 3px; background: #ce93d8; }
        details { margin: .2em 0; } summary { cursor: pointer; }
        [id] { scroll-margin-top: 3em; }
        details[open] { margin-bottom: .8em; } details table { margin: .4em 0 0 1em; font-size: 13px; }
        .example { color: #555; font-size: 13px; }
        [id^="rule-"] { margin-left: 1.2em; } [id^="rule-"] h4 { margin: .6em 0 .2em; font-size: 1em; }
        [id^="rule-"] p { margin: .2em 0; } [id^="rule-"] pre { margin: .2em 0 .5em; }
        """;

    public static string Render(Verdicts verdicts, string replay, Resend? resend = null)
    {
        var (run, rules, causes, summary) = verdicts;
        var operations = verdicts.Operations;
        var failing = rules.Where(r => r.Verdict.Kind == VerdictKind.Fail).ToList();
        var state = summary.Conformant ? "conformant" : summary.Fails ? "failing" : "incomplete";
        var page = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", $"NotifyContract report: {run.Target}"),
                new XElement("style", Style)),
            new XElement("body",
                new XElement("h1", "NotifyContract conformance report"),
                new XElement("p", Class($"line {state}"), summary.Line),
                new XElement("p", Class("run"), "Target ", Code(run.Target), ", profile ", Code(run.Profile),
                    ", seed ", Code($"{run.Seed}"), ", max-test ", $"{run.MaxTest}", "; replay: ", Code(replay),
                    ". Every rule's counts are in ", new XElement("a", new XAttribute("href", "report.md"), "report.md"),
                    "."),
                new XElement("h2", "Causes"),
                causes.Count == 0 ? new XElement("p", "Nothing to diagnose: no check failed.")
                    : new XElement("ol", causes.Select(c => new XElement("li", new XElement("details",
                        new XElement("summary", c.Sentence),
                        new XElement("span", Class("example"), "Example ", Code(c.Example.Case.Id), ": ",
                            c.Example.Reason, ". Explains ", RuleLinks(c.Explains), "."))))),
                new XElement("h2", "Operations by kind of rule"),
                Matrix(operations),
                new XElement("h2", "Operations"),
                operations.Select(Operation),
                failing.Count == 0 ? null : new XElement("h2", "Failing rules"),
                failing.Select(r => new XElement("details",
                    new XElement("summary", Code(r.Id), verdicts.Known?.IsKnown(r.Id) == true ? " (known failure)" : "",
                        $": {r.Verdict.Reason}"),
                    new XElement("div", Id($"rule-{r.Id}"), r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)
                        .Select(c => Example(c.Counterexample!, resend)))))));
        foreach (var empty in page.Descendants().Where(e => e.IsEmpty && !Void.Contains(e.Name.LocalName)).ToList())
            empty.Value = ""; // <td></td>: HTML reads <td/> as an opening tag
        return "<!DOCTYPE html>\n" + Shown.Inert(new XDocument(page)).Root!.ToString(SaveOptions.DisableFormatting)
            + "\n";
    }

    static readonly HashSet<string> Void = ["meta"];

    const string Unimplemented = $"looks unimplemented: {OperationSummary.UnimplementedWhy}";

    /// <summary>The legend, then a row per operation and a column per kind of rule: the worst enforcement of the
    /// operation's rules of that kind, <c>held/rules</c> (held: enforced or observed), empty where it has none.</summary>
    static IEnumerable<XElement> Matrix(IReadOnlyList<OperationSummary> operations)
    {
        var kinds = OperationSummary.Kinds(operations);
        yield return new XElement("p", Class("legend"), "Each cell: the rules of that kind on that operation that " +
            "hold (enforced or observed), of all; coloured by the worst: ", Enum.GetValues<Enforcement>().Select(e =>
                new XElement("span", Class(OperationSummary.Wire(e)), OperationSummary.Wire(e))),
            new XElement("span", Class("na"), "not applicable"),
            "; an operation in italics ", new XElement("span", Class("unimplemented"), "looks unimplemented"), ".");
        yield return new XElement("table", Id("matrix"),
            new XElement("thead", new XElement("tr", new XElement("th", "operation"),
                kinds.Select(k => new XElement("th", k)))),
            new XElement("tbody", operations.Select(o => new XElement("tr",
                new XElement("th", o.LooksUnimplemented
                        ? new object[] { Class("unimplemented"), new XAttribute("title", Unimplemented) } : null,
                    new XElement("a", new XAttribute("href", $"#op-{o.Operation}"), o.Operation)),
                kinds.Select(k => Cell(o, k))))));
    }

    static XElement Cell(OperationSummary o, string kind)
    {
        if (o.Of(kind) is not { } worst) return new XElement("td", Class("na"), "–");
        var of = o.Rules.Where(r => r.Kind == kind).ToList();
        return new XElement("td", Class(OperationSummary.Wire(worst)),
            new XAttribute("title", $"{kind} on {o.Operation}: {OperationSummary.Counts(of)}"),
            new XElement("a", new XAttribute("href", $"#op-{o.Operation}"),
                $"{of.Count(r => r.Enforcement is Enforcement.Enforced or Enforcement.Observed)}/{of.Count}"));
    }

    /// <summary>An operation's rules, worst first: each one's enforcement there and its reason; a failing one links to
    /// its counterexamples.</summary>
    static XElement Operation(OperationSummary o) => new("details",
        new XElement("summary", Code(o.Operation),
            o.LooksUnimplemented ? new XElement("span", Class("badge"), "looks unimplemented") : null,
            $" {o.Rules.Count} rules: {OperationSummary.Counts(o.Rules)}"),
        new XElement("table", Id($"op-{o.Operation}"), o.Rules.OrderBy(r => r.Enforcement).Select(r =>
            new XElement("tr",
                new XElement("td", r.Enforcement <= Enforcement.Wrong
                    ? new XElement("a", new XAttribute("href", $"#rule-{r.Rule}"), Code(r.Rule)) : Code(r.Rule)),
                new XElement("td", Class(OperationSummary.Wire(r.Enforcement)), OperationSummary.Wire(r.Enforcement)),
                new XElement("td", r.Enforcement == Enforcement.Enforced ? "" : r.Report.Verdict.Reason)))));

    static XElement Example(Run.Counterexample c, Resend? resend)
    {
        var shown = ShownExample.Of(c, resend);
        return new XElement("div",
            new XElement("h4", $"[{c.Check}] {c.Reason}"),
            new XElement("p", "Operation ", Code(c.Case.Operation), ", case ", Code(c.Case.Id),
                c.Shrunk ? ", shrunk" : "", c.Case.Note is { } note ? $": {note}" : "", "."),
            shown.Blocks.Select(b => new object[] { new XElement("p", b.Label), new XElement("pre", b.Text) }),
            shown.BodyFile is { } file ? new XElement("p", "The body sent: ", Code(file), ".") : null);
    }

    /// <summary>Failing checks (<c>Rule[check]</c>), each linked to its rule's counterexamples.</summary>
    static IEnumerable<object> RuleLinks(IReadOnlyList<string> names) =>
        names.Take(NamedRules).SelectMany((n, i) => new object[]
            { i == 0 ? "" : ", ", new XElement("a", new XAttribute("href", $"#rule-{n[..n.IndexOf('[')]}"), Code(n)) })
            .Append(names.Count > NamedRules ? $" and {names.Count - NamedRules} more" : "");

    static XElement Code(string text) => new("code", text);
    static XAttribute Class(string name) => new("class", name);
    static XAttribute Id(string id) => new("id", id);
}
