using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Diagnosis;

/// <summary>What the diagnosis reads: every failing check, and how many answers of each kind the run got.</summary>
public sealed record Evidence(
    string Profile,
    IReadOnlyList<Failure> Failures,
    IReadOnlyDictionary<AnswerKind, int> Answers,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<OperationSummary> Operations);

/// <summary>
/// Causes before rules: the named findings first (each a small function over the evidence, in one registry), then
/// the failures they leave unexplained grouped by answer kind. A finding is kept only if it explains a failure no
/// earlier one did. Sentences come from the data; no target is named.
/// </summary>
public static class Causes
{
    /// <summary>The named findings about how the operations that answer read requests, most sweeping first. Adding one:
    /// one function below and one line here. Two findings about whole operations come before them:
    /// <see cref="SameAnswerEverywhere"/> (then it is the only one) and <see cref="UnimplementedOperations"/> (then the
    /// rest is diagnosed again on the other operations alone).</summary>
    static readonly Func<Evidence, Finding?>[] Findings =
        [NoRecordLookup, UncheckedConstraints, FalsyAsAbsent, NulCrashes, SignaturesUnchecked, WrongMember, BrokenEnvelope];

    public static IReadOnlyList<Finding> Of(RunResult run, IReadOnlyList<RuleReport> rules,
        IReadOnlyList<OperationSummary> operations)
    {
        var failures = (
            from r in rules
            from c in r.Checks
            where c.Verdict.Kind == VerdictKind.Fail
            select new Failure(r.Id, c.Check.Name, c.Counterexample!)
        ).ToList();
        if (failures.Count == 0) return [];
        var answers = run.Suites
            .SelectMany(s => s.Answers)
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
        var evidence = new Evidence(run.Profile, failures, answers, rules, operations);
        if (SameAnswerEverywhere(evidence) is { } same) return [same]; // it explains every failure
        if (UnimplementedOperations(evidence) is { } lacking)
        {
            var rest = run with { Suites = [.. run.Suites.Where(s => !lacking.Unimplemented.Contains(s.Suite.Operation))] };
            var restRules = RuleReport.From(rest);
            return [lacking, .. Of(rest, restRules, OperationSummary.Of(restRules))];
        }

        var explained = new HashSet<string>();
        var found = Findings.Select(f => f(evidence)).OfType<Finding>()
            .Where(f => f.Explains.Count(explained.Add) > 0) // every name counted, so each is marked explained
            .ToList();
        found.AddRange(ByAnswerKind(evidence, explained));
        return found;
    }

    /// <summary>
    /// No request got anything but a server error or no answer, or every request got the same answer: the target
    /// does not read requests at all.
    /// </summary>
    static Finding? SameAnswerEverywhere(Evidence e)
    {
        var kinds = e.Answers.Keys.OrderByDescending(k => e.Answers[k]).ToList();
        var broken = kinds.All(k => k.Failure is not null || k.Status >= 500);
        if (kinds.Count != 1 && !broken) return null;
        var silent = kinds.All(k => k.Failure is not null);
        var why = silent ? "the target does not answer"
            : broken ? "the operations look unimplemented"
            : "the target answers the same whatever it is sent";
        var got = string.Join(" or ", kinds.Select(k => k.ToString()));
        return new($"every request got {got}: {why} ({Rules(e.Failures)})", kinds.Count == 1 ? got : null,
            [.. e.Failures.Select(f => f.Name)], e.Failures[0].Example)
        {
            Unimplemented = broken && !silent
                ? [.. e.Operations.Select(o => o.Operation)] : [],
        };
    }

    /// <summary>
    /// Some operations, not all, look unimplemented (<see cref="OperationSummary.LooksUnimplemented"/>): what an
    /// emulator lacks, named before what it gets wrong. Explains every failure on them.
    /// </summary>
    static Finding? UnimplementedOperations(Evidence e)
    {
        var lacking = e.Operations.Where(o => o.LooksUnimplemented).Select(o => o.Operation).ToList();
        var failing = (
            from o in e.Operations
            where o.LooksUnimplemented
            from r in o.Failing
            from c in r.Report.Checks
            where c.Verdict.Kind == VerdictKind.Fail && c.Counterexample is not null
            select new Failure(r.Rule, c.Check.Name, c.Counterexample!)
        ).ToList();
        if (failing.Count == 0) return null;
        var kinds = string.Join(" or ", failing.Select(f => f.Example.Answer.Reading)
            .Where(a => a.Missing || a.Status >= 500).Select(a => a.Kind).Distinct());
        return Found($"{lacking.Count} of {e.Operations.Count} operations look unimplemented " +
                     $"({OperationSummary.UnimplementedWhy}: {kinds}): {Few(lacking)}", failing)
            with { Unimplemented = lacking };
    }

    /// <summary>An unknown record was accepted and nothing was ever answered ResourceNotFoundException.</summary>
    static Finding? NoRecordLookup(Evidence e)
    {
        var notFound = e.Failures.FirstOrDefault(f =>
            f.Rule == RuleId.RecordNotFound.Value && f.Check == Registry.RecordLookup.Name);
        if (notFound is null || !notFound.Example.Answer.Reading.Success
            || e.Answers.Keys.Any(k => k.Code == nameof(Expectation.ResourceNotFoundException))) return null;
        return new("no request was answered ResourceNotFoundException: the target does not look records up",
            notFound.Example.Answer.Reading.Kind.ToString(), [notFound.Name], notFound.Example);
    }

    /// <summary>One constraint rule's <c>rejects</c> check, for <see cref="UncheckedConstraints"/>, and the operations
    /// where it fails.</summary>
    sealed record Rejection(string Rule, ConstraintKind Kind, string Member, bool Fails, Counterexample? Example,
        IReadOnlyList<string> Operations)
    {
        /// <summary>Failed, but refused with a client error all the same (another code): the target checks it.</summary>
        public bool RefusedOtherwise => Fails && Example!.Answer.Reading is { Status: >= 400 and < 500 } a
                                        && a.Code != nameof(Expectation.ResourceNotFoundException);

        /// <summary>Failed on an ambiguous case judged by the reading the user picked: the target reads it the other
        /// way, it does not skip the check.</summary>
        public bool ReadOtherwise => Fails && Example!.Case.Ambiguity is not null;

        public bool Unchecked => Fails && !RefusedOtherwise && !ReadOtherwise;
    }

    /// <summary>Kinds of constraint, as the sentence names them.</summary>
    static readonly (string Words, ConstraintKind[] Kinds)[] KindGroups =
    [
        ("length", [ConstraintKind.MinLength, ConstraintKind.MaxLength]),
        ("pattern", [ConstraintKind.Pattern]),
        ("enum", [ConstraintKind.Enum]),
        ("range", [ConstraintKind.MinValue, ConstraintKind.MaxValue]),
        ("type", [ConstraintKind.Type]),
    ];

    /// <summary>
    /// Whole constraint kinds go unchecked (every rule of the kind fails <c>rejects</c>, not refused at all) while others
    /// hold: names what the target checks, and the operations where it does not. A rule refused with another client error
    /// is checked (the answer-kind group names the code), not unchecked. An empty value of a required member counts as
    /// missing, so a minLength of 1 that holds on a member whose <c>required</c> rule holds is the required check's, not
    /// a length check.
    /// </summary>
    static Finding? UncheckedConstraints(Evidence e)
    {
        var rejections = (
            from r in e.Rules
            let kind = KindOf(r.Id)
            let outcome = r.Checks.FirstOrDefault(c => c.Check == Registry.Rejects && c.Cases > 0)
            where kind is not null && outcome is not null
            select new Rejection(r.Id, kind.Value, r.Id[..r.Id.LastIndexOf('.')],
                outcome.Verdict.Kind == VerdictKind.Fail, outcome.Counterexample,
                [.. r.Operations.Where(o => o.Checks.Any(c => c.Check == Registry.Rejects
                    && c.Verdict.Kind == VerdictKind.Fail)).Select(o => o.Operation)])
        ).ToList();
        var required = rejections.Where(r => r.Kind == ConstraintKind.Required && !r.Unchecked).Select(r => r.Member)
            .ToHashSet();
        var considered = rejections
            .Where(r => !(r.Kind == ConstraintKind.MinLength && required.Contains(r.Member) && !r.Unchecked))
            .ToList();
        bool Holds(ConstraintKind kind) =>
            considered.Any(r => r.Kind == kind) && considered.Where(r => r.Kind == kind).All(r => !r.Unchecked);

        var loose = KindGroups
            .Select(g => (g.Words, Rules: considered.Where(r => g.Kinds.Contains(r.Kind)).ToList()))
            .Where(g => g.Rules.Count > 0 && g.Rules.All(r => r.Unchecked))
            .ToList();
        var holds = new List<string>();
        if (Holds(ConstraintKind.Required)) holds.Add("required members");
        if (Holds(ConstraintKind.Enum))
            holds.Add(considered.Where(r => r.Kind == ConstraintKind.Enum).Select(r => r.Member).Distinct().ToList()
                is { Count: <= 3 } enums ? Shown.And(enums) : "enum values");
        if (Holds(ConstraintKind.Type)) holds.Add("member types");
        if (loose.Count == 0 || holds.Count == 0) return null; // nothing holds: the answer-kind groups say more

        var failing = loose.SelectMany(g => g.Rules).ToList();
        var accepted = failing.All(r => Accepted(r.Example!.Answer.Reading));
        var operations = failing.SelectMany(r => r.Operations).Distinct().ToList();
        var sentence = $"{Shown.And(loose.Select(g => g.Words))} violations are " +
                       $"{(accepted ? "accepted" : "not rejected as documented")} on every member: " +
                       $"the target checks only {Shown.And(holds)} ({Operations(operations)})";
        var kinds = failing.Select(r => r.Example!.Answer.Reading.Kind).Distinct().ToList();
        return new(sentence, kinds.Count == 1 ? kinds[0].ToString() : null,
            [.. failing.Select(r => $"{r.Rule}[{Registry.Rejects.Name}]")],
            failing.Select(r => r.Example!).MinBy(c => c.Case.Body.Length)!);
    }

    /// <summary>The notes of a type rule's falsy values (<c>TypeProbes</c>): what a <c>value || default</c> reads as
    /// absent.</summary>
    static readonly string[] FalsyNotes = ["a JSON false", "a JSON number 0", "a JSON empty string"];

    /// <summary><c>false</c>, <c>0</c> or <c>""</c> where another type is expected, accepted: read as absent.</summary>
    static Finding? FalsyAsAbsent(Evidence e)
    {
        var falsy = e.Failures.Where(f => f.Check == Registry.Rejects.Name && f.Rule.EndsWith(".type")
            && FalsyNotes.Contains(f.Example.Case.Note) && Accepted(f.Example.Answer.Reading)).ToList();
        return falsy.Count == 0 ? null
            : Found($"JSON's falsy values (false, 0, \"\") are taken for absent where another type is expected " +
                    $"({Rules(falsy)})", falsy);
    }

    /// <summary>A string holding U+0000, valid where the member takes any character, crashing the target.</summary>
    static Finding? NulCrashes(Evidence e)
    {
        var crashed = e.Failures.Where(f => f.Example.Case.Note == "a string holding U+0000"
            && (f.Example.Answer.Reading.Missing || f.Example.Answer.Status >= 500)).ToList();
        return crashed.Count == 0 ? null
            : Found($"a string holding U+0000 crashes the target ({Smallest(crashed).Answer.Reading.Describe()}; " +
                    $"{Rules(crashed)})", crashed);
    }

    /// <summary>Bad signatures (<c>Auth.*</c>) not refused as a reading that verifies them expects.</summary>
    static Finding? SignaturesUnchecked(Evidence e)
    {
        var auth = e.Failures.Where(f => f.Rule.StartsWith("Auth.", StringComparison.Ordinal)).ToList();
        if (auth.Count == 0) return null;
        var requests = auth.Select(f => f.Example.Case.SigningFault).OfType<SigningFault>().Distinct().Order()
            .Select(fault => fault switch
            {
                SigningFault.Unsigned => "unsigned requests",
                SigningFault.WrongSignature => "requests signed with a wrong secret",
                SigningFault.OtherRegion => "requests signed for another region",
                SigningFault.OtherService => "requests signed for another service",
                _ => "requests dated 20 minutes ago",
            });
        var accepted = auth.All(f => Accepted(f.Example.Answer.Reading));
        return Found($"{Shown.And(requests)} are " + (accepted
            ? "accepted: the target does not verify SigV4 signatures"
            : "not refused as unauthenticated") + $" ({Rules(auth)})", auth);
    }

    /// <summary>Rejections that blame another member than the one the case breaks (<c>rightMember</c>).</summary>
    static Finding? WrongMember(Evidence e)
    {
        var wrong = e.Failures.Where(f => f.Check == Registry.RightMember.Name).ToList();
        return wrong.Count == 0 ? null
            : Found($"error messages name the wrong member on {Rules(wrong)} ({Smallest(wrong).Reason})", wrong);
    }

    /// <summary>Answers the awsJson1.1 protocol does not allow (<c>envelope</c>).</summary>
    static Finding? BrokenEnvelope(Evidence e)
    {
        var broken = e.Failures.Where(f => f.Check == Registry.Envelope.Name).ToList();
        return broken.Count == 0 ? null
            : Found($"answers break the awsJson1.1 envelope ({Smallest(broken).Reason})", broken);
    }

    /// <summary>A finding explaining <paramref name="failures"/>, with their smallest example and the answer kind they
    /// share, if one.</summary>
    static Finding Found(string sentence, IReadOnlyList<Failure> failures)
    {
        var kinds = failures.Select(f => f.Example.Answer.Reading.Kind).Distinct().ToList();
        return new(sentence, kinds.Count == 1 ? kinds[0].ToString() : null, [.. failures.Select(f => f.Name)],
            Smallest(failures));
    }

    static Counterexample Smallest(IEnumerable<Failure> failures) =>
        failures.MinBy(f => f.Example.Case.Body.Length)!.Example;

    /// <summary>Passed validation: a success, or ResourceNotFoundException for the unknown record.</summary>
    internal static bool Accepted(AnswerReading a) => a.Success || a.Code == nameof(Expectation.ResourceNotFoundException);

    /// <summary>The failures no named finding explains, grouped by the kind of answer their counterexample got.</summary>
    static IEnumerable<Finding> ByAnswerKind(Evidence e, IReadOnlySet<string> explained) =>
        e.Failures.Where(f => !explained.Contains(f.Name))
            .GroupBy(f => f.Example.Answer.Reading.Kind)
            .OrderByDescending(g => g.Count())
            .Select(g =>
            {
                var list = g.ToList();
                var kind = g.Key;
                // An ambiguous case one reading of which expects a rejection failed oneReading on the code alone.
                var wrongCode = kind is { Status: 400, Code: not null }
                    && list.All(f => f.Check == Registry.Rejects.Name || f.Check == Registry.OneReading.Name);
                var sentence = !wrongCode
                    ? $"{kind} answered {list.Count} failing check{(list.Count == 1 ? "" : "s")}: {Names(list)}"
                    : kind.Code == nameof(Expectation.ResourceNotFoundException) ? LookedUp(list)
                    : $"violations were rejected with {kind.Code}, a code the {e.Profile} profile does not accept " +
                      $"({Rules(list)}){OtherProfiles(e.Profile, kind.Code!)}";
                return new Finding(sentence, kind.ToString(), [.. list.Select(f => f.Name)], Smallest(list));
            });

    /// <summary>
    /// Violations answered ResourceNotFoundException were accepted and looked up, not rejected with another code. When
    /// each is ambiguous of one kind (judged by a reading the user picked), the target reads it the other way.
    /// </summary>
    static string LookedUp(IReadOnlyList<Failure> list)
    {
        const string what = "were accepted and looked up (answered ResourceNotFoundException)";
        var ambiguities = list.Select(f => f.Example.Case.Ambiguity).ToList();
        if (ambiguities is not [{ } a, ..] || ambiguities.Any(o => o?.Kind != a.Kind))
            return $"violations {what} ({Rules(list)})";
        var valid = a.ByReading.First(r => r.Value == Expectation.ResourceNotFoundException).Key;
        var picked = a.ByReading.First(r => r.Value != Expectation.ResourceNotFoundException).Key;
        return $"violations under the {picked} reading of {a.Kind.Wire()} {what}: the target reads {a.Kind.Wire()} " +
               $"as {valid} ({Rules(list)})";
    }

    /// <summary><c>; --profile aws-observed accepts it</c> when another profile takes the code for a violation.</summary>
    static string OtherProfiles(string profile, string code)
    {
        var others = Profile.Names.Where(n => n != profile && Profile.Load(n).Accepts(Expectation.InvalidParametersException, code))
            .Select(n => $"--profile {n}").ToList();
        return others.Count == 0 ? "" : $"; {string.Join(" or ", others)} accepts it";
    }

    static ConstraintKind? KindOf(string rule) =>
        Enum.GetValues<ConstraintKind>()
            .Select(k => (ConstraintKind?)k)
            .FirstOrDefault(k => rule.EndsWith("." + k!.Value.Wire(), StringComparison.Ordinal));

    /// <summary><c>on 1 operation: A</c>, <c>on 3 operations: A, B and C</c>, <c>on 12 operations: A, B, C and 9 more</c>.</summary>
    static string Operations(IReadOnlyList<string> operations) =>
        $"on {operations.Count} operation{(operations.Count == 1 ? "" : "s")}: {Few(operations)}";

    /// <summary><c>A, B and C</c>, <c>A, B, C and 9 more</c>.</summary>
    static string Few(IReadOnlyList<string> names) =>
        names.Count <= 3 ? Shown.And(names) : Shown.Some(names, 3);

    static string Rules(IEnumerable<Failure> failures)
    {
        var n = failures.Select(f => f.Rule).Distinct().Count();
        return n == 1 ? "1 rule" : $"{n} rules";
    }

    static string Names(IReadOnlyList<Failure> failures) =>
        string.Join(", ", failures.Take(4).Select(f => f.Name))
        + (failures.Count > 4 ? $" and {failures.Count - 4} more" : "");

}
