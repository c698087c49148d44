using System.Collections.Concurrent;
using System.Text;

namespace NotifyContract.Generators.Values;

/// <summary>Lengths as the contract counts them: code points (Unicode scalar values), counted here, not by a library.</summary>
internal static class Unicode
{
    /// <summary>Code points: a surrogate pair is one, anything else (a lone surrogate too) one per UTF-16 unit.</summary>
    public static int CodePoints(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++, n++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        return n;
    }

    /// <summary>A count as notes write it (<c>2,048</c>), whatever the culture: the same seed writes the same bytes.</summary>
    public static string Number(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>U+1D400</c> for each code point, as notes name characters.</summary>
    public static string Name(string s)
    {
        var name = new StringBuilder(s.Length * 7);
        foreach (var r in s.EnumerateRunes())
            name.Append(name.Length == 0 ? "" : " ").Append("U+").Append(r.Value.ToString("X4"));
        return name.ToString();
    }
}

/// <summary>
/// The edge catalogue: what Smithy's malformed-request suites test and real servers get wrong. Each probe kind picks
/// the edges its member's pattern allows; <see cref="Probes.Probes.Labelled"/> works out the expectation.
/// </summary>
internal static class Edges
{
    /// <summary>One grapheme cluster of several code points: what a text-element count (JMESPath's length()) gets wrong.</summary>
    public sealed record Cluster(string Text, string What)
    {
        public string Note => $"{Unicode.Name(Text)} ({What})";
    }

    public static readonly Cluster[] Clusters =
    [
        new("e\u0301", "e and a combining acute accent"),
        new("\u1100\u1161\u11A8", "Hangul conjoining jamo, all letters"),
        new("\u2764\uFE0F", "a heart and a variation selector"),
        new("\u26F9\uFE0F\u200D\u2642\uFE0F", "a ZWJ sequence inside the BMP"),
        new("\r\n", "CR LF"),
        new("\u270C\U0001F3FD", "victory hand, medium skin tone"),
        new("\U0001F468\u200D\U0001F469\u200D\U0001F467", "a family: a ZWJ sequence"),
        new("\U0001F1EB\U0001F1F7", "a regional-indicator flag"),
        new("\U0001D400\uFF9E", "a non-BMP letter and an extending letter: one cluster starting outside the BMP"),
    ];

    /// <summary>Characters outside the BMP: one code point, two UTF-16 units (a letter each, so a UniqueTag allows them).</summary>
    public static readonly string[] Astral = ["\U0001D400", "\U00020000"];

    /// <summary>
    /// Characters appended to a valid value, one at a time: line terminators (.NET's and Java's <c>$</c> also match
    /// before a final <c>\n</c>), a decomposed accent (a mark is no <c>\p{L}</c>), DEL, BOM, the replacement
    /// character, a non-character, emoji outside the BMP.
    /// </summary>
    public static readonly (string Text, string What)[] Trailing =
    [
        ("\n", "a trailing newline"),
        ("\r\n", "a trailing CR LF"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u0085", "U+0085 NEXT LINE"),
        ("e\u0301", "a decomposed accent (e U+0301)"),
        ("\u007F", "U+007F DELETE"),
        ("\uFEFF", "U+FEFF BYTE ORDER MARK"),
        ("\uFFFD", "U+FFFD REPLACEMENT CHARACTER"),
        ("\uFFFE", "U+FFFE, a non-character"),
        ("\u270C\U0001F3FD", "U+270C U+1F3FD (emoji outside the BMP)"),
        ("\U0001F1EB\U0001F1F7", "a regional-indicator flag"),
    ];

    /// <summary>How long the ReDoS-shaped strings are at least: a backtracking search is quadratic in this.</summary>
    public const int Long = 10_000;

    static readonly ConcurrentDictionary<(string, int), string> Repeats = new();

    /// <summary><paramref name="text"/> <paramref name="count"/> times, built once (edge strings run to 20,000 characters).</summary>
    public static string Repeat(string text, int count) => Repeats.GetOrAdd((text, count), k =>
        new StringBuilder(k.Item1.Length * k.Item2).Insert(0, k.Item1, k.Item2).ToString());
}
