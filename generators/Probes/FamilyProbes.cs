using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// Rules about the request as a whole, not one member: <c>Auth.*</c> (a valid request for an unknown record, its SigV4
/// signature broken one way per rule) and <c>Idempotency.conflict</c> (the same idempotency token again with another
/// body). <see cref="Rules.For"/> adds them per operation.
/// </summary>
internal static class FamilyProbes
{
    /// <summary>The rule ids <see cref="For"/> gives an operation, without building a case.</summary>
    public static IEnumerable<RuleId> Ids(Operation op) =>
    [
        .. Enum.GetValues<SigningFault>().Select(AuthRule),
        .. IdempotencyToken(op) is null ? [] : new[] { RuleId.IdempotencyConflict },
    ];

    /// <param name="known">Requests for a known record (a Notify operation's); null when there is none.</param>
    /// <param name="unknown">Valid requests that name nothing that exists (any other operation's conflict pair).</param>
    /// <param name="label">The operation's expectations for the probes' valid side (<see cref="Rules.For"/>'s).</param>
    /// <param name="suite">Builds a suite whose cases may shrink (<see cref="Rules.For"/>'s).</param>
    public static IEnumerable<RuleSuite> For(Operation op, Json.Obj fixedBase, Gen<Json.Obj>? known,
        Gen<Json.Obj> unknown, Func<Ambiguity, Ambiguity> label,
        Func<RuleId, IEnumerable<Draft>, Gen<Draft>, SendMode, RuleSuite> suite) =>
    [
        .. Enum.GetValues<SigningFault>().Select(fault => Auth(op, fixedBase, fault, label)),
        .. IdempotencyToken(op) is not { } token ? []
            : ServiceCatalog.RecordBound(op.Name) ? new[] { Conflict(op, known, suite) }
            : OtherString(op, token) is { } other ? [Conflict(op, unknown, other, label, suite)]
            : [],
    ];

    static RuleId AuthRule(SigningFault fault) => new($"Auth.{fault.Wire()}");

    static readonly Ambiguity Signatures = new(AmbiguityKind.Signatures,
        new Dictionary<string, Expectation>
        {
            ["verified"] = Expectation.AuthError,
            ["ignored"] = Probes.Valid,
        },
        "AWS refuses a request whose SigV4 signature does not verify (an authentication error); the contract does " +
        "not say what another server does, and most emulators read the request whoever signed it");

    /// <summary>
    /// One boundary case, no random ones: the body does not matter here, and each costs a request on AWS. Under the
    /// <c>ignored</c> reading it is the valid request for an unknown record it looks like.
    /// </summary>
    static RuleSuite Auth(Operation op, Json.Obj fixedBase, SigningFault fault, Func<Ambiguity, Ambiguity> label)
    {
        var rule = AuthRule(fault);
        var note = fault switch
        {
            SigningFault.Unsigned => "no Authorization header",
            SigningFault.WrongSignature => "signed with a made-up secret key",
            SigningFault.OtherRegion => "the credential scope names another region",
            SigningFault.OtherService => "the credential scope names another service",
            _ => "signed and dated 20 minutes ago",
        };
        var draft = new Draft(op, fixedBase, rule, Expectation.Observe, label(Signatures), Note: note);
        return new(rule, op.Name, [draft.Render() with { SigningFault = fault }], null);
    }

    /// <summary>
    /// A valid request for a known record, then the same with the other Status (same IdempotencyToken): the contract
    /// documents no conflict error, so both answers are recorded, not judged.
    /// </summary>
    static RuleSuite Conflict(Operation op, Gen<Json.Obj>? known,
        Func<RuleId, IEnumerable<Draft>, Gen<Draft>, SendMode, RuleSuite> suite)
    {
        var rule = RuleId.IdempotencyConflict;
        if (known is null) return new(rule, op.Name, [], null, SendMode.Pair, Rules.NoKnownRecord);
        return suite(rule, [], known.Select(b => new Draft(op, b, rule, Expectation.Success,
            Note: "the same IdempotencyToken again with the other Status",
            Then: new Edit("Status", new Json.Str(b["Status"]!.IsText("FAILED") ? "SUCCEEDED" : "FAILED")))),
            SendMode.Pair);
    }

    /// <summary>
    /// Any other operation whose model marks a token: a valid request, then the same with another value of one of its
    /// other strings and the same token (a second portfolio by another name, under the first one's token).
    /// </summary>
    static RuleSuite Conflict(Operation op, Gen<Json.Obj> unknown, Member other, Func<Ambiguity, Ambiguity> label,
        Func<RuleId, IEnumerable<Draft>, Gen<Draft>, SendMode, RuleSuite> suite)
    {
        var rule = RuleId.IdempotencyConflict;
        var valid = label(Signatures).ByReading["ignored"];
        var token = IdempotencyToken(op)!;
        // The token may be optional: the pair is about it, so both requests carry it.
        return suite(rule, [],
            from b in unknown
            from d in Values.Draws.Gen
            let tokened = b[token.Name] is null ? (Json.Obj)Json.Edit(b, null, op.Members, [token.Name],
                new Json.Str(ValidValues.Text(token, d)))! : b
            select new Draft(op, tokened, rule, valid,
                Note: $"the same {token.Name} again with another {other.Name}",
                Then: new Edit(other.Path, new Json.Str(Another(other, b[other.Name])))),
            SendMode.Pair);
    }

    /// <summary>A valid value of the member unlike <paramref name="current"/>.</summary>
    static string Another(Member m, Json? current)
    {
        for (var i = 1UL; ; i++)
            if (ValidValues.Text(m, new Values.Draws(i)) is var text && current?.IsText(text) != true) return text;
    }

    /// <summary>The member the model marks <c>idempotencyToken</c> (the Notify operations' IdempotencyToken).</summary>
    static Member? IdempotencyToken(Operation op) => op.Members.FirstOrDefault(m => m.IdempotencyToken);

    /// <summary>A required string of the operation, not its token, that takes more than one value: what the pair's
    /// second request changes.</summary>
    static Member? OtherString(Operation op, Member token) => op.Members.FirstOrDefault(m =>
        m != token && m.Required && m.Type == MemberType.String && m.Enum is not [_]);
}
