using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Bogus;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Generators.Values;

/// <summary>
/// A model pattern read as character classes over code points (Smithy's unit): <c>First Rest*</c>, with
/// <see cref="NeedsOne"/> when the pattern cannot match the empty string. Gives the verdict under both readings of
/// DESIGN.md (full match, or a match anywhere, honouring the model's anchors).
/// </summary>
internal sealed record PatternShape(Func<Rune, bool> First, Func<Rune, bool> Rest, bool NeedsOne, Anchoring Anchoring)
{
    public bool Full(string s)
    {
        var runes = s.EnumerateRunes().ToArray();
        return runes.Length == 0 ? !NeedsOne : First(runes[0]) && runes.Skip(1).All(Rest);
    }

    public bool Search(string s) => Anchoring switch
    {
        Anchoring.Both => Full(s),
        _ when !NeedsOne => true, // `^C*` and `C*` match the empty prefix of anything
        Anchoring.Start => s.EnumerateRunes().Take(1).Any(First),
        _ => s.EnumerateRunes().Any(First),
    };

    public bool Allows(Rune r) => First(r) && Rest(r);
}

/// <summary>The characters the generators draw from, sorted per member by the member's pattern.</summary>
internal static class Alphabet
{
    static bool AsciiAlnum(Rune r) => r.IsAscii && Rune.IsLetterOrDigit(r);
    static bool Base64(Rune r) => AsciiAlnum(r) || r.Value is '+' or '/' or '=';
    static bool RecordIdChar(Rune r) => AsciiAlnum(r) || r.Value is '_' or '-';
    static bool ReasonChar(Rune r) => r.Value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD);
    static bool UniqueTagChar(Rune r) => (r.IsAscii && "_.:/=+-@".Contains((char)r.Value))
        || Rune.GetUnicodeCategory(r) is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Each published pattern (ServiceCatalog.cs) as classes; a pattern missing here fails the coverage test.</summary>
    static readonly Dictionary<string, PatternShape> Shapes = new()
    {
        [@"[0-9A-Za-z+\/=]+"] = new(Base64, Base64, NeedsOne: true, Anchoring.None),
        [@"^[a-zA-Z0-9_\-]*"] = new(RecordIdChar, RecordIdChar, NeedsOne: false, Anchoring.Start),
        [@"[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*"] = new(ReasonChar, ReasonChar, NeedsOne: false, Anchoring.None),
        [@"[a-zA-Z0-9][a-zA-Z0-9_-]*"] = new(AsciiAlnum, RecordIdChar, NeedsOne: true, Anchoring.None),
        [@"^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$"] = new(UniqueTagChar, UniqueTagChar, NeedsOne: false, Anchoring.Both),
    };

    static readonly PatternShape Anything = new(_ => true, _ => true, NeedsOne: false, Anchoring.Both);

    public static PatternShape Shape(Member m) =>
        m.Pattern is null ? Anything
        : Shapes.TryGetValue(m.Pattern.Regex, out var s) ? s
        : throw new InvalidOperationException($"no character classes for the pattern of {m.Path}");

    static readonly string[] LineTerminators = ["\n", "\r", "\u0085", "\u2028", "\u2029"];

    /// <summary>
    /// Candidate characters: ASCII, controls, BMP letters/digits/spaces from several scripts, non-characters, and
    /// non-BMP letters and symbols. Line terminators are left out: `$` also matches before a final one.
    /// </summary>
    static readonly Rune[] Pool =
        Enumerable.Range(0x20, 0x5F).Select(i => new Rune(i))
            .Concat("\t\u0001\u001F\u007F\u00A0\u00E9\u00DF\u0436\u05D0\u0663\u4E2D\u3000\uFFFE\uFFFD".EnumerateRunes())
            .Concat(new[] { 0x1D400, 0x1D7D9, 0x1F600, 0x10348 }.Select(v => new Rune(v)))
            .Where(r => !LineTerminators.Contains(r.ToString()))
            .ToArray();

    /// <summary>Characters any reading accepts anywhere in the member (first and later positions).</summary>
    public static Rune[] Allowed(Member m, bool nonAscii) =>
        Pool.Where(r => Shape(m).Allows(r) && r.IsBmp && (nonAscii ? !r.IsAscii : r.IsAscii) && !Rune.IsControl(r)).ToArray();

    /// <summary>Characters outside the member's class (the pattern's `Rest`).</summary>
    public static Rune[] Disallowed(Member m) => Pool.Where(r => !Shape(m).Rest(r)).ToArray();

    /// <summary>A non-BMP character the member's class accepts (one code point, two UTF-16 units), if any.</summary>
    public static Rune? Astral(Member m) => Pool.Where(r => !r.IsBmp && Shape(m).Allows(r)).Cast<Rune?>().FirstOrDefault();

    /// <summary>The shortest valid value: a letter (else any allowed character), as often as the minimum length asks.</summary>
    public static string Shortest(Member m) =>
        string.Concat(Enumerable.Repeat(Allowed(m, nonAscii: false).OrderBy(r => !Rune.IsLetter(r)).First().ToString(),
            Math.Max(m.MinLength ?? 1, 1)));

    /// <summary>How far past a max length the "far beyond" cases go.</summary>
    public static int Far(int max) => Math.Max(2 * max, max + 1000);

    public const int Offsets = 64;

    static readonly ConcurrentDictionary<(string Path, bool NonAscii), string> Fills = new();

    /// <summary>
    /// A long deterministic string of allowed characters (fixed Bogus seed), built once per member; any substring of it
    /// fully matches the member's pattern, so length cases are cheap slices that break nothing but the length.
    /// </summary>
    public static string Fill(Member m, bool nonAscii) => Fills.GetOrAdd((m.Path, nonAscii), _ =>
    {
        var ascii = Allowed(m, nonAscii: false);
        var wide = nonAscii ? Allowed(m, nonAscii: true) : [];
        var random = new Randomizer(m.Path.Length * 7919 + (nonAscii ? 1 : 0));
        var sb = new StringBuilder();
        for (var i = 0; i < Far(m.MaxLength ?? 1) + Offsets; i++)
            sb.Append((wide.Length > 0 && random.Bool(0.3f) ? random.ArrayElement(wide) : random.ArrayElement(ascii)).ToString());
        return sb.ToString();
    });
}
