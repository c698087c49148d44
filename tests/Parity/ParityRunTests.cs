using System.Text;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Cli;
using NotifyContract.Harness.Run;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Parity;

/// <summary>
/// Snapshots, known failures and merged reports through the command line, in process, against loopback servers:
/// small runs (one operation, a few random cases per rule).
/// </summary>
public class ParityRunTests : IDisposable
{
    const string Provision = ServiceCatalog.NotifyProvision;
    const long Seed = 11;
    const int MaxTest = 2;
    static readonly HashSet<string> Known = ["rec-parity-0001"];

    readonly string dir = Directory.CreateTempSubdirectory("notify-parity-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string In(string name) => Path.Combine(dir, name);

    static int Cli(params string[] args) => Commands.Run(Arguments.Parse(args)!);

    /// <summary>A small run against <paramref name="server"/>, its report in <paramref name="report"/>.</summary>
    string[] Run(FaithfulServer server, string report) =>
    [
        "--endpoint", server.Url.ToString(), "--record", Known.Single(), "--operation", Provision,
        "--seed", $"{Seed}", "--max-test", $"{MaxTest}", "--report", In(report),
    ];

    string[] Against(FaithfulServer server, string snapshot, string report) =>
        ["--endpoint", server.Url.ToString(), "--against-snapshot", snapshot, "--report", In(report)];

    JsonElement Report(string report) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(In(report), "report.json"))).RootElement;

    static IEnumerable<(string Id, string Verdict)> Verdicts(JsonElement report) =>
        report.GetProperty("rules").EnumerateArray()
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("verdict").GetString()!));

    static string[] Failing(JsonElement report) =>
        [.. Verdicts(report).Where(r => r.Verdict == "fail").Select(r => r.Id).Order()];

    [Fact]
    public void A_snapshot_replayed_against_its_own_server_passes_every_rule()
    {
        using var server = new FaithfulServer(Known, fullMatch: true);
        Cli([.. Run(server, "taken"), "--write-snapshot", In("own.jsonl")]);

        Assert.Equal(0, Cli(Against(server, In("own.jsonl"), "replayed")));
        var report = Report("replayed");
        Assert.All(Verdicts(report), r => Assert.Equal("pass", r.Verdict));
        Assert.Contains(Verdicts(report), r => r.Id == "Valid.accepted");
    }

    [Fact]
    public void A_full_match_snapshot_against_a_searching_server_fails_exactly_the_pattern_rules_whose_cases_differ()
    {
        using var full = new FaithfulServer(Known, fullMatch: true);
        using var search = new FaithfulServer(Known);
        Cli([.. Run(full, "taken"), "--write-snapshot", In("full.jsonl")]);

        Assert.Equal(1, Cli(Against(search, In("full.jsonl"), "replayed")));

        // Which rules have a case the two readings answer differently, asked of the servers' logic directly.
        var (fullNotify, searchNotify) = (new FaithfulNotify(Known, fullMatch: true), new FaithfulNotify(Known));
        var differing = Rules.For(Notify.Get(Provision), new RecordSet([.. Known]))
            .SelectMany(s => Explore.Cases(s, new RunSettings(Seed, MaxTest)))
            .Where(c => Answer(fullNotify, c) != Answer(searchNotify, c))
            .Select(c => c.Rule.Value).Distinct().Order().ToArray();
        Assert.NotEmpty(differing);
        Assert.All(differing, rule => Assert.EndsWith(".pattern", rule));
        Assert.Equal(differing, Failing(Report("replayed")));
        Assert.All(Verdicts(Report("replayed")).Where(r => !differing.Contains(r.Id)),
            r => Assert.Equal("pass", r.Verdict));
        Assert.Contains(Verdicts(Report("replayed")), r => r is ("ResourceIdentifier.UniqueTag.Key.pattern", "pass")); // anchored: one reading

        var md = File.ReadAllText(Path.Combine(In("replayed"), "report.md"));
        Assert.Contains("the snapshot's target answered HTTP 400 InvalidParametersException, this target HTTP 400 ResourceNotFoundException", md);
    }

    static (int, string?) Answer(FaithfulNotify notify, Case c)
    {
        var (status, body) = notify.Handle(Header(c, "X-Amz-Target"), Header(c, "Content-Type"), c.Body);
        return (status, JsonDocument.Parse(body).RootElement.TryGetProperty("__type", out var t)
            ? t.GetString() : null);
    }

    static string? Header(Case c, string name) => c.Headers.FirstOrDefault(h => h.Key == name).Value;

    [Fact]
    public void A_snapshot_whose_cases_no_longer_regenerate_is_refused()
    {
        using var server = new FaithfulServer(Known);
        Cli([.. Run(server, "taken"), "--write-snapshot", In("s.jsonl")]);
        var lines = File.ReadAllLines(In("s.jsonl"));
        lines[0] = lines[0].Replace($"\"seed\":{Seed},", $"\"seed\":{Seed + 1},");
        File.WriteAllLines(In("tampered.jsonl"), lines);

        var e = Assert.Throws<Harness.HarnessException>(() => Cli(Against(server, In("tampered.jsonl"), "replayed")));
        Assert.Contains("cases no longer regenerate", e.Message);
    }

    [Fact]
    public void A_known_failures_file_turns_a_red_run_green_and_reports_a_fixed_rule()
    {
        using var broken = new FaithfulServer(Known, "RecordId.maxLength");
        var known = In("known-failures.txt");
        Assert.Equal(1, Cli([.. Run(broken, "red"), "--write-known-failures", known]));
        Assert.Equal([$"RecordId.maxLength[rejects]@{Provision}"],
            File.ReadAllLines(known).Where(l => !l.StartsWith('#')));

        File.AppendAllText(known, $"Status.enum@{Provision}   # fixed since\n");
        Assert.Equal(0, Cli([.. Run(broken, "green"), "--known-failures", known]));

        var report = Report("green");
        Assert.True(report.GetProperty("summary").GetProperty("conformant").GetBoolean());
        var knownFailures = report.GetProperty("knownFailures");
        Assert.Equal([$"RecordId.maxLength[rejects]@{Provision}"], knownFailures.GetProperty("known")
            .EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([$"Status.enum@{Provision}"], knownFailures.GetProperty("fixed")
            .EnumerateArray().Select(e => e.GetString()));
        var md = File.ReadAllText(Path.Combine(In("green"), "report.md"));
        Assert.Contains($"`Status.enum@{Provision}` (line 5) passes now: remove it from the file", md);

        // Known failures do not hide new ones.
        using var worse = new FaithfulServer(Known, "IdempotencyToken.required");
        Assert.Equal(1, Cli([.. Run(worse, "new"), "--known-failures", known]));
    }

    [Fact]
    public void A_merged_report_of_two_servers_shows_both_columns()
    {
        using var faithful = new FaithfulServer(Known);
        using var broken = new FaithfulServer(Known, "RecordId.maxLength");
        Cli(Run(faithful, "a"));
        Cli(Run(broken, "b"));

        Assert.Equal(0, Cli("--merge-reports", Path.Combine(In("a"), "report.json"),
            Path.Combine(In("b"), "report.json"), "--report", In("merged")));
        var md = File.ReadAllText(Path.Combine(In("merged"), "report.md"));
        var columns = md.Split('\n').Single(l => l.StartsWith("| rule |"))
            .Split('|', StringSplitOptions.TrimEntries)[2..^1];
        Assert.Equal(2, columns.Length);
        Assert.StartsWith($"`{faithful.Url}", columns[0]);
        Assert.StartsWith($"`{broken.Url}", columns[1]);
        Assert.Matches(@"\| `RecordId\.maxLength` ≠ \| pass \d+ \| \*\*fail\*\* \d+/\d+", md);
        Assert.Matches(@"\| `Status\.enum` \| pass \d+ \| pass \d+ \|", md);
    }
}

/// <summary>The same settings through the library's seam (<see cref="SuiteRunner"/>), as <c>dotnet test</c> takes them
/// from NOTIFYCONTRACT_SNAPSHOT and NOTIFYCONTRACT_KNOWN_FAILURES.</summary>
public class ParitySuiteRunnerTests : IDisposable
{
    const string Provision = ServiceCatalog.NotifyProvision, Terminate = ServiceCatalog.NotifyTerminate;
    static readonly HashSet<string> Known = ["rec-parity-0002"];
    readonly string dir = Directory.CreateTempSubdirectory("notify-parity-runner-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static SuiteRunner Runner(Harness.Targets.ITarget target, string? snapshot = null, string? known = null) =>
        new(target, "documented", null, null, null, new RunSettings(Seed: 3, MaxTest: 2), "REPLAY", snapshot, known);

    [Fact]
    public void A_snapshot_judges_each_test_by_parity_and_skips_operations_it_does_not_hold()
    {
        var snapshot = Path.Combine(dir, "full.jsonl");
        using (var full = new FaithfulServer(Known, fullMatch: true))
            Commands.Run(Arguments.Parse(["--endpoint", full.Url.ToString(), "--record", Known.Single(),
                "--operation", Provision, "--seed", "5", "--max-test", "2", "--report", Path.Combine(dir, "taken"),
                "--write-snapshot", snapshot])!);
        using var search = new FaithfulServer(Known);
        using var target = Conformance.Runs.Endpoint(search.Url, [.. Known]);
        var runner = Runner(target, snapshot: snapshot);

        var differs = runner.Check(Provision, "IdempotencyToken.pattern");
        Assert.Equal(SuiteResultKind.Fail, differs.Kind);
        Assert.StartsWith($"IdempotencyToken.pattern[matchesSnapshot] on {Provision}: the snapshot's target answered",
            differs.Message);
        Assert.Equal(SuiteResultKind.Pass, runner.Check(Provision, "IdempotencyToken.maxLength").Kind);
        Assert.Equal(SuiteResultKind.Skipped, runner.Check(Terminate, "IdempotencyToken.maxLength").Kind);
    }

    [Fact]
    public void A_listed_failure_skips_its_test_and_an_unlisted_one_fails_it()
    {
        var known = Path.Combine(dir, "known.txt");
        File.WriteAllText(known, $"RecordId.maxLength@{Terminate}\n");
        using var broken = new FaithfulServer(Known, "RecordId.maxLength");
        using var target = Conformance.Runs.Endpoint(broken.Url, [.. Known]);
        var runner = Runner(target, known: known);

        var listed = runner.Check(Terminate, "RecordId.maxLength");
        Assert.Equal(SuiteResultKind.Skipped, listed.Kind);
        Assert.StartsWith($"known failure ({known}): RecordId.maxLength[rejects]", listed.Message);
        Assert.Equal(SuiteResultKind.Fail, runner.Check(Provision, "RecordId.maxLength").Kind);
        Assert.True(runner.WriteReports(Path.Combine(dir, "report")) is { Conformant: false });
    }
}

/// <summary>The parity flags as a user meets them: refused combinations, the replay line, and a run as a process in CI.</summary>
public class ParityCommandLineTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-parity-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("--against-snapshot s.jsonl --seed 4", "--against-snapshot takes the seed, max-test, operations and profile from the snapshot and judges by parity: drop --seed")]
    [InlineData("--against-snapshot s.jsonl --patterns full", "drop --patterns")]
    [InlineData("--serve 0 --known-failures k.txt", "--known-failures applies to a conformance run, not to serve")]
    [InlineData("--export-cases x.jsonl --write-snapshot s.jsonl", "--write-snapshot applies to a conformance run, not to export")]
    [InlineData("--merge-reports --report out", "--merge-reports needs at least one report.json")]
    public void Refused_combinations_are_one_line(string args, string expected)
    {
        var e = Assert.Throws<Harness.HarnessException>(() => Arguments.Parse(args.Split(' ')));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Files_are_read_and_checked_before_anything_is_sent()
    {
        var known = Path.Combine(dir, "known.txt");
        File.WriteAllText(known, "# ok\nRecordId.maxLength[reject]\n");
        var e = Assert.Throws<Harness.HarnessException>(() =>
            Commands.Run(Arguments.Parse(["--known-failures", known])!));
        Assert.StartsWith($"known-failures {known} line 2: unknown check 'reject' (known: ", e.Message);

        e = Assert.Throws<Harness.HarnessException>(() =>
            Commands.Run(Arguments.Parse(["--against-snapshot", Path.Combine(dir, "none.jsonl")])!));
        Assert.StartsWith("cannot read the snapshot", e.Message);
        e = Assert.Throws<Harness.HarnessException>(() =>
            Commands.Run(Arguments.Parse(["--write-known-failures", "/no/such/folder/k.txt"])!));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void The_replay_line_of_a_snapshot_run_names_the_snapshot_not_the_seed()
    {
        var line = Replay.Line(Arguments.Parse(["--endpoint", "http://127.0.0.1:4566", "--against-snapshot",
            "aws.jsonl", "--known-failures", "k.txt"])!);
        Assert.Equal("notify-contract --endpoint http://127.0.0.1:4566/ --against-snapshot aws.jsonl --known-failures k.txt --timeout 10", line);
    }

    [Fact]
    public async Task In_ci_a_run_appends_its_summary_and_known_failures_to_the_step_summary()
    {
        var summary = Path.Combine(dir, "step-summary.md");
        var known = Path.Combine(dir, "known.txt");
        File.WriteAllText(known, "Status.enum\n");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
            { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "notify-contract.dll"), "--operation",
                     ServiceCatalog.NotifyTerminate, "--max-test", "0", "--report", Path.Combine(dir, "report"),
                     "--known-failures", known })
            start.ArgumentList.Add(a);
        start.Environment["GITHUB_STEP_SUMMARY"] = summary;
        using var process = System.Diagnostics.Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        try { await process.WaitForExitAsync(token).WaitAsync(TimeSpan.FromMinutes(2), token); }
        finally { if (!process.HasExited) process.Kill(true); }

        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        var md = File.ReadAllText(summary);
        Assert.StartsWith("### NotifyContract: embedded-stub\n\n**CONFORMANT (3 rules not run by choice: " +
                          "Valid.accepted, Idempotency.replay, Idempotency.conflict): ", md); // --max-test 0: no random case for them
        Assert.Contains("1 known failures fixed (remove them from the file)", md);
        Assert.Contains("- `Status.enum` (line 1) passes now: remove it from the file", md);
    }
}
