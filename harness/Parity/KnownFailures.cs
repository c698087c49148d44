using System.Text;
using System.Text.RegularExpressions;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Parity;

/// <summary>One judged (rule, check, operation) of a run; <see cref="Check"/> is null where a report has no checks.</summary>
public sealed record CheckResult(string Rule, string? Check, string Operation, VerdictKind Verdict)
{
    /// <summary>Each check of one suite, under the rule it reports to.</summary>
    public static IEnumerable<CheckResult> Of(SuiteOutcome o) =>
        o.Checks.Select(c =>
            new CheckResult(c.Check.ReportsUnder(o.Suite.Rule).Value, c.Check.Name, o.Suite.Operation, c.Verdict.Kind));

    /// <summary><c>Rule[check]@Operation</c>, the form <c>--write-known-failures</c> writes.</summary>
    public override string ToString() => $"{Rule}{(Check is null ? "" : $"[{Check}]")}@{Operation}";
}

/// <summary>One line of a known-failures file: <c>Rule</c>, <c>Rule@Operation</c>, <c>Rule[check]</c>,
/// <c>Rule[check]@Operation</c>, or <c>@Operation</c> (<see cref="Rule"/> null: every rule and check of the operation,
/// one that does not look implemented).</summary>
public sealed record KnownFailure(string? Rule, string? Check, string? Operation, int Line)
{
    public bool Matches(CheckResult r) =>
        (Rule is null || r.Rule == Rule) && (Check is null || r.Check == Check)
        && (Operation is null || r.Operation == Operation);

    public override string ToString() =>
        $"{Rule}{(Check is null ? "" : $"[{Check}]")}{(Operation is null ? "" : $"@{Operation}")}";
}

/// <summary>
/// A run's failures held against the list: <see cref="Known"/> (failing and listed: they do not fail the run),
/// <see cref="New"/> (failing, not listed: they do), <see cref="Fixed"/> (listed, and every matching check now
/// holds: remove the line), <see cref="NotRun"/> (listed, but nothing matching was judged in this run).
/// </summary>
public sealed record KnownFailureResult(
    IReadOnlyList<CheckResult> Known,
    IReadOnlyList<CheckResult> New,
    IReadOnlyList<KnownFailure> Fixed,
    IReadOnlyList<KnownFailure> NotRun)
{
    public bool Green => New.Count == 0;

    /// <summary>Every failure of the rule (of one check, on one operation, when named) is listed, and there is one.</summary>
    public bool IsKnown(string rule, string? check = null, string? operation = null)
    {
        var asked = new KnownFailure(rule, check, operation, Line: 0); // matched as a list line would be
        return Known.Any(asked.Matches) && !New.Any(asked.Matches);
    }

    /// <summary>Sentences for a summary: what the list did, then each fixed entry and what to do about it.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"known failures: {Known.Count} failing checks listed, {New.Count} not listed, " +
                     $"{Fixed.Count} fixed";
        foreach (var f in Fixed) yield return Fixing(f);
    }

    public static string Fixing(KnownFailure f) => f.Rule is null
        ? $"`{f}` (line {f.Line}): {f.Operation} no longer looks unimplemented: list its failures instead " +
          "(--write-known-failures), or remove the line if none"
        : $"`{f}` (line {f.Line}) passes now: remove it from the file";
}

/// <summary>The <c>--known-failures FILE</c> list: entries one a line, <c>#</c> starts a comment.</summary>
public sealed record KnownFailures(string Path, IReadOnlyList<KnownFailure> Entries)
{
    static readonly Regex Entry =
        new(@"^((?<rule>[A-Za-z][A-Za-z0-9_.]*)(\[(?<check>[A-Za-z][A-Za-z0-9_]*)\])?)?(@(?<op>[A-Za-z0-9]+))?$");

    const string Forms = "Rule, Rule@Operation, Rule[check], Rule[check]@Operation or @Operation";

    /// <param name="rules">Rule ids that exist (null: any); a typo would otherwise never match and read as fixed.</param>
    /// <param name="checks">Check names that exist (null: any).</param>
    public static KnownFailures Read(string path, ServiceContract contract, IReadOnlySet<string>? rules = null,
        IReadOnlySet<string>? checks = null)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot read the known-failures file {path}: {e.Message}");
        }
        return Parse(path, contract, lines, rules, checks);
    }

    public static KnownFailures Parse(string path, ServiceContract contract, IReadOnlyList<string> lines,
        IReadOnlySet<string>? rules = null, IReadOnlySet<string>? checks = null)
    {
        var entries = new List<KnownFailure>();
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Split('#')[0].Trim();
            if (text.Length == 0) continue;
            HarnessException Bad(string why) => new($"known-failures {path} line {i + 1}: {why}");
            var m = Entry.Match(text);
            if (!m.Success) throw Bad($"'{text}' is not {Forms}");
            var (rule, check, op) = (Group(m, "rule"), Group(m, "check"), Group(m, "op"));
            if (rule is not null && rules is not null && !rules.Contains(rule)) throw Bad($"unknown rule '{rule}'");
            if (check is not null && checks is not null && !checks.Contains(check))
                throw Bad($"unknown check '{check}' (known: {string.Join(", ", checks.Order())})");
            if (op is not null && contract.Find(op) is null)
                throw Bad($"unknown operation '{op}'");
            entries.Add(new(rule, check, op, i + 1));
        }
        return new(path, entries);
    }

    static string? Group(Match m, string name) => m.Groups[name].Success ? m.Groups[name].Value : null;

    /// <param name="unimplemented">The operations the run's diagnosis found unimplemented (null: not known): an
    /// <c>@Operation</c> entry for one that ran and is not among them is fixed, even while it still fails some rules.</param>
    public KnownFailureResult Compare(IEnumerable<CheckResult> results, IReadOnlySet<string>? unimplemented = null)
    {
        var all = results.ToList();
        var failing = all.Where(r => r.Verdict == VerdictKind.Fail).ToList();
        var known = failing.Where(r => Entries.Any(e => e.Matches(r))).ToList();
        var fresh = failing.Where(r => !Entries.Any(e => e.Matches(r))).ToList();
        bool Judged(KnownFailure e) =>
            all.Any(r => e.Matches(r) && r.Verdict is VerdictKind.Pass or VerdictKind.Observed);
        bool Answers(KnownFailure e) => e.Rule is null && unimplemented is not null
                                        && !unimplemented.Contains(e.Operation!) && Judged(e);
        var unused = Entries.Where(e => !failing.Any(e.Matches)).ToList();
        return new(known, fresh, [.. Entries.Where(e => unused.Contains(e) ? Judged(e) : Answers(e))],
            [.. unused.Where(e => !Judged(e))]);
    }

    /// <summary>
    /// <c>--write-known-failures</c>: the failing set, sorted: <c>@Operation</c> for each operation in
    /// <paramref name="whole"/> (those the diagnosis found unimplemented), then one <c>Rule[check]@Operation</c> a line.
    /// </summary>
    public static void Write(string path, IEnumerable<CheckResult> results, string about,
        IReadOnlyCollection<string>? whole = null)
    {
        whole ??= [];
        var text = new StringBuilder()
            .Append("# Known failures of ").Append(about)
            .Append(", written by notify-contract --write-known-failures.\n")
            .Append("# With --known-failures FILE these do not fail a run; a line whose rule passes again is reported as fixed.\n")
            .Append($"# Entries: {Forms} (every rule and check of it); # starts a comment.\n");
        var failing = results.Where(r => r.Verdict == VerdictKind.Fail).ToList();
        var lines = whole.Where(op => failing.Any(r => r.Operation == op)).Select(op => $"@{op}")
            .Order(StringComparer.Ordinal)
            .Concat(failing.Where(r => !whole.Contains(r.Operation)).Select(r => r.ToString()).Distinct()
                .Order(StringComparer.Ordinal));
        foreach (var line in lines) text.Append(line).Append('\n');
        try { File.WriteAllText(path, text.ToString(), new UTF8Encoding(false)); }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot write the known-failures file {path}: {e.Message}");
        }
    }
}
