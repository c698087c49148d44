using NotifyContract.Generators.Contract;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary><c>X.enum</c>: every listed value is valid; near-misses (case, whitespace, empty, unknown word) are not.</summary>
internal static class EnumProbes
{
    static readonly string[] UnknownWords = ["PENDING", "IN_PROGRESS", "SUCCESS", "FAILURE", "CANCELLED"];

    static IEnumerable<string> NearMisses(string v) =>
        [v.ToLowerInvariant(), v[..1] + v[1..].ToLowerInvariant(), " " + v, v + " ", v + "\t"];

    public static ConstraintProbes? For(Member m) => m.Enum is not { } values ? null : Fixed(m, ConstraintKind.Enum,
    [
        .. values.Select(v => Set(m, Valid, v, "a listed value")),
        .. values.SelectMany(NearMisses).Append("").Concat(UnknownWords).Except(values)
            .Select(v => Set(m, Invalid, v, "not a listed value")),
    ]);
}
