using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.minLength</c>: exactly the minimum is valid (ASCII and non-ASCII), one less is invalid. For a pattern
/// that needs a character (WorkflowToken, IdempotencyToken) the empty string breaks the pattern too: inherent.
/// </summary>
internal static class MinLengthProbes
{
    public static ConstraintProbes? For(Member m) => m.MinLength is not { } min ? null : Fixed(m, ConstraintKind.MinLength,
    [
        Set(m, Valid, Slice(m, min)),
        .. Alphabet.Allowed(m, nonAscii: true).Take(1).Select(r => Set(m, Valid, string.Concat(Enumerable.Repeat(r.ToString(), min)))),
        .. min > 0 ? [Set(m, Invalid, Slice(m, min - 1))] : Array.Empty<Probe>(),
    ]);
}

/// <summary>
/// <c>X.maxLength</c>: exactly the maximum is valid, one more and far more are invalid (shrinking toward one more).
/// Where the class accepts a non-BMP character, max-1 BMP characters plus one non-BMP are valid in code points and
/// one too long in UTF-16 units: a length-unit ambiguity.
/// </summary>
internal static class MaxLengthProbes
{
    public static ConstraintProbes? For(Member m)
    {
        if (m.MaxLength is not { } max) return null;
        var far = Alphabet.Far(max);
        Probe TooLong(int length, int offset) => Set(m, Invalid, SliceValue(m, length, offset: offset),
            smaller: () => new[] { max + 1, (length + max + 1) / 2 }.Where(n => n < length).Distinct()
                .Select(n => TooLong(n, offset).Edit!));
        var astral = Alphabet.Astral(m) is { } a ? a.ToString() : null;
        Probe[] boundary =
        [
            Set(m, Valid, Slice(m, max)),
            Set(m, Valid, Slice(m, max, nonAscii: true)),
            TooLong(max + 1, 0),
            TooLong(far, 0),
            .. astral is null ? Array.Empty<Probe>() :
            [
                Set(m, Expectation.Observe, new Requests.Json.Str(Slice(m, max - 1) + astral), Lengths(Valid, Invalid,
                    $"{max} code points but {max + 1} UTF-16 units (one non-BMP character)")),
                Set(m, Invalid, Slice(m, max) + astral),
            ],
        ];
        var random = Gen.OneOf(
            Gen.Elements(boundary),
            from nonAscii in NonAscii from offset in Offset select Set(m, Valid, SliceValue(m, max, nonAscii, offset)),
            from length in Gen.Choose(max + 1, far) from offset in Offset select TooLong(length, offset));
        return new(RuleId.Constraint(m.Path, ConstraintKind.MaxLength), boundary, random);
    }
}
