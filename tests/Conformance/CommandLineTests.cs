using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>The harness's command line, run as users run it: a process, its exit code, its output and its files; in
/// this process where only what a flag does is the point.</summary>
public class CommandLineTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static (int Exit, string Out, string Err) Run(IReadOnlyDictionary<string, string>? env, params string[] args) =>
        Cli.Run(env, args);

    static (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run(null, args);

    /// <summary>The command line in this process, where the point is what it does, not how the process ends.</summary>
    static int InProcess(params string[] args) =>
        Harness.Cli.Commands.Run(Harness.Cli.Arguments.Parse(args)!);

    public static TheoryData<string> BadInput() =>
    [
        "--bogus",
        "--seed abc",
        "--max-test -1",
        "--export-cases /nonexistent-dir/cases.jsonl --max-test 1",
        "--profile nope",
        "--patterns sideways",
        "--content-type sideways",
        "--signatures sideways",
        "--sigv4 AKIDSTUB:stubSecret", // verifying signatures is the stub's: --serve
        "--serve 0 --sigv4 AKIDSTUB", // KEYID:SECRET
        "--endpoint ftp://example.test/",
        "--region mars-north-9",
        "--serve 1 --export-cases x.jsonl",
        $"--endpoint {HostileServers.Refusing()}",
        "--seed 99999999999999999999",
        "--timeout 3000000",
        "--timeout 0",
        "--concurrency 10000",
        "--max-test 100001",
        "--max-requests 0",
        "--rate 0",
        "--seconds -1",
        "--serve 70000",
        $"--endpoint {HostileServers.Refusing()} --record a;touch",
        $"--endpoint {HostileServers.Refusing()} --record {new string('r', 101)}",
        $"--endpoint {HostileServers.Refusing()} --record rec-\u00e9",
        $"--endpoint {HostileServers.Refusing()} --record rec-1\n", // .NET's $ matches before a final newline
        "--endpoint http://user:hunter2pw@127.0.0.1:1/",
        "--endpoint http://127.0.0.1:1/?Action=Notify",
        "--endpoint http://servicecatalog.us-east-1.amazonaws.com/",
        "--credentials sideways",
        "--credentials none",
        $"--endpoint {HostileServers.Refusing()} --workflow-token-env NOTIFY_CONTRACT_UNSET_VARIABLE --record rec-1",
        $"--endpoint {HostileServers.Refusing()} --workflow-token-env TOKEN",
        $"--endpoint {HostileServers.Refusing()} --workflow-token-env PATH\n --record rec-1",
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
        Assert.DoesNotContain("System.", err); // no .NET type names
        Assert.DoesNotContain("hunter2pw", err);
    }

    static readonly Dictionary<string, string> ThroughRunTests = new() { ["NOTIFYCONTRACT_LAUNCHER"] = "./run-tests.sh" };

    [Fact]
    public void A_parse_error_points_to_the_help_of_the_program_the_user_ran()
    {
        Assert.Equal((2, "", "notify-contract: Unrecognized command or argument '--bogus'; see notify-contract --help\n"),
            Run("--bogus"));
        Assert.Equal((2, "", "notify-contract: --max-test must be a whole number from 0 to 100000, not '-1'; " +
                             "see ./run-tests.sh --help\n"),
            Run(ThroughRunTests, "--max-test", "-1"));
    }

    [Fact]
    public void Run_tests_sh_names_itself_in_the_replay_line()
    {
        var (exit, _, _) = Run(ThroughRunTests, "--operation", Terminate, "--max-test", "0", "--report", dir);
        Assert.Equal(0, exit);
        Assert.Contains($"(replay: `./run-tests.sh --operation {Terminate} --profile documented --seed ",
            File.ReadAllText(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public void Serve_on_a_port_in_use_is_one_plain_line_and_exit_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        Assert.Equal((2, "", $"notify-contract: --serve {port}: cannot listen on 127.0.0.1:{port}: the port is in " +
                             "use; pick another, or 0 for a free one\n"),
            Run("--serve", $"{port}"));
    }

    [Theory]
    [InlineData(false, 200)]
    [InlineData(true, 403)] // told to verify signatures: this unsigned request is MissingAuthenticationTokenException
    public async Task Serve_answers_for_its_records_until_interrupted(bool verify, int status)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "notify-contract.dll"), "--serve", "0",
            "--record", "rec-served-1" }.Concat(verify ? ["--sigv4", "AKIDSERVED:servedSecret"] : []))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            var url = System.Text.RegularExpressions.Regex.Match(line!, @"http://127\.0\.0\.1:\d+/").Value;
            Assert.Contains("rec-served-1", line);
            Assert.Contains(verify ? "signatures verified for key AKIDSERVED)" : "signatures ignored)", line);
            Assert.DoesNotContain("servedSecret", line);

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("""{"WorkflowToken":"QQ==","RecordId":"rec-served-1","Status":"SUCCEEDED","IdempotencyToken":"t1"}"""),
            };
            request.Headers.Add("X-Amz-Target",
                "AWS242ServiceCatalogService.NotifyProvisionProductEngineWorkflowResult");
            request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
            Assert.Equal(status, (int)(await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);

            Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped",
                await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken));
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
            Assert.Equal(0, InProcess(["--export-cases", file, "--seed", seed, "--max-test", "2", .. Notify.Args,
                "--operation", "CreatePortfolio", "--operation", "SearchProducts", "--operation", "ProvisionProduct"]));
            return file;
        }
        var first = File.ReadAllBytes(Export("a.jsonl", "42"));
        Assert.Equal(first, File.ReadAllBytes(Export("b.jsonl", "42")));
        Assert.NotEqual(first, File.ReadAllBytes(Export("c.jsonl", "43")));

        var cases = File.ReadAllLines(Path.Combine(dir, "a.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(cases, c => Assert.True(c.TryGetProperty("body", out _) || c.TryGetProperty("bodyBase64", out _)));
        var sides = cases.GroupBy(c =>
            (Op: c.GetProperty("operation").GetString(), Rule: c.GetProperty("rule").GetString()!))
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("expect").GetString()).ToHashSet());
        Assert.Equal(6, sides.Keys.Select(k => k.Op).Distinct().Count());
        foreach (var ((op, rule), expects) in sides.Where(s =>
            s.Key.Rule.Split('.')[^1] is "minLength" or "maxLength" or "minValue" or "maxValue" or "enum" or "required"))
        {
            // A valid request to an empty account: ResourceNotFoundException where the operation lists it, else success.
            Assert.True(expects.Overlaps(["ResourceNotFoundException", "success"]), $"{op} {rule}: no valid side");
            Assert.True(expects.Overlaps(["InvalidParametersException", "clientError"]), $"{op} {rule}: no violating side");
        }
        Assert.Contains(sides, s => s.Key.Rule == "Valid.accepted" && s.Value.SetEquals(["success"]));
    }

    [Fact]
    public void Dry_run_prints_the_cases_and_sends_nothing()
    {
        using var server = HostileServers.Answering(200, "{}");
        var (exit, stdout, err) = Run("--endpoint", server.Url.ToString(), "--dry-run", "--max-test", "2",
            "--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult");
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
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDFAKEFAKEFAKE1234",
            ["AWS_SECRET_ACCESS_KEY"] = secret };
        var (exit, stdout, err) = Run(env, "--endpoint", server.Url.ToString(), "--max-test", "3", "--seed", "5",
            "--report", dir, "--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult");

        Assert.Equal(1, exit);
        Assert.Contains("NOT CONFORMANT (WorkflowToken.maxLength)", stdout);
        var json = File.ReadAllText(Path.Combine(dir, "report.json"));
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        var junit = File.ReadAllText(Path.Combine(dir, "junit.xml"));
        foreach (var text in new[] { stdout, err, json, md, junit }) Assert.DoesNotContain(secret, text);

        var report = JsonDocument.Parse(json).RootElement;
        Assert.Equal(5, report.GetProperty("seed").GetInt64());
        Assert.Equal("documented", report.GetProperty("profile").GetString());
        var rule = report.GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "WorkflowToken.maxLength");
        Assert.Equal("fail", rule.GetProperty("verdict").GetString());
        var body = rule.GetProperty("counterexample").GetProperty("request").GetProperty("body").GetString()!;
        Assert.Matches("\"WorkflowToken\":\"[0-9A-Za-z+/=]{20001}\"", body); // a generated token is evidence: shown in full
        Assert.False(report.GetProperty("summary").GetProperty("conformant").GetBoolean());
        Assert.Contains("<testcase classname=\"NotifyTerminateProvisionedProductEngineWorkflowResult\" name=\"WorkflowToken.maxLength[rejects]@NotifyTerminateProvisionedProductEngineWorkflowResult\">", junit);
        Assert.Contains("| `WorkflowToken.maxLength` | **fail** |", md);
    }

    [Fact]
    public void The_default_run_against_the_embedded_stub_is_conformant()
    {
        var (exit, stdout, _) = Run("--max-test", "3", "--report", dir);
        Assert.Equal(0, exit);
        Assert.StartsWith("CONFORMANT: ", stdout); // every rule got cases
        Assert.Contains("(replay: `notify-contract --profile documented --seed ", // the installed tool's name
            File.ReadAllText(Path.Combine(dir, "report.md")));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))
            .RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("conformant").GetBoolean());
        Assert.Equal(0, summary.GetProperty("fail").GetInt32());
    }

    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    const string AccessKey = "AKIDCLITESTFAKE00001";
    const string Secret = "cliTestFakeSecret/Key+000000000000000000";

    static Dictionary<string, string> Keys(string secret) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey, ["AWS_SECRET_ACCESS_KEY"] = secret,
        // Nothing else in the chain: no profile file, no instance metadata.
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials", ["AWS_CONFIG_FILE"] = "/nonexistent/config",
    };

    static string[] Files(string dir) =>
        [.. new[] { "report.json", "report.md", "junit.xml" }.Select(f => File.ReadAllText(Path.Combine(dir, f)))];

    [Fact]
    public void Credentials_chain_signs_with_the_environment_keys_and_a_verifying_server_finds_the_run_conformant()
    {
        using var server = new FaithfulServer(new HashSet<string>(), secretFor: k => k == AccessKey ? Secret : null);
        var (exit, stdout, err) = Run(Keys(Secret), "--endpoint", server.Url.ToString(), "--credentials", "chain",
            "--operation", Terminate, "--max-test", "2", "--report", dir);

        Assert.True(exit == 0, stdout + err);
        // Every request verified but the Auth.* cases', whose signatures are broken on purpose: one each.
        Assert.Equal(Enum.GetValues<SigningFault>().Length, server.BadSignatures.Count);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))).RootElement;
        Assert.Equal($"{server.Url} (credentials: chain)", report.GetProperty("target").GetString());
        foreach (var text in Files(dir).Append(stdout).Append(err)) Assert.DoesNotContain(Secret, text);
    }

    [Theory]
    [InlineData("chain", "InvalidSignatureException")] // the right key id, a wrong secret
    [InlineData("fake", "UnrecognizedClientException")] // a key id the server does not know
    public void Rejected_credentials_stop_before_the_run_with_one_line_naming_the_code(string credentials, string code)
    {
        using var server = new FaithfulServer(new HashSet<string>(), secretFor: k => k == AccessKey ? Secret : null);
        var (exit, stdout, err) = Run(Keys("wrongSecret/Key+00000000000000000000000"), "--endpoint",
            server.Url.ToString(), "--credentials", credentials, "--report", dir);

        Assert.Equal(2, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"notify-contract: the target rejected the credentials ({code}, signed with --credentials {credentials})", line);
        Assert.Equal(1, server.Received); // the preflight's one request, nothing more
        Assert.Empty(stdout);
        Assert.False(File.Exists(Path.Combine(dir, "report.json")));
    }

    [Fact]
    public void Credentials_none_sends_no_authorization_header()
    {
        using var server = HostileServers.Answering(400,
            """{"__type":"ResourceNotFoundException","message":"no such record"}""");
        var (exit, stdout, err) = Run("--endpoint", server.Url.ToString(), "--credentials", "none",
            "--operation", Terminate, "--max-test", "1", "--report", dir);

        Assert.True(exit == 1, stdout + err); // invalid cases answered ResourceNotFoundException: not conformant, not rejected
        Assert.NotEmpty(server.Received);
        Assert.All(server.Received, r => Assert.Null(r.Header("Authorization")));
        Assert.All(server.Received, r => Assert.Null(r.Header("X-Amz-Date")));
        Assert.Contains("(credentials: none)", File.ReadAllText(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public void A_token_expiring_mid_run_stops_sending_writes_the_partial_report_and_exits_2()
    {
        using var server = new FaithfulServer(new HashSet<string>(), expireAfter: 40);
        var (exit, stdout, err) = Run(["--endpoint", server.Url.ToString(), "--max-test", "20", "--report", dir, .. Notify.Args]);

        Assert.Equal(2, exit);
        Assert.Contains("notify-contract: stopped mid-run: the target rejected the credentials (ExpiredTokenException", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("notify-contract: "));
        Assert.StartsWith("INCOMPLETE", stdout);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json"))).RootElement;
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.False(report.GetProperty("interrupted").GetBoolean());
        Assert.Contains("rejected the credentials (ExpiredTokenException)",
            report.GetProperty("stopReason").GetString());
        var summary = report.GetProperty("summary");
        Assert.False(summary.GetProperty("conformant").GetBoolean());
        Assert.Contains("rejected the credentials (ExpiredTokenException)",
            summary.GetProperty("stopReason").GetString());
        Assert.Equal(0, summary.GetProperty("fail").GetInt32()); // refused credentials are nobody's contract failure
        Assert.True(summary.GetProperty("pass").GetInt32() > 0, stdout);
        // Stopped at once: at most one request in flight per rule checked at once after the first refusal.
        Assert.InRange(server.Received, 41, 40 + 8);
    }

    /// <summary>The replay line as a POSIX shell splits it into words (printf in place of the command).</summary>
    static string[] ShellWords(string line, string cwd)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, WorkingDirectory = cwd };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("printf '%s\\0' " + line);
        using var sh = Process.Start(start)!;
        var words = sh.StandardOutput.ReadToEnd();
        sh.WaitForExit();
        Assert.Equal(0, sh.ExitCode);
        return words.Split('\0')[..^1];
    }

    static string Settings(Harness.Cli.Arguments a) => string.Join("|",
        a.Endpoint, a.Region, a.Credentials, string.Join(",", a.Records), a.WorkflowTokenEnv,
        string.Join(",", a.Operations), a.Profile, a.Patterns, a.Lengths, a.ContentType, a.Signatures, a.Seed,
        a.MaxTest, a.Timeout, a.MaxRequests, a.Rate, a.AllowInstanceMetadata);

    [Fact]
    public void The_replay_line_parses_back_into_the_same_settings()
    {
        var given = Harness.Cli.Arguments.Parse([
            "--endpoint", "http://127.0.0.1:4566/emulator/path", "--region", "eu-west-1", "--credentials", "chain",
            "--record", "rec-1", "--workflow-token-env", "MY_TOKEN", "--operation", Terminate, "--profile", "aws-observed",
            "--patterns", "full", "--lengths", "utf16", "--content-type", "lenient", "--signatures", "ignored",
            "--seed", "-42", "--max-test", "7", "--timeout", "2.5",
            "--max-requests", "900", "--rate", "1.5", "--allow-instance-metadata", "--report", dir, "--concurrency", "3"])!;
        var line = Harness.Cli.Replay.Line(given);
        var words = ShellWords(line, dir);

        Assert.Equal("notify-contract", words[0]); // the installed tool's name: no NOTIFYCONTRACT_LAUNCHER here
        Assert.Equal(Settings(given), Settings(Harness.Cli.Arguments.Parse(words[1..])!));
        Assert.DoesNotContain("--concurrency", line); // changes neither cases nor verdicts
    }

    [Fact]
    public void The_replay_line_is_shell_quoted()
    {
        var hostile = Harness.Cli.Arguments.Parse(["--seed", "1"])! with
        {
            Records = ["; touch pwned", "it's $(touch pwned2) `touch pwned3`", "a\nb", "rec-1\n"],
        };
        var words = ShellWords(Harness.Cli.Replay.Line(hostile), dir);

        Assert.Equal(hostile.Records, words.Where((_, i) => i > 0 && words[i - 1] == "--record"));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_real_workflow_token_goes_to_the_target_and_nowhere_else()
    {
        const string token = "REALworkflowTOKEN+from/ServiceCatalog0123456789abcdef==";
        // Refuses everything, echoing the request body raw, URL-encoded and base64 in its answer.
        using var server = new LoopbackServer((r, c, stop) =>
        {
            var body = Encoding.UTF8.GetString(r.Body);
            var echo = JsonSerializer.Serialize(new { __type = "InvalidParametersException", message = body,
                url = Uri.EscapeDataString(body) });
            return c.Respond(400, [KeyValuePair.Create("X-Echo", Convert.ToBase64String(r.Body))],
                Encoding.UTF8.GetBytes(echo), stop);
        });
        var (exit, stdout, err) = Run(new Dictionary<string, string> { ["MY_WORKFLOW_TOKEN"] = token },
            "--endpoint", server.Url.ToString(), "--record", "rec-known-1", "--workflow-token-env", "MY_WORKFLOW_TOKEN",
            "--operation", Terminate, "--max-test", "2", "--seed", "3", "--report", dir);

        Assert.True(exit == 1, stdout + err);
        var accepted = server.Received.Where(r => Encoding.UTF8.GetString(r.Body)
            .Contains("\"RecordId\":\"rec-known-1\"")).ToList();
        Assert.NotEmpty(accepted);
        Assert.All(accepted, r => Assert.Contains($"\"WorkflowToken\":\"{token}\"", Encoding.UTF8.GetString(r.Body)));
        var forms = new[] { token, JsonSerializer.Serialize(token)[1..^1], Uri.EscapeDataString(token),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(token))[..40] };
        foreach (var text in Files(dir).Append(stdout).Append(err))
            foreach (var form in forms) Assert.DoesNotContain(form, text);
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Matches(@"<\$MY_WORKFLOW_TOKEN: 55 chars, sha256:[0-9a-f]{16}>", md); // Valid.accepted's counterexample
        Assert.Contains("--workflow-token-env MY_WORKFLOW_TOKEN", md);
        Assert.Contains("put the token from $MY_WORKFLOW_TOKEN in its place before sending", md); // its curl line
        var repro = Directory.GetFiles(Path.Combine(dir, "repro")).Select(File.ReadAllText).ToList();
        Assert.Contains(repro, body => body.Contains("<$MY_WORKFLOW_TOKEN: 55 chars, sha256:"));
        foreach (var body in repro)
            foreach (var form in forms) Assert.DoesNotContain(form, body);

        var (dryExit, dryOut, dryErr) = Run(new Dictionary<string, string> { ["MY_WORKFLOW_TOKEN"] = token },
            "--endpoint", server.Url.ToString(), "--record", "rec-known-1", "--workflow-token-env", "MY_WORKFLOW_TOKEN",
            "--operation", Terminate, "--max-test", "1", "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains("<$MY_WORKFLOW_TOKEN: 55 chars, sha256:", dryOut); // the cases hold the stand-in
        foreach (var form in forms) Assert.DoesNotContain(form, dryOut + dryErr);
    }

    [Fact]
    public void Counterexamples_hold_exactly_the_bytes_that_were_sent()
    {
        using var server = new FaithfulServer(new HashSet<string>(), breaks: "FailureReason.maxLength");
        // Boundary cases only: a shrunk counterexample is not among the cases a dry run lists.
        string[] common = ["--endpoint", server.Url.ToString(), "--max-test", "0", "--seed", "11",
            "--operation", Terminate];
        var (exit, _, _) = Run([.. common, "--report", dir]);
        var (dryExit, exported, _) = Run([.. common, "--dry-run"]);

        Assert.Equal((1, 0), (exit, dryExit));
        var sent = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .DistinctBy(c => c.GetProperty("id").GetString()) // ids are content hashes: the same id is the same bytes
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.TryGetProperty("body", out var b)
                ? b.GetString() : c.GetProperty("bodyBase64").GetString());
        var shown = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))
            .RootElement.GetProperty("rules").EnumerateArray()
            .Select(r => r.GetProperty("counterexample")).Where(c => c.ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(shown);
        foreach (var c in shown.Where(c => sent.ContainsKey(c.GetProperty("caseId").GetString()!)))
        {
            var request = c.GetProperty("request");
            var body = request.TryGetProperty("body", out var b) ? b.GetString()
                : request.GetProperty("bodyBase64").GetString();
            Assert.Equal(sent[c.GetProperty("caseId").GetString()!], body);
        }
        Assert.Contains(shown, c => sent.ContainsKey(c.GetProperty("caseId").GetString()!));
    }

    [Fact]
    public void The_report_folder_is_checked_before_the_run()
    {
        using var server = HostileServers.Answering(200, "{}");
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "not a folder");
        var notReport = Directory.CreateDirectory(Path.Combine(dir, "my-documents")).FullName;
        File.WriteAllText(Path.Combine(notReport, "thesis.txt"), "precious");

        foreach (var report in new[] { file, notReport, Path.Combine(file, "below-a-file") })
        {
            var (exit, _, err) = Run("--endpoint", server.Url.ToString(), "--report", report);
            Assert.Equal(2, exit);
            Assert.StartsWith($"notify-contract: cannot write the report to {report}", err);
        }
        Assert.Empty(server.Received);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(notReport, "thesis.txt")));
    }

    [Fact]
    public async Task Two_runs_into_one_folder_leave_one_whole_report()
    {
        var report = Path.Combine(dir, "shared");
        var runs = await Task.WhenAll(new[] { "1", "2" }.Select(seed =>
            Task.Run(() => Run("--operation", Terminate, "--max-test", "2", "--seed", seed, "--report", report))));

        Assert.All(runs, r => Assert.Equal(0, r.Exit));
        var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")))
            .RootElement.GetProperty("seed").GetInt64();
        Assert.Contains($"seed: `{seed}`", File.ReadAllText(Path.Combine(report, "report.md"))); // one run's files, not a mix
        Assert.Equal(["shared"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName)); // nothing left beside it
    }

    [Theory]
    [InlineData(null, "observed")]
    [InlineData("strict", "pass")] // the stub refuses another Content-Type with a 4xx
    [InlineData("lenient", "fail")]
    public void Content_Type_cases_are_observed_unless_a_reading_is_picked(string? reading, string verdict)
    {
        string[] args = ["--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult", "--max-test", "0",
            "--report", dir, .. reading is null ? Array.Empty<string>() : ["--content-type", reading]];
        InProcess(args);
        var rule = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))
            .RootElement.GetProperty("rules")
            .EnumerateArray().Single(r => r.GetProperty("id").GetString() == "Protocol.wrongContentType");
        Assert.Equal(verdict, rule.GetProperty("verdict").GetString());
    }
}
