using System.Diagnostics;
using System.Text.Json;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>The harness's command line, run as users run it: a process, its exit code, its output and its files.</summary>
public class CommandLineTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static (int Exit, string Out, string Err) Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "notify-contract.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); Assert.Fail("the harness did not exit"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    static (int Exit, string Out, string Err) Run(params string[] args) => Run(null, args);

    public static TheoryData<string> BadInput() =>
    [
        "--bogus",
        "--seed abc",
        "--max-test -1",
        "--export-cases /nonexistent-dir/cases.jsonl --max-test 1",
        "--profile nope",
        "--patterns sideways",
        "--content-type sideways",
        "--endpoint ftp://example.test/",
        "--region mars-north-9",
        "--serve 1 --export-cases x.jsonl",
        $"--endpoint {HostileServers.Refusing()}",
    ];

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_one_line_on_stderr_and_exit_2(string args)
    {
        var (exit, _, err) = Run(args.Split(' '));
        Assert.Equal(2, exit);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("notify-contract: ", lines[0]);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Serve_answers_for_its_records_until_interrupted()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "notify-contract.dll"), "--serve", "0", "--record", "rec-served-1" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            var url = System.Text.RegularExpressions.Regex.Match(line!, @"http://127\.0\.0\.1:\d+/").Value;
            Assert.Contains("rec-served-1", line);

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("""{"WorkflowToken":"QQ==","RecordId":"rec-served-1","Status":"SUCCEEDED","IdempotencyToken":"t1"}"""),
            };
            request.Headers.Add("X-Amz-Target", "AWS242ServiceCatalogService.NotifyProvisionProductEngineWorkflowResult");
            request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
            Assert.Equal(200, (int)(await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);

            Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped", await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    [Fact]
    public void Help_prints_the_options_and_runs_nothing()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("--endpoint", stdout);
        Assert.DoesNotContain("CONFORMANT", stdout);
    }

    [Fact]
    public void Export_is_byte_identical_for_a_seed_and_covers_every_rule_on_both_sides()
    {
        string Export(string name, string seed)
        {
            var file = Path.Combine(dir, name);
            Assert.Equal(0, Run("--export-cases", file, "--seed", seed, "--max-test", "5").Exit);
            return file;
        }
        var first = File.ReadAllBytes(Export("a.jsonl", "42"));
        Assert.Equal(first, File.ReadAllBytes(Export("b.jsonl", "42")));
        Assert.NotEqual(first, File.ReadAllBytes(Export("c.jsonl", "43")));

        var cases = File.ReadAllLines(Path.Combine(dir, "a.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(cases, c => Assert.True(c.TryGetProperty("body", out _) || c.TryGetProperty("bodyBase64", out _)));
        var sides = cases.GroupBy(c => (Op: c.GetProperty("operation").GetString(), Rule: c.GetProperty("rule").GetString()!))
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("expect").GetString()).ToHashSet());
        Assert.Equal(3, sides.Keys.Select(k => k.Op).Distinct().Count());
        foreach (var ((op, rule), expects) in sides.Where(s => s.Key.Rule.Split('.')[^1] is "minLength" or "maxLength" or "enum" or "required"))
        {
            Assert.True(expects.Contains("ResourceNotFoundException"), $"{op} {rule}: no valid side");
            Assert.True(expects.Contains("InvalidParametersException"), $"{op} {rule}: no violating side");
        }
        Assert.Contains(sides, s => s.Key.Rule == "Valid.accepted" && s.Value.SetEquals(["success"]));
    }

    [Fact]
    public void Dry_run_prints_the_cases_and_sends_nothing()
    {
        using var server = HostileServers.Answering(200, "{}");
        var (exit, stdout, err) = Run("--endpoint", server.Url.ToString(), "--dry-run", "--max-test", "2", "--operation",
            "NotifyTerminateProvisionedProductEngineWorkflowResult");
        Assert.Equal(0, exit);
        Assert.Contains("nothing was sent", err);
        Assert.True(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 50);
        Assert.Empty(server.Received);
    }

    [Fact]
    public void A_live_run_against_a_broken_server_exits_1_with_reports_that_hide_tokens_and_secrets()
    {
        const string secret = "FAKEsecretKEYthatMUSTneverAPPEARanywhere000";
        using var server = new FaithfulServer(new HashSet<string>(), breaks: "WorkflowToken.maxLength");
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDFAKEFAKEFAKE1234", ["AWS_SECRET_ACCESS_KEY"] = secret };
        var (exit, stdout, err) = Run(env, "--endpoint", server.Url.ToString(), "--max-test", "3", "--seed", "5", "--report", dir,
            "--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult");

        Assert.Equal(1, exit);
        Assert.Contains("NOT CONFORMANT (WorkflowToken.maxLength)", stdout);
        var json = File.ReadAllText(Path.Combine(dir, "report.json"));
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        var junit = File.ReadAllText(Path.Combine(dir, "junit.xml"));
        foreach (var text in new[] { stdout, err, json, md, junit }) Assert.DoesNotContain(secret, text);

        var report = JsonDocument.Parse(json).RootElement;
        Assert.Equal(5, report.GetProperty("seed").GetInt64());
        Assert.Equal("documented", report.GetProperty("profile").GetString());
        var rule = report.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "WorkflowToken.maxLength");
        Assert.Equal("fail", rule.GetProperty("verdict").GetString());
        var body = rule.GetProperty("counterexample").GetProperty("request").GetProperty("body").GetString()!;
        Assert.Matches("\"WorkflowToken\":\"<20001 chars, sha256:[0-9a-f]{16}>\"", body);
        Assert.False(report.GetProperty("summary").GetProperty("conformant").GetBoolean());
        Assert.Contains("<testcase classname=\"NotifyTerminateProvisionedProductEngineWorkflowResult\" name=\"WorkflowToken.maxLength[rejects]@NotifyTerminateProvisionedProductEngineWorkflowResult\">", junit);
        Assert.Contains("| `WorkflowToken.maxLength` | **fail** |", md);
    }

    [Fact]
    public void The_default_run_against_the_embedded_stub_is_conformant()
    {
        var (exit, stdout, _) = Run("--max-test", "3", "--report", dir);
        Assert.Equal(0, exit);
        Assert.StartsWith("CONFORMANT", stdout);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))).RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("conformant").GetBoolean());
        Assert.Equal(0, summary.GetProperty("fail").GetInt32());
    }

    [Theory]
    [InlineData(null, "observed")]
    [InlineData("strict", "pass")] // the stub refuses another Content-Type with a 4xx
    [InlineData("lenient", "fail")]
    public void Content_Type_cases_are_observed_unless_a_reading_is_picked(string? reading, string verdict)
    {
        string[] args = ["--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult", "--max-test", "0", "--report", dir,
            .. reading is null ? Array.Empty<string>() : ["--content-type", reading]];
        Run(args);
        var rule = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))).RootElement.GetProperty("rules")
            .EnumerateArray().Single(r => r.GetProperty("id").GetString() == "Protocol.wrongContentType");
        Assert.Equal(verdict, rule.GetProperty("verdict").GetString());
    }
}
