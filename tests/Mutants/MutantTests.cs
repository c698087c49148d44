using NotifyContract.Fixtures.Mutants;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Mutants;

/// <summary>
/// The suite judges variants of the reference stub: each faulty one fails exactly the checks it names, each with a
/// shrunk or boundary counterexample; no benign one (other wire forms of the same answers) is flagged.
/// </summary>
public sealed class MutantTests
{
    // Every rule of NotifyProvisionProductEngineWorkflowResult (it has every member), one seed: the same cases every
    // time. More suites at once than 4 only queue up on two cores. A request costs ~2.5 ms of CPU (stub and harness),
    // so a faulty variant runs only the rules it names, with two sentinels: it still accepts a valid request for a
    // known record and answers ResourceNotFoundException for an unknown one. A benign one runs every rule.
    static readonly RuleId[] Sentinels = [RuleId.ValidAccepted, RuleId.RecordNotFound];
    static readonly RunSettings FaultySettings = new(Seed: 1, MaxTest: 5, Concurrency: 4, ShrinkBudget: 50);
    static readonly RunSettings BenignSettings = new(Seed: 1, MaxTest: 5, Concurrency: 4);

    public static TheoryData<string> FaultyNames => [.. Variants.Faulty.Select(v => v.Name)];
    public static TheoryData<string> BenignNames => [.. Variants.Benign.Select(v => v.Name)];

    [Theory, MemberData(nameof(FaultyNames))]
    public void A_faulty_variant_fails_exactly_the_checks_it_breaks_with_a_small_counterexample(string name)
    {
        var variant = Variants.Faulty.Single(v => v.Name == name);
        var rulesBroken = variant.Breaks.Select(b => b[..b.IndexOf('[')]).ToHashSet();
        var (run, rules) = Run(variant, FaultySettings,
            suite => rulesBroken.Contains(suite.Rule.Value) || Sentinels.Contains(suite.Rule)
                     || rulesBroken.Contains(RuleId.OutputShape.Value) && suite.Rule == RuleId.ValidAccepted);

        var failing = Failing(rules).ToList();
        Assert.True(variant.Breaks.Order().SequenceEqual(failing.Select(f => f.Name).Order()),
            $"expected to fail exactly {string.Join(", ", variant.Breaks)}; " +
            $"failed: {string.Join("; ", failing.Select(f => $"{f.Name} ({f.Check.Verdict.Reason})"))}");
        foreach (var (failed, check) in failing)
        {
            var example = Assert.IsType<Counterexample>(check.Counterexample);
            Assert.Equal(check.Check.Name, example.Check);
            Assert.True(example.Shrunk || IsBoundary(run, example),
                $"{failed}: the counterexample {example.Case.Id} is neither shrunk nor a boundary case");
        }
    }

    [Theory, MemberData(nameof(BenignNames))]
    public void A_benign_variant_is_not_flagged(string name)
    {
        var (_, rules) = Run(Variants.Benign.Single(v => v.Name == name), BenignSettings, _ => true);
        Assert.Empty(Failing(rules).Select(f => $"{f.Name}: {f.Check.Verdict.Reason}"));
    }

    [Theory]
    [InlineData("reference", "pass")] // the stub's own messages: "RecordId must have length at most 100 ..."
    [InlineData("Coral-validation-messages", "pass")]
    [InlineData("Smithy-fieldList", "pass")]
    [InlineData("messages-naming-no-member", "observed")]
    public void Each_form_of_naming_the_invalid_member_is_read(string name, string verdict)
    {
        var variant = Variants.Benign.SingleOrDefault(v => v.Name == name) ?? new(name, [], new());
        var (_, rules) = Run(variant, BenignSettings, _ => true);
        var blamed = rules.SelectMany(r => r.Checks.Where(c => c.Check == Registry.RightMember)
            .Select(c => (r.Id, c.Verdict.Wire))).ToList();
        Assert.True(blamed.Count > 20, $"{blamed.Count} rules judged by rightMember");
        Assert.All(blamed, b => Assert.Equal((b.Id, verdict), b));
    }

    /// <summary>Every failing check as <c>Rule[check]</c>, the way a variant names what it breaks.</summary>
    static IEnumerable<(string Name, CheckOutcome Check)> Failing(IReadOnlyList<RuleReport> rules) =>
        rules.SelectMany(r => r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)
            .Select(c => ($"{r.Id}[{c.Check.Name}]", c)));

    static (RunResult Run, IReadOnlyList<RuleReport> Rules) Run(Variant variant, RunSettings settings,
        Func<RuleSuite, bool> which)
    {
        using var target = StubTarget.Start([], TimeSpan.FromSeconds(5), variant.Options);
        var suites = Rules.For(ServiceContract.Default.Get(variant.Operation), target.Records).Where(which).ToList();
        var run = NotifyContract.Harness.Run.Conformance.Run(suites, target,
            new Judge(Profile.Load("documented")), settings);
        return (run, RuleReport.From(run));
    }

    static bool IsBoundary(RunResult run, Counterexample example) =>
        run.Suites.Any(s => s.Suite.Boundary.Any(c => c.Id == example.Case.Id));
}
