using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Report;

/// <summary>
/// What a rule did on one operation, read from that operation's verdict: the first of these that holds, worst first
/// (a cell of several rules shows its worst).
/// </summary>
public enum Enforcement
{
    /// <summary>Some answer to its cases there was a 5xx or none: its <c>noServerError</c> failed (for a rule judged on
    /// every answer, its failing case got one).</summary>
    Crashing,

    /// <summary>Its <c>rejects</c> check failed on an answer that accepted the violation (a success, or the lookup's
    /// ResourceNotFoundException): the target does not check it.</summary>
    Ignored,

    /// <summary>It fails otherwise: a violation refused with another code, a valid request refused, the wrong member
    /// blamed, a broken envelope.</summary>
    Wrong,

    /// <summary>No check failed; some answer was recorded, not judged (an ambiguity).</summary>
    Observed,

    /// <summary>Every check passed.</summary>
    Enforced,

    /// <summary>No case ran (no <c>--record</c>, <c>--max-test 0</c>, an interrupted run).</summary>
    Skipped,
}

/// <summary>One rule on one operation as the operation's summary counts it; <see cref="Kind"/> is the matrix column
/// (a constraint kind, or the family before the rule's first dot: <c>Protocol</c>, <c>Json</c>, <c>Auth</c>...).</summary>
public sealed record RuleOnOperation(string Rule, string Kind, Enforcement Enforcement, OperationReport Report);

/// <summary>
/// One operation of the run in a few numbers: each rule on it by <see cref="Enforcement"/>, each kind of rule by its
/// worst, and whether the operation looks unimplemented. The console, report.md, report.html and report.json
/// (<c>operations</c>, what merged matrices read) all show these; nothing else classifies.
/// </summary>
public sealed record OperationSummary(string Operation, IReadOnlyList<RuleOnOperation> Rules, bool LooksUnimplemented)
{
    /// <summary>Why an operation <see cref="LooksUnimplemented"/>, as every report says it.</summary>
    public const string UnimplementedWhy = "valid and constraint cases answered only 5xx naming no error code";

    public int Count(Enforcement e) => Rules.Count(r => r.Enforcement == e);

    /// <summary>The rules that fail here (crashing, ignored, wrong), worst first.</summary>
    public IReadOnlyList<RuleOnOperation> Failing =>
        [.. Rules.Where(r => r.Enforcement <= Enforcement.Wrong).OrderBy(r => r.Enforcement)];

    /// <summary>Cases of the operation's suites (a rule judged on every answer counts none of its own), and those a
    /// check failed.</summary>
    public int Cases => Rules.Sum(r => r.Report.Suite?.Cases ?? 0);
    public int Failed => Rules.Sum(r => r.Report.Suite?.Failed ?? 0);

    /// <summary>The worst enforcement of the operation's rules of one kind; null: it has none (not applicable).</summary>
    public Enforcement? Of(string kind) =>
        Rules.Where(r => r.Kind == kind).Select(r => (Enforcement?)r.Enforcement).Min();

    /// <summary>Every operation the rules ran on, in the order the rules first name them (the run's).</summary>
    public static IReadOnlyList<OperationSummary> Of(IReadOnlyList<RuleReport> rules) =>
        [.. rules.SelectMany(r => r.Operations.Select(o => new RuleOnOperation(r.Id, KindOf(r.Id), Judge(o), o)))
            .GroupBy(r => r.Report.Operation)
            .Select(g => new OperationSummary(g.Key, [.. g], Unimplemented(g)))];

    /// <summary><c>90 operations run, 88 fail a rule (79 of them look unimplemented), 2 fail none</c>.</summary>
    public static string Tally(IReadOnlyList<OperationSummary> operations)
    {
        var failing = operations.Count(o => o.Failing.Count > 0);
        var lacking = operations.Count(o => o.Failing.Count > 0 && o.LooksUnimplemented);
        return $"{operations.Count} operations run, {failing} fail a rule" +
               (lacking == 0 ? "" : $" ({lacking} of them look unimplemented)") + $", {operations.Count - failing} fail none";
    }

    /// <summary>The operations that fail a rule and do not look unimplemented (a cause names those), the most failing
    /// rules first: the rows the console and report.md show.</summary>
    public static IReadOnlyList<OperationSummary> Worst(IReadOnlyList<OperationSummary> operations) =>
        [.. operations.Where(o => o.Failing.Count > 0 && !o.LooksUnimplemented).OrderByDescending(o => o.Failing.Count)];

    /// <summary>The matrix's columns: the constraint kinds in rule order, then the families as the rules name them.</summary>
    public static IReadOnlyList<string> Kinds(IReadOnlyList<OperationSummary> operations)
    {
        var named = operations.SelectMany(o => o.Rules.Select(r => r.Kind)).Distinct().ToList();
        var constraints = Enum.GetValues<ConstraintKind>().Select(k => k.Wire()).ToList();
        return [.. constraints.Where(named.Contains), .. named.Except(constraints)];
    }

    /// <summary>How the rule did on the operation (<see cref="Enforcement"/>, first that holds).</summary>
    public static Enforcement Judge(OperationReport o)
    {
        var crashed = o.Suite is not null
            ? o.ServerErrors > 0
            : o.Checks.Any(c => c.Counterexample is { } x && (Crash(x.Answer) || x.Retry is { } r && Crash(r)));
        return crashed ? Enforcement.Crashing : o.Verdict.Kind switch
        {
            VerdictKind.Fail => o.Checks.Any(c => c.Check == Registry.Rejects
                && c.Counterexample is { } x && Diagnosis.Causes.Accepted(x.Answer.Reading))
                ? Enforcement.Ignored : Enforcement.Wrong,
            VerdictKind.Observed => Enforcement.Observed,
            VerdictKind.Pass => Enforcement.Enforced,
            _ => Enforcement.Skipped,
        };
    }

    /// <summary><c>12 crashing, 27 ignored, 2 enforced</c>: rules counted by enforcement, worst first.</summary>
    public static string Counts(IReadOnlyList<RuleOnOperation> rules) => string.Join(", ", Enum.GetValues<Enforcement>()
        .Select(e => (e, n: rules.Count(r => r.Enforcement == e))).Where(c => c.n > 0)
        .Select(c => $"{c.n} {Wire(c.e)}"));

    /// <summary>As report.json and the reports' column heads spell it.</summary>
    public static string Wire(Enforcement e) => e.ToString().ToLowerInvariant();

    static bool Crash(Answer a) => a.Reading.Missing || a.Status >= 500;

    static string KindOf(string rule) =>
        new RuleId(rule).AsConstraint()?.Kind.Wire() ?? (rule.IndexOf('.') is > 0 and var dot ? rule[..dot] : rule);

    /// <summary>
    /// Every answer to the requests that name the operation as the protocol frames them (its valid requests and its
    /// constraint cases) was a 5xx naming no error code: an emulator's page for an operation it lacks. Its protocol,
    /// JSON and signature cases may reach another handler, so they do not count.
    /// </summary>
    static bool Unimplemented(IEnumerable<RuleOnOperation> rules)
    {
        var answers = rules
            .Where(r => new RuleId(r.Rule).AsConstraint() is not null
                        || r.Rule == RuleId.ValidAccepted.Value || r.Rule == RuleId.RecordNotFound.Value)
            .SelectMany(r => r.Report.Suite?.Answers.Keys ?? [])
            .Where(k => k.Failure is null)
            .ToList();
        return answers.Count > 0 && answers.All(k => k.Status >= 500 && k.Code is null);
    }
}
