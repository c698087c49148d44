using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.pattern</c>: strings of allowed characters (every kind the class holds) are valid; a disallowed character
/// alone, or between allowed ones, is a violation. Each string is labelled by both readings of DESIGN.md: invalid
/// under both is InvalidParameters; invalid only under a full match is ambiguous (observe).
/// </summary>
internal static class PatternProbes
{
    public static ConstraintProbes? For(Member m)
    {
        if (m.Pattern is null) return null;
        var shape = Alphabet.Shape(m);
        var allowed = Alphabet.Allowed(m, nonAscii: false).Concat(Alphabet.Allowed(m, nonAscii: true)).Select(r => r.ToString());
        var every = string.Concat(allowed.OrderBy(s => !char.IsLetter(s[0]))); // a letter first suits every class
        var bad = Alphabet.Disallowed(m).Select(r => r.ToString()).ToArray();

        Probe Label(string prefix, string disallowed, string suffix)
        {
            var s = prefix + disallowed + suffix;
            var (full, search) = (shape.Full(s), shape.Search(s));
            var expect = full ? Valid : !search ? Invalid : Expectation.Observe;
            var smaller = () => new[] { ("", suffix), (prefix, ""), (prefix[..(prefix.Length / 2)], suffix[..(suffix.Length / 2)]) }
                .Where(p => p.Item1.Length + p.Item2.Length < prefix.Length + suffix.Length).Distinct()
                .Select(p => Label(p.Item1, disallowed, p.Item2))
                .Where(p => p.Expect == expect)
                .Select(p => p.Edit!);
            return Set(m, expect, new Requests.Json.Str(s), expect != Expectation.Observe ? null : Patterns(Invalid, Valid,
                $"'{disallowed}' is outside the class, but a search finds a match (or the empty match)"), smaller);
        }

        var first = Slice(m, 1);
        Probe[] boundary =
        [
            Set(m, Valid, every[..Math.Min(every.Length, m.MaxLength ?? every.Length)]),
            .. bad.Select(d => Label("", d, "")),
            .. bad.Take(4).Select(d => Label(first, d, first)),
            // No letter or digit first, then allowed characters: `_abc` passes a search, fails a full match.
            .. Alphabet.Allowed(m, nonAscii: false).Where(r => !shape.First(r) && shape.Rest(r)).Take(1)
                .Select(r => Label("", r.ToString(), Slice(m, 3))),
        ];
        var random = Gen.OneOf(
            Gen.Elements(boundary),
            from d in Gen.Elements(bad)
            from before in Gen.Choose(0, 8)
            from after in Gen.Choose(0, 8)
            from offset in Offset
            select Label(Slice(m, before, offset: offset), d, Slice(m, after, offset: offset + 8)));
        return new(RuleId.Constraint(m.Path, ConstraintKind.Pattern), boundary, random);
    }
}
