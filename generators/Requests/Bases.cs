using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Requests;

/// <summary>Valid requests, the base every case edits: realistic ones, and smaller valid ones for shrinking.</summary>
internal static class Bases
{
    static Json Str(string s) => new Json.Str(s);

    /// <summary>The realistic pools as shared JSON strings, escaped once (<see cref="Json.Str.Shared"/>).</summary>
    static Json.Str[] Shared(string[] pool) => [.. pool.Select(Json.Str.Shared)];

    static readonly Json.Str[] WorkflowTokens = Shared(Values.Realistic.WorkflowTokens),
        FailureReasons = Shared(Values.Realistic.FailureReasons), OutputKeys = Shared(Values.Realistic.OutputKeys),
        OutputValues = Shared(Values.Realistic.OutputValues), Descriptions = Shared(Values.Realistic.Descriptions);

    static bool Has(Operation op, string member) => op.Members.Any(m => m.Name == member);

    /// <summary>The tracer tag a Terraform engine sets on what it provisions.</summary>
    static Json ResourceIdentifier(Draws d) => Json.Object(("UniqueTag", Json.Object(
        ("Key", Str(Values.Realistic.TracerTagKey)),
        ("Value", Str(Values.Realistic.ProvisionedProductId(d))))));

    static Json Output(Draws d) => Json.Object(
        ("OutputKey", d.Pick(OutputKeys)),
        ("OutputValue", d.Pick(OutputValues)),
        ("Description", d.OneIn(2) ? d.Pick(Descriptions) : null));

    /// <summary>Terraform outputs: none to a handful (an empty list is valid too).</summary>
    static Json Outputs(Draws d)
    {
        var items = new Json[d.Below(6)];
        for (var i = 0; i < items.Length; i++) items[i] = Output(d);
        return new Json.Arr([.. items]);
    }

    /// <summary>
    /// What a Terraform engine sends: a token, a UUID, FAILED (one in four) with a reason or SUCCEEDED with outputs,
    /// the tracer tag four times in five. One FsCheck draw seeds every choice (<see cref="Draws"/>).
    /// </summary>
    /// <param name="workflowToken">The token to send instead of a drawn one (<see cref="RecordSet.WorkflowToken"/>).</param>
    public static Gen<Json.Obj> Realistic(Operation op, Func<Draws, string> recordId, string? workflowToken = null)
    {
        var token = workflowToken is null ? null : Json.Str.Shared(workflowToken);
        var (resource, outputs) = (Has(op, "ResourceIdentifier"), Has(op, "Outputs"));
        return from d in Draws.Gen
               let failed = d.OneIn(4)
               select Json.Object(
                   ("WorkflowToken", token ?? d.Pick(WorkflowTokens)),
                   ("RecordId", Str(recordId(d))),
                   ("Status", Str(failed ? "FAILED" : "SUCCEEDED")),
                   ("FailureReason", failed ? d.Pick(FailureReasons) : null),
                   ("ResourceIdentifier", resource && !d.OneIn(5) ? ResourceIdentifier(d) : null),
                   ("Outputs", outputs && !failed ? Outputs(d) : null),
                   ("IdempotencyToken", Str(Values.Realistic.Uuid(d))));
    }

    /// <summary>Realistic record ids the target does not know.</summary>
    public static Func<Draws, string> UnknownRecord(RecordSet records) => d =>
    {
        var id = Values.Realistic.RecordId(d);
        while (records.Known.Contains(id)) id = Values.Realistic.RecordId(d);
        return id;
    };

    /// <summary>
    /// Valid requests one step smaller: an optional member dropped, or a required string made its shortest valid
    /// value. RecordId and Status stay (the record decides the expected answer; both statuses are as small).
    /// </summary>
    public static IEnumerable<Json.Obj> Smaller(Operation op, Json.Obj request)
    {
        foreach (var m in op.Members.Where(m => request[m.Name] is not null))
        {
            if (!m.Required)
                yield return (Json.Obj)Json.Edit(request, [m.Name], null)!;
            else if (m.Name is not ("RecordId" or "Status") && request[m.Name] is Json.Str s
                     && Alphabet.Shortest(m) is var shortest && s.Value != shortest)
                yield return (Json.Obj)Json.Edit(request, [m.Name], Str(shortest))!;
        }
    }
}
