using NotifyContract.Fixtures.Mutants;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>The diagnosis sentences, each derived from a run's answers (the partial and unimplemented targets are
/// in <see cref="PartialTargetTests"/> and <see cref="UnimplementedTargetTests"/>).</summary>
public class DiagnosisTests
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";

    [Fact]
    public void A_target_that_refuses_the_credentials_stops_the_run_instead_of_failing_rules()
    {
        using var server = HostileServers.Answering(403,
            """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}""",
            ("Content-Type", "application/x-amz-json-1.1"));
        using var target = Runs.Endpoint(server.Url, []);
        var (run, _) = Runs.Against(target, maxTest: 1, operation: Terminate, shrinkBudget: 2);

        var verdicts = Verdicts.Of(run);
        Assert.Equal("stopped sending: the target rejected the credentials (UnrecognizedClientException)",
            run.StopReason);
        Assert.Empty(verdicts.Causes);
        Assert.DoesNotContain(verdicts.Rules, r => r.Verdict.Kind == VerdictKind.Fail);
    }

    [Fact]
    public void A_target_that_answers_nothing_useful_is_said_to_look_unimplemented_whatever_mix_of_5xx_and_resets()
    {
        var count = 0;
        using var server = new LoopbackServer((_, c, stop) =>
        {
            if (Interlocked.Increment(ref count) % 2 == 0) { c.Reset(); return Task.CompletedTask; }
            return c.Respond(501, [], "Not Implemented"u8.ToArray(), stop);
        });
        using var target = Runs.Endpoint(server.Url, []);
        var (run, _) = Runs.Against(target, maxTest: 1, operation: Terminate, shrinkBudget: 2, concurrency: 1);

        var cause = Verdicts.Of(run).Causes[0];
        Assert.Matches(@"^every request got (HTTP 501 .* or no answer \(connection\)|no answer \(connection\) or HTTP 501 .*): the operations look unimplemented", cause.Sentence);
    }

    [Fact]
    public void Violations_rejected_with_another_code_are_grouped_under_that_code()
    {
        var variant = Variants.Faulty.Single(v => v.Name == "Status-enum-answers-ValidationException");
        using var target = StubTarget.Start([], Runs.Timeout, variant.Options);
        var suites = NotifyContract.Generators.Rules.For(Notify.Get(Terminate), target.Records)
            .Where(s => s.Rule.Value == "Status.enum").ToList();
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new(Seed: 1, MaxTest: 3));

        var cause = Assert.Single(Verdicts.Of(run).Causes);
        Assert.Equal("violations were rejected with ValidationException, a code the documented profile does not accept " +
                     "(1 rule); --profile aws-observed accepts it", cause.Sentence);
        Assert.Equal(["Status.enum[rejects]"], cause.Explains);
        Assert.Equal("HTTP 400 ValidationException application/x-amz-json-1.1", cause.Signature);
    }

    [Fact]
    public void A_target_rejecting_with_ValidationException_is_told_so_ambiguous_cases_included()
    {
        // Like floci: required members and Status checked, answered ValidationException. Its blank-looking ambiguous
        // cases (a RecordId of spaces) fail oneReading on the code alone; they left the cause a bare list of checks.
        using var server = PartialServers.RequiredAndEnumOnly("ValidationException");
        using var target = Runs.Endpoint(server.Url, []);
        var (run, _) = Runs.Against(target, maxTest: 1, operation: Terminate, shrinkBudget: 2);

        var cause = Assert.Single(Verdicts.Of(run).Causes, c => c.Signature == "HTTP 400 ValidationException application/x-amz-json-1.1");
        Assert.Matches(@"^violations were rejected with ValidationException, a code the documented profile does not accept " +
                       @"\(\d+ rules\); --profile aws-observed accepts it$", cause.Sentence);
        Assert.Contains("Status.enum[rejects]", cause.Explains);
        // What it refuses with another code it checks: never "checks only member types".
        Assert.Contains(Verdicts.Of(run).Causes, c => System.Text.RegularExpressions.Regex.IsMatch(c.Sentence,
            "^length( and pattern)? violations are accepted on every member: the target checks only required members, Status and member types \\(on 1 operation: NotifyTerminateProvisionedProductEngineWorkflowResult\\)$"));
    }

    [Fact]
    public void A_target_checking_only_required_members_and_types_is_told_which_kinds_and_operations_it_skips()
    {
        // The reference stub's empty account, every length, pattern, enum and range rule of three operations unchecked.
        string[] operations = ["CreatePortfolio", "ListPortfolios", "SearchProducts"];
        var contract = NotifyContract.Generators.Contract.ServiceContract.Default;
        var skipped = operations.SelectMany(op => NotifyContract.Generators.Rules.For(contract.Get(op), NotifyContract.Generators.RecordSet.None)
                .Select(s => s.Rule.Value).Where(r => r.Split('.')[^1] is "minLength" or "maxLength" or "pattern"
                    or "enum" or "minValue" or "maxValue")
                .Select(r => $"{r}@{op}"))
            .ToList();
        using var target = StubTarget.Start([], Runs.Timeout, new() { UncheckedRules = skipped });
        var suites = NotifyContract.Generators.Rules.All(contract, target.Records, operations);
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new(Seed: 1, MaxTest: 1, ShrinkBudget: 2));

        var cause = Assert.Single(Verdicts.Of(run).Causes);
        Assert.Equal("length, pattern, enum and range violations are accepted on every member: the target checks only " +
                     "required members and member types (on 3 operations: CreatePortfolio, ListPortfolios and SearchProducts)",
            cause.Sentence);
    }

    [Fact]
    public void Violations_answered_ResourceNotFoundException_under_a_picked_reading_were_accepted_and_looked_up()
    {
        // The stub searches patterns; judged by the full reading, its "violations" reached the record lookup.
        using var target = StubTarget.Start([], Runs.Timeout);
        var suites = NotifyContract.Generators.Rules.For(Notify.Get(Terminate), target.Records);
        var run = Harness.Run.Conformance.Run(suites, target,
            new Judge(Profile.Load("documented").WithReading(NotifyContract.Generators.AmbiguityKind.Patterns, "full")),
            new(Seed: 1, MaxTest: 3));

        var cause = Assert.Single(Verdicts.Of(run).Causes);
        Assert.Matches(@"^violations under the full reading of patterns were accepted and looked up \(answered " +
                       @"ResourceNotFoundException\): the target reads patterns as search \(\d+ rules\)$", cause.Sentence);
        Assert.All(cause.Explains, e => Assert.EndsWith(".pattern[rejects]", e));
    }

    [Fact]
    public void Errors_that_blame_another_member_fail_rightMember_alone_and_are_named_as_one_cause()
    {
        // The issue's emulator: one catch-all message for every violation, whatever member is wrong.
        using var server = new FaithfulServer(new HashSet<string>(), catchAll: "IdempotencyToken is required.");
        using var target = Runs.Endpoint(server.Url, []);
        var (run, rules) = Runs.Against(target, maxTest: 2, operation: Terminate);

        var failing = rules.SelectMany(r => r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)
            .Select(c => (r.Id, c.Check.Name))).ToList();
        Assert.Contains(("RecordId.maxLength", "rightMember"), failing);
        Assert.All(failing, f => Assert.Equal("rightMember", f.Name));
        Assert.DoesNotContain(failing, f => f.Id.StartsWith("IdempotencyToken.", StringComparison.Ordinal));
        var cause = Assert.Single(Verdicts.Of(run).Causes);
        Assert.Matches($@"^error messages name the wrong member on {failing.Count} rules \(the error names " +
                       @"IdempotencyToken, but the case breaks [A-Za-z.]+\)$", cause.Sentence);
    }

    [Fact]
    public void Answers_outside_the_awsJson_envelope_are_named_as_one_cause()
    {
        var variant = Variants.Faulty.Single(v => v.Name == "errors-as-application-json");
        using var target = StubTarget.Start([], Runs.Timeout, variant.Options);
        var (run, _) = Runs.Against(target, maxTest: 1, operation: Terminate);

        var cause = Assert.Single(Verdicts.Of(run).Causes);
        Assert.StartsWith("answers break the awsJson1.1 envelope (HTTP 400 ", cause.Sentence);
        Assert.EndsWith(" with a JSON body and Content-Type application/json: awsJson answers with Content-Type " +
                        "application/x-amz-json-1.1)", cause.Sentence);
        Assert.Equal(["Server.envelope[envelope]"], cause.Explains);
    }

    [Theory]
    [InlineData("Outputs-falsy-read-as-absent", "Outputs.type",
        "JSON's falsy values (false, 0, \"\") are taken for absent where another type is expected (1 rule)")]
    [InlineData("OutputKey-U+0000-crashes", "Outputs.member.OutputKey.type",
        "a string holding U+0000 crashes the target (HTTP 500 with no error code; 3 rules)")]
    public void Json_edges_a_server_mishandles_are_named_as_their_cause(string variant, string rule, string sentence)
    {
        var options = Variants.Faulty.Single(v => v.Name == variant).Options;
        using var target = StubTarget.Start([], Runs.Timeout, options);
        var suites = NotifyContract.Generators.Rules.For(Notify.Get(Notify.Names[0]), target.Records)
            .Where(s => s.Rule.Value == rule).ToList();
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new(Seed: 1, MaxTest: 2, ShrinkBudget: 2));

        Assert.Equal(sentence, Verdicts.Of(run).Causes[0].Sentence);
    }

    [Fact]
    public void A_conformant_run_has_nothing_to_diagnose()
    {
        using var target = StubTarget.Start([], Runs.Timeout);
        var (run, _) = Runs.Against(target, maxTest: 1, operation: Terminate);

        var verdicts = Verdicts.Of(run);
        Assert.Empty(verdicts.Causes);
        Assert.True(verdicts.Summary.Conformant);
    }
}
