using System.Xml.Linq;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary><c>junit.xml</c>: one test case per rule and operation, so CI dashboards show which rule broke where.</summary>
public static class JunitReport
{
    public static XDocument Render(RunResult run, IReadOnlyList<RuleReport> rules)
    {
        var cases = rules.SelectMany(r => r.Operations.Count == 0
            ? [Case(r.Id, "all", r.Verdict, r.Counterexample)]
            : r.Operations.Select(s => Case(r.Id, s.Suite.Operation, OwnOrServer(r, s), s.Counterexample))).ToList();
        return new XDocument(new XElement("testsuites",
            new XElement("testsuite",
                new XAttribute("name", "NotifyContract"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                new XAttribute("time", run.Elapsed.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement("properties",
                    Property("target", run.Target), Property("profile", run.Profile), Property("seed", run.Seed.ToString())),
                cases)));
    }

    // Server.noServerError's verdict per operation comes from the server tally, not the suite's own verdict.
    static Verdict OwnOrServer(RuleReport r, SuiteOutcome s) =>
        r.Id != Generators.RuleId.ServerNoServerError.Value ? s.Verdict
        : s.ServerFailed > 0 ? Verdict.Fail(s.ServerCounterexample!.Reason) : Verdict.Pass();

    static XElement Case(string rule, string operation, Verdict v, Counterexample? c) =>
        new("testcase",
            new XAttribute("classname", operation),
            new XAttribute("name", rule),
            v.Kind switch
            {
                VerdictKind.Fail => new XElement("failure", new XAttribute("message", v.Reason), c?.Case.Id),
                VerdictKind.Skipped => new XElement("skipped", new XAttribute("message", v.Reason)),
                VerdictKind.Observed => new XElement("system-out", $"observed: {v.Reason}"),
                _ => null,
            });

    static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", value));
}
