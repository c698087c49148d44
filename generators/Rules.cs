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
        PatternProbes.For,
        EnumProbes.For,
        TypeProbes.For,
    ];

    internal const string NoKnownRecord = "no known record: name one with --record";

    /// <summary>Seeds the one fixed base request the boundary cases edit (boundary cases never depend on --seed).</summary>
    const ulong BoundarySeed = 0x5EED;

    public static IReadOnlyList<RuleSuite> All(RecordSet records) =>
        ServiceCatalog.Operations.SelectMany(op => For(op, records)).ToList();

    public static IReadOnlyList<RuleSuite> For(Operation op, RecordSet records)
    {
        var unknown = Bases.Realistic(op, Bases.UnknownRecord(records));
        var fixedBase = unknown.Sample(1, new Rnd(BoundarySeed), 10)[0];
        var known = records.Known.Count == 0
            ? null
            : Bases.Realistic(op, d => d.Pick(records.Known), records.WorkflowToken);

        RuleSuite Suite(RuleId rule, IEnumerable<Draft> boundary, Gen<Draft> random, SendMode mode = SendMode.Once)
        {
            // Only Valid.accepted and Idempotency.* may name a known record; any other case would touch it.
            // Theirs keep the record's real token (a shrink toward a shorter one would be refused for the wrong reason).
            bool Allowed(Draft d) => rule == RuleId.ValidAccepted || rule.Value.StartsWith("Idempotency.")
                ? records.WorkflowToken is not { } token || d.Base["WorkflowToken"]?.IsText(token) == true
                : d.RecordId is not { } id || !records.Known.Any(id.IsText);
            // FsCheck builds every case's shrink sequence up front: an iterator costs nothing until a shrink is needed.
            IEnumerable<Case> Shrink(Case c)
            {
                foreach (var d in c.Draft!.Smaller())
                    if (Allowed(d)) yield return d.Render();
            }
            return new(rule, op.Name,
                boundary.Where(Allowed).Select(d => d.Render()).DistinctBy(c => c.Id).ToList(),
                Arb.From(random.Where(Allowed).Select(d => d.Render()), Shrink),
                mode);
        }

        RuleSuite Valid(RuleId rule, SendMode mode = SendMode.Once) =>
            known is null
                ? new(rule, op.Name, [], null, mode, NoKnownRecord)
                : Suite(rule, [], known.Select(b => new Draft(op, b, rule, Expectation.Success)), mode);

        var notFound = RuleId.RecordNotFound;
        return
        [
            Valid(RuleId.ValidAccepted),
            Suite(notFound,
                [new Draft(op, fixedBase, notFound, Expectation.ResourceNotFoundException, Note: "a realistic request"),
                 new Draft(op, MinimalOf(op, fixedBase), notFound, Expectation.ResourceNotFoundException,
                     Note: "the required members only")],
                unknown.Select(b => new Draft(op, b, notFound, Expectation.ResourceNotFoundException))),
            Valid(RuleId.IdempotencyReplay, SendMode.Replay),
            .. op.AllMembers().SelectMany(m => Kinds.Select(kind => kind(m))).OfType<ConstraintProbes>().Select(probes =>
            {
                Draft Apply(Json.Obj b, Probe p) => new(op, b, probes.Rule, p.Expect, p.Ambiguity, p.Edit,
                    Note: p.Note);
                return Suite(probes.Rule, probes.Boundary.Select(p => Apply(fixedBase, p)),
                    from b in unknown from p in probes.Random select Apply(b, p));
            }),
            .. ProtocolProbes.Faults.Select(fault =>
            {
                Draft Apply(Json.Obj b, Func<Draft, Draft> variant) =>
                    variant(new Draft(op, b, fault.Rule, Expectation.ClientError));
                return Suite(fault.Rule, fault.Variants.Select(v => Apply(fixedBase, v)),
                    from b in unknown from v in Gen.Elements(fault.Variants) select Apply(b, v));
            }),
            .. FamilyProbes.For(op, fixedBase, known, Suite),
        ];
    }

    /// <summary>The smallest valid request reachable from a base by shrinking: required members only.</summary>
    static Json.Obj MinimalOf(Operation op, Json.Obj b) =>
        Bases.Smaller(op, b).Select(s => MinimalOf(op, s)).FirstOrDefault() ?? b;
}
