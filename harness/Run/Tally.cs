using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;

namespace NotifyContract.Harness.Run;

/// <summary>Counts one suite's judged cases and keeps the smallest counterexample of each rule it touches.</summary>
sealed class Tally(RuleSuite suite)
{
    int cases, failed, observed, skipped, serverCases, serverFailed;
    readonly Dictionary<string, int> agreement = [];
    Counterexample? own, server;

    public void Add(Judged j, RunState state)
    {
        if (j.Own.Kind == VerdictKind.Skipped) skipped++;
        else cases++;
        if (j.Own.Kind == VerdictKind.Observed)
        {
            observed++;
            foreach (var reading in j.Own.Agrees ?? []) agreement[reading] = agreement.GetValueOrDefault(reading) + 1;
        }
        if (j.Server.Kind != VerdictKind.Skipped) serverCases++;
        if (j.Own.Kind == VerdictKind.Fail) { failed++; own = Smaller(own, Example(j, j.Own, false)); }
        if (j.Server.Kind == VerdictKind.Fail) { serverFailed++; server = Smaller(server, Example(j, j.Server, false)); }
        if (!j.Holds) state.Failed();
    }

    /// <summary>The end of FsCheck's shrinking: preferred to any unshrunk failure of the same rule.</summary>
    public void Shrunk(Judged j)
    {
        if (j.Own.Kind == VerdictKind.Fail) own = Example(j, j.Own, true);
        if (j.Server.Kind == VerdictKind.Fail) server = Example(j, j.Server, true);
    }

    public SuiteOutcome Outcome(string? stopReason)
    {
        var verdict =
            failed > 0 ? Verdict.Fail(own!.Reason) :
            cases == 0 ? Verdict.Skipped(stopReason ?? (skipped > 0 ? "every answer was throttled" : "no case to send")) :
            observed > 0 ? Verdict.Observed(observed, agreement) :
            Verdict.Pass(stopReason ?? "");
        return new(suite, verdict, cases, failed, observed, agreement, own, serverCases, serverFailed, server);
    }

    public static SuiteOutcome Skipped(RuleSuite suite, string why) =>
        new(suite, Verdict.Skipped(why), 0, 0, 0, new Dictionary<string, int>(), null, 0, 0, null);

    static Counterexample Example(Judged j, Verdict v, bool shrunk) => new(j.Case, j.Answer, j.Retry, v.Reason, shrunk);

    static Counterexample Smaller(Counterexample? kept, Counterexample next) =>
        kept is null || next.Case.Body.Length < kept.Case.Body.Length ? next : kept;
}
