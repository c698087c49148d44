using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using NotifyContract.Generators.Values;

namespace NotifyContract.Generators.Probes;

/// <summary>One labelled edit of a valid request (no edit: the valid request itself).</summary>
internal sealed record Probe(Expectation Expect, Edit? Edit, Ambiguity? Ambiguity = null);

/// <summary>One constraint rule on one member: its deterministic boundary probes and a generator of random ones.</summary>
internal sealed record ConstraintProbes(RuleId Rule, IReadOnlyList<Probe> Boundary, Gen<Probe> Random);

/// <summary>Shared vocabulary of the constraint kinds.</summary>
internal static class Probes
{
    /// <summary>A valid value goes to an unknown record: the target must pass validation, then not find it.</summary>
    public const Expectation Valid = Expectation.ResourceNotFoundException;
    public const Expectation Invalid = Expectation.InvalidParametersException;

    public static Probe Set(Member m, Expectation expect, Json? value, Ambiguity? ambiguity = null,
        Func<IEnumerable<Edit>>? smaller = null) => new(expect, new Edit(m.Path, value, smaller), ambiguity);

    public static Probe Set(Member m, Expectation expect, string text) => Set(m, expect, new Json.Str(text));

    public static ConstraintProbes Fixed(Member m, ConstraintKind kind, IReadOnlyList<Probe> boundary) =>
        new(RuleId.Constraint(m.Path, kind), boundary, Gen.Elements<Probe>(boundary));

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
        new(AmbiguityKind.Lengths, new Dictionary<string, Expectation> { ["codepoints"] = codepoints, ["utf16"] = utf16 }, why);
}
