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

    public static ConstraintProbes? For(Member m)
    {
        if (m.Pattern is not { } pattern) return null;
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
            .. !pattern.Full("\uFFFF") && !pattern.Search("\uFFFF")
                ? [new Probe(Expectation.ClientError, new Edit(m.Path, LoneSurrogate), null,
                    "a lone surrogate \\ud800 escaped in the JSON text: no Unicode string (a deserializer may refuse it), and no class holds it")]
                : Array.Empty<Probe>(),
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
