using NotifyContract.Generators.Contract;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary><c>X.enum</c>: every listed value is valid; near-misses (case, whitespace, empty, unknown word) are not.
/// A near-miss the enum's own length bounds refuse too (the empty string under a minimum of 1) is left out.</summary>
internal static class EnumProbes
{
    static readonly string[] UnknownWords = ["PENDING", "IN_PROGRESS", "SUCCESS", "FAILURE", "CANCELLED"];

    static IEnumerable<string> NearMisses(string v) =>
        [v.ToLowerInvariant(), v[..1] + v[1..].ToLowerInvariant(), " " + v, v + " ", v + "\t"];

    public static ConstraintProbes? For(Member m) => m.Enum is not { } values ? null : Fixed(m, ConstraintKind.Enum,
    [
        .. values.Select(v => Set(m, Valid, v, "a listed value")),
        .. values.SelectMany(NearMisses).Append("").Concat(UnknownWords).Except(values).Where(v => Fits(m, v))
            .Select(v => Set(m, Invalid, v, "not a listed value")),
    ]);

    static bool Fits(Member m, string v) =>
        Values.Unicode.CodePoints(v) >= (m.MinLength ?? 0) && v.Length <= (m.MaxLength ?? int.MaxValue);
}
