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
    /// <param name="known">Requests for a known record; null when there is none.</param>
    /// <param name="suite">Builds a suite whose cases may shrink (<see cref="Rules.For"/>'s).</param>
    public static IEnumerable<RuleSuite> For(Operation op, Json.Obj fixedBase, Gen<Json.Obj>? known,
        Func<RuleId, IEnumerable<Draft>, Gen<Draft>, SendMode, RuleSuite> suite) =>
    [
        .. Enum.GetValues<SigningFault>().Select(fault => Auth(op, fixedBase, fault)),
        .. IdempotencyToken(op) is null ? [] : new[] { Conflict(op, known, suite) },
    ];

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
    static RuleSuite Auth(Operation op, Json.Obj fixedBase, SigningFault fault)
    {
        var rule = new RuleId($"Auth.{fault.Wire()}");
        var note = fault switch
        {
            SigningFault.Unsigned => "no Authorization header",
            SigningFault.WrongSignature => "signed with a made-up secret key",
            SigningFault.OtherRegion => "the credential scope names another region",
            SigningFault.OtherService => "the credential scope names another service",
            _ => "signed and dated 20 minutes ago",
        };
        var draft = new Draft(op, fixedBase, rule, Expectation.Observe, Signatures, Note: note);
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

    /// <summary>The member the model marks <c>idempotencyToken</c>: the Notify operations' IdempotencyToken.</summary>
    static Member? IdempotencyToken(Operation op) => op.Members.FirstOrDefault(m => m.Name == "IdempotencyToken");
}
