using System.Collections.Concurrent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Requests;

/// <summary>
/// Valid values of any member, valid under every reading (both patterns, code points and UTF-16 units): the smallest
/// one (<see cref="Minimal"/>: what a missing container becomes when an edit reaches into it, and what shrinking
/// reduces to), and realistic random ones (<see cref="Random"/>), built per member once and drawn per case.
/// </summary>
internal static class ValidValues
{
    /// <summary>Printable ASCII, letters and digits thrice: what values built from a pattern's classes draw from.</summary>
    static readonly int[] Ascii =
    [
        .. Enumerable.Range(0, 3).SelectMany(_ => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        .. Enumerable.Range(0x21, 0x5E).Where(c => !char.IsAsciiLetterOrDigit((char)c)),
    ];

    static readonly ConcurrentDictionary<Member, Json> Minimals = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The smallest valid value: a structure of its required members, a list or map of as few entries as it must
    /// have, the shortest string (the first enum value), the integer nearest 0 in range, <c>false</c>, epoch 0.
    /// </summary>
    public static Json Minimal(Member m) => Minimals.GetOrAdd(m, _ => m.Type switch
    {
        MemberType.Structure => Json.Object([.. (m.Members ?? []).Where(c => c.Required)
            .Select(c => (c.Name, (Json?)Minimal(c)))]),
        MemberType.List => new Json.Arr([.. Enumerable.Repeat(Minimal(m.Item!), m.MinLength ?? 0)]),
        MemberType.Map => Json.Object([.. Keys(m.Key!, m.MinLength ?? 0).Select(k => (k, (Json?)Minimal(m.Value!)))]),
        MemberType.Integer => new Json.Num(Math.Clamp(0, m.MinValue ?? long.MinValue, m.MaxValue ?? long.MaxValue)),
        MemberType.Boolean => new Json.Bool(false),
        MemberType.Timestamp => new Json.Num(0),
        _ => new Json.Str(Shortest(m)),
    });

    /// <summary>The shortest valid string: the first enum value, else built from the member's pattern or characters.</summary>
    public static string Shortest(Member m) =>
        m.Enum is [var first, ..] ? first
        : m.Pattern is { Simple: false } p ? Generated(p, Math.Max(m.MinLength ?? 1, p.Model.Lengths.Min), new Draws(0))
            ?? throw Unsatisfiable(m)
        : Alphabet.Shortest(m);

    /// <summary><paramref name="count"/> distinct valid keys of a map.</summary>
    static IEnumerable<string> Keys(Member key, int count)
    {
        if (count == 0) return [];
        var d = new Draws(1);
        var keys = new List<string> { Shortest(key) };
        for (var tries = 0; keys.Count < count && tries < count * 20; tries++)
            if (Text(key, d) is var k && !keys.Contains(k)) keys.Add(k);
        return keys.Count == count ? keys : throw Unsatisfiable(key);
    }

    static InvalidOperationException Unsatisfiable(Member m) =>
        new($"{m.Path}: no valid value can be built from its constraints");

    /// <summary>Whether a string is valid for the member under every reading.</summary>
    public static bool Fits(Member m, string s)
    {
        var (points, units) = (Unicode.CodePoints(s), s.Length);
        return points >= (m.MinLength ?? 0) && Math.Max(points, units) <= (m.MaxLength ?? int.MaxValue)
            && (m.Pattern is not { } p || p.Full(s) && p.Search(s))
            && (m.Enum is not { } values || values.Contains(s));
    }

    static readonly ConcurrentDictionary<Member, Func<Draws, Json?>> Randoms = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A realistic valid value, drawn per case: named values where the name says what the member holds, fresh ids,
    /// a fresh UUID for an idempotency token, a structure's required members and about half its optional ones.
    /// Null: leave the member out (only for an optional member that must not be made up: a page token).
    /// </summary>
    public static Func<Draws, Json?> Random(Member m) => Randoms.GetOrAdd(m, _ => Build(m));

    static Func<Draws, Json?> Build(Member m)
    {
        switch (m.Type)
        {
            case MemberType.Structure:
                var members = (m.Members ?? []).Where(c => c.Required || !Named.ServerIssued(c))
                    .Select(c => (c.Name, c.Required, Value: Random(c))).ToArray();
                return d =>
                {
                    var present = new List<(string, Json?)>(members.Length);
                    foreach (var (name, required, value) in members)
                        if (required || d.OneIn(2)) present.Add((name, value(d)));
                    return Json.Object([.. present]);
                };
            case MemberType.List:
                var item = Random(m.Item!);
                var (fewest, most) = Counts(m);
                return d =>
                {
                    var items = new Json[fewest + d.Below(most - fewest + 1)];
                    for (var i = 0; i < items.Length; i++) items[i] = item(d)!;
                    return new Json.Arr([.. items]);
                };
            case MemberType.Map:
                var (key, value) = (m.Key!, Random(m.Value!));
                var (least, largest) = Counts(m);
                return d =>
                {
                    var entries = new Dictionary<string, Json>();
                    var want = least + d.Below(largest - least + 1);
                    for (var tries = 0; entries.Count < want && tries < want * 4; tries++)
                        entries.TryAdd(Text(key, d), value(d)!);
                    if (entries.Count < least) return Minimal(m);
                    return Json.Object([.. entries.Select(e => (e.Key, (Json?)e.Value))]);
                };
            case MemberType.Integer:
                var lo = m.MinValue ?? 0;
                var hi = Math.Min(m.MaxValue ?? long.MaxValue, lo + 20);
                return d => new Json.Num(lo + d.Below((int)(hi - lo + 1)));
            case MemberType.Boolean:
                return d => new Json.Bool(d.OneIn(2));
            case MemberType.Timestamp:
                // Epoch seconds (awsJson's timestamps), in the last few years.
                return d => new Json.Num(1_600_000_000 + d.Below(200_000_000));
            default:
                return d => new Json.Str(Text(m, d));
        }
    }

    /// <summary>How many entries a list or map gets: as few as it must have, up to three more within its maximum.</summary>
    static (int Fewest, int Most) Counts(Member m)
    {
        var fewest = m.MinLength ?? 0;
        return (fewest, Math.Min(m.MaxLength ?? int.MaxValue, fewest + 3));
    }

    static readonly ConcurrentDictionary<Member, Func<Draws, string>> Texts = new(ReferenceEqualityComparer.Instance);

    /// <summary>A valid string for the member (enum value, token, id, named value, or built from its pattern).</summary>
    public static string Text(Member m, Draws d) => Texts.GetOrAdd(m, _ => TextOf(m))(d);

    static Func<Draws, string> TextOf(Member m)
    {
        if (m.Enum is { } values) return d => values[d.Below(values.Count)];
        if (m.IdempotencyToken && Fits(m, Realistic.Uuid(new Draws(0)))) return Realistic.Uuid;
        if (Named.IsId(m) && Fits(m, Named.FreshId(m, new Draws(0)))) return d => Named.FreshId(m, d);
        var named = Named.For(m, Fits);
        if (named.Length > 0) return d => named[d.Below(named.Length)];
        if (m.Pattern is { Simple: false } p)
        {
            var (lo, hi) = (Math.Max(m.MinLength ?? 1, p.Model.Lengths.Min),
                Math.Min(m.MaxLength ?? int.MaxValue, p.Model.Lengths.Max));
            if (lo > hi) throw Unsatisfiable(m);
            var shortest = Shortest(m);
            return d => Generated(p, lo + d.Below(Math.Min(hi - lo, 40) + 1), d) ?? shortest;
        }
        var min = Math.Max(m.MinLength ?? 1, 1);
        var max = Math.Min(m.MaxLength ?? int.MaxValue, min + 24);
        var fill = Alphabet.Fill(m, nonAscii: false);
        return d => fill.Substring(d.Below(Alphabet.Offsets), min + d.Below(max - min + 1));
    }

    /// <summary>A string of <paramref name="length"/> code points the model's pattern matches whole (so the page's
    /// search finds it too), from printable ASCII; null when the pattern has none that long.</summary>
    public static string? Generated(PatternSources p, int length, Draws d) => p.Model.Generate(d, length, Ascii);
}
