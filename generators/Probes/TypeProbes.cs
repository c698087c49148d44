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

    public static ConstraintProbes For(Member m)
    {
        var (right, wrong) = m.Type switch
        {
            MemberType.String => (new Json.Str(m.Enum?[0] ?? Alphabet.Shortest(m)), new[] { Number, Boolean, EmptyObject, EmptyList }),
            MemberType.Structure => (EmptyObject, new[] { Text, Number, Boolean, EmptyList }),
            _ => (EmptyList, new[] { EmptyObject, Text, Number, Boolean }),
        };
        // A list item (`Outputs.member`) has no "absent": null there is a sparse list, which the model does not allow.
        var optional = !m.Required && m.Name != "member";
        return Fixed(m, ConstraintKind.Type,
        [
            Set(m, Valid, right),
            .. optional ? [Set(m, Valid, Json.Null.Value), Set(m, Valid, value: null)] : Array.Empty<Probe>(),
            .. wrong.Select(w => Set(m, Expectation.ClientError, w)),
        ]);
    }
}
