using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

public enum SuiteResultKind { Pass, Fail, Skipped }

/// <summary>What one test case shows: pass, fail with the rule, counterexample and replay, or skipped with why.</summary>
public sealed record SuiteResult(SuiteResultKind Kind, string Message);

/// <summary>
/// A conformance run one suite at a time, for a test framework that runs each (operation, rule) as its own test
/// (the NuGet library's <c>ConformanceTests</c>, which tests/Conformance/RuleTests uses): the same suites, judge and
/// settings as the command line, and the same reports, written once the suites that ran are done. The library calls
/// the harness only through this class.
/// </summary>
public sealed class SuiteRunner
{
    readonly ITarget target;
    readonly Judge judge;
    readonly RunSettings settings;
    readonly string replay;
    readonly RunState state;
    readonly List<RuleSuite> suites;
    readonly List<SuiteOutcome> done = [];
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly ParityPlan plan;
    readonly Scope scope;

    /// <param name="profile">A profile name (<c>--profile</c>); <paramref name="patterns"/> and
    /// <paramref name="lengths"/> and <paramref name="contentType"/> pick a reading as <c>--patterns</c>,
    /// <c>--lengths</c> and <c>--content-type</c> do.</param>
    /// <param name="replay">The command that replays the run, shown with each failure and in report.md.</param>
    /// <param name="snapshot">As <c>--against-snapshot</c>: its seed, max-test and records regenerate its cases, each
    /// judged by parity with it (a rule on an operation it does not hold is skipped).</param>
    /// <param name="knownFailures">As <c>--known-failures</c>: a listed failure skips its test instead of failing it.</param>
    /// <param name="noKnownRecord">Why a rule that needs a known record is skipped without one, naming the caller's
    /// setting for records (null: the command line's words, <c>--record</c>).</param>
    /// <param name="operations">The operations to check (null: every one of the model).</param>
    public SuiteRunner(ITarget target, string profile, string? patterns, string? lengths, string? contentType,
        RunSettings settings, string replay, string? snapshot = null, string? knownFailures = null,
        string? noKnownRecord = null, IReadOnlyList<string>? operations = null)
    {
        this.target = target;
        plan = ParityPlan.Read(snapshot, knownFailures, writeSnapshot: null, writeKnownFailures: null,
            ServiceContract.Default);
        var readings = Profile.Load(plan.Against?.Header.Profile ?? profile) // a snapshot's answers were read under its profile
            .WithReadings(patterns, lengths, contentType);
        judge = plan.Judge(readings);
        this.settings = plan.Against?.Header is { } h
            ? settings with { Seed = h.Seed, MaxTest = h.MaxTest, Exhaustive = true } : settings;
        this.replay = replay;
        // On a real account the operations that change it are held back, as the command line holds them back.
        scope = Scope.Of(ServiceContract.Default, operations ?? [.. ServiceContract.Default.Operations.Select(o => o.Name)],
            aws: target is HttpTarget { OnAws: true }, named: false, allowMutating: false);
        suites = [.. scope.Apply(Rules.All(ServiceContract.Default, plan.Records(target.Records), scope.Operations))
            .Where(s => plan.Against?.Header.Operations.Contains(s.Operation) != false)
            // the registry skips a rule only for want of a known record
            .Select(s => s.SkipReason is null || noKnownRecord is null ? s : s with { SkipReason = noKnownRecord })];
        plan.CheckRegenerated(suites, this.settings);
        state = new RunState(target, settings.GiveUpAfterNoAnswers, suites.Count);
    }

    /// <summary>Every suite of the operations (null: all), as the test cases a framework lists (the same on any target).</summary>
    public static IReadOnlyList<(string Operation, string Rule)> Suites(IReadOnlyList<string>? operations = null) =>
        [.. Rules.All(ServiceContract.Default, new RecordSet(["any"]), operations).Select(s => (s.Operation, s.Rule.Value))];

    /// <summary>A live endpoint as the command line opens it (<c>--endpoint URL --record ID</c>), checked first.</summary>
    public static ITarget Endpoint(Uri url, IReadOnlyList<string> records, TimeSpan timeout)
    {
        var awsBudget = Plan.Of(Rules.All(ServiceContract.Default, new RecordSet(records)), new RunSettings(Seed: 0), null)
            .DefaultBudget;
        var http = new HttpTarget(EndpointOptions.Resolve(url, region: null, timeout, awsMaxRequests: awsBudget),
            new RecordSet(records));
        try
        {
            http.Preflight();
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Checks one suite as a run does (boundary cases, random cases, shrinking) and keeps its outcome.</summary>
    public SuiteResult Check(string operation, string rule)
    {
        if (plan.Against is not null && !plan.Against.Header.Operations.Contains(operation))
            return new(SuiteResultKind.Skipped, $"the snapshot {plan.AgainstPath} does not hold {operation}");
        if (scope.HeldBack.FirstOrDefault(h => h.Operation == operation) is { } held && !scope.Operations.Contains(operation))
            return new(SuiteResultKind.Skipped, $"held back on this AWS account: {operation} {held.Why}");
        var suite = suites.SingleOrDefault(s => s.Operation == operation && s.Rule.Value == rule)
                    ?? throw new HarnessException($"no rule {rule} on {operation}");
        var outcome = SuiteCheck.Run(suite, state, judge, settings);
        lock (done) done.Add(outcome);
        state.SuiteDone();

        var known = plan.Known?.Compare(CheckResult.Of(outcome));
        var failing = outcome.Failing
            .Where(c => known?.IsKnown(c.Check.ReportsUnder(suite.Rule).Value, c.Check.Name, operation) != true)
            .ToList();
        if (failing.Count > 0) return new(SuiteResultKind.Fail, Explain(outcome, failing));
        if (outcome.Failing.Count > 0)
            return new(SuiteResultKind.Skipped,
                $"known failure ({plan.Known!.Path}): {Explain(outcome, outcome.Failing)}");
        if (!outcome.Complete) // incomplete is not conformant: say which cases were lost and why
            return new(SuiteResultKind.Fail,
                $"{rule} on {operation}: {outcome.Missing} of the cases it must get were " +
                $"not judged ({state.StopReason ?? "throttled after the retries"})");
        if (outcome.Verdict.Kind == VerdictKind.Skipped) return new(SuiteResultKind.Skipped, outcome.Verdict.Reason);
        return outcome.Cases > 0
            ? new(SuiteResultKind.Pass, outcome.Verdict.Reason)
            : new(SuiteResultKind.Fail, $"{rule} on {operation}: no case was judged");
    }

    /// <summary>report.json, report.md and junit.xml of the suites checked so far, in registry order.</summary>
    public Summary WriteReports(string directory)
    {
        List<SuiteOutcome> outcomes;
        lock (done) outcomes = [.. done.OrderBy(o => suites.IndexOf(o.Suite))];
        var run = new RunResult(target.Describe, judge.Profile.Name, settings.Seed, settings.MaxTest, outcomes,
            state.StopReason, clock.Elapsed, state.Sent) { HeldBack = scope.HeldBack };
        return Reports.Write(directory, run, replay, known: plan.Known);
    }

    /// <summary>Each failing check with its own counterexample, then the command that replays the run.</summary>
    string Explain(SuiteOutcome o, IReadOnlyList<CheckOutcome> failing) =>
        string.Join("\n", failing.Select(c => Explain(o, c.Counterexample!))) + $"\nreplay: {replay}";

    static string Explain(SuiteOutcome o, Counterexample example) =>
        $"{o.Suite.Rule}[{example.Check}] on {o.Suite.Operation}: {example.Reason}" +
        $"\nrequest ({(example.Shrunk ? "shrunk" : "boundary")}): " +
        $"{string.Join(", ", example.Case.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n" +
        Shown.Clip(Shown.Text(example.Case.Body) ?? Convert.ToBase64String(example.Case.Body), 2000) +
        $"\nanswer: {example.Answer.Reading.Describe()}";
}
