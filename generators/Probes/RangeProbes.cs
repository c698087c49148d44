using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.minValue</c>: the minimum is valid, one under and far under it are not. The numbers stay 32-bit integers:
/// one a parser may not take as an integer at all (2147483648, 1e400) is a question of JSON's edges, not of the range.
/// </summary>
internal static class MinValueProbes
{
    public static ConstraintProbes? For(Member m) => m.MinValue is not { } min ? null : Fixed(m, ConstraintKind.MinValue,
    [
        Set(m, Valid, new Json.Num(min), note: "at the minimum"),
        Set(m, Invalid, new Json.Num(min - 1), note: "one under the minimum"),
        Set(m, Invalid, new Json.Num(Math.Max(min - 1000, int.MinValue)), note: "far under the minimum"),
    ]);
}

/// <summary><c>X.maxValue</c>: the maximum is valid, one past and far past it are not (32-bit integers, as above).</summary>
internal static class MaxValueProbes
{
    public static ConstraintProbes? For(Member m) => m.MaxValue is not { } max ? null : Fixed(m, ConstraintKind.MaxValue,
    [
        Set(m, Valid, new Json.Num(max), note: "at the maximum"),
        Set(m, Invalid, new Json.Num(max + 1), note: "one past the maximum"),
        Set(m, Invalid, new Json.Num(Math.Min(max + 1000, int.MaxValue)), note: "far past the maximum"),
    ]);
}
