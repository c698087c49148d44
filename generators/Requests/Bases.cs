using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Requests;

/// <summary>Valid requests, the base every case edits: realistic ones, and smaller valid ones for shrinking.</summary>
internal static class Bases
{
    static Json Str(string s) => new Json.Str(s);

    static bool Has(Operation op, string member) => op.Members.Any(m => m.Name == member);

    static readonly Gen<Json?> Absent = Gen.Constant<Json?>(null);

    /// <summary>The tracer tag a Terraform engine sets on what it provisions.</summary>
    static readonly Gen<Json?> ResourceIdentifier =
        Values.Realistic.ProvisionedProductId.Select(pp => (Json?)Json.Object(
            ("UniqueTag", Json.Object(("Key", Str(Values.Realistic.TracerTagKey)), ("Value", Str(pp))))));

    static readonly Gen<Json> Output =
        from key in Values.Realistic.OutputKey
        from value in Values.Realistic.OutputValue
        from description in Gen.OneOf(Values.Realistic.Description.Select(d => (Json?)Str(d)), Absent)
        select (Json)Json.Object(("OutputKey", Str(key)), ("OutputValue", Str(value)), ("Description", description));

    /// <summary>Terraform outputs: none to a handful (an empty list is valid too).</summary>
    static readonly Gen<Json?> Outputs =
        from n in Gen.Choose(0, 5)
        from items in Gen.ArrayOf(Output, n)
        select (Json?)new Json.Arr([.. items]);

    /// <summary>What a Terraform engine sends: a token, a UUID, FAILED with a reason or SUCCEEDED with outputs.</summary>
    public static Gen<Json.Obj> Realistic(Operation op, Gen<string> recordIds) =>
        from failed in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from token in Values.Realistic.WorkflowToken
        from record in recordIds
        from reason in failed ? Values.Realistic.FailureReason.Select(r => (Json?)Str(r)) : Absent
        from resource in Has(op, "ResourceIdentifier") ? Gen.Frequency((4, ResourceIdentifier), (1, Absent)) : Absent
        from outputs in Has(op, "Outputs") && !failed ? Outputs : Absent
        from idempotencyToken in Values.Realistic.Uuid
        select Json.Object(
            ("WorkflowToken", Str(token)),
            ("RecordId", Str(record)),
            ("Status", Str(failed ? "FAILED" : "SUCCEEDED")),
            ("FailureReason", reason),
            ("ResourceIdentifier", resource),
            ("Outputs", outputs),
            ("IdempotencyToken", Str(idempotencyToken)));

    /// <summary>Realistic record ids the target does not know.</summary>
    public static Gen<string> UnknownRecord(RecordSet records) =>
        Values.Realistic.RecordId.Where(id => !records.Known.Contains(id));

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
