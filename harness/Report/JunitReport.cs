using System.Globalization;
using System.Xml.Linq;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// <c>junit.xml</c>: one test case per rule, check and operation, named <c>Rule[check]@Operation</c> (stable across
/// runs), so CI dashboards show which check of which rule broke where; a failure holds that test's own counterexample.
/// A rule that could not run on an operation (no known record) is one skipped <c>Rule@Operation</c>. A target's text
/// is shown <see cref="Report.Shown.Inert"/>.
/// </summary>
public static class JunitReport
{
    const int ShownBody = 300;

    public static XDocument Render(Verdicts verdicts)
    {
        var run = verdicts.Run;
        var cases = (
            from r in verdicts.Rules
            from op in r.Operations
            from c in op.Checks.Count == 0 ? [null] : op.Checks.Cast<CheckOutcome?>()
            select c is null
                ? Case($"{r.Id}@{op.Operation}", op.Operation, op.Verdict, null)
                : Case(Name(r.Id, c.Check.Name, op.Operation), op.Operation,
                    Listed(verdicts, r.Id, c.Check.Name, op.Operation, c.Verdict), c.Counterexample)
        ).ToList();
        return Report.Shown.Inert(new XDocument(new XElement("testsuites",
            new XElement("testsuite",
                new XAttribute("name", "NotifyContract"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                new XAttribute("time", run.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)),
                new XElement("properties",
                    Property("target", run.Target),
                    Property("profile", run.Profile),
                    Property("seed", run.Seed.ToString(CultureInfo.InvariantCulture))),
                cases))));
    }

    public static string Name(string rule, string check, string operation) => $"{rule}[{check}]@{operation}";

    /// <summary>A failure the known-failures list holds is skipped, not failed: it does not fail the run.</summary>
    static Verdict Listed(Verdicts verdicts, string rule, string check, string operation, Verdict v) =>
        v.Kind == VerdictKind.Fail && verdicts.Known?.IsKnown(rule, check, operation) == true
            ? Verdict.Skipped($"known failure ({verdicts.KnownList!.Path}): {v.Reason}")
            : v;

    static XElement Case(string name, string operation, Verdict v, Counterexample? c) =>
        new("testcase",
            new XAttribute("classname", operation),
            new XAttribute("name", name),
            v.Kind switch
            {
                VerdictKind.Fail => new XElement("failure",
                    new XAttribute("message", v.Reason), c is null ? null : Shown(c)),
                VerdictKind.Skipped => new XElement("skipped", new XAttribute("message", v.Reason)),
                VerdictKind.Observed => new XElement("system-out", $"observed: {v.Reason}"),
                _ => null,
            });

    /// <summary>The counterexample in a few lines: case, request (target and clipped body), answer.</summary>
    static string Shown(Counterexample c)
    {
        var body = Report.Shown.Text(c.Case.Body) is { } text
            ? Report.Shown.Clip(text, ShownBody)
            : $"(not UTF-8, {c.Case.Body.Length} bytes)";
        return $"case {c.Case.Id}{(c.Shrunk ? " (shrunk)" : "")}{(c.Case.Note is { } note ? $": {note}" : "")}\n" +
               $"request: POST / {c.Case.Headers.FirstOrDefault(h => h.Key == "X-Amz-Target").Value} {body}\n" +
               $"answer: {c.Answer.Reading.Describe()}" +
               (c.Retry is { } retry ? $"\nidentical retry: {retry.Reading.Describe()}" : "");
    }

    static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", value));
}
