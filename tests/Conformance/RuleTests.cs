using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The target the rule tests run against: the embedded reference stub, or the live endpoint in
/// <c>NOTIFYCONTRACT_ENDPOINT</c> (with <c>NOTIFYCONTRACT_RECORD</c> naming a record it holds). Seed and MaxTest
/// from <c>NOTIFYCONTRACT_SEED</c> and <c>NOTIFYCONTRACT_MAX_TEST</c>.
/// </summary>
public sealed class ConfiguredTarget : IDisposable
{
    static string? Env(string name) => Environment.GetEnvironmentVariable("NOTIFYCONTRACT_" + name);

    public ITarget Target { get; } = Env("ENDPOINT") is { } url
        ? Runs.Endpoint(new Uri(url), Env("RECORD") is { } r ? [r] : [], TimeSpan.FromSeconds(10))
        : StubTarget.Start([], Runs.Timeout);

    public RunSettings Settings { get; } = new(
        Seed: long.TryParse(Env("SEED"), out var seed) ? seed : 20261126,
        MaxTest: int.TryParse(Env("MAX_TEST"), out var n) ? n : 100);

    public void Dispose() => Target.Dispose();
}

/// <summary>
/// Every rule of every operation as its own xunit test: the same suites, property and judge as
/// <c>./run-tests.sh --endpoint</c>, so a failure here is the report's failure, with its shrunk counterexample and seed.
/// </summary>
public class RuleTests(ConfiguredTarget configured) : IClassFixture<ConfiguredTarget>
{
    public static TheoryData<string, string> Suites() =>
        [.. Rules.All(new RecordSet(["any"])).Select(s => (s.Operation, s.Rule.Value))];

    [Theory]
    [MemberData(nameof(Suites))]
    public void Rule_holds(string operation, string rule)
    {
        var suite = Rules.For(ServiceCatalog.Get(operation), configured.Target.Records).Single(s => s.Rule.Value == rule);
        var judge = new Judge(Profile.Load("documented"));
        var state = new RunState(configured.Target, configured.Settings.GiveUpAfterNoAnswers, 1);
        var outcome = SuiteCheck.Run(suite, state, judge, configured.Settings);

        Assert.True(outcome.Verdict.Kind != VerdictKind.Fail && outcome.ServerFailed == 0, Explain(outcome, configured.Settings));
        if (outcome.Verdict.Kind == VerdictKind.Skipped) Assert.Skip(outcome.Verdict.Reason);
        Assert.True(outcome.Cases > 0, "no case was judged");
    }

    static string Explain(SuiteOutcome o, RunSettings s)
    {
        var example = o.Counterexample ?? o.ServerCounterexample;
        var request = example is null ? "" : $"\nrequest ({(example.Shrunk ? "shrunk" : "boundary")}): " +
            $"{string.Join(", ", example.Case.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n" +
            Shown.Clip(Shown.Text(example.Case.Body) ?? Convert.ToBase64String(example.Case.Body), 2000) +
            $"\nanswer: {Judge.Describe(example.Answer)}";
        return $"{o.Suite.Rule} on {o.Suite.Operation}: {example?.Reason ?? o.Verdict.Reason}{request}" +
               $"\nreplay: ./run-tests.sh --operation {o.Suite.Operation} --seed {s.Seed} --max-test {s.MaxTest}";
    }
}
