using System.Text;
using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>A run as every report shows it: rules grouped by operation and check, the causes first.</summary>
public sealed record Verdicts(RunResult Run, IReadOnlyList<RuleReport> Rules, IReadOnlyList<Finding> Causes, Summary Summary)
{
    public static Verdicts Of(RunResult run)
    {
        var rules = RuleReport.From(run);
        var causes = Diagnosis.Causes.Of(run, rules);
        return new(run, rules, causes, Summary.Of(run, rules, causes));
    }
}

/// <summary>Writes report.json, report.md and junit.xml into one folder.</summary>
public static class Reports
{
    public const string DefaultDirectory = "artifacts/conformance";

    /// <param name="redact">Live runs: show each WorkflowToken as its length and a hash.</param>
    /// <param name="replay">The command line that replays this run.</param>
    public static Summary Write(string directory, RunResult run, bool redact, string replay)
    {
        var verdicts = Verdicts.Of(run);
        try
        {
            Directory.CreateDirectory(directory);
            using (var json = File.Create(Path.Combine(directory, "report.json")))
                JsonReport.Write(json, verdicts, redact);
            File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownReport.Render(verdicts, redact, replay),
                new UTF8Encoding(false));
            JunitReport.Render(verdicts, redact).Save(Path.Combine(directory, "junit.xml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write the report to {directory}: {e.Message}");
        }
        return verdicts.Summary;
    }
}
