using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The harness against an independent faithful implementation (not the stub): conformant, every request's SigV4
/// signature verified; and against the same server with one rule broken, that rule named with a minimal counterexample.
/// </summary>
public class FaithfulServerTests
{
    static readonly string[] Known = ["rec-faithful-0001"];

    [Fact]
    public void A_faithful_server_is_conformant_and_refuses_exactly_the_broken_signatures()
    {
        using var server = new FaithfulServer(Known.ToHashSet());
        using var target = Runs.Endpoint(server.Url, Known);
        var (run, rules) = Runs.Against(target, maxTest: 5);

        Assert.Empty(rules.Failing());
        Assert.Null(run.StopReason); // refusing the Auth.* cases is their answer, not rejected credentials
        Assert.Contains(rules, r => r.Id == "Valid.accepted" && r.Verdict.Kind == VerdictKind.Pass && r.Cases > 0);
        Assert.Equal(run.Requests, server.Received);
        // One Auth.* case per fault and operation, each refused; every other request verified.
        Assert.Equal(Enum.GetValues<SigningFault>().Length * 3, server.BadSignatures.Count);
        var auth = rules.Where(r => r.Id.StartsWith("Auth.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enum.GetValues<SigningFault>().Length, auth.Count);
        Assert.All(auth, r => Assert.Equal(["verified"], r.Verdict.Agrees));
    }

    [Theory]
    [InlineData("RecordId.maxLength")]
    [InlineData("FailureReason.minLength")]
    [InlineData("IdempotencyToken.required")]
    [InlineData("Status.enum")]
    [InlineData("ResourceIdentifier.UniqueTag.Key.pattern")]
    public void A_server_that_breaks_one_rule_is_named_for_it(string broken)
    {
        using var server = new FaithfulServer(Known.ToHashSet(), broken);
        using var target = Runs.Endpoint(server.Url, Known);
        // One operation, the one with every member: the others' suites would only repeat the same rules.
        var (_, rules) = Runs.Against(target, maxTest: 10, operation: ServiceCatalog.NotifyProvision);

        Assert.Equal([broken], rules.Failing());
        var example = rules.Rule(broken).Counterexample!;
        Assert.Equal(broken, example.Case.Rule.Value);
        Assert.Equal(Expectation.InvalidParametersException, example.Case.Expect);
        // Minimal: the members the rule needs and nothing optional beside them.
        var members = JsonDocument.Parse(example.Case.Body).RootElement.EnumerateObject().Select(p => p.Name).ToList();
        var needed = new[] { "WorkflowToken", "RecordId", "Status", "IdempotencyToken",
            broken.Split('.')[0] }.Distinct();
        Assert.Subset(needed.ToHashSet(), members.ToHashSet());
    }

    [Fact]
    public void A_max_length_counterexample_shrinks_to_one_past_the_limit()
    {
        using var server = new FaithfulServer(Known.ToHashSet(), "RecordId.maxLength");
        using var target = Runs.Endpoint(server.Url, Known);
        var (_, rules) = Runs.Against(target, maxTest: 20,
            operation: "NotifyTerminateProvisionedProductEngineWorkflowResult");

        var body = JsonDocument.Parse(rules.Rule("RecordId.maxLength").Counterexample!.Case.Body).RootElement;
        Assert.Equal(101, body.GetProperty("RecordId").GetString()!.Length);
    }
}
