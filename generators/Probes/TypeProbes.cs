using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.type</c>: the member's JSON type is valid (and, when optional, <c>null</c> or absent); any other JSON type is
/// rejected by the deserializer before validation, so it expects a client error, not a specific code. awsJson sends
/// a timestamp as epoch seconds (a number). A map's key has no type rule: JSON keys are always strings.
/// </summary>
internal static class TypeProbes
{
    static readonly Json Number = new Json.Num(7), Boolean = new Json.Bool(true), Text = new Json.Str("x"),
        EmptyObject = Json.Obj.Empty, EmptyList = new Json.Arr([]);

    static string Name(Json j) => j switch
    {
        Json.Str => "string",
        Json.Num => "number",
        Json.Bool => "boolean",
        Json.Obj => "object",
        Json.Arr => "array",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    public static ConstraintProbes? For(Member m)
    {
        if (m.Name == "key") return null;
        var (right, wrong) = m.Type switch
        {
            MemberType.String => (ValidValues.Minimal(m), new[] { Number, Boolean, EmptyObject, EmptyList }),
            MemberType.Structure => (ValidValues.Minimal(m), new[] { Text, Number, Boolean, EmptyList }),
            MemberType.List => (ValidValues.Minimal(m), new[] { EmptyObject, Text, Number, Boolean }),
            MemberType.Map => (ValidValues.Minimal(m), new[] { Text, Number, Boolean, EmptyList }),
            MemberType.Integer => (ValidValues.Minimal(m), new[] { new Json.Str("7"), Boolean, EmptyObject, EmptyList }),
            MemberType.Boolean => (new Json.Bool(true), new[] { new Json.Str("true"), new Json.Num(1), EmptyObject, EmptyList }),
            MemberType.Timestamp => (new Json.Num(1_700_000_000),
                new[] { new Json.Str("2023-11-14T22:13:20Z"), Boolean, EmptyObject, EmptyList }),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Type, $"no JSON type for {m.Path}"),
        };
        // A list's item or a map's value has no "absent": null there is a sparse list or map, which the model does
        // not allow.
        var optional = !m.Required && m.Name is not ("member" or "value");
        return Fixed(m, ConstraintKind.Type,
        [
            Set(m, Valid, right, note: $"a JSON {Name(right)}"),
            .. optional
                ? [Set(m, Valid, Json.Null.Value, note: "an explicit null for an optional member: the same as absent"),
                   Set(m, Valid, value: null, note: "absent")]
                : Array.Empty<Probe>(),
            .. wrong.Select(w => Set(m, Expectation.ClientError, w, note: $"a JSON {Name(w)}")),
        ]);
    }
}
