using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Checks;

/// <summary>
/// The input members an error answer blames, for <see cref="Registry.RightMember"/>: a Smithy server's
/// <c>fieldList</c> paths (<c>/ResourceIdentifier/UniqueTag/Key</c>); else Coral's
/// <c>Value '...' at 'resourceIdentifier.uniqueTag.key' failed to satisfy constraint</c> paths; else every member path
/// the message spells out (<c>RecordId must ...</c>). Any casing; list indexes and <c>member</c> are skipped
/// (<c>outputs.1.member.outputKey</c>). A reference names the longest member path it starts with, from the top: a bare
/// <c>Key</c> or <c>Value</c> is a word, not a member.
/// </summary>
static partial class Blame
{
    /// <summary>The member paths the answer names (<c>ResourceIdentifier.UniqueTag.Key</c>), each once.</summary>
    public static IReadOnlyList<string> Named(AnswerReading answer, Case c)
    {
        var message = answer.Message ?? "";
        var members = c.Definition is { } op ? Members.GetOrAdd(op, Index) : Empty;
        if (answer.FieldList.Any(f => f.Path is not null))
            return Resolved(answer.FieldList.Select(f => f.Path).OfType<string>(), members);
        // A target answers the same violation with the same message, case after case: read once per operation.
        var key = (members, message);
        if (Read.TryGetValue(key, out var named)) return named;
        named = Resolved(CoralPath().Matches(message) is { Count: > 0 } coral ? coral.Select(m => m.Groups[1].Value)
            : Reference().Matches(message).Select(m => m.Value), members);
        if (Read.Count < MaxRead) Read.TryAdd(key, named); // a target quoting each request's values says it anew
        return named;
    }

    static IReadOnlyList<string> Resolved(IEnumerable<string> references, IReadOnlyDictionary<string, string> members) =>
        [.. references.Select(r => Resolve(r, members)).OfType<string>().Distinct()];

    const int MaxRead = 10_000;

    static readonly ConcurrentDictionary<(IReadOnlyDictionary<string, string>, string), IReadOnlyList<string>> Read =
        new();

    static readonly ConcurrentDictionary<Operation, IReadOnlyDictionary<string, string>> Members =
        new(ReferenceEqualityComparer.Instance);

    static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Each input member path of the case's operation (its definition: the one place this reads the model)
    /// by its normalised key (<c>outputs.outputkey</c>); a list and its item share one, the list's.</summary>
    static IReadOnlyDictionary<string, string> Index(Operation op)
    {
        var index = new Dictionary<string, string>();
        foreach (var path in op.AllMembers().Select(m => m.Path)) index.TryAdd(Key(Segments(path)), path);
        return index;
    }

    /// <summary>The longest member path the reference starts with (ancestors of a member are members).</summary>
    static string? Resolve(string reference, IReadOnlyDictionary<string, string> members)
    {
        var segments = Segments(reference);
        string? named = null;
        for (var n = 1; n <= segments.Count && members.TryGetValue(Key(segments.Take(n)), out var path); n++)
            named = path;
        return named;
    }

    static List<string> Segments(string reference) =>
        [.. reference.Split(['.', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.All(char.IsAsciiDigit) && !s.Equals("member", StringComparison.OrdinalIgnoreCase))];

    static string Key(IEnumerable<string> segments) => string.Join('.', segments).ToLowerInvariant();

    [GeneratedRegex(@"\bat '([^']+)' failed to satisfy constraint",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoralPath();

    [GeneratedRegex(@"/?[A-Za-z_][A-Za-z0-9_]*(?:[./][A-Za-z0-9_]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
