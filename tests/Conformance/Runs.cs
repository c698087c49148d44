using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>Small whole runs for tests: a target, its suites, the documented profile, a small MaxTest.</summary>
static class Runs
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static HttpTarget Endpoint(Uri url, IReadOnlyList<string> records, TimeSpan? timeout = null) =>
        new(EndpointOptions.Resolve(url, region: null, timeout ?? Timeout), new RecordSet(records));

    public static (RunResult Run, IReadOnlyList<RuleReport> Rules) Against(
        ITarget target, int maxTest = 10, string? operation = null, int shrinkBudget = 200, int concurrency = 8)
    {
        var suites = Notify.Operations
            .Where(op => operation is null || op.Name == operation)
            .SelectMany(op => Rules.For(op, target.Records)).ToList();
        var run = Harness.Run.Conformance.Run(suites, target, new Judge(Profile.Load("documented")),
            new RunSettings(Seed: 7, MaxTest: maxTest, Concurrency: concurrency, ShrinkBudget: shrinkBudget));
        return (run, RuleReport.From(run));
    }

    public static string[] Failing(this IReadOnlyList<RuleReport> rules) =>
        [.. rules.Where(r => r.Verdict.Kind == VerdictKind.Fail).Select(r => r.Id)];

    public static RuleReport Rule(this IReadOnlyList<RuleReport> rules, string id) => rules.Single(r => r.Id == id);
}
