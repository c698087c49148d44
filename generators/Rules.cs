using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Probes;
using NotifyContract.Generators.Requests;

namespace NotifyContract.Generators;

/// <summary>
/// The registry: every rule of every operation as a <see cref="RuleSuite"/>. Constraint rules come from the model,
/// one kind piece (in Probes/) per constraint kind, instantiated for each member that has that constraint.
/// </summary>
public static class Rules
{
    /// <summary>The constraint kinds, in rule order. Adding a kind: one piece in Probes/ and one line here.</summary>
    static readonly Func<Member, ConstraintProbes?>[] Kinds =
    [
        RequiredProbes.For,
        MinLengthProbes.For,
        MaxLengthProbes.For,
        MinValueProbes.For,
        MaxValueProbes.For,
        PatternProbes.For,
        EnumProbes.For,
        TypeProbes.For,
    ];

    internal const string NoKnownRecord = "no known record: name one with --record";

    /// <summary>
    /// The random cases of a rule whose random cases only draw again among its few fixed probes (required, type, enum,
    /// range, list and map lengths, protocol faults), each on a fresh random valid request: past a few of them a case
    /// tells nothing the others did not, and at max-test 100 they were half of a run's cases.
    /// </summary>
    public const int Redrawn = 10;

    /// <summary>Seeds the one fixed base request the boundary cases edit (boundary cases never depend on --seed).</summary>
    const ulong BoundarySeed = 0x5EED;

    /// <summary>Every suite of the named operations (all of the contract's when none are named), in that order.</summary>
    public static IReadOnlyList<RuleSuite> All(ServiceContract contract, RecordSet records,
        IEnumerable<string>? operations = null) =>
        [.. (operations?.Select(contract.Get) ?? contract.Operations).SelectMany(op => For(op, records))];

    /// <summary>
    /// Every rule id of the contract's operations, without building a case (a known-failures file is checked against
    /// them): the families, each constraint a member has, the protocol faults.
    /// </summary>
    public static IReadOnlySet<string> Ids(ServiceContract contract) => ids.GetValue(contract, c =>
        c.Operations.SelectMany(op => Expectations(op).Select(e => e.Rule)).ToHashSet());

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ServiceContract, IReadOnlySet<string>> ids = new();

    /// <summary>
    /// Each rule of an operation with what it expects, in words (<c>DisplayName.maxLength</c>: <c>at most 100</c>):
    /// what <c>--diff-model</c> compares per operation and rule. A constraint rule says its member's constraint,
    /// <c>Valid.accepted</c> what the operation's two sides expect (the errors it lists decide), the others nothing more
    /// than that they exist.
    /// </summary>
    public static IEnumerable<(string Rule, string Expects)> Expectations(Operation op)
    {
        var labels = new Labels(op);
        var families = ServiceCatalog.RecordBound(op.Name)
            ? new[] { RuleId.ValidAccepted, RuleId.RecordNotFound, RuleId.IdempotencyReplay }
            : [RuleId.ValidAccepted];
        return families.Select(r => (r.Value, r == RuleId.ValidAccepted
                ? $"a valid request expects {labels.Valid.Wire()}, a violation {labels.Of(Probes.Probes.Invalid).Wire()}"
                : ""))
            .Concat(op.AllMembers().SelectMany(m => Kinds.Select(kind => kind(m)).OfType<ConstraintProbes>()
                .Select(p => (p.Rule.Value, Constraint(m, p.Rule.AsConstraint()!.Value.Kind)))))
            .Concat(ProtocolProbes.Faults.Concat(JsonProbes.Edges).Select(f => (f.Rule.Value, "")))
            .Concat(FamilyProbes.Ids(op).Select(r => (r.Value, "")));
    }

    /// <summary>A member's constraint of one kind, in words.</summary>
    static string Constraint(Member m, ConstraintKind kind)
    {
        var units = m.Type is MemberType.List or MemberType.Map ? "entries" : "code points";
        return kind switch
        {
            ConstraintKind.Required => "required",
            ConstraintKind.MinLength => $"at least {m.MinLength} {units}",
            ConstraintKind.MaxLength => $"at most {m.MaxLength} {units}",
            ConstraintKind.MinValue => $"at least {m.MinValue}",
            ConstraintKind.MaxValue => $"at most {m.MaxValue}",
            ConstraintKind.Pattern => $"matches {m.Pattern!.Model.Regex}" +
                                      (m.Pattern.Page.Regex == m.Pattern.Model.Regex ? "" : $" (page: {m.Pattern.Page.Regex})"),
            ConstraintKind.Enum => $"one of {string.Join(", ", m.Enum!)}",
            _ => $"a {m.Type.ToString().ToLowerInvariant()}",
        };
    }

    public static IReadOnlyList<RuleSuite> For(Operation op, RecordSet records)
    {
        var recordBound = ServiceCatalog.RecordBound(op.Name);
        var labels = new Labels(op);
        var unknown = recordBound ? Bases.Realistic(op, Bases.UnknownRecord(records)) : Bases.Generic(op);
        var fixedBase = unknown.Sample(1, new Rnd(BoundarySeed), 10)[0];
        var known = !recordBound || records.Known.Count == 0
            ? null
            : Bases.Realistic(op, d => d.Pick(records.Known), records.WorkflowToken);

        RuleSuite Suite(RuleId rule, IEnumerable<Draft> boundary, Gen<Draft> random, SendMode mode = SendMode.Once,
            bool redrawn = false)
        {
            // Only Valid.accepted and Idempotency.* may name a known record; any other case would touch it.
            // Theirs keep the record's real token (a shrink toward a shorter one would be refused for the wrong reason).
            bool Allowed(Draft d) => !recordBound ? true
                : rule == RuleId.ValidAccepted || rule.Value.StartsWith("Idempotency.")
                    ? records.WorkflowToken is not { } token || d.Base["WorkflowToken"]?.IsText(token) == true
                    : d.RecordId is not { } id || !records.Known.Any(id.IsText);
            // FsCheck builds every case's shrink sequence up front: an iterator costs nothing until a shrink is needed.
            IEnumerable<Case> Shrink(Case c)
            {
                foreach (var d in c.Draft!.Smaller())
                    if (Allowed(d)) yield return d.Render();
            }
            return new(rule, op.Name,
                new BoundaryCases(boundary.Where(Allowed)),
                Arb.From(random.Where(Allowed).Select(d => d.Render()), Shrink),
                mode) { MaxRandom = redrawn ? Redrawn : null };
        }

        RuleSuite Known(RuleId rule, SendMode mode = SendMode.Once) =>
            known is null
                ? new(rule, op.Name, [], null, mode, NoKnownRecord)
                : Suite(rule, [], known.Select(b => new Draft(op, b, rule, Expectation.Success)), mode);

        // A realistic request and the required members only: a record's lookup (it names an unknown one), or any
        // operation's valid request.
        RuleSuite Requests(RuleId rule) => Suite(rule,
            [new Draft(op, fixedBase, rule, labels.Valid, Note: "a realistic request"),
             new Draft(op, MinimalOf(op, fixedBase), rule, labels.Valid, Note: "the required members only")],
            unknown.Select(b => new Draft(op, b, rule, labels.Valid)));

        IEnumerable<RuleSuite> Families() => recordBound
            ? [Known(RuleId.ValidAccepted), Requests(RuleId.RecordNotFound), Known(RuleId.IdempotencyReplay, SendMode.Replay)]
            : [Requests(RuleId.ValidAccepted)];

        return
        [
            .. Families(),
            .. op.AllMembers().SelectMany(m => Kinds.Select(kind => kind(m))).OfType<ConstraintProbes>().Select(probes =>
            {
                Draft Apply(Json.Obj b, Probe p) => new(op, b, probes.Rule, labels.Of(p.Expect),
                    labels.Of(p.Ambiguity), p.Edit, Note: p.Note);
                return Suite(probes.Rule, probes.Boundary.Select(p => Apply(fixedBase, p)),
                    from b in unknown from p in probes.Random select Apply(b, p), redrawn: probes.Redrawn);
            }),
            .. ProtocolProbes.Faults.Concat(JsonProbes.Edges).Select(fault =>
            {
                Draft Apply(Json.Obj b, Func<Draft, Draft> variant)
                {
                    var d = variant(new Draft(op, b, fault.Rule, Expectation.ClientError));
                    return d with { Expect = labels.Of(d.Expect), Ambiguity = labels.Of(d.Ambiguity) };
                }
                return Suite(fault.Rule, fault.Variants.Select(v => Apply(fixedBase, v)),
                    from b in unknown from v in Gen.Elements(fault.Variants) select Apply(b, v), redrawn: true);
            }),
            .. FamilyProbes.For(op, fixedBase, known, unknown, a => labels.Of(a)!,
                (rule, boundary, random, mode) => Suite(rule, boundary, random, mode)),
        ];
    }

    /// <summary>The smallest valid request reachable from a base by shrinking: required members only.</summary>
    static Json.Obj MinimalOf(Operation op, Json.Obj b) =>
        Bases.Smaller(op, b).Select(s => MinimalOf(op, s)).FirstOrDefault() ?? b;

    /// <summary>
    /// What the operation's model makes of the probes' two sides. A valid request to an empty account gets
    /// ResourceNotFoundException where the operation lists it (a Notify operation's unknown record), else success; a
    /// violating one gets InvalidParametersException where listed, else any client error (the framework's own
    /// validation error, not one the operation names).
    /// </summary>
    sealed class Labels(Operation op)
    {
        public readonly Expectation Valid = op.Errors.Contains(nameof(Expectation.ResourceNotFoundException))
            ? Expectation.ResourceNotFoundException : Expectation.Success;

        readonly Expectation invalid = op.Errors.Contains(nameof(Expectation.InvalidParametersException))
            ? Expectation.InvalidParametersException : Expectation.ClientError;

        public Expectation Of(Expectation side) => side switch
        {
            Probes.Probes.Valid => Valid,
            Probes.Probes.Invalid => invalid,
            _ => side,
        };

        public Ambiguity? Of(Ambiguity? a) => a is null || a.ByReading.Values.All(e => Of(e) == e) ? a
            : a with { ByReading = a.ByReading.ToDictionary(r => r.Key, r => Of(r.Value)) };
    }
}
