using System.Collections.Concurrent;
using System.Text;
using Bogus;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Generators.Values;

/// <summary>The characters the generators draw from, sorted per member by the member's pattern.</summary>
internal static class Alphabet
{
    /// <summary>Whether every reading of the member's pattern accepts the character anywhere (no pattern: any).</summary>
    static bool Allows(Member m, Rune r) => m.Pattern?.Allows(r) ?? true;

    /// <summary>Whether every reading of the member's pattern accepts every code point of <paramref name="s"/> anywhere.</summary>
    public static bool Allows(Member m, string s) => s.EnumerateRunes().All(r => Allows(m, r));

    static readonly string[] LineTerminators = ["\n", "\r", "\u0085", "\u2028", "\u2029"];

    /// <summary>
    /// Candidate characters: ASCII, controls, BMP letters/digits/spaces from several scripts, non-characters, and
    /// non-BMP letters and symbols. Line terminators are left out: `$` also matches before a final one.
    /// </summary>
    static readonly Rune[] Pool =
        Enumerable.Range(0x20, 0x5F).Select(i => new Rune(i))
            .Concat("\t\u0001\u001F\u007F\u00A0\u00E9\u00DF\u0436\u05D0\u0663\u4E2D\u3000\uFFFE\uFFFD".EnumerateRunes())
            .Concat(new[] { 0x1D400, 0x1D7D9, 0x1F600, 0x10348 }.Select(v => new Rune(v)))
            .Append(new Rune(0)) // U+0000 last: C strings and databases end at it
            .Where(r => !LineTerminators.Contains(r.ToString()))
            .ToArray();

    /// <summary>Characters any reading accepts anywhere in the member (first and later positions).</summary>
    public static Rune[] Allowed(Member m, bool nonAscii) =>
        Pool.Where(r => Allows(m, r) && r.IsBmp && (nonAscii ? !r.IsAscii : r.IsAscii) && !Rune.IsControl(r)).ToArray();

    /// <summary>Characters some reading refuses after the first position (outside the pattern's class).</summary>
    public static Rune[] Disallowed(Member m) => Pool.Where(r => m.Pattern?.Refuses(r) ?? false).ToArray();

    /// <summary>The shortest valid value: a letter (else any allowed character), as often as the minimum length asks.</summary>
    public static string Shortest(Member m) =>
        string.Concat(Enumerable.Repeat(Allowed(m, nonAscii: false).OrderBy(r => !Rune.IsLetter(r)).First().ToString(),
            Math.Max(m.MinLength ?? 1, 1)));

    /// <summary>The first allowed ASCII letter or digit: the character ReDoS-shaped edges repeat.</summary>
    public static string Letter(Member m) => Allowed(m, nonAscii: false).First(Rune.IsLetterOrDigit).ToString();

    /// <summary>How far past a max length the "far beyond" cases go.</summary>
    public static int Far(int max) => Math.Max(2 * max, max + 1000);

    public const int Offsets = 64;

    /// <summary>By member: members of the same path in two operations may differ in their constraints.</summary>
    static readonly ConcurrentDictionary<(Member Member, bool NonAscii), string> Fills = new();

    /// <summary>
    /// A long deterministic string of allowed characters (fixed Bogus seed), built once per member; any substring of it
    /// fully matches the member's pattern, so length cases are cheap slices that break nothing but the length.
    /// </summary>
    public static string Fill(Member m, bool nonAscii) => Fills.GetOrAdd((m, nonAscii), _ =>
    {
        var ascii = Allowed(m, nonAscii: false);
        var wide = nonAscii ? Allowed(m, nonAscii: true) : [];
        var random = new Randomizer(m.Path.Length * 7919 + (nonAscii ? 1 : 0));
        var sb = new StringBuilder();
        for (var i = 0; i < Far(m.MaxLength ?? 1) + Offsets; i++)
            sb.Append((wide.Length > 0 && random.Bool(0.3f) ? random.ArrayElement(wide) : random.ArrayElement(ascii))
                .ToString());
        return sb.ToString();
    });
}
