using System.Text;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
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
    public static ConstraintProbes? For(Member m) => m.MinLength is not { } min || m.Enum is not null ? null : m switch
    {
        { Type: MemberType.List or MemberType.Map } => EntryProbes.Fewest(m, min),
        { Pattern.Simple: false } => PatternLengths.Min(m, min),
        _ => Characters(m, min),
    };

    static ConstraintProbes Characters(Member m, int min)
    {
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
    public static ConstraintProbes? For(Member m) => m.MaxLength is not { } max || m.Enum is not null ? null : m switch
    {
        { Type: MemberType.List or MemberType.Map } => EntryProbes.Most(m, max),
        { Pattern.Simple: false } => PatternLengths.Max(m, max),
        _ => Characters(m, max),
    };

    static ConstraintProbes Characters(Member m, int max)
    {
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

/// <summary>
/// The length edges of a string whose pattern is more than a class (an ARN, twelve digits, an alternation): values of
/// the length are built from the model's pattern, so they break nothing else; edges the pattern cannot take at that
/// length (it is never that long or short) are left out. Non-BMP characters and grapheme clusters go into the
/// pattern's free part where it has one (an ARN's tail), labelled from the value as every length edge is.
/// </summary>
internal static class PatternLengths
{
    static string? Built(Member m, int length) =>
        length < 0 ? null : ValidValues.Generated(m.Pattern!, length, new Draws((ulong)length));

    static string? Plus(string? value, string tail) => value is null ? null : value + tail;

    public static ConstraintProbes Min(Member m, int min)
    {
        Probe? Edge(string? value, string note) =>
            value is null ? null : TryLabelled(m, ConstraintKind.MinLength, value, note);
        var shortest = m.Pattern!.Model.Lengths.Min;
        return Fixed(m, ConstraintKind.MinLength, [.. new[]
        {
            // Where the pattern is never that short (an ARN), its shortest value is the valid side.
            shortest <= min ? Edge(Built(m, min), "at the minimum")
                : Edge(Built(m, shortest), "the shortest value the pattern allows"),
            // One under a minimum of 1 is the empty string, which no pattern needing a character takes: inherent.
            min == 1 ? Labelled(m, ConstraintKind.MinLength, "", "one under the minimum")
                : Edge(Built(m, min - 1), "one under the minimum"),
        }.OfType<Probe>()]);
    }

    public static ConstraintProbes? Max(Member m, int max)
    {
        if (Built(m, max) is not { } atMax) return null; // never that long: the pattern alone bounds it
        Probe? Edge(string? value, string note) =>
            value is null ? null : TryLabelled(m, ConstraintKind.MaxLength, value, note);
        var far = Math.Min(Alphabet.Far(max), m.Pattern!.Model.Lengths.Max);
        Probe[] boundary =
        [
            .. new[]
            {
                Edge(atMax, "at the maximum"),
                Edge(Built(m, max + 1), "one past the maximum"),
                far > max + 1 ? Edge(Built(m, far), "far past the maximum") : null,
            }.OfType<Probe>(),
            .. Edges.Astral.SelectMany(a => new[]
            {
                Edge(Plus(Built(m, max - 1), a), $"{max - 1} BMP + {Unicode.Name(a)}"),
                Edge(Plus(Built(m, max), a), $"{max} BMP + {Unicode.Name(a)}"),
            }).OfType<Probe>(),
            .. Edges.Clusters.Take(3).Select(c => Edge(Plus(Built(m, max - Unicode.CodePoints(c.Text)), c.Text),
                $"{max - Unicode.CodePoints(c.Text)} + {c.Note}")).OfType<Probe>(),
        ];
        return Fixed(m, ConstraintKind.MaxLength, boundary);
    }
}

/// <summary>
/// A list's or map's length, in entries: exactly the minimum and maximum are valid, one fewer and one more (and far
/// more) are not. Entries are valid and, for a map, have distinct keys: a map whose keys are an enum of fewer values
/// than the limit cannot reach it with valid keys, so the rule is not probed (a longer map breaks the enum too).
/// </summary>
internal static class EntryProbes
{
    /// <summary><paramref name="count"/> valid entries; null for a map that has not that many distinct valid keys.</summary>
    static Json? Entries(Member m, int count)
    {
        if (m.Type == MemberType.List)
        {
            var item = ValidValues.Random(m.Item!);
            return new Json.Arr([.. Enumerable.Range(0, count).Select(i => item(new Draws((ulong)i))!)]);
        }
        var keys = new List<string>();
        var value = ValidValues.Random(m.Value!);
        for (var i = 0; keys.Count < count && i < count * 20 + 20; i++)
            if (ValidValues.Text(m.Key!, new Draws((ulong)i)) is var key && !keys.Contains(key)) keys.Add(key);
        return keys.Count < count ? null : Json.Object([.. keys.Select((k, i) => (k, value(new Draws((ulong)i))))]);
    }

    static string Count(Member m, int n) =>
        $"{Unicode.Number(n)} {(m.Type == MemberType.List ? n == 1 ? "item" : "items" : n == 1 ? "entry" : "entries")}";

    public static ConstraintProbes? Fewest(Member m, int min) => Entries(m, min) is not { } atMin ? null
        : Fixed(m, ConstraintKind.MinLength,
        [
            Set(m, Valid, atMin, note: $"at the minimum: {Count(m, min)}"),
            Set(m, Invalid, Entries(m, min - 1), note: $"one under the minimum: {Count(m, min - 1)}"),
        ]);

    public static ConstraintProbes? Most(Member m, int max) => Entries(m, max + 1) is not { } onePast ? null
        : Fixed(m, ConstraintKind.MaxLength,
        [
            Set(m, Valid, Entries(m, max), note: $"at the maximum: {Count(m, max)}"),
            Set(m, Invalid, onePast, note: $"one past the maximum: {Count(m, max + 1)}"),
            .. Entries(m, 2 * max + 1) is { } far
                ? [Set(m, Invalid, far, note: $"far past the maximum: {Count(m, 2 * max + 1)}")]
                : Array.Empty<Probe>(),
        ]);
}
