using System.Text.Json;
using NotifyContract.Harness;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The seam the NuGet library's xunit entry point runs through (<see cref="SuiteRunner"/>), against an independent
/// server with one rule broken: each suite's result as a test case shows it, and the reports name the harness.
/// </summary>
public class SuiteRunnerTests : IDisposable
{
    const string Operation = "NotifyUpdateProvisionedProductEngineWorkflowResult";
    readonly string dir = Directory.CreateTempSubdirectory("notify-suites-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Each_suite_passes_fails_or_skips_as_its_own_test_case_and_the_reports_follow()
    {
        using var server = new FaithfulServer(new HashSet<string>(), "RecordId.maxLength");
        using var target = Runs.Endpoint(server.Url, []);
        var runner = new SuiteRunner(target, "documented", null, null, null,
            new RunSettings(Seed: 7, MaxTest: 10), "REPLAY");

        var broken = runner.Check(Operation, "RecordId.maxLength");
        Assert.Equal(SuiteResultKind.Fail, broken.Kind);
        Assert.StartsWith($"RecordId.maxLength[rejects] on {Operation}: ", broken.Message);
        Assert.Contains("answer: HTTP 400 ResourceNotFoundException", broken.Message);
        Assert.EndsWith("replay: REPLAY", broken.Message);
        Assert.Equal(SuiteResultKind.Pass, runner.Check(Operation, "RecordId.minLength").Kind);
        Assert.Equal(SuiteResultKind.Skipped, runner.Check(Operation, "Valid.accepted").Kind); // no known record

        var summary = runner.WriteReports(dir);
        Assert.False(summary.Conformant);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        string[] checkedRules = ["Valid.accepted", "RecordId.minLength", "RecordId.maxLength"]; // in registry order
        Assert.Equal(checkedRules, report.RootElement.GetProperty("rules").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).Intersect(checkedRules));
        Assert.Equal(About.Version, report.RootElement.GetProperty("harness").GetProperty("version").GetString());
        Assert.Equal("sha256 3e05c1d7c0aa4cff42d76c843da408833ce893149252e320e8ddd4070a0c4398", report.RootElement
            .GetProperty("harness").GetProperty("contract").GetProperty("model").GetProperty("revision").GetString());
        Assert.Equal(NotifyContract.Generators.Contract.ServiceContract.Default.Version,
            report.RootElement.GetProperty("harness").GetProperty("contractVersion").GetString());
    }

    [Fact]
    public void A_suite_whose_boundary_cases_were_throttled_away_fails_as_incomplete()
    {
        using var server = HostileServers.ThrottlingFirst(int.MaxValue);
        var options = Harness.Targets.EndpointOptions.Resolve(server.Url, null, Runs.Timeout)
            with { ThrottleRetries = 1, RetryBaseDelay = TimeSpan.Zero };
        using var target = new Harness.Targets.HttpTarget(options, NotifyContract.Generators.RecordSet.None);
        var runner = new SuiteRunner(target, "documented", null, null, null,
            new RunSettings(Seed: 7, MaxTest: 2), "REPLAY");

        var result = runner.Check(Operation, "Status.enum");
        Assert.Equal(SuiteResultKind.Fail, result.Kind); // nothing failed, but nothing was checked either
        Assert.Matches($"^Status.enum on {Operation}: \\d+ of the cases it must get were not judged", result.Message);
    }

    [Fact]
    public void On_an_AWS_account_the_operations_that_change_it_are_skipped_as_the_command_line_holds_them_back()
    {
        // Built, never sent to: an AWS host, signed with the fake key so no credential chain is asked.
        using var aws = new HttpTarget(EndpointOptions.Resolve(new Uri("https://servicecatalog.us-east-1.amazonaws.com/"),
            region: null, TimeSpan.FromSeconds(1), signing: Signing.FakeKey, awsMaxRequests: 10), new([]));
        var runner = new SuiteRunner(aws, "documented", null, null, null, new(Seed: 1, MaxTest: 1), "replay",
            operations: ["CreatePortfolio", "ListPortfolios"]);

        var held = runner.Check("CreatePortfolio", "DisplayName.maxLength");
        Assert.Equal(SuiteResultKind.Skipped, held.Kind);
        Assert.StartsWith("held back on this AWS account: CreatePortfolio changes the account", held.Message);
        Assert.Equal(0, aws.Sent);
    }

    [Fact]
    public void Every_suite_is_listed_once()
    {
        var suites = SuiteRunner.Suites();
        Assert.Equal(suites.Count, suites.Distinct().Count());
        Assert.Contains((Operation, "RecordId.maxLength"), suites);
    }

    [Fact]
    public void The_version_names_the_package_and_both_contract_sources()
    {
        Assert.StartsWith($"notify-contract {About.Version}\n", About.Text);
        Assert.Matches(@"^\d+\.\d+\.\d+", About.Version);
        Assert.Contains("https://docs.aws.amazon.com/servicecatalog/latest/dg/API_NotifyProvisionProductEngineWorkflowResult.html", About.Text);
        Assert.Contains("awslabs/aws-sdk-kotlin codegen/sdk/aws-models/service-catalog.json at 05ea93b9", About.Text);
        Assert.Contains("sha256 3e05c1d7c0aa4cff42d76c843da408833ce893149252e320e8ddd4070a0c4398", About.Text);
    }
}
