using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>One case sent and judged by every check that applies to it.</summary>
public sealed record Judged(Case Case, Answer Answer, Answer? Retry, IReadOnlyList<Judgement> Judgements)
{
    public bool Holds => Judgements.All(j => j.Verdict.Kind != VerdictKind.Fail);
    public bool NoAnswer => Answer.Reading.Missing;
    /// <summary>Not judged: throttled after the retries, unsent (budget) or interrupted.</summary>
    public bool Skipped => Answer.Reading.Unjudgeable || Retry?.Reading.Unjudgeable == true;
    public bool Fails(Check check) => Judgements.Any(j => j.Check == check && j.Verdict.Kind == VerdictKind.Fail);
}

/// <summary>A failing case to show: the exact request, the answer (and the retry's), and the check's reason.</summary>
public sealed record Counterexample(Case Case, Answer Answer, Answer? Retry, string Check, string Reason, bool Shrunk);

/// <summary>
/// One check's result over some cases (a suite's, an operation's or a whole rule's). A failing one's reason is
/// its counterexample's: they always come from the same case.
/// </summary>
public sealed record CheckOutcome(
    Check Check,
    Verdict Verdict,
    int Cases,
    int Failed,
    int Observed,
    IReadOnlyDictionary<string, int> Agreement,
    Counterexample? Counterexample)
{
    /// <summary>One check's outcomes over several suites or operations: counts summed, the smallest counterexample
    /// kept, the verdict taken from it.</summary>
    public static CheckOutcome Merge(IReadOnlyList<CheckOutcome> parts)
    {
        var failed = parts.Sum(p => p.Failed);
        var cases = parts.Sum(p => p.Cases);
        var observed = parts.Sum(p => p.Observed);
        var agreement = parts
            .SelectMany(p => p.Agreement)
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
        var example = parts.Where(p => p.Failed > 0).Select(p => p.Counterexample!).MinBy(c => c.Case.Body.Length);
        var skipped = parts.Select(p => p.Verdict).FirstOrDefault(v => v.Kind == VerdictKind.Skipped);
        var verdict =
            example is not null ? Verdict.Fail(example.Reason) :
            cases == 0 ? skipped ?? Verdict.Skipped("no case ran") :
            observed > 0 ? Verdict.Observed(observed, agreement) :
            Verdict.Pass(parts.Select(p => p.Verdict.Reason).FirstOrDefault(r => r.Length > 0) ?? "");
        return new(parts[0].Check, verdict, cases, failed, observed, agreement, example);
    }

    /// <summary>
    /// Several checks as one verdict (a suite's, a rule's): the first failing check in registry order names the
    /// fault, with its own reason; otherwise observed, pass, or skipped when no check judged a case.
    /// </summary>
    public static Verdict Combine(IReadOnlyList<CheckOutcome> checks, Verdict? none = null)
    {
        if (checks.FirstOrDefault(c => c.Verdict.Kind == VerdictKind.Fail) is { } failing) return failing.Verdict;
        var judged = checks.Where(c => c.Cases > 0).ToList();
        if (judged.Count == 0)
            return checks.Select(c => c.Verdict).FirstOrDefault() ?? none ?? Verdict.Skipped("no case ran");
        var observed = judged.Where(c => c.Observed > 0).ToList();
        return observed.Count > 0 ? Merge(observed).Verdict : judged[0].Verdict;
    }

    /// <summary>The case behind <see cref="Combine"/>'s failing verdict.</summary>
    public static Counterexample? FirstCounterexample(IReadOnlyList<CheckOutcome> checks) =>
        checks.FirstOrDefault(c => c.Verdict.Kind == VerdictKind.Fail)?.Counterexample;
}

/// <summary>
/// One suite (a rule on one operation) after its run: each check that judged its cases, in registry order (the
/// suite's own rule's and <c>noServerError</c>), and how many answers of each kind came back.
/// </summary>
public sealed record SuiteOutcome(
    RuleSuite Suite,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyDictionary<AnswerKind, int> Answers,
    Verdict? Skip = null)
{
    /// <summary>The checks reported under the suite's own rule.</summary>
    public IReadOnlyList<CheckOutcome> Own => [.. Checks.Where(c => c.Check.Rule is null)];

    /// <summary>The suite's own rule: its first failing check, or observed, pass, skipped.</summary>
    public Verdict Verdict => Skip ?? CheckOutcome.Combine(Own);

    public IReadOnlyList<CheckOutcome> Failing => [.. Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)];

    /// <summary>How many of the cases the suite must get (<see cref="Plan.Required"/>: its boundary cases) were not
    /// judged: unsent (budget, a stopped run), throttled away or interrupted. A suite skipped for a reason the user
    /// chose (no <c>--record</c>) misses none.</summary>
    public int Missing { get; init; }

    /// <summary>Every case the suite must get was judged.</summary>
    public bool Complete => Missing == 0;

    public Counterexample? Counterexample => CheckOutcome.FirstCounterexample(Own);

    /// <summary>Cases judged by the suite's own rule (several of its checks may judge one: rejects and rightMember),
    /// those a check of it failed, and those it observed without failing.</summary>
    public int Cases { get; init; }
    public int Failed { get; init; }
    public int Observed { get; init; }
}

/// <summary>A whole run: every suite's outcome, in registry order.</summary>
public sealed record RunResult(
    string Target,
    string Profile,
    long Seed,
    int MaxTest,
    IReadOnlyList<SuiteOutcome> Suites,
    string? StopReason,
    TimeSpan Elapsed,
    long Requests)
{
    /// <summary>The signal that interrupted the run (<c>SIGINT</c>, <c>SIGTERM</c>); null when it ran to its end.</summary>
    public string? Interrupted { get; init; }

    /// <summary>The contract the run's cases came from (report.json names its model files and version).</summary>
    public Generators.Contract.ServiceContract Contract { get; init; } = Generators.Contract.ServiceContract.Default;

    /// <summary>When and where the expectations the run judged by were last seen on AWS: today for a run against AWS,
    /// a snapshot's date for a run judged against one taken there; null: never (report.json <c>seenOnAws</c>).</summary>
    public Parity.AwsSighting? SeenOnAws { get; init; }

    /// <summary>Operations left out or sent in part on an AWS account (<see cref="Scope"/>), and why.</summary>
    public IReadOnlyList<HeldBack> HeldBack { get; init; } = [];

    /// <summary>Every suite got every case it must get (<see cref="SuiteOutcome.Complete"/>) and nothing interrupted the
    /// run. An incomplete run is not conformant, even when no check failed.</summary>
    public bool Complete => Interrupted is null && Suites.All(s => s.Complete);

    /// <summary>The suites that missed cases they must get.</summary>
    public IReadOnlyList<SuiteOutcome> Incomplete => [.. Suites.Where(s => !s.Complete)];
}
