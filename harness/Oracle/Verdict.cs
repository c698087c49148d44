namespace NotifyContract.Harness.Oracle;

public enum VerdictKind { Pass, Fail, Observed, Skipped }

/// <summary>
/// The judgement of one answer (or one rule): pass, fail with the reason, observed (recorded, not judged), skipped.
/// An observed answer lists the readings it <see cref="Agrees"/> with, or what it showed (a phrase).
/// </summary>
public sealed record Verdict(VerdictKind Kind, string Reason, IReadOnlyList<string>? Agrees = null)
{
    public static Verdict Pass(string reason = "") => reason.Length == 0 ? Passed : new(VerdictKind.Pass, reason);

    /// <summary>Most verdicts of a run: one instance (a record, immutable) rather than one per check and case.</summary>
    static readonly Verdict Passed = new(VerdictKind.Pass, "");
    public static Verdict Fail(string reason) => new(VerdictKind.Fail, reason);
    public static Verdict Observed(string reason, IReadOnlyList<string> agrees) =>
        new(VerdictKind.Observed, reason, agrees);

    /// <summary>A rule's observed cases, summed: how many answers agreed with each reading of an ambiguity (one word:
    /// <c>full</c>), or showed each thing a check records (a phrase: <c>the error names no member</c>).</summary>
    public static Verdict Observed(int cases, IReadOnlyDictionary<string, int> agreement) => Observed(
        $"{cases} observed case{(cases == 1 ? "" : "s")}: " + string.Join(", ", agreement.OrderBy(a => a.Key).Select(a =>
            a.Key.Contains(' ') ? $"{a.Key} ({a.Value})" : $"{a.Value} agree with the {a.Key} reading")),
        [.. agreement.Keys.Order()]);
    public static Verdict Skipped(string reason) => new(VerdictKind.Skipped, reason);

    public string Wire => Kind switch
    {
        VerdictKind.Pass => "pass",
        VerdictKind.Fail => "fail",
        VerdictKind.Observed => "observed",
        _ => "skipped",
    };
}
