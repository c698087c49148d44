using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary><c>X.required</c>: the member present is valid; missing or <c>null</c> is invalid.</summary>
internal static class RequiredProbes
{
    public static ConstraintProbes? For(Member m) => !m.Required ? null : Fixed(m, ConstraintKind.Required,
    [
        new Probe(Valid, null, Note: "present"),
        Set(m, Invalid, value: null, note: "absent"),
        Set(m, Invalid, Json.Null.Value, note: "an explicit null"),
    ]);
}
