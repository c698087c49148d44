using System.Text;
using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>
/// A run as every report shows it: rules grouped by operation and check, the causes first, each operation's summary;
/// with <c>--known-failures</c>, which failures the list holds (they do not fail the run) and which listed ones are
/// fixed.
/// </summary>
public sealed record Verdicts(RunResult Run, IReadOnlyList<RuleReport> Rules, IReadOnlyList<Finding> Causes,
    Summary Summary)
{
    public KnownFailures? KnownList { get; init; }
    public KnownFailureResult? Known { get; init; }
    public IReadOnlyList<OperationSummary> Operations { get; init; } = [];
    /// <summary>A shard's run (<c>--shard</c>): report.json then records what merging the shards needs.</summary>
    public ShardRun? Shard { get; init; }

    public static Verdicts Of(RunResult run, KnownFailures? knownList = null)
    {
        var rules = RuleReport.From(run);
        var operations = OperationSummary.Of(rules);
        var causes = Diagnosis.Causes.Of(run, rules, operations);
        var known = knownList?.Compare(Results(rules), causes.SelectMany(c => c.Unimplemented).ToHashSet());
        return new(run, rules, causes, Summary.Of(run, rules, causes, operations, known))
        {
            KnownList = knownList, Known = known, Operations = operations,
        };
    }

    /// <summary>Each (rule, check, operation) judged: what a known-failures file is held against, and written from.</summary>
    public static IEnumerable<CheckResult> Results(IReadOnlyList<RuleReport> rules) =>
        from r in rules
        from op in r.Operations
        from c in op.Checks
        select new CheckResult(r.Id, c.Check.Name, op.Operation, c.Verdict.Kind);
}

/// <summary>Writes report.json, report.md, report.html, junit.xml and <c>repro/</c> (each counterexample's body, for the
/// command that resends it) into one folder, atomically (<see cref="ReportFolder"/>).</summary>
public static class Reports
{
    public const string DefaultDirectory = "artifacts/conformance";

    /// <param name="replay">The command line that replays this run.</param>
    /// <param name="known">The run's <c>--known-failures</c> list, if any.</param>
    /// <param name="resend">How to resend one request to the target with curl; null: no command (the embedded stub is
    /// gone when the run ends).</param>
    public static Summary Write(string directory, RunResult run, string replay, Resend? resend = null,
        KnownFailures? known = null) =>
        Write(directory, Verdicts.Of(run, known), replay, resend);

    /// <summary>The reports of a run already grouped (the command line reads the same verdicts afterwards).</summary>
    public static Summary Write(string directory, Verdicts verdicts, string replay, Resend? resend = null)
    {
        ReportFolder.Write(directory, into =>
        {
            using (var json = File.Create(Path.Combine(into, "report.json")))
                JsonReport.Write(json, verdicts);
            File.WriteAllText(Path.Combine(into, "report.md"), MarkdownReport.Render(verdicts, replay, resend),
                new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(into, "report.html"), HtmlReport.Render(verdicts, replay, resend),
                new UTF8Encoding(false));
            JunitReport.Render(verdicts).Save(Path.Combine(into, "junit.xml"));
            foreach (var c in MarkdownReport.Failing(verdicts))
            {
                var file = Path.Combine(into, Resend.BodyFile(c.Case));
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, c.Case.Body);
            }
        });
        return verdicts.Summary;
    }
}
