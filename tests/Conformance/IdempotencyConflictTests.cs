using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// <c>Idempotency.conflict</c>: the same IdempotencyToken again with another body, sent as a pair to a known record.
/// The contract documents no conflict error, so what came back for both is recorded, never failed.
/// </summary>
public class IdempotencyConflictTests
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    static readonly string[] Known = ["rec-conflict-0001"];

    static RuleReport Conflict(ITarget target)
    {
        var suites = Rules.For(Notify.Get(Terminate), target.Records)
            .Where(s => s.Rule == RuleId.IdempotencyConflict).ToList();
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new(Seed: 5, MaxTest: 4));
        return Assert.Single(RuleReport.From(run), r => r.Id == RuleId.IdempotencyConflict.Value);
    }

    [Fact]
    public void A_server_that_refuses_the_reused_token_is_recorded_not_failed_with_both_answers()
    {
        var first = new ConcurrentDictionary<string, byte[]>();
        using var server = new LoopbackServer((r, c, stop) =>
        {
            var token = JsonDocument.Parse(r.Body).RootElement.GetProperty("IdempotencyToken").GetString()!;
            var body = first.GetOrAdd(token, r.Body).SequenceEqual(r.Body) ? "{}"
                : """{"__type":"IdempotentParameterMismatchException","message":"the token was used with another request"}""";
            return c.Respond(body == "{}" ? 200 : 400,
                [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1")], Encoding.UTF8.GetBytes(body), stop);
        });
        using var target = Runs.Endpoint(server.Url, Known);
        var conflict = Conflict(target);

        Assert.Equal(VerdictKind.Observed, conflict.Verdict.Kind);
        Assert.Equal(4, conflict.Cases);
        Assert.Equal("4 observed cases: answered HTTP 200, then HTTP 400 IdempotentParameterMismatchException (4)",
            conflict.Verdict.Reason);
        // Each case went out as a pair: the same token, another Status, the known record.
        Assert.Equal(8, server.Received.Count);
        Assert.Equal(4, first.Count);
        Assert.All(server.Received, r =>
            Assert.Equal(Known[0], JsonDocument.Parse(r.Body).RootElement.GetProperty("RecordId").GetString()));
    }

    [Fact]
    public void The_reference_stub_answers_both_as_any_valid_request()
    {
        using var target = StubTarget.Start(Known, Runs.Timeout);
        var conflict = Conflict(target);
        Assert.Equal("4 observed cases: answered HTTP 200, then HTTP 200 (4)", conflict.Verdict.Reason);
    }

    [Fact]
    public void Without_a_known_record_it_is_skipped_as_a_replay_is()
    {
        var suite = Assert.Single(Rules.For(Notify.Get(Terminate), RecordSet.None),
            s => s.Rule == RuleId.IdempotencyConflict);
        Assert.Equal((SendMode.Pair, "no known record: name one with --record"), (suite.Mode, suite.SkipReason));
    }
}
