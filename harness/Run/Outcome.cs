using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>One case sent and judged: its own rule's verdict, and Server.noServerError's.</summary>
public sealed record Judged(Case Case, Answer Answer, Answer? Retry, Verdict Own, Verdict Server)
{
    public bool Holds => Own.Kind != VerdictKind.Fail && Server.Kind != VerdictKind.Fail;
    public bool NoAnswer => Answer.Failure is Targets.NoAnswer.Timeout or Targets.NoAnswer.Connection;
}

/// <summary>A failing case to show: the exact request and the answer (and the retry's, for a replay).</summary>
public sealed record Counterexample(Case Case, Answer Answer, Answer? Retry, string Reason, bool Shrunk);

/// <summary>One suite (a rule on one operation) after its run.</summary>
public sealed record SuiteOutcome(
    RuleSuite Suite,
    Verdict Verdict,
    int Cases,
    int Failed,
    int Observed,
    IReadOnlyDictionary<string, int> Agreement,
    Counterexample? Counterexample,
    int ServerCases,
    int ServerFailed,
    Counterexample? ServerCounterexample);

/// <summary>A whole run: every suite's outcome, in registry order.</summary>
public sealed record RunResult(
    string Target,
    string Profile,
    long Seed,
    int MaxTest,
    IReadOnlyList<SuiteOutcome> Suites,
    string? StopReason,
    TimeSpan Elapsed,
    long Requests);
