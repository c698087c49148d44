using NotifyContract.Harness.Oracle;

namespace NotifyContract.Harness.Report;

/// <summary>
/// What a rule comes to on one operation, as a developer of the target reads it: <c>enforced</c> (every check held),
/// <c>ignored</c> (a check failed and no case got a server error), <c>crashing</c> (some case got a 5xx or no
/// answer), <c>observed</c> (recorded, the contract does not say), <c>skipped</c> (no case judged).
/// </summary>
public enum Standing { Enforced, Ignored, Crashing, Observed, Skipped }

public static class Standings
{
    public static Standing Of(VerdictKind verdict, int serverErrors) =>
        serverErrors > 0 ? Standing.Crashing
        : verdict switch
        {
            VerdictKind.Pass => Standing.Enforced,
            VerdictKind.Fail => Standing.Ignored,
            VerdictKind.Observed => Standing.Observed,
            _ => Standing.Skipped,
        };

    /// <summary>A verdict as report.json writes it (<c>pass</c>, <c>fail</c>, ...), then its standing.</summary>
    public static Standing Of(string verdict, int serverErrors) => Of(verdict switch
    {
        "pass" => VerdictKind.Pass,
        "fail" => VerdictKind.Fail,
        "observed" => VerdictKind.Observed,
        _ => VerdictKind.Skipped,
    }, serverErrors);

    public static string Wire(this Standing s) => s.ToString().ToLowerInvariant();
}

/// <summary>One operation's rules and what each comes to there (<see cref="Standing"/>), in report order.</summary>
public sealed record OperationStanding(string Operation, IReadOnlyList<(string Rule, OperationReport At)> Rules)
{
    public int Count(Standing s) => Rules.Count(r => r.At.Standing == s);

    /// <summary><c>3 enforced, 40 ignored, 12 crashing</c>: the standings it has, in <see cref="Standing"/> order.</summary>
    public string Counts => string.Join(", ", Enum.GetValues<Standing>().Where(s => Count(s) > 0)
        .Select(s => $"{Count(s)} {s.Wire()}"));

    /// <summary>Each rule that does not hold, with the case that shows it: for a crashing rule the smallest case that
    /// got a server error, for an ignored one its first failing check's smallest counterexample.</summary>
    public IEnumerable<(string Rule, Standing Standing, Run.Counterexample Example)> Failing =>
        from r in Rules
        let example = r.At.Standing switch
        {
            Standing.Crashing => r.At.Crash,
            Standing.Ignored => r.At.Counterexample,
            _ => null,
        }
        where example is not null
        select (r.Rule, r.At.Standing, example);

    public static IReadOnlyList<OperationStanding> Of(IReadOnlyList<RuleReport> rules) =>
        [.. rules.SelectMany(r => r.Operations.Select(at => (r.Id, at))).GroupBy(x => x.at.Operation)
            .Select(g => new OperationStanding(g.Key, [.. g]))];
}
