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

    /// <summary>The tracer tag a Terraform engine sets on what it provisions.</summary>
    static Json ResourceIdentifier(Draws d) => Json.Object(("UniqueTag", Json.Object(
        ("Key", Str(Values.Realistic.TracerTagKey)),
        ("Value", Str(Values.Realistic.ProvisionedProductId(d))))));

    static Json Output(Draws d) => Json.Object(
        ("OutputKey", d.Pick(OutputKeys)),
        ("OutputValue", d.Pick(OutputValues)),
        ("Description", d.OneIn(5) ? d.Pick(Descriptions) : null));

    static readonly Json NoOutputs = new Json.Arr([]);

    /// <summary>Terraform outputs: none to eight, usually without a Description (the Python engine sends none).</summary>
    static Json Outputs(Draws d)
    {
        var items = new Json[d.Below(9)];
        for (var i = 0; i < items.Length; i++) items[i] = Output(d);
        return new Json.Arr([.. items]);
    }

    /// <summary>
    /// What a Terraform engine sends: a token, a UUID, FAILED (one in four) with a reason and <c>Outputs: []</c> (the
    /// Python engine always sends the list) or SUCCEEDED with outputs, the tracer tag four times in five. One FsCheck
    /// draw seeds every choice (<see cref="Draws"/>).
    /// </summary>
    /// <param name="workflowToken">The token to send instead of a drawn one (<see cref="RecordSet.WorkflowToken"/>).</param>
    public static Gen<Json.Obj> Realistic(Operation op, Func<Draws, string> recordId, string? workflowToken = null)
    {
        var token = workflowToken is null ? null : Json.Str.Shared(workflowToken);
        var (resource, outputs) = (op.Has("ResourceIdentifier"), op.Has("Outputs"));
        return from d in Draws.Gen
               let failed = d.OneIn(4)
               select Json.Object(
                   ("WorkflowToken", token ?? d.Pick(WorkflowTokens)),
                   ("RecordId", Str(recordId(d))),
                   ("Status", Str(failed ? "FAILED" : "SUCCEEDED")),
                   ("FailureReason", failed ? d.Pick(FailureReasons) : null),
                   ("ResourceIdentifier", resource && !d.OneIn(5) ? ResourceIdentifier(d) : null),
                   ("Outputs", !outputs ? null : failed ? NoOutputs : Outputs(d)),
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
    /// Realistic valid requests of an operation that takes no record: every required member, about half the optional
    /// ones, named values and fresh ids (<see cref="ValidValues.Random"/>).
    /// </summary>
    public static Gen<Json.Obj> Generic(Operation op)
    {
        var input = ValidValues.Random(op.Input);
        return Draws.Gen.Select(d => (Json.Obj)input(d)!);
    }

    /// <summary>
    /// Valid requests one step smaller: an optional member dropped, or a required one made its smallest valid value.
    /// A record's RecordId and Status stay (the record decides the expected answer; both statuses are as small).
    /// </summary>
    public static IEnumerable<Json.Obj> Smaller(Operation op, Json.Obj request)
    {
        var recordBound = ServiceCatalog.RecordBound(op.Name);
        foreach (var m in op.Members)
        {
            if (request[m.Name] is not { } value) continue;
            if (!m.Required)
                yield return Set(op, request, m, null);
            else if (!(recordBound && m.Name is "RecordId" or "Status") && ValidValues.Minimal(m) is var minimal
                     && !Same(value, minimal))
                yield return Set(op, request, m, minimal);
        }
    }

    static Json.Obj Set(Operation op, Json.Obj request, Member m, Json? value) =>
        (Json.Obj)Json.Edit(request, null, op.Members, [m.Name], value)!;

    static bool Same(Json a, Json b) =>
        a is Json.Str x && b is Json.Str y ? x.Value == y.Value : a.ToBytes().AsSpan().SequenceEqual(b.ToBytes());
}
