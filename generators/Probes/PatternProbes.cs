using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using NotifyContract.Generators.Values;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.pattern</c>: strings of allowed characters (every kind the class holds) are valid; a disallowed character
/// alone, or between allowed ones, is a violation; then the catalogue's character edges (line terminators, a
/// decomposed accent, DEL, BOM, U+FFFD, U+FFFE, emoji outside the BMP, engine stderr, a ReDoS-shaped string at the
/// limit, a lone surrogate). Each string is labelled by both sources (<see cref="Probes.Labelled"/>): invalid under
/// both is InvalidParameters; invalid under one only is ambiguous (observe).
/// </summary>
internal static class PatternProbes
{
    /// <summary><c>"\ud800"</c> as JSON text: System.Text.Json would write U+FFFD for a lone surrogate, so the bytes are ours.</summary>
    static readonly Json LoneSurrogate = new Json.Raw("\"\\ud800\""u8.ToArray());

    public static ConstraintProbes? For(Member m) => m.Pattern switch
    {
        null => null,
        { Simple: false } => Built(m),
        var pattern => Characters(m, pattern),
    };

    static ConstraintProbes Characters(Member m, PatternSources pattern)
    {
        var allowed = Alphabet.Allowed(m, nonAscii: false).Concat(Alphabet.Allowed(m, nonAscii: true))
            .Select(r => r.ToString());
        var every = string.Concat(allowed.OrderBy(s => !char.IsLetter(s[0]))); // a letter first suits every class
        var bad = Alphabet.Disallowed(m).Select(r => r.ToString()).ToArray();
        var max = m.MaxLength ?? int.MaxValue;
        bool Fits(string s) => s.Length <= max;

        Probe Label(string prefix, string disallowed, string suffix)
        {
            Probe? probe = null;
            probe = Labelled(m, ConstraintKind.Pattern, prefix + disallowed + suffix,
                $"{Unicode.Name(disallowed)} between {prefix.Length} and {suffix.Length} allowed characters",
                () => new[] { ("", suffix), (prefix, ""),
                    (prefix[..(prefix.Length / 2)], suffix[..(suffix.Length / 2)]) }
                    .Where(p => p.Item1.Length + p.Item2.Length < prefix.Length + suffix.Length).Distinct()
                    .Select(p => Label(p.Item1, disallowed, p.Item2))
                    .Where(p => p.Expect == probe!.Expect)
                    .Select(p => p.Edit!));
            return probe;
        }

        Probe Edge(string value, string note) => Labelled(m, ConstraintKind.Pattern, value, note);
        var first = Slice(m, 1);
        var letter = Alphabet.Letter(m);
        Probe[] boundary =
        [
            Edge(every[..Math.Min(every.Length, max)], "every kind of allowed character"),
            .. bad.Select(d => Edge(d, $"{Unicode.Name(d)} alone")),
            .. bad.Take(4).Select(d => Label(first, d, first)),
            // No letter or digit first, then allowed characters: `_abc` passes a search, fails a full match.
            .. Alphabet.Allowed(m, nonAscii: false).Where(r => !pattern.Model.First(r) && pattern.Model.Rest(r)).Take(1)
                .Select(r => Edge(r + Slice(m, 3), $"'{r}' first, then allowed characters")),
            .. Edges.Trailing.Select(t => Edge(Slice(m, 3) + t.Text, $"'{Slice(m, 3)}' + {t.What}")),
            .. Edges.Clusters.Where(c => !Alphabet.Allows(m, c.Text)).Select(c => Edge(c.Text, c.Note)),
            .. Realistic.EmojiFailureReasons.Where(Fits)
                .Select(r => Edge(r, "engine stderr with emoji outside the BMP")),
            // ReDoS-shaped: allowed characters to the limit, then one the class refuses (a search backtracks from each start).
            .. max < int.MaxValue && bad.Length > 0
                ? [Edge(Edges.Repeat(letter, max - 1) + bad[0],
                    $"{Unicode.Number(max - 1)} x '{letter}' + {Unicode.Name(bad[0])}")]
                : Array.Empty<Probe>(),
            // U+FFFF stands in for the surrogate: a character no reading's class holds.
            .. LoneSurrogateProbe(m),
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

    /// <summary>U+FFFF stands in for the surrogate: a character no reading's class holds. Not for a map's key: a key
    /// is the member's text, and this one is none.</summary>
    static Probe[] LoneSurrogateProbe(Member m) =>
        m.Name != "key" && !m.Pattern!.Full("\uFFFF") && !m.Pattern.Search("\uFFFF")
            ? [new Probe(Expectation.ClientError, new Edit(m.Path, LoneSurrogate), null,
                "a lone surrogate \\ud800 escaped in the JSON text: no Unicode string (a deserializer may refuse it), and no class holds it")]
            : [];

    /// <summary>Characters that break a value somewhere: separators, punctuation, non-ASCII, outside the BMP, controls.</summary>
    static readonly string[] Breakers = [" ", "/", "#", ":", "\u00E9", "\U0001D400", "\u3000", "\u0007"];

    /// <summary>
    /// A pattern that is more than a class (an ARN, twelve digits, an alternation): valid values built from the model's
    /// pattern (and a named one), then that value broken: a character of <see cref="Breakers"/> put first, in the
    /// middle or last, a character dropped, text before or after it, the catalogue's trailing edges. Each is labelled
    /// from the value under both readings; one that breaks a length too is left out.
    /// </summary>
    static ConstraintProbes Built(Member m)
    {
        var pattern = m.Pattern!;
        var (lo, hi) = (Math.Max(m.MinLength ?? 1, pattern.Model.Lengths.Min),
            Math.Min(m.MaxLength ?? int.MaxValue, pattern.Model.Lengths.Max));
        var value = ValidValues.Generated(pattern, Math.Min(lo + 8, hi), new Draws(7)) ?? ValidValues.Shortest(m);
        Probe? Edge(string v, string note) => TryLabelled(m, ConstraintKind.Pattern, v, note);
        static string At(string v, int i, string c) => v.Insert(i, c);
        var middle = value.Length / 2;
        var named = Named.For(m, ValidValues.Fits);
        Probe[] boundary =
        [
            .. new[]
            {
                Edge(value, "a value built from the pattern"),
                named.Length > 0 ? Edge(named[0], "a realistic value") : null,
                Edge(value[..^1], "the last character dropped"),
                Edge(value[1..], "the first character dropped"),
                Edge("x" + value, "'x' before a valid value"),
                Edge(value + "x", "a valid value, then 'x'"),
            }.OfType<Probe>(),
            .. Breakers.SelectMany(c => new[]
            {
                Edge(At(value, 0, c), $"{Unicode.Name(c)} first"),
                Edge(At(value, middle, c), $"{Unicode.Name(c)} in the middle"),
                Edge(value + c, $"{Unicode.Name(c)} last"),
            }).OfType<Probe>(),
            .. Edges.Trailing.Select(t => Edge(value + t.Text, $"a valid value + {t.What}")).OfType<Probe>(),
            .. LoneSurrogateProbe(m),
        ];
        var random = Gen.OneOf(
            Gen.Elements(boundary),
            from length in Gen.Choose(lo, Math.Min(hi, lo + 40))
            from seed in Gen.Choose(0, int.MaxValue)
            from c in Gen.Elements(Breakers)
            from at in Gen.Choose(0, length)
            let v = ValidValues.Generated(pattern, length, new Draws((ulong)seed))
            select v is null ? boundary[0]
                : Edge(At(v, Math.Min(at, v.Length), c), $"{Unicode.Name(c)} at {at} of a valid value")
                  ?? Edge(v, "a value built from the pattern") ?? boundary[0]);
        return new(RuleId.Constraint(m.Path, ConstraintKind.Pattern), boundary, random);
    }
}
