using System.Text;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>Writes report.json, report.md and junit.xml into one folder, atomically (<see cref="ReportFolder"/>).</summary>
public static class Reports
{
    public const string DefaultDirectory = "artifacts/conformance";

    /// <param name="replay">The command line that replays this run.</param>
    public static Summary Write(string directory, RunResult run, string replay)
    {
        var rules = RuleReport.From(run);
        ReportFolder.Write(directory, into =>
        {
            using (var json = File.Create(Path.Combine(into, "report.json")))
                JsonReport.Write(json, run, rules);
            File.WriteAllText(Path.Combine(into, "report.md"), MarkdownReport.Render(run, rules, replay), new UTF8Encoding(false));
            JunitReport.Render(run, rules).Save(Path.Combine(into, "junit.xml"));
        });
        return Summary.Of(run, rules);
    }
}
