using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Probes;

/// <summary>One labelled edit of a valid request (no edit: the valid request itself), with what it probes.</summary>
internal sealed record Probe(Expectation Expect, Edit? Edit, Ambiguity? Ambiguity = null, string? Note = null);

/// <summary>One constraint rule on one member: its deterministic boundary probes and a generator of random ones.</summary>
/// <param name="Redrawn">The random probes are the boundary ones drawn again (on random valid requests).</param>
internal sealed record ConstraintProbes(RuleId Rule, IReadOnlyList<Probe> Boundary, Gen<Probe> Random,
    bool Redrawn = false);

/// <summary>Shared vocabulary of the constraint kinds.</summary>
internal static class Probes
{
    /// <summary>A valid value goes to an unknown record: the target must pass validation, then not find it.</summary>
    public const Expectation Valid = Expectation.ResourceNotFoundException;
    public const Expectation Invalid = Expectation.InvalidParametersException;

    public static Probe Set(Member m, Expectation expect, Json? value, Ambiguity? ambiguity = null,
        Func<IEnumerable<Edit>>? smaller = null, string? note = null) =>
        new(expect, new Edit(m.Path, value, smaller, note), ambiguity, note);

    public static Probe Set(Member m, Expectation expect, string text, string? note = null) =>
        Set(m, expect, new Json.Str(text), note: note);

    public static ConstraintProbes Fixed(Member m, ConstraintKind kind, IReadOnlyList<Probe> boundary) =>
        new(RuleId.Constraint(m.Path, kind), boundary, Gen.Elements<Probe>(boundary), Redrawn: true);

    /// <summary>
    /// A string value for the <paramref name="kind"/> rule of <paramref name="m"/>, labelled from the value itself under
    /// every reading: the rule's own question (code points or UTF-16 units for a length, the page's search or the
    /// model's full match for a pattern) decides the expectation, or an ambiguity where the readings differ. Every other
    /// constraint must hold under every reading (the empty string below a minimum of 1 is the one inherent exception),
    /// or the edge is a mistake in the catalogue and generation stops here. Length notes get the counts appended.
    /// </summary>
    public static Probe Labelled(Member m, ConstraintKind kind, string value, string note,
        Func<IEnumerable<Edit>>? smaller = null) =>
        TryLabelled(m, kind, value, note, smaller)
        ?? throw new InvalidOperationException($"edge of {m.Path}.{kind.Wire()} breaks another rule: {note}");

    /// <summary><see cref="Labelled"/>, or null when the value breaks another rule too (a candidate built by a
    /// heuristic, for a pattern that is more than a class, is then dropped: not a mistake of the catalogue).</summary>
    public static Probe? TryLabelled(Member m, ConstraintKind kind, string value, string note,
        Func<IEnumerable<Edit>>? smaller = null)
    {
        var (points, units) = (Unicode.CodePoints(value), value.Length);
        bool Min(int n) => n >= (m.MinLength ?? 0);
        bool Max(int n) => n <= (m.MaxLength ?? int.MaxValue);
        var (full, search) = (m.Pattern?.Full(value) ?? true, m.Pattern?.Search(value) ?? true);
        var (byRule, others) = kind switch
        {
            ConstraintKind.MinLength => ((Min(points), Min(units)), Max(points) && Max(units)
                && (full && search || value == "")),
            ConstraintKind.MaxLength => ((Max(points), Max(units)), Min(points) && Min(units) && full && search),
            ConstraintKind.Pattern => ((full, search), Min(points) && Min(units) && Max(points) && Max(units)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind,
                "only length and pattern edges are labelled from the value"),
        };
        if (kind != ConstraintKind.Pattern)
            note = $"{note}: {Count(points, "code point")}, {Count(units, "UTF-16 unit")}";
        if (!others) return null;
        // A long edge is rendered again each time a random case picks it: escape it once.
        var edit = new Edit(m.Path, value.Length > 256 ? Json.Str.Shared(value) : new Json.Str(value), smaller, note);
        return byRule switch
        {
            (true, true) => new(Valid, edit, null, note),
            (false, false) => new(Invalid, edit, null, note),
            var (a, b) => new(Expectation.Observe, edit, kind == ConstraintKind.Pattern
                ? Patterns(a ? Valid : Invalid, b ? Valid : Invalid, m.Pattern!.Why(note))
                : Lengths(a ? Valid : Invalid, b ? Valid : Invalid,
                    $"{note}: Smithy counts code points, a Java or .NET service may count UTF-16 units"), note),
        };
    }

    static string Count(int n, string unit) => $"{Unicode.Number(n)} {unit}{(n == 1 ? "" : "s")}";

    /// <summary><paramref name="length"/> allowed characters from the member's fill, starting at <paramref name="offset"/>.</summary>
    public static string Slice(Member m, int length, bool nonAscii = false, int offset = 0) =>
        Alphabet.Fill(m, nonAscii).Substring(offset, length);

    /// <summary><see cref="Slice"/> as a JSON string value, without copying the characters out of the fill.</summary>
    public static Json SliceValue(Member m, int length, bool nonAscii = false, int offset = 0) =>
        new Json.Chars(Alphabet.Fill(m, nonAscii), offset, length);

    public static readonly Gen<int> Offset = Gen.Choose(0, Alphabet.Offsets - 1);
    public static readonly Gen<bool> NonAscii = Gen.Elements(false, true);

    public static Ambiguity Patterns(Expectation full, Expectation search, string why) =>
        new(AmbiguityKind.Patterns, new Dictionary<string, Expectation> { ["full"] = full, ["search"] = search }, why);

    public static Ambiguity Lengths(Expectation codepoints, Expectation utf16, string why) =>
        new(AmbiguityKind.Lengths,
            new Dictionary<string, Expectation> { ["codepoints"] = codepoints, ["utf16"] = utf16 }, why);

    /// <summary>Content-Type: <c>strict</c> refuses another type (a client error), <c>lenient</c> reads the JSON anyway.</summary>
    public static Ambiguity ContentType(Expectation strict, Expectation lenient, string why) =>
        new(AmbiguityKind.ContentType,
            new Dictionary<string, Expectation> { ["strict"] = strict, ["lenient"] = lenient }, why);
}
