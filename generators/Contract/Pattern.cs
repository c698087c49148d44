using System.Globalization;
using System.Text;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Contract;

/// <summary>How a Smithy pattern is anchored (Smithy patterns search; only explicit anchors pin them).</summary>
public enum Anchoring
{
    /// <summary>No anchor (or an alternation whose branches anchor themselves): satisfied by a match anywhere.</summary>
    None,
    /// <summary>Anchored at the start only (<c>^...</c>): satisfied by any string with a matching prefix.</summary>
    Start,
    /// <summary>Anchored at both ends (<c>^...$</c>): the whole string must match.</summary>
    Both,
}

/// <summary>
/// A published pattern, read once into a small regex over code points (Smithy's unit; ECMA-262 syntax as Smithy
/// specifies): literals and escapes, classes with ranges, negation, <c>\d \w \s</c> and Unicode categories
/// <c>\p{..}</c>, <c>.</c>, groups, alternation, <c>* + ? {n} {n,} {n,m}</c> and the anchors <c>^ $</c> (no multiline:
/// <c>$</c> is the end of input). <see cref="Full"/> and <see cref="Search"/> run it as a Thompson NFA over the string's
/// code points, so no input makes them backtrack. A pattern of the form <c>^?[A][B]*$?</c>, <c>[C]+</c> or <c>[C]*</c>
/// (<see cref="Simple"/>) also exposes its classes (<see cref="First"/>, <see cref="Rest"/>): the length and pattern
/// probes build their values from them. Anything outside this syntax (lookarounds, backreferences) is refused.
/// </summary>
public sealed class ContractPattern
{
    public string Regex { get; }
    public Anchoring Anchoring { get; }

    /// <summary>The shortest and longest strings that match the whole pattern, in code points.</summary>
    public (int Min, int Max) Lengths { get; }

    /// <summary>The pattern is one class, or a class then another repeated: see the class members below.</summary>
    public bool Simple { get; }
    public Func<Rune, bool> First { get; } = _ => false;
    public Func<Rune, bool> Rest { get; } = _ => false;
    public bool NeedsOne { get; }

    readonly Regexp.Node root;
    readonly Regexp.Program program;

    public ContractPattern(string regex)
    {
        Regex = regex;
        root = new Regexp.Parser(regex).Parse();
        program = Regexp.Program.Compile(root);
        Lengths = Regexp.Lengths(root);
        var (start, body, end) = Regexp.Anchors(root);
        Anchoring = start && end ? Anchoring.Both : start ? Anchoring.Start : Anchoring.None;
        if (end && !start) Anchoring = Anchoring.None; // `...$` alone: a search anchored at the end only
        if (Regexp.ClassForm(body, end && !start) is ({ } first, { } rest, var needsOne))
        {
            Simple = true;
            (First, Rest, NeedsOne) = (first.Contains, rest.Contains, needsOne);
        }
    }

    /// <summary>The whole string matches (<c>\A(?:pattern)\z</c>, as Coral's whole-string match reads it).</summary>
    public bool Full(string s)
    {
        if (!Simple) return program.Run(Regexp.CodePoints(s), search: false);
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
    public bool Search(string s) => !Simple ? program.Run(Regexp.CodePoints(s), search: true) : Anchoring switch
    {
        Anchoring.Both => Full(s),
        _ when !NeedsOne => true, // `^C*` and `C*` match the empty prefix of anything
        Anchoring.Start => s.EnumerateRunes().Take(1).Any(First),
        _ => s.EnumerateRunes().Any(First),
    };

    /// <summary>A simple pattern accepts the character at any position.</summary>
    public bool Allows(Rune r) => First(r) && Rest(r);

    /// <summary>
    /// A string of exactly <paramref name="length"/> code points that matches the whole pattern, its characters drawn
    /// from <paramref name="pool"/> (in order of preference, each class taking those it holds); null when no such string
    /// can be built from the pool.
    /// </summary>
    internal string? Generate(Draws d, int length, IReadOnlyList<int> pool)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var text = new StringBuilder();
            if (!Regexp.Generate(root, length, d, pool, text)) return null;
            var s = text.ToString();
            if (Full(s)) return s; // an anchor inside a branch can make a built string miss
        }
        return null;
    }

    public override string ToString() => Regex;
}

/// <summary>The regex behind <see cref="ContractPattern"/>: syntax tree, parser, lengths, NFA, generation.</summary>
static class Regexp
{
    public abstract record Node;
    public sealed record One(CharClass Class) : Node;
    public sealed record Seq(Node[] Items) : Node;
    public sealed record Alt(Node[] Options) : Node;
    /// <summary><see cref="Max"/> -1: unbounded.</summary>
    public sealed record Repeat(Node Item, int Min, int Max) : Node;
    public sealed record Anchor(bool Start) : Node;

    /// <summary>A class of code points: ranges and predicates (categories, <c>\D</c> inside a class), maybe negated.</summary>
    public sealed class CharClass((int Lo, int Hi)[] ranges, Func<int, bool>[] predicates, bool negated)
    {
        public bool Contains(int c)
        {
            var hit = false;
            foreach (var (lo, hi) in ranges) if (c >= lo && c <= hi) { hit = true; break; }
            if (!hit) foreach (var p in predicates) if (p(c)) { hit = true; break; }
            return hit != negated;
        }

        public bool Contains(Rune r) => Contains(r.Value);

        /// <summary>Exactly one code point (a literal, an escape): it can end a range.</summary>
        public bool Single(out int c)
        {
            c = ranges is [var (lo, hi)] && lo == hi && predicates.Length == 0 && !negated ? lo : -1;
            return c >= 0;
        }

        readonly System.Collections.Concurrent.ConcurrentDictionary<IReadOnlyList<int>, int[]> held = new();

        /// <summary>The characters of <paramref name="pool"/> this class holds, in the pool's order (computed once).</summary>
        public int[] Held(IReadOnlyList<int> pool) => held.GetOrAdd(pool, p => [.. p.Where(Contains)]);

        public static CharClass Of(int c) => new([(c, c)], [], false);

        /// <summary>ECMA's <c>.</c>: any code point but the line terminators.</summary>
        public static readonly CharClass Dot = new([(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)], [], true);
    }

    public static int[] CodePoints(string s)
    {
        var points = new int[Unicode.CodePoints(s)];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
            points[n++] = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                ? char.ConvertToUtf32(s[i], s[++i])
                : s[i]; // a lone surrogate stays the one unit it is: no class of a published pattern holds one
        return points;
    }

    /// <summary>ECMA-262 pattern syntax, the part Smithy models use.</summary>
    public sealed class Parser(string pattern)
    {
        int i;
        readonly int[] p = CodePoints(pattern);

        public Node Parse()
        {
            var node = Alternation();
            if (i < p.Length) throw Unsupported($"unexpected '{char.ConvertFromUtf32(p[i])}' at {i}");
            return node;
        }

        Node Alternation()
        {
            List<Node> options = [Sequence()];
            while (Peek('|'))
            {
                i++;
                options.Add(Sequence());
            }
            return options.Count == 1 ? options[0] : new Alt([.. options]);
        }

        Node Sequence()
        {
            List<Node> items = [];
            while (i < p.Length && !Peek('|') && !Peek(')')) items.Add(Quantified());
            return items.Count == 1 ? items[0] : new Seq([.. items]);
        }

        Node Quantified()
        {
            var atom = Atom();
            while (i < p.Length)
            {
                var brace = p[i] == '{';
                (int Min, int Max)? q = p[i] switch
                {
                    '*' => (0, -1),
                    '+' => (1, -1),
                    '?' => (0, 1),
                    '{' => Braces(),
                    _ => null,
                };
                if (q is null) break;
                if (!brace) i++;
                if (Peek('?')) i++; // lazy: the same strings match
                if (atom is Anchor) throw Unsupported("a quantified anchor");
                atom = new Repeat(atom, q.Value.Min, q.Value.Max);
            }
            return atom;
        }

        /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>; a brace that starts none of them is a literal (ECMA Annex B).</summary>
        (int, int)? Braces()
        {
            var j = i + 1;
            int? Digits()
            {
                var start = j;
                while (j < p.Length && p[j] is >= '0' and <= '9') j++;
                return j > start ? int.Parse(string.Concat(p[start..j].Select(c => (char)c)), CultureInfo.InvariantCulture)
                    : null;
            }
            if (Digits() is not { } min) return null;
            var max = min;
            if (j < p.Length && p[j] == ',')
            {
                j++;
                max = Digits() ?? -1;
            }
            if (j >= p.Length || p[j] != '}') return null;
            if (max != -1 && max < min) throw Unsupported($"{{{min},{max}}}");
            i = j + 1;
            return (min, max);
        }

        Node Atom()
        {
            var c = p[i++];
            switch (c)
            {
                case '^': return new Anchor(true);
                case '$': return new Anchor(false);
                case '.': return new One(CharClass.Dot);
                case '[': return new One(Class());
                case '\\': return new One(Escape(inClass: false));
                case '(':
                    if (Peek('?'))
                    {
                        if (i + 1 < p.Length && p[i + 1] == ':') i += 2;
                        else throw Unsupported("lookarounds and named groups");
                    }
                    var inner = Alternation();
                    if (!Peek(')')) throw Unsupported("an unclosed group");
                    i++;
                    return inner;
                case '*' or '+' or '?' or ')' or '|':
                    throw Unsupported($"'{(char)c}' with nothing before it");
                default: return new One(CharClass.Of(c));
            }
        }

        CharClass Class()
        {
            var negated = Peek('^');
            if (negated) i++;
            List<(int, int)> ranges = [];
            List<Func<int, bool>> predicates = [];
            while (i < p.Length && p[i] != ']')
            {
                int lo;
                if (p[i] == '\\')
                {
                    i++;
                    var escaped = Escape(inClass: true);
                    if (!escaped.Single(out lo))
                    {
                        predicates.Add(escaped.Contains);
                        continue;
                    }
                }
                else lo = p[i++];
                if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
                {
                    i++;
                    int hi;
                    if (p[i] == '\\')
                    {
                        i++;
                        if (!Escape(inClass: true).Single(out hi)) throw Unsupported("a range ending in a class escape");
                    }
                    else hi = p[i++];
                    if (hi < lo) throw Unsupported($"the range {lo:X}-{hi:X}");
                    ranges.Add((lo, hi));
                }
                else ranges.Add((lo, lo));
            }
            if (i >= p.Length) throw Unsupported("an unclosed class");
            i++; // ']'
            return new([.. ranges], [.. predicates], negated);
        }

        /// <summary>After a backslash: a class escape, a Unicode category, <c>\uXXXX</c>, a control escape or an
        /// identity escape of punctuation.</summary>
        CharClass Escape(bool inClass)
        {
            if (i >= p.Length) throw Unsupported("a trailing backslash");
            var c = p[i++];
            switch (c)
            {
                case 'd': return new([('0', '9')], [], false);
                case 'D': return new([('0', '9')], [], true);
                case 'w': return new(Word, [], false);
                case 'W': return new(Word, [], true);
                case 's': return new(Space, [], false);
                case 'S': return new(Space, [], true);
                case 'p' or 'P':
                    var close = Array.IndexOf(p, '}', i);
                    if (!Peek('{') || close < 0) throw Unsupported("\\p without {name}");
                    var name = string.Concat(p[(i + 1)..close].Select(x => (char)x));
                    i = close + 1;
                    return new([], [Category(name)], c == 'P');
                case 'u':
                    if (i + 4 > p.Length) throw Unsupported("a short \\u escape");
                    var hex = string.Concat(p[i..(i + 4)].Select(x => (char)x));
                    i += 4;
                    return CharClass.Of(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                case 't': return CharClass.Of('\t');
                case 'n': return CharClass.Of('\n');
                case 'r': return CharClass.Of('\r');
                case 'f': return CharClass.Of('\f');
                case 'v': return CharClass.Of('\v');
                case '0': return CharClass.Of(0);
                case 'b' when inClass: return CharClass.Of('\b');
                default:
                    if (c < 0x80 && char.IsLetterOrDigit((char)c)) throw Unsupported($"\\{(char)c}");
                    return CharClass.Of(c);
            }
        }

        bool Peek(char c) => i < p.Length && p[i] == c;

        NotSupportedException Unsupported(string what) =>
            new($"pattern {pattern}: {what} is outside the regex syntax the harness reads");
    }

    static readonly (int, int)[] Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    /// <summary>ECMA's WhiteSpace and LineTerminator.</summary>
    static readonly (int, int)[] Space =
    [
        (0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
        (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
    ];

    static Func<int, bool> Category(string name)
    {
        static UnicodeCategory Of(int c) => c is >= 0 and <= 0x10FFFF
            ? CharUnicodeInfo.GetUnicodeCategory(c)
            : UnicodeCategory.OtherNotAssigned;
        var groups = new Dictionary<string, UnicodeCategory[]>
        {
            ["L"] = [UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter,
                UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter],
            ["Lu"] = [UnicodeCategory.UppercaseLetter], ["Ll"] = [UnicodeCategory.LowercaseLetter],
            ["Lt"] = [UnicodeCategory.TitlecaseLetter], ["Lm"] = [UnicodeCategory.ModifierLetter],
            ["Lo"] = [UnicodeCategory.OtherLetter],
            ["N"] = [UnicodeCategory.DecimalDigitNumber, UnicodeCategory.LetterNumber, UnicodeCategory.OtherNumber],
            ["Nd"] = [UnicodeCategory.DecimalDigitNumber], ["Nl"] = [UnicodeCategory.LetterNumber],
            ["No"] = [UnicodeCategory.OtherNumber],
            ["Z"] = [UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator, UnicodeCategory.ParagraphSeparator],
            ["Zs"] = [UnicodeCategory.SpaceSeparator], ["Zl"] = [UnicodeCategory.LineSeparator],
            ["Zp"] = [UnicodeCategory.ParagraphSeparator],
            ["M"] = [UnicodeCategory.NonSpacingMark, UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark],
            ["P"] = [UnicodeCategory.ConnectorPunctuation, UnicodeCategory.DashPunctuation,
                UnicodeCategory.OpenPunctuation, UnicodeCategory.ClosePunctuation, UnicodeCategory.InitialQuotePunctuation,
                UnicodeCategory.FinalQuotePunctuation, UnicodeCategory.OtherPunctuation],
            ["S"] = [UnicodeCategory.MathSymbol, UnicodeCategory.CurrencySymbol, UnicodeCategory.ModifierSymbol,
                UnicodeCategory.OtherSymbol],
        };
        if (!groups.TryGetValue(name, out var categories))
            throw new NotSupportedException($"the Unicode category {name} is outside the regex syntax the harness reads");
        return c => categories.Contains(Of(c));
    }

    const int Unbounded = int.MaxValue;

    static int Add(int a, int b) => a == Unbounded || b == Unbounded ? Unbounded : a + b;

    static int Times(int a, int n) => a == Unbounded || n == Unbounded ? (a == 0 || n == 0 ? 0 : Unbounded)
        : (int)Math.Min((long)a * n, Unbounded);

    /// <summary>The shortest and longest match of a node, in code points.</summary>
    public static (int Min, int Max) Lengths(Node node) => node switch
    {
        One => (1, 1),
        Anchor => (0, 0),
        Seq s => s.Items.Select(Lengths).Aggregate((0, 0), (a, b) => (Add(a.Item1, b.Min), Add(a.Item2, b.Max))),
        Alt a => (a.Options.Min(o => Lengths(o).Min), a.Options.Max(o => Lengths(o).Max)),
        Repeat r => RepeatLengths(r),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    static (int Min, int Max) RepeatLengths(Repeat r)
    {
        var (min, max) = Lengths(r.Item);
        return (Times(min, r.Min), r.Max == -1 ? (max == 0 ? 0 : Unbounded) : Times(max, r.Max));
    }

    /// <summary>The pattern without its outer anchors (and one group around what is left).</summary>
    public static (bool Start, Node Body, bool End) Anchors(Node root)
    {
        if (root is not Seq { Items: var items }) return (root is Anchor { Start: true }, root, root is Anchor { Start: false });
        var start = items[0] is Anchor { Start: true };
        var end = items[^1] is Anchor { Start: false };
        var body = items[(start ? 1 : 0)..(items.Length - (end ? 1 : 0))];
        return (start, body.Length == 1 ? body[0] : new Seq(body), end);
    }

    /// <summary><c>[A][B]*</c>, <c>[C]+</c> or <c>[C]*</c>: the first class, the rest's, whether one is needed.</summary>
    public static (CharClass? First, CharClass? Others, bool NeedsOne) ClassForm(Node body, bool endOnly) => endOnly
        ? default
        : body switch
        {
            Repeat { Item: One c, Min: 1, Max: -1 } => (c.Class, c.Class, true),
            Repeat { Item: One c, Min: 0, Max: -1 } => (c.Class, c.Class, false),
            Seq { Items: [One a, Repeat { Item: One b, Min: 0, Max: -1 }] } => (a.Class, b.Class, true),
            _ => default,
        };

    /// <summary>A Thompson NFA: instructions, run by keeping every live thread at once.</summary>
    public sealed class Program
    {
        enum Op : byte { Char, Split, Jump, Start, End, Match }

        readonly record struct Inst(Op Op, CharClass? Class, int X, int Y);

        readonly List<Inst> code = [];
        int entry;

        public static Program Compile(Node root)
        {
            var program = new Program();
            var match = program.Emit(new(Op.Match, null, 0, 0));
            program.entry = program.Compile(root, match);
            return program;
        }

        int Emit(Inst inst)
        {
            code.Add(inst);
            return code.Count - 1;
        }

        /// <summary>The instructions of <paramref name="node"/> that continue at <paramref name="next"/>; returns the entry.</summary>
        int Compile(Node node, int next)
        {
            switch (node)
            {
                case One one: return Emit(new(Op.Char, one.Class, next, 0));
                case Anchor a: return Emit(new(a.Start ? Op.Start : Op.End, null, next, 0));
                case Seq s:
                    for (var k = s.Items.Length - 1; k >= 0; k--) next = Compile(s.Items[k], next);
                    return next;
                case Alt a:
                    var entries = a.Options.Select(o => Compile(o, next)).ToList();
                    var at = entries[^1];
                    for (var k = entries.Count - 2; k >= 0; k--) at = Emit(new(Op.Split, null, entries[k], at));
                    return at;
                case Repeat r:
                    var tail = next;
                    if (r.Max == -1)
                    {
                        var loop = Emit(new(Op.Split, null, 0, next)); // patched below: body first, then on
                        code[loop] = code[loop] with { X = Compile(r.Item, loop) };
                        tail = loop;
                    }
                    else
                        for (var k = 0; k < r.Max - r.Min; k++) tail = Emit(new(Op.Split, null, Compile(r.Item, tail), next));
                    for (var k = 0; k < r.Min; k++) tail = Compile(r.Item, tail);
                    return tail;
                default: throw new ArgumentOutOfRangeException(nameof(node));
            }
        }

        /// <summary>Whether the pattern matches the whole input, or (<paramref name="search"/>) anywhere in it.</summary>
        public bool Run(int[] input, bool search)
        {
            var marks = new int[code.Count];
            var current = new List<int>();
            var next = new List<int>();
            for (var pos = 0; pos <= input.Length; pos++)
            {
                if (pos == 0 || search) Add(current, entry, pos, input.Length, marks);
                foreach (var pc in current)
                {
                    var inst = code[pc];
                    if (inst.Op == Op.Match && (search || pos == input.Length)) return true;
                    if (inst.Op == Op.Char && pos < input.Length && inst.Class!.Contains(input[pos]))
                        Add(next, inst.X, pos + 1, input.Length, marks);
                }
                (current, next) = (next, current);
                next.Clear();
                if (current.Count == 0 && !search) return false;
            }
            return false;
        }

        /// <summary>Follows the empty moves from <paramref name="pc"/> at <paramref name="pos"/>, once per instruction.</summary>
        void Add(List<int> list, int pc, int pos, int length, int[] marks)
        {
            if (marks[pc] == pos + 1) return;
            marks[pc] = pos + 1;
            var inst = code[pc];
            switch (inst.Op)
            {
                case Op.Jump: Add(list, inst.X, pos, length, marks); break;
                case Op.Split:
                    Add(list, inst.X, pos, length, marks);
                    Add(list, inst.Y, pos, length, marks);
                    break;
                case Op.Start: if (pos == 0) Add(list, inst.X, pos, length, marks); break;
                case Op.End: if (pos == length) Add(list, inst.X, pos, length, marks); break;
                default: list.Add(pc); break;
            }
        }
    }

    /// <summary>Appends a string of exactly <paramref name="length"/> code points that <paramref name="node"/> matches;
    /// false when none can be built (too short or long for it, or no character of <paramref name="pool"/> fits a class).</summary>
    public static bool Generate(Node node, int length, Draws d, IReadOnlyList<int> pool, StringBuilder into)
    {
        var (min, max) = Lengths(node);
        if (length < min || length > max) return false;
        switch (node)
        {
            case Anchor: return true;
            case One one:
                var fits = one.Class.Held(pool);
                if (fits.Length == 0) return false;
                into.Append(char.ConvertFromUtf32(fits[d.Below(fits.Length)]));
                return true;
            case Alt a:
                var options = a.Options.Where(o => Lengths(o) is var (lo, hi) && length >= lo && length <= hi).ToList();
                return options.Count > 0 && Generate(options[d.Below(options.Count)], length, d, pool, into);
            case Seq s: return Spread(s.Items, length, d, pool, into);
            case Repeat r:
                var (itemMin, itemMax) = Lengths(r.Item);
                var most = r.Max == -1 ? Math.Max(r.Min, length) : r.Max;
                var counts = Enumerable.Range(r.Min, most - r.Min + 1)
                    .Where(k => Times(itemMin, k) <= length && Times(itemMax, k) >= length).Take(8).ToList();
                if (counts.Count == 0) return false;
                var count = counts[d.Below(counts.Count)];
                if (itemMin == itemMax) // each copy as long as any other: no sharing out to do
                {
                    for (var k = 0; k < count; k++)
                        if (!Generate(r.Item, itemMin, d, pool, into)) return false;
                    return true;
                }
                return Spread(Enumerable.Repeat(r.Item, count).ToArray(), length, d, pool, into);
            default: throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    /// <summary>Shares <paramref name="length"/> among the items, each within its own lengths.</summary>
    static bool Spread(Node[] items, int length, Draws d, IReadOnlyList<int> pool, StringBuilder into)
    {
        var lengths = items.Select(Lengths).ToArray();
        var (restMins, restMaxes) = (new int[items.Length + 1], new int[items.Length + 1]);
        for (var k = items.Length - 1; k >= 0; k--)
        {
            restMins[k] = Add(restMins[k + 1], lengths[k].Min);
            restMaxes[k] = Add(restMaxes[k + 1], lengths[k].Max);
        }
        var left = length;
        for (var k = 0; k < items.Length; k++)
        {
            var (restMin, restMax) = (restMins[k + 1], restMaxes[k + 1]);
            var lo = Math.Max(lengths[k].Min, restMax == Unbounded ? 0 : left - restMax);
            var hi = Math.Min(lengths[k].Max, left - restMin);
            if (lo > hi) return false;
            // Short parts are likelier: a long free tail (an ARN's .{0,1023}) takes what the others leave.
            var take = k == items.Length - 1 ? left : lo + d.Below(Math.Min(hi - lo, 16) + 1);
            if (take > hi) take = hi;
            if (!Generate(items[k], take, d, pool, into)) return false;
            left -= take;
        }
        return left == 0;
    }
}
