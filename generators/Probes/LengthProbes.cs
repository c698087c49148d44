using System.Text;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>The length edges of the catalogue: which clusters and non-BMP characters a member's pattern allows.</summary>
internal static class LengthEdges
{
    public static IEnumerable<Edges.Cluster> Clusters(Member m) => Edges.Clusters.Where(c => Alphabet.Allows(m, c.Text));

    public static IEnumerable<string> Astral(Member m) => Edges.Astral.Where(a => Alphabet.Allows(m, a));

    /// <summary>
    /// <paramref name="length"/> code points: allowed ASCII, then as many copies of <paramref name="cluster"/> as fit
    /// in <paramref name="room"/> code points (the ASCII first: some patterns want a letter or digit first).
    /// </summary>
    public static (string Value, string Note) Filled(Member m, Edges.Cluster cluster, int room, int length)
    {
        var size = Unicode.CodePoints(cluster.Text);
        var count = room / size;
        var pad = length - count * size;
        return (Slice(m, pad) + Edges.Repeat(cluster.Text, count), $"{pad} ASCII + {count} x {cluster.Note}");
    }
}

/// <summary>
/// <c>X.minLength</c>: exactly the minimum is valid (ASCII, non-ASCII, a non-BMP character, one grapheme cluster of
/// several code points), one less is invalid. For a pattern that needs a character (WorkflowToken,
/// IdempotencyToken) the empty string breaks the pattern too: inherent.
/// </summary>
internal static class MinLengthProbes
{
    public static ConstraintProbes? For(Member m)
    {
        if (m.MinLength is not { } min) return null;
        Probe Edge(string value, string note) => Labelled(m, ConstraintKind.MinLength, value, note);
        return Fixed(m, ConstraintKind.MinLength,
        [
            Edge(Slice(m, min), "at the minimum"),
            .. Alphabet.Allowed(m, nonAscii: true).Take(1)
                .Select(r => Edge(Edges.Repeat(r.ToString(), min), "at the minimum, non-ASCII")),
            .. LengthEdges.Astral(m).Select(a => Edge(Edges.Repeat(a, min), $"{min} x {Unicode.Name(a)}")),
            .. LengthEdges.Clusters(m).Take(2).Select(c => Edge(Edges.Repeat(c.Text, min), $"{min} x {c.Note}")),
            .. min > 0 ? [Edge(Slice(m, min - 1), "one under the minimum")] : Array.Empty<Probe>(),
        ]);
    }
}

/// <summary>
/// <c>X.maxLength</c>: exactly the maximum is valid, one more and far more are invalid (shrinking toward one more).
/// The catalogue's length edges, at the maximum and one past it, counted in code points: grapheme clusters of
/// several code points, a three-byte character throughout, and where the class accepts non-BMP characters, values
/// whose code points and UTF-16 units fall on either side of the limit (a length-unit ambiguity).
/// </summary>
internal static class MaxLengthProbes
{
    public static ConstraintProbes? For(Member m)
    {
        if (m.MaxLength is not { } max) return null;
        var far = Alphabet.Far(max);
        Probe TooLong(int length, int offset) => Set(m, Invalid, SliceValue(m, length, offset: offset),
            smaller: () => new[] { max + 1, (length + max + 1) / 2 }.Where(n => n < length).Distinct()
                .Select(n => TooLong(n, offset).Edit!),
            note: length == max + 1 ? "one past the maximum" : "far past the maximum");
        Probe Edge(string value, string note) => Labelled(m, ConstraintKind.MaxLength, value, note);
        var wide = Alphabet.Allows(m, "\u4E2D");
        var letter = Alphabet.Letter(m);
        Probe[] boundary =
        [
            Edge(Slice(m, max), "at the maximum"),
            Edge(Slice(m, max, nonAscii: true), "at the maximum, non-ASCII"),
            TooLong(max + 1, 0),
            TooLong(far, 0),
            .. wide ? [Edge(Edges.Repeat("\u4E2D", max), $"{max} x U+4E2D ({Unicode.Number(3 * max)} UTF-8 bytes)"),
                Edge(Edges.Repeat("\u4E2D", max + 1), $"{max + 1} x U+4E2D")] : Array.Empty<Probe>(),
            .. LengthEdges.Clusters(m)
                .SelectMany(c => new[] { max, max + 1 }.Select(n => LengthEdges.Filled(m, c, max, n)))
                .Select(e => Edge(e.Value, e.Note)),
            .. LengthEdges.Astral(m).SelectMany(a => new[]
            {
                Edge(Slice(m, max - 1) + a, $"{max - 1} BMP + {Unicode.Name(a)}"),
                Edge(Slice(m, max) + a, $"{max} BMP + {Unicode.Name(a)}"),
                Edge(Edges.Repeat(a, max / 2), $"{max / 2} x {Unicode.Name(a)}"),
                Edge(Edges.Repeat(a, max), $"{max} x {Unicode.Name(a)}"),
                Edge(Edges.Repeat(a, max + 1), $"{max + 1} x {Unicode.Name(a)}"),
            }),
            // ReDoS-shaped: one character repeated far past a short limit (a backtracking matcher's worst case).
            .. max < Edges.Long
                ? [Edge(Edges.Repeat(letter, Edges.Long + 1), $"{Unicode.Number(Edges.Long + 1)} x '{letter}'")]
                : Array.Empty<Probe>(),
        ];
        var random = Gen.OneOf(
            Gen.Elements(boundary),
            from nonAscii in NonAscii from offset in Offset select Set(m, Valid, SliceValue(m, max, nonAscii, offset)),
            from length in Gen.Choose(max + 1, far) from offset in Offset select TooLong(length, offset));
        return new(RuleId.Constraint(m.Path, ConstraintKind.MaxLength), boundary, random);
    }
}
