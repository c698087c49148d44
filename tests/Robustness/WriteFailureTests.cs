using NotifyContract.Harness;
using NotifyContract.Harness.Report;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Robustness;

/// <summary>
/// Where the harness cannot go on (issue 23): its own disk full, the report folder gone from under it. The run exits 2
/// with one line that says what, and says what it judged; nothing half-written is left in place of a report.
/// </summary>
public sealed class WriteFailureTests : IDisposable
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    readonly string root = Path.Combine(Path.GetTempPath(), "notify-write-failure-" + Guid.NewGuid().ToString("N"));

    public WriteFailureTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>ENOSPC, as .NET raises it on Linux (an IOException carrying the errno), from the write itself.</summary>
    [Fact]
    public void A_disk_full_while_writing_is_one_line_and_the_previous_report_stays_whole()
    {
        var report = Path.Combine(root, "report");
        ReportFolder.Write(report, into => File.WriteAllText(Path.Combine(into, "report.json"), "{\"previous\":true}"));

        var e = Assert.Throws<HarnessException>(() => ReportFolder.Write(report, into =>
        {
            File.WriteAllText(Path.Combine(into, "report.json"), "{\"half\":");
            throw new IOException($"No space left on device : '{into}/report.md'", 28);
        }));

        Assert.StartsWith($"cannot write the report to {report}: No space left on device", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("{\"previous\":true}", File.ReadAllText(Path.Combine(report, "report.json")));
        Assert.Equal([report], Directory.GetFileSystemEntries(root)); // the fresh folder is gone
    }

    /// <summary>A real ENOSPC: <c>/dev/full</c> refuses every write. The report, written first, is in place.</summary>
    [Fact]
    public void A_snapshot_on_a_full_disk_exits_2_with_one_line_saying_what_the_run_judged()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "no /dev/full here");
        using var server = HostileServers.Html(500);
        var report = Path.Combine(root, "report");
        var (exit, stdout, err) = Run(server, report, "--write-snapshot", "/dev/full");

        Assert.Equal(2, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => l.StartsWith("notify-contract: ", StringComparison.Ordinal));
        Assert.StartsWith("notify-contract: cannot write the snapshot /dev/full: No space left on device", line);
        Assert.Contains("; the run judged: NOT CONFORMANT (", line);
        Assert.DoesNotContain("harness error", err);
        Assert.True(File.Exists(Path.Combine(report, "report.json")), stdout);
    }

    /// <summary>The report folder's parent turned into a file while the run sends: the report cannot be written there.</summary>
    [Fact]
    public void A_report_folder_made_impossible_mid_run_exits_2_with_one_line_saying_what_the_run_judged()
    {
        var parent = Path.Combine(root, "runs");
        Directory.CreateDirectory(parent);
        using var server = Answering500After(() =>
        {
            Directory.Delete(parent, recursive: true);
            File.WriteAllText(parent, "");
        });
        var (exit, _, err) = Run(server, Path.Combine(parent, "report"));

        Assert.Equal(2, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => l.StartsWith("notify-contract: ", StringComparison.Ordinal));
        Assert.StartsWith($"notify-contract: cannot write the report to {parent}/report: {parent} is a file", line);
        Assert.Contains("; the run judged: NOT CONFORMANT (", line);
    }

    /// <summary>A folder removed mid-run is only made again: the run can go on, and does.</summary>
    [Fact]
    public void A_report_folder_removed_mid_run_is_made_again_and_the_run_ends_with_its_verdict()
    {
        var parent = Path.Combine(root, "runs");
        Directory.CreateDirectory(parent);
        using var server = Answering500After(() => Directory.Delete(parent, recursive: true));
        var (exit, stdout, err) = Run(server, Path.Combine(parent, "report"));

        Assert.Equal(1, exit);
        Assert.Contains("\nNOT CONFORMANT (", stdout);
        Assert.DoesNotContain(err.Split('\n'), l => l.StartsWith("notify-contract: ", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(parent, "report", "report.json")));
    }

    /// <summary>Answers HTTP 500 text/html; the first request (the preflight's, after the report folder was checked)
    /// first does <paramref name="once"/>.</summary>
    static LoopbackServer Answering500After(Action once)
    {
        var done = 0;
        return new LoopbackServer((_, c, stop) =>
        {
            if (Interlocked.Exchange(ref done, 1) == 0) once();
            return c.Respond(500, [KeyValuePair.Create("Content-Type", "text/html")], "<html></html>"u8.ToArray(),
                stop);
        });
    }

    static (int Exit, string Out, string Err) Run(LoopbackServer server, string report, params string[] more) =>
        Cli.Run(null, [
            "--endpoint", server.Url.ToString(), "--operation", Terminate, "--max-test", "1", "--report", report,
            .. more,
        ]);
}
