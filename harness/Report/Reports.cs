using System.Text;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>Writes report.json, report.md and junit.xml into one folder.</summary>
public static class Reports
{
    public const string DefaultDirectory = "artifacts/conformance";

    /// <param name="redact">Live runs: show each WorkflowToken as its length and a hash.</param>
    /// <param name="replay">The command line that replays this run.</param>
    public static Summary Write(string directory, RunResult run, bool redact, string replay)
    {
        var rules = RuleReport.From(run);
        try
        {
            Directory.CreateDirectory(directory);
            using (var json = File.Create(Path.Combine(directory, "report.json")))
                JsonReport.Write(json, run, rules, redact);
            File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownReport.Render(run, rules, redact, replay), new UTF8Encoding(false));
            JunitReport.Render(run, rules).Save(Path.Combine(directory, "junit.xml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write the report to {directory}: {e.Message}");
        }
        return Summary.Of(run, rules);
    }
}
