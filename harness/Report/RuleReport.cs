using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Report;

/// <summary>One rule on one operation: each check's outcome there (one JUnit test case each), and the suite of the
/// rule there (none for a rule a check reports under itself: <c>Server.noServerError</c>).</summary>
public sealed record OperationReport(string Operation, Verdict Verdict, IReadOnlyList<CheckOutcome> Checks,
    SuiteOutcome? Suite)
{
    // A suite counts cases (rejects and rightMember judge some of the same); a check of its own rule counts its own.
    public int Cases => Suite?.Cases ?? Checks.Sum(c => c.Cases);
    public int Failed => Suite?.Failed ?? Checks.Sum(c => c.Failed);
    public int Observed => Suite?.Observed ?? Checks.Sum(c => c.Observed);

    /// <summary>The server errors among its cases' answers (a 5xx, a reset, a timeout: <c>noServerError</c>), and
    /// the smallest case that got one: what a developer of the target fixes first.</summary>
    CheckOutcome? Crashes => (Suite?.Checks ?? Checks).FirstOrDefault(c => c.Check == Registry.NoServerError);
    public int ServerErrors => Crashes?.Failed ?? 0;
    public Counterexample? Crash => Crashes?.Counterexample;

    /// <summary>The case behind a failing verdict here: its first failing check's smallest counterexample.</summary>
    public Counterexample? Counterexample => CheckOutcome.FirstCounterexample(Checks);
}

/// <summary>
/// One rule id across the operations it ran on: what every report format shows. <see cref="Checks"/> holds each
/// check merged over the operations; the rule's verdict, reason and counterexample come from its first failing
/// check, so they always describe the same case (and that case's operation).
/// </summary>
public sealed record RuleReport(
    string Id,
    Verdict Verdict,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyList<OperationReport> Operations)
{
    public int Cases => Operations.Sum(o => o.Cases);
    public int Failed => Operations.Sum(o => o.Failed);
    public int Observed => Operations.Sum(o => o.Observed);
    public Counterexample? Counterexample => CheckOutcome.FirstCounterexample(Checks);

    /// <summary>Cases the rule's suites must get and did not (<see cref="SuiteOutcome.Missing"/>), over the operations.</summary>
    public int Missing { get; init; }
    public bool Complete => Missing == 0;

    /// <summary>A check outcome (or a suite that could not run: no check, its skip verdict) under the rule it
    /// reports to, on one operation.</summary>
    sealed record Entry(string Rule, string Operation, CheckOutcome? Check, Verdict? Skip, SuiteOutcome? Suite);

    /// <summary>
    /// Rules in registry order, then the rules checks report under themselves (<c>Server.noServerError</c>, judged on
    /// every answer of the run), each grouped by operation and check.
    /// </summary>
    public static IReadOnlyList<RuleReport> From(RunResult run)
    {
        var entries = run.Suites.SelectMany(s => s.Checks.Count == 0
            ? [new Entry(s.Suite.Rule.Value, s.Suite.Operation, null, s.Skip, s)]
            : s.Checks.Select(c => new Entry(c.Check.ReportsUnder(s.Suite.Rule).Value, s.Suite.Operation, c, null,
                c.Check.Rule is null ? s : null)));
        var order = run.Suites.Select(s => s.Suite.Rule.Value)
            .Concat(Registry.All.Where(c => c.Rule is not null).Select(c => c.Rule!.Value.Value))
            .Distinct()
            .ToList();
        return [.. entries.GroupBy(e => e.Rule).OrderBy(g => order.IndexOf(g.Key)).Select(g => Rule(g) with
        {
            Missing = run.Suites.Where(s => s.Suite.Rule.Value == g.Key).Sum(s => s.Missing),
        })];
    }

    static RuleReport Rule(IGrouping<string, Entry> rule)
    {
        var operations = rule.GroupBy(e => e.Operation).Select(op =>
        {
            var checks = Merged(op);
            var skip = op.Select(e => e.Skip).FirstOrDefault(s => s is not null);
            return new OperationReport(op.Key, CheckOutcome.Combine(checks, skip), checks,
                op.Select(e => e.Suite).FirstOrDefault(s => s is not null));
        }).ToList();
        var merged = Merged(rule);
        return new RuleReport(rule.Key, CheckOutcome.Combine(merged, operations[0].Verdict), merged, operations);
    }

    /// <summary>Each check's parts merged, in registry order.</summary>
    static IReadOnlyList<CheckOutcome> Merged(IEnumerable<Entry> entries) =>
        [.. entries.Select(e => e.Check).OfType<CheckOutcome>()
            .GroupBy(c => c.Check)
            .OrderBy(g => Registry.All.ToList().IndexOf(g.Key))
            .Select(g => CheckOutcome.Merge([.. g]))];
}
