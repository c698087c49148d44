using NotifyContract.Harness.Oracle;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// Whole runs against endpoints that misbehave: each ends with a clear verdict after a bounded number of requests
/// (the run stops sending once the target stops answering; a missing answer is never shrunk), and a redirect never
/// takes a request (or its signature) to another host.
/// </summary>
public class HostileRunTests
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    // For servers that answer at once: long enough that a loaded machine never turns an answer into a timeout.
    static readonly TimeSpan Ample = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("hang")]
    [InlineData("slow")]
    [InlineData("reset")]
    public void A_target_that_stops_answering_ends_the_run_early(string kind)
    {
        using var server = kind switch
        {
            "hang" => HostileServers.Hanging(),
            "slow" => HostileServers.Slow(TimeSpan.FromSeconds(3)),
            _ => HostileServers.Resetting(),
        };
        using var target = Runs.Endpoint(server.Url, [], Short);
        var (run, rules) = Runs.Against(target, maxTest: 20, operation: Terminate);

        Assert.Contains("requests in a row got no answer", run.StopReason);
        Assert.Contains("Server.noServerError", rules.Failing());
        // 8 suites at once, each stopped at its first missing answer: no retry storm, no shrinking of timeouts.
        Assert.InRange(server.Received.Count, 1, 2 * 8);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(200, false)]
    public void Html_instead_of_json_fails_with_a_clear_reason(int status, bool serverError)
    {
        using var server = HostileServers.Html(status);
        using var target = Runs.Endpoint(server.Url, [], Ample);
        var (run, rules) = Runs.Against(target, maxTest: 5, operation: Terminate, shrinkBudget: 10);

        Assert.Null(run.StopReason);
        Assert.True(serverError == rules.Failing().Contains("Server.noServerError"),
            rules.Rule("Server.noServerError").Verdict.Reason);
        var notFound = rules.Rule("Record.notFound");
        Assert.Equal(VerdictKind.Fail, notFound.Verdict.Kind);
        Assert.StartsWith($"expected ResourceNotFoundException, got HTTP {status}", notFound.Verdict.Reason);
        // Shrinking is bounded per suite: at most the boundary cases, MaxTest, and the shrink budget.
        Assert.True(run.Requests <= run.Suites.Sum(s => s.Suite.Boundary.Count + 5 + 10 + 1),
            $"{run.Requests} requests");
    }

    [Fact]
    public void A_gigantic_answer_is_cut_and_judged()
    {
        using var server = HostileServers.Gigantic();
        using var target = Runs.Endpoint(server.Url, [], TimeSpan.FromSeconds(5));
        var (_, rules) = Runs.Against(target, maxTest: 1, operation: Terminate, shrinkBudget: 2, concurrency: 2);

        Assert.Contains("Record.notFound", rules.Failing());
        Assert.StartsWith("expected ResourceNotFoundException, got HTTP 200",
            rules.Rule("Record.notFound").Verdict.Reason);
    }

    [Fact]
    public void A_redirect_is_an_answer_and_nothing_follows_it_to_another_host()
    {
        using var elsewhere = HostileServers.Answering(200, "{}");
        var other = new UriBuilder(elsewhere.Url) { Host = "localhost" }.Uri; // another host name, same machine
        using var server = HostileServers.Redirecting(other);
        using var target = Runs.Endpoint(server.Url, [], Ample);
        var (_, rules) = Runs.Against(target, maxTest: 2, operation: Terminate, shrinkBudget: 5);

        Assert.Empty(elsewhere.Received);
        Assert.StartsWith("expected ResourceNotFoundException, got HTTP 307",
            rules.Rule("Record.notFound").Verdict.Reason);
    }

    [Fact]
    public void An_endless_body_never_ends_a_run_with_a_harness_error()
    {
        // About the cap's worth of bytes per timeout: deadlines fall while bodies are being read, run after run.
        using var server = HostileServers.EndlessChunked(1024, TimeSpan.FromMilliseconds(1));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var target = Runs.Endpoint(server.Url, [], Short);
            var (_, rules) = Runs.Against(target, maxTest: 2, operation: Terminate, shrinkBudget: 2);
            Assert.Contains("Record.notFound", rules.Failing());
        }
    }

    [Fact]
    public void Credentials_refused_mid_run_stop_sending_at_once_and_fail_no_rule()
    {
        using var server = new FaithfulServer(new HashSet<string>(), expireAfter: 25);
        using var target = Runs.Endpoint(server.Url, [], Ample);
        var suites = NotifyContract.Generators.Rules
            .For(Notify.Get(Terminate), target.Records);
        Harness.Run.RunState? state = null;
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new Harness.Run.RunSettings(Seed: 7, MaxTest: 20, Concurrency: 4), s => state = s);

        Assert.Equal("ExpiredTokenException", state!.CredentialsRejected);
        Assert.Contains("rejected the credentials (ExpiredTokenException)", run.StopReason);
        Assert.Empty(Harness.Report.RuleReport.From(run).Failing());
        Assert.InRange(server.Received, 26, 25 + 4); // one refused request per rule checked at once, at most
    }
}
