using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// Live runs that hold up in the field: a budget spent on every rule's boundary cases first and then evenly, a budget
/// too small (INCOMPLETE, exit 3), an interrupted run (partial report, exit 130/143), and report.md's curl line
/// resending a failing request.
/// </summary>
public class LiveRunTests : IDisposable
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    static readonly string[] Known = ["rec-live-0001"];
    static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    readonly string dir = Directory.CreateTempSubdirectory("notify-live-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static IReadOnlyList<RuleSuite> Suites(IReadOnlyList<string> records, string? operation = null) =>
        [.. Notify.Operations.Where(op => operation is null || op.Name == operation)
            .SelectMany(op => Rules.For(op, new RecordSet(records)))];

    static JsonElement Report(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))).RootElement;

    [Fact]
    public void A_budget_above_the_boundary_cases_gives_every_rule_all_of_them_then_random_cases_evenly()
    {
        using var server = new FaithfulServer(Known.ToHashSet());
        var suites = Suites(Known);
        var settings = new RunSettings(Seed: 7, MaxTest: 50);
        var boundary = Plan.Of(suites, settings, null).BoundaryRequests;
        var random = suites.Where(s => s.Random is not null).ToList(); // Auth.* has boundary cases only
        var budget = boundary + 3 * random.Sum(Plan.Cost); // three random cases a rule, on every operation
        using var target = new HttpTarget(EndpointOptions.Resolve(server.Url, null, Runs.Timeout, maxRequests: budget),
            new RecordSet(Known));

        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")), settings);

        Assert.True(run.Complete);
        Assert.Null(run.StopReason); // the shares fit the budget exactly: nothing was refused
        Assert.Equal(budget, server.Received);
        // A rule without boundary cases (Valid.accepted, Idempotency.replay) counts its first random case among them.
        Assert.All(run.Suites, s =>
            Assert.Equal((s.Suite.Rule, s.Suite.Operation,
                Plan.Required(s.Suite, settings) + (random.Contains(s.Suite) ? 3 : 0)),
            (s.Suite.Rule, s.Suite.Operation, s.Cases)));
        Assert.Contains(run.Suites, s => s.Suite.Rule == RuleId.ValidAccepted && s.Cases == 4);
    }

    [Fact]
    public void Shares_go_one_case_to_each_rule_in_turn_rules_without_boundary_cases_first()
    {
        var suites = Suites(Known, Terminate);
        var settings = new RunSettings(Seed: 1, MaxTest: 10);
        var (few, fewLeft) = Plan.Share(suites, settings, 3);
        Assert.Equal([RuleId.ValidAccepted, RuleId.IdempotencyReplay],
            suites.Where((_, i) => few[i] > 0).Select(s => s.Rule)); // their one case is the one they must get
        Assert.Equal(0, fewLeft);

        // Every rule but Auth.* (boundary cases only) has random cases to share.
        var random = suites.Where(s => s.Random is not null).Sum(Plan.Cost);
        int[] Each(int n) => [.. suites.Select(s => s.Random is null ? 0 : n)];
        var (even, evenLeft) = Plan.Share(suites, settings, 2 * random);
        Assert.Equal(Each(2), even);
        Assert.Equal(0, evenLeft);

        var (capped, cappedLeft) = Plan.Share(suites, settings, 10 * random + 7);
        Assert.Equal(Each(10), capped); // max-test is every rule's limit
        Assert.Equal(7, cappedLeft); // for shrinking

        var (all, allLeft) = Plan.Share(suites, settings, null);
        Assert.Equal(Each(10), all);
        Assert.Null(allLeft);
    }

    [Fact]
    public void A_snapshot_runs_plan_counts_each_case_once()
    {
        // It said "1,995 boundary cases (2,010 requests), 550 random cases": the random cases were counted twice.
        var settings = new RunSettings(Seed: 1, MaxTest: 5);
        var usual = Plan.Of(Suites(Known), settings, null);
        var snapshot = Plan.Of(Suites(Known), settings with { Exhaustive = true }, null);
        Assert.Equal(usual.BoundaryCases + usual.RandomCases, snapshot.BoundaryCases);
        Assert.Equal(0, snapshot.RandomCases);
        Assert.StartsWith($"plan: {snapshot.BoundaryCases:N0} cases (", snapshot.Line);
        Assert.Contains("every boundary and random case (max-test 5): a snapshot run sends them all", snapshot.Line);
    }

    [Fact]
    public void The_default_AWS_budget_covers_every_boundary_case_of_the_largest_run()
    {
        var plan = Plan.Of(Suites(Known), new RunSettings(Seed: 1), null);
        Assert.True(plan.DefaultBudget >= plan.BoundaryRequests + 1); // the preflight's request too
        Assert.True(plan with { Budget = plan.DefaultBudget } is { Covers: true, Warning: null });
        var o = EndpointOptions.Resolve(null, "us-east-1", Runs.Timeout, awsMaxRequests: plan.DefaultBudget);
        Assert.Equal(plan.DefaultBudget, o.MaxRequests);
    }

    [Fact]
    public void A_budget_just_above_the_boundary_cases_on_the_command_line_is_a_complete_conformant_run()
    {
        using var server = new FaithfulServer(new HashSet<string>());
        var boundary = Plan.Of(Suites([], Terminate), new RunSettings(Seed: 3, MaxTest: 20), null).BoundaryRequests;
        var budget = boundary + 1 + 5; // the preflight, and a few random cases
        var (exit, stdout, err) = Cli.Run(null, "--endpoint", server.Url.ToString(), "--operation", Terminate,
            "--max-test", "20", "--seed", "3", "--max-requests", budget.ToString(), "--report", dir);

        Assert.True(exit == 0, stdout + err);
        Assert.StartsWith("CONFORMANT", stdout);
        Assert.Contains($"plan: {boundary:N0} boundary cases", err);
        Assert.Contains($"budget {budget - 1:N0} requests left: covers every boundary case", err); // the preflight took one
        Assert.DoesNotContain("warning", err);
        Assert.Equal(budget, server.Received);
        var report = Report(dir);
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.False(report.GetProperty("interrupted").GetBoolean());
        Assert.True(report.GetProperty("summary").GetProperty("conformant").GetBoolean());
    }

    [Fact]
    public void A_budget_too_small_for_the_boundary_cases_is_INCOMPLETE_and_exits_3()
    {
        using var server = new FaithfulServer(new HashSet<string>());
        var (exit, stdout, err) = Cli.Run(null, "--endpoint", server.Url.ToString(), "--operation", Terminate,
            "--max-test", "5", "--max-requests", "60", "--report", dir);

        Assert.True(exit == 3, stdout + err);
        Assert.StartsWith("INCOMPLETE (", stdout);
        Assert.Contains("warning: the 59 requests left of the budget do not cover", err); // the preflight took one
        Assert.Contains("the run will be INCOMPLETE", err);
        Assert.Equal(60, server.Received);
        var report = Report(dir);
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.Contains("budget is spent", report.GetProperty("stopReason").GetString());
        var rules = report.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => !r.GetProperty("complete").GetBoolean());
        Assert.Contains(rules, r => r.GetProperty("complete").GetBoolean()
            && r.GetProperty("verdict").GetString() == "pass");
        Assert.Equal(0, report.GetProperty("summary").GetProperty("fail").GetInt32());
        Assert.False(report.GetProperty("summary").GetProperty("conformant").GetBoolean());
        Assert.Contains("Did not get all their boundary cases", File.ReadAllText(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public void Boundary_cases_throttled_away_make_the_run_incomplete_not_conformant()
    {
        using var server = HostileServers.ThrottlingFirst(int.MaxValue);
        var options = EndpointOptions.Resolve(server.Url, null, Runs.Timeout) with { ThrottleRetries = 1,
            RetryBaseDelay = TimeSpan.Zero };
        using var target = new HttpTarget(options, RecordSet.None);
        var suites = Suites([], Terminate);
        var settings = new RunSettings(Seed: 2, MaxTest: 2);

        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")), settings);
        var verdicts = Harness.Report.Verdicts.Of(run);

        Assert.False(run.Complete);
        Assert.All(run.Suites, s => Assert.Equal(Plan.Required(s.Suite, settings), s.Missing));
        // A target that keeps throttling ends the run soon, not after every case has waited out its retries.
        Assert.Equal("stopped sending: 8 requests in a row were still throttled after their retries", run.StopReason);
        Assert.InRange(server.Received.Count, 1, (8 + settings.Concurrency) * (options.ThrottleRetries + 1));
        Assert.StartsWith("INCOMPLETE (", verdicts.Summary.Line);
        Assert.False(verdicts.Summary.Conformant);
        Assert.Equal(3, Harness.Cli.Commands.Exit(run, verdicts.Summary));
    }

    [Fact]
    public void Rules_skipped_by_choice_do_not_make_a_run_incomplete()
    {
        // No --record: Valid.accepted and Idempotency.replay are skipped; one operation only.
        using var server = new FaithfulServer(new HashSet<string>());
        var (exit, stdout, err) = Cli.Run(null, "--endpoint", server.Url.ToString(), "--operation", Terminate,
            "--max-test", "2", "--report", dir);

        Assert.True(exit == 0, stdout + err);
        Assert.StartsWith("CONFORMANT (3 rules not run by choice: Valid.accepted, Idempotency.replay, Idempotency.conflict): ", stdout);
        var report = Report(dir);
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.Contains(report.GetProperty("rules").EnumerateArray(), r =>
            r.GetProperty("id").GetString() == "Valid.accepted" && r.GetProperty("verdict").GetString() == "skipped");
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("Left out by choice (they do not make the run incomplete): `Valid.accepted` (no known record", md);
        Assert.Contains("89 operations of the model (not selected)", md);
    }

    [Fact]
    public void Rules_that_max_test_0_leaves_without_cases_are_named_in_the_summary()
    {
        // Boundary cases only: the rules without any (they need a random case) get none, by the user's choice.
        using var target = StubTarget.Start([], Runs.Timeout);
        var (run, _) = Runs.Against(target, maxTest: 0, operation: Terminate);
        var summary = Harness.Report.Verdicts.Of(run).Summary;

        Assert.True(summary.Conformant);
        Assert.StartsWith("CONFORMANT (3 rules not run by choice: Valid.accepted, Idempotency.replay, Idempotency.conflict): ", summary.Line);
    }

    /// <summary>Answers the first <paramref name="answered"/> requests faithfully, then holds every other one open
    /// until disposed: a target that has gone slow.</summary>
    static LoopbackServer Stalling(int answered)
    {
        var notify = new FaithfulNotify(new HashSet<string>());
        var count = 0;
        return new LoopbackServer(async (request, connection, stop) =>
        {
            if (Interlocked.Increment(ref count) > answered)
            {
                await Task.Delay(Timeout.Infinite, stop);
                return;
            }
            var (status, body) = notify.Handle(request.Header("X-Amz-Target"), request.Header("Content-Type"),
                request.Body);
            await connection.Respond(status, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1")],
                Encoding.UTF8.GetBytes(body), stop);
        });
    }

    /// <summary><paramref name="times"/> signals at once (GNU timeout sends its signal to the process, then its group).</summary>
    static void Signal(Process process, string signal, int times = 1) =>
        Process.Start("kill", [$"-{signal}", .. Enumerable.Repeat(process.Id.ToString(), times)])!.WaitForExit();

    static async Task<(int Exit, string Out, string Err)> Finish(Process process, Task<string> stdout,
        Task<string> stderr)
    {
        await process.WaitForExitAsync(TestContext.Current.CancellationToken)
            .WaitAsync(Generous, TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [InlineData("INT", 130, 1)]
    [InlineData("TERM", 143, 1)]
    [InlineData("TERM", 143, 2)] // as `timeout` sends it: one in five runs lost the report to the repeat
    public async Task A_signal_stops_sending_cancels_what_is_in_flight_and_writes_the_partial_report(
        string signal, int code, int times)
    {
        const int answered = 40, concurrency = 2;
        using var server = Stalling(answered);
        // A timeout far beyond the test's patience: only the interruption can end the stalled requests.
        using var process = Process.Start(Cli.Command(null, ["--endpoint", server.Url.ToString(), "--timeout", "3600",
            "--concurrency", $"{concurrency}", "--max-test", "5", "--report", dir, .. Notify.Args]))!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var clock = Stopwatch.StartNew();
            while (server.Received.Count < answered + concurrency && clock.Elapsed < Generous && !process.HasExited)
                await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.Equal(answered + concurrency, server.Received.Count); // every sender waits on a stalled answer

            Signal(process, signal, times);
            var (exit, output, errors) = await Finish(process, stdout, stderr);

            Assert.True(exit == code, output + errors);
            Assert.StartsWith($"INTERRUPTED by SIG{signal}", output);
            Assert.Contains($"SIG{signal}: stopping", errors);
            Assert.Equal(answered + concurrency, server.Received.Count); // nothing sent after the signal
            var report = Report(dir);
            Assert.True(report.GetProperty("interrupted").GetBoolean());
            Assert.False(report.GetProperty("complete").GetBoolean());
            Assert.Equal($"interrupted by SIG{signal}: stopped sending", report.GetProperty("stopReason").GetString());
            var rules = report.GetProperty("rules").EnumerateArray().ToList();
            Assert.Contains(rules, r => r.GetProperty("verdict").GetString() == "pass"); // the verdicts so far
            Assert.Contains(rules, r => r.GetProperty("verdict").GetString() == "skipped" &&
                                        r.GetProperty("reason").GetString()!.Contains("interrupted"));
            Assert.Equal(0, report.GetProperty("summary").GetProperty("fail").GetInt32()); // cancelled requests are not judged
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    [Fact]
    public async Task A_signal_during_the_preflight_stops_the_run_as_it_starts_with_its_report()
    {
        // The preflight's request waits (a slow or throttling target): a CI timeout then killed the process silently.
        var first = new TaskCompletionSource();
        using var release = new SemaphoreSlim(0);
        var notify = new FaithfulNotify(new HashSet<string>());
        using var server = new LoopbackServer(async (request, connection, stop) =>
        {
            if (first.TrySetResult()) await release.WaitAsync(stop);
            var (status, body) = notify.Handle(request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body);
            await connection.Respond(status, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1")],
                Encoding.UTF8.GetBytes(body), stop);
        });
        using var process = Process.Start(Cli.Command(null, ["--endpoint", server.Url.ToString(), "--max-test", "1",
            "--report", dir]))!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await first.Task.WaitAsync(Generous, TestContext.Current.CancellationToken);

            Signal(process, "TERM");
            var heard = await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(Generous, TestContext.Current.CancellationToken);
            Assert.Contains("SIGTERM: stopping", heard); // before the plan: still in the preflight
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            release.Release();
            var (exit, output, errors) = await Finish(process, stdout, stderr);

            Assert.True(exit == 143, output + errors);
            Assert.StartsWith("INTERRUPTED by SIGTERM", output);
            Assert.Single(server.Received); // the preflight's request only
            Assert.True(Report(dir).GetProperty("interrupted").GetBoolean());
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    [Fact]
    public async Task An_interrupted_run_against_the_embedded_stub_shows_its_progress_and_writes_its_partial_report()
    {
        // Enough random cases to run for a very long time: only the interruption ends it.
        using var process = Process.Start(Cli.Command(null, ["--max-test", "100000", "--report", dir]))!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            async Task<string?> Line() => await process.StandardError
                .ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(Generous, TestContext.Current.CancellationToken);
            Assert.StartsWith("plan: ", await Line());
            Assert.Matches(@"^progress: \d+/\d+ suites \(a rule on an operation\) done, \d+ requests sent", await Line());
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

            Signal(process, "INT");
            var (exit, output, errors) = await Finish(process, stdout, stderr);

            Assert.True(exit == 130, output + errors);
            Assert.StartsWith("INTERRUPTED by SIGINT", output);
            Assert.True(Report(dir).GetProperty("interrupted").GetBoolean());
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    const string AccessKey = "AKIDCURLTESTFAKE0001";
    const string Secret = "curlTestFakeSecret/Key+00000000000000000";

    [Theory]
    [InlineData("chain")]
    [InlineData("fake")]
    public void The_curl_line_in_report_md_resends_the_failing_request_and_gets_the_same_answer(string credentials)
    {
        var fake = HttpTarget.FakeCredentials.GetCredentials();
        using var server = new FaithfulServer(new HashSet<string>(), breaks: "RecordId.maxLength",
            secretFor: k => k == AccessKey ? Secret : k == fake.AccessKey ? fake.SecretKey : null);
        var keys = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKey, ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials", ["AWS_CONFIG_FILE"] = "/nonexistent/config",
        };
        var (exit, stdout, err) = Cli.Run(keys, "--endpoint", server.Url.ToString(), "--credentials", credentials,
            "--operation", Terminate, "--max-test", "3", "--seed", "5", "--report", dir);
        Assert.True(exit == 1, stdout + err);

        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        var section = md[md.IndexOf("## `RecordId.maxLength`", StringComparison.Ordinal)..];
        var start = section.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var curl = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        Assert.StartsWith("curl ", curl);
        Assert.DoesNotContain(Secret, md);
        if (credentials == "chain") Assert.Contains("\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"", curl);
        else Assert.Contains($"{fake.AccessKey}:{fake.SecretKey}", curl); // not a secret: shown as it is

        var example = Report(dir).GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "RecordId.maxLength").GetProperty("counterexample");
        var bodyFile = Path.Combine(dir, "repro", example.GetProperty("caseId").GetString() + ".body");
        Assert.Equal(example.GetProperty("request").GetProperty("body").GetString(), File.ReadAllText(bodyFile));

        var (before, refusedBefore) = (server.Received, server.BadSignatures.Count); // the run's Auth.* cases
        var shell = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = dir };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(curl);
        foreach (var (k, v) in keys) shell.Environment[k] = v;
        shell.Environment.Remove("AWS_SESSION_TOKEN");
        using var sh = Process.Start(shell)!;
        var answer = sh.StandardOutput.ReadToEnd();
        var curlErr = sh.StandardError.ReadToEnd();
        Assert.True(sh.WaitForExit(Generous));
        Assert.True(sh.ExitCode == 0,
            $"curl failed ({sh.ExitCode}; .ci/run installs curl 7.75+ for --aws-sigv4): {curlErr}");

        Assert.Equal(before + 1, server.Received);
        Assert.Equal(refusedBefore, server.BadSignatures.Count); // curl signed it as the harness did
        var shown = example.GetProperty("answer");
        Assert.StartsWith($"HTTP/1.1 {shown.GetProperty("status").GetInt32()} ", answer);
        Assert.Contains("\"__type\":\"ResourceNotFoundException\"", shown.GetProperty("body").GetString());
        Assert.Contains("\"__type\":\"ResourceNotFoundException\"", answer); // the failure, reproduced
    }
}
