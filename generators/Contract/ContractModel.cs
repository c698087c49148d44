using System.Text;

namespace NotifyContract.Generators.Contract;

public enum MemberType { String, Structure, List }

/// <summary>
/// One member of an input shape. <see cref="Path"/> is the dotted path used in rule ids
/// (<c>ResourceIdentifier.UniqueTag.Key</c>); nested members are in <see cref="Members"/> (structures)
/// or <see cref="Item"/> (lists).
/// </summary>
public sealed record Member(
    string Path,
    string Name,
    MemberType Type,
    bool Required = false,
    int? MinLength = null,
    int? MaxLength = null,
    PatternSources? Pattern = null,
    IReadOnlyList<string>? Enum = null,
    IReadOnlyList<Member>? Members = null,
    Member? Item = null);

/// <summary>One operation: its name, the short tag in case ids (<c>prov</c>), and its input members in model order.</summary>
public sealed record Operation(string Name, string Tag, IReadOnlyList<Member> Members)
{
    /// <summary>Every member, nested ones included, depth first.</summary>
    public IEnumerable<Member> AllMembers() => Members.SelectMany(Flatten);

    public bool Has(string member) => Members.Any(m => m.Name == member);

    static IEnumerable<Member> Flatten(Member m) =>
        new[] { m }
            .Concat((m.Members ?? []).SelectMany(Flatten))
            .Concat(m.Item is null ? [] : Flatten(m.Item));
}

/// <summary>
/// What the two published sources say about a member's pattern: the page (unanchored, as printed) and the current
/// service model (anchored <c>^...$</c>). They are the two readings of DESIGN.md: <c>search</c> reads the page's
/// pattern as Smithy does (a match anywhere satisfies it), <c>full</c> reads the model's as Coral does (the whole
/// string must match).
/// </summary>
public sealed record PatternSources(ContractPattern Page, ContractPattern Model)
{
    public bool Full(string s) => Model.Full(s);
    public bool Search(string s) => Page.Search(s);

    /// <summary>A character every reading accepts at any position.</summary>
    public bool Allows(Rune r) => Page.Allows(r) && Model.Allows(r);

    /// <summary>A character some reading refuses after the first position.</summary>
    public bool Refuses(Rune r) => !Page.Rest(r) || !Model.Rest(r);

    /// <summary>Why a string's verdict depends on the source, citing both.</summary>
    public string Why(string what) =>
        $"{what}: the page's pattern {Page.Regex} is satisfied by a match anywhere (Smithy search); the current service " +
        $"model's {Model.Regex} needs the whole string (Coral)";
}

/// <summary>How a Smithy pattern is anchored (Smithy patterns search; only explicit anchors pin them).</summary>
public enum Anchoring
{
    /// <summary>No anchor: satisfied by any string that contains a match.</summary>
    None,
    /// <summary>Anchored at the start only (<c>^...</c>): satisfied by any string with a matching prefix.</summary>
    Start,
    /// <summary>Anchored at both ends (<c>^...$</c>): the whole string must match.</summary>
    Both,
}

/// <summary>
/// A published pattern, read once from its text into character classes over code points (Smithy's unit):
/// <c>First Rest*</c>, with <see cref="NeedsOne"/> when it cannot match the empty string. The contract's patterns
/// use a small subset (<c>^?(?[A][B]*|[C]+|[C]*)$?</c>, classes of characters, ranges, <c>\uXXXX</c> and
/// <c>\p{L}</c>/<c>\p{Z}</c>/<c>\p{N}</c>); anything else is refused when the model loads.
/// </summary>
public sealed record ContractPattern
{
    public string Regex { get; }
    public Anchoring Anchoring { get; }
    public Func<Rune, bool> First { get; }
    public Func<Rune, bool> Rest { get; }
    public bool NeedsOne { get; }

    public ContractPattern(string regex)
    {
        Regex = regex;
        var p = regex;
        var start = p.StartsWith('^');
        var end = p.EndsWith('$') && !p.EndsWith(@"\$");
        p = p[(start ? 1 : 0)..(p.Length - (end ? 1 : 0))];
        if (p.StartsWith('(') && p.EndsWith(')')) p = p[1..^1];
        Anchoring = start && end ? Anchoring.Both : start ? Anchoring.Start
            : end ? throw Unsupported(regex) : Anchoring.None;

        var atoms = new List<(Func<Rune, bool> Class, char Quantifier)>();
        var i = 0;
        while (i < p.Length)
        {
            if (p[i] != '[') throw Unsupported(regex);
            var cls = ParseClass(p, ref i, regex);
            var q = i < p.Length && p[i] is '*' or '+' ? p[i++] : '1';
            atoms.Add((cls, q));
        }
        (First, Rest, NeedsOne) = atoms switch
        {
            [(var c, '+')] => (c, c, true),
            [(var c, '*')] => (c, c, false),
            [(var a, '1'), (var b, '*')] => (a, b, true),
            _ => throw Unsupported(regex),
        };
    }

    static NotSupportedException Unsupported(string regex) =>
        new($"pattern {regex} is outside the subset the generators read");

    /// <summary>The whole string matches.</summary>
    public bool Full(string s)
    {
        var first = true;
        var any = false;
        foreach (var r in s.EnumerateRunes())
        {
            if (!(first ? First(r) : Rest(r))) return false;
            first = false;
            any = true;
        }
        return any || !NeedsOne;
    }

    /// <summary>Smithy's reading: a match anywhere, honouring the explicit anchors.</summary>
    public bool Search(string s) => Anchoring switch
    {
        Anchoring.Both => Full(s),
        _ when !NeedsOne => true, // `^C*` and `C*` match the empty prefix of anything
        Anchoring.Start => s.EnumerateRunes().Take(1).Any(First),
        _ => s.EnumerateRunes().Any(First),
    };

    public bool Allows(Rune r) => First(r) && Rest(r);

    /// <summary>One bracketed class: characters, ranges, escapes and the three Unicode categories the contract uses.</summary>
    static Func<Rune, bool> ParseClass(string p, ref int i, string regex)
    {
        i++; // '['
        var ranges = new List<(int Lo, int Hi)>();
        var categories = new List<Func<Rune, bool>>();
        while (i < p.Length && p[i] != ']')
        {
            if (p[i] == '\\' && i + 1 < p.Length && p[i + 1] == 'p')
            {
                var close = p.IndexOf('}', i);
                categories.Add(Category(p[(i + 3)..close], regex));
                i = close + 1;
                continue;
            }
            var lo = Char(p, ref i, regex);
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                i++;
                ranges.Add((lo, Char(p, ref i, regex)));
            }
            else ranges.Add((lo, lo));
        }
        if (i >= p.Length) throw Unsupported(regex);
        i++; // ']'
        var (spans, cats) = (ranges.ToArray(), categories.ToArray());
        return r => spans.Any(s => r.Value >= s.Lo && r.Value <= s.Hi) || cats.Any(c => c(r));
    }

    static int Char(string p, ref int i, string regex)
    {
        if (p[i] != '\\') return p[i++];
        if (p[i + 1] == 'u')
        {
            var value = Convert.ToInt32(p.Substring(i + 2, 4), 16);
            i += 6;
            return value;
        }
        if (char.IsLetterOrDigit(p[i + 1])) throw Unsupported(regex); // \d, \w, \s...: not in the contract
        i += 2;
        return p[i - 1];
    }

    static Func<Rune, bool> Category(string name, string regex) => name switch
    {
        "L" => r => Rune.GetUnicodeCategory(r) is >= System.Globalization.UnicodeCategory.UppercaseLetter
            and <= System.Globalization.UnicodeCategory.OtherLetter,
        "N" => r => Rune.GetUnicodeCategory(r) is >= System.Globalization.UnicodeCategory.DecimalDigitNumber
            and <= System.Globalization.UnicodeCategory.OtherNumber,
        "Z" => r => Rune.GetUnicodeCategory(r) is >= System.Globalization.UnicodeCategory.SpaceSeparator
            and <= System.Globalization.UnicodeCategory.ParagraphSeparator,
        _ => throw Unsupported(regex),
    };
}
