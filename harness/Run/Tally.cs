using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Run;

/// <summary>Counts one suite's judged cases per check, keeps each check's smallest counterexample, and counts
/// the kinds of answer that came back (for the diagnosis).</summary>
sealed class Tally(RuleSuite suite)
{
    sealed class Counts
    {
        public int Cases, Failed, Observed;
        public string? Skipped;
        public readonly Dictionary<string, int> Agreement = [];
        public Counterexample? Example;
    }

    readonly Dictionary<Check, Counts> checks = [];
    readonly Dictionary<AnswerKind, int> answers = [];
    /// <summary>Cases, not verdicts: one case may get several verdicts under the suite's rule.</summary>
    int cases, failed, observed;

    public void Add(Judged j)
    {
        Count(j.Answer);
        if (j.Retry is { } retry) Count(retry);
        var (own, fails, seen) = (false, false, false);
        foreach (var (check, verdict) in j.Judgements)
        {
            if (check.Rule is null && verdict.Kind != VerdictKind.Skipped)
                (own, fails, seen) = (true, fails || verdict.Kind == VerdictKind.Fail,
                    seen || verdict.Kind == VerdictKind.Observed);
            var counts = For(check);
            if (verdict.Kind == VerdictKind.Skipped) { counts.Skipped ??= verdict.Reason; continue; }
            counts.Cases++;
            if (verdict.Kind == VerdictKind.Observed)
            {
                counts.Observed++;
                foreach (var reading in verdict.Agrees ?? [])
                    counts.Agreement[reading] = counts.Agreement.GetValueOrDefault(reading) + 1;
            }
            if (verdict.Kind == VerdictKind.Fail)
            {
                counts.Failed++;
                counts.Example = Smaller(counts.Example, Example(j, check, verdict, false));
            }
        }
        if (!own) return;
        cases++;
        if (fails) failed++;
        else if (seen) observed++;
    }

    /// <summary>The end of FsCheck's shrinking: preferred to any unshrunk failure of the same check.</summary>
    public void Shrunk(Judged j)
    {
        foreach (var (check, verdict) in j.Judgements)
            if (verdict.Kind == VerdictKind.Fail && checks.TryGetValue(check, out var counts) && counts.Failed > 0)
                counts.Example = Example(j, check, verdict, true);
    }

    public SuiteOutcome Outcome(string? stopReason) => new(suite,
        // Registry order; a check from outside the registry (--against-snapshot's parity) after them.
        [.. Registry.All.Concat(checks.Keys).Distinct().Where(checks.ContainsKey)
            .Select(c => Outcome(c, checks[c], stopReason))],
        answers,
        checks.Count == 0 ? Verdict.Skipped(stopReason ?? "no case to send") : null)
        {
            Cases = cases, Failed = failed, Observed = observed,
        };

    public static SuiteOutcome Skipped(RuleSuite suite, string why) =>
        new(suite, [], new Dictionary<AnswerKind, int>(), Verdict.Skipped(why));

    static CheckOutcome Outcome(Check check, Counts c, string? stopReason) => new(check,
        c.Failed > 0 ? Verdict.Fail(c.Example!.Reason) :
        c.Cases == 0 ? Verdict.Skipped(stopReason ?? c.Skipped ?? "no case to send") :
        c.Observed > 0 ? Verdict.Observed(c.Observed, c.Agreement) :
        Verdict.Pass(stopReason ?? ""),
        c.Cases, c.Failed, c.Observed, c.Agreement, c.Example);

    Counts For(Check check) => checks.TryGetValue(check, out var c) ? c : checks[check] = new();

    void Count(Answer a) => answers[a.Reading.Kind] = answers.GetValueOrDefault(a.Reading.Kind) + 1;

    static Counterexample Example(Judged j, Check check, Verdict v, bool shrunk) =>
        new(j.Case, j.Answer, j.Retry, check.Name, v.Reason, shrunk);

    static Counterexample Smaller(Counterexample? kept, Counterexample next) =>
        kept is null || next.Case.Body.Length < kept.Case.Body.Length ? next : kept;
}
