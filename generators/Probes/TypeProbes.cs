using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using NotifyContract.Generators.Values;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.type</c>: the member's JSON type is valid (and, when optional, <c>null</c> or absent); any other JSON type is
/// rejected by the deserializer before validation, so it expects a client error, not a specific code.
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

    public static ConstraintProbes For(Member m)
    {
        var (right, wrong) = m.Type switch
        {
            MemberType.String => (new Json.Str(m.Enum?[0] ?? Alphabet.Shortest(m)),
                new[] { Number, Boolean, EmptyObject, EmptyList }),
            MemberType.Structure => (EmptyObject, new[] { Text, Number, Boolean, EmptyList }),
            MemberType.List => (EmptyList, new[] { EmptyObject, Text, Number, Boolean }),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Type, $"no JSON type for {m.Path}"),
        };
        // A list item (`Outputs.member`) has no "absent": null there is a sparse list, which the model does not allow.
        var optional = !m.Required && m.Name != "member";
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
