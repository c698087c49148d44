using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotifyContract.Tests.Generators;

/// <summary>
/// An independent reading of the published page and service model, for checking the generators: it shares no code
/// with their model or labelling. Given a body, it lists the constraint rules the body breaks under one reading of
/// pattern anchoring (<c>full</c>: the current service model's anchored pattern; <c>search</c>: the page's pattern,
/// searched as Smithy does) and one of length units (<c>codepoints</c>/<c>utf16</c>).
/// </summary>
public static class PublishedContract
{
    /// <summary><see cref="Pattern"/> as the page prints it, <see cref="Anchored"/> as the current service model has it.</summary>
    public sealed record Field(string Path, JsonValueKind Kind, bool Required = false, int? Min = null, int? Max = null,
        string? Pattern = null, string[]? Values = null, string? Anchored = null);

    const string Tag = @"^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$";

    /// <summary>Every member of NotifyProvisionProductEngineWorkflowResult, as the page and model list them.</summary>
    static readonly Field[] Provision =
    [
        new("WorkflowToken", JsonValueKind.String, true, 1, 20000, @"[0-9A-Za-z+\/=]+", Anchored: @"^[0-9A-Za-z+\/=]+$"),
        new("RecordId", JsonValueKind.String, true, 1, 100, @"^[a-zA-Z0-9_\-]*", Anchored: @"^[a-zA-Z0-9_\-]*$"),
        new("Status", JsonValueKind.String, true, Values: ["SUCCEEDED", "FAILED"]),
        new("FailureReason", JsonValueKind.String, false, 1, 2048, @"[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*",
            Anchored: @"^[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*$"),
        new("ResourceIdentifier", JsonValueKind.Object),
        new("ResourceIdentifier.UniqueTag", JsonValueKind.Object),
        new("ResourceIdentifier.UniqueTag.Key", JsonValueKind.String, false, 1, 128, Tag, Anchored: Tag),
        new("ResourceIdentifier.UniqueTag.Value", JsonValueKind.String, false, 1, 256, Tag, Anchored: Tag),
        new("Outputs", JsonValueKind.Array),
        new("Outputs.member", JsonValueKind.Object),
        new("Outputs.member.OutputKey", JsonValueKind.String),
        new("Outputs.member.OutputValue", JsonValueKind.String),
        new("Outputs.member.Description", JsonValueKind.String),
        new("IdempotencyToken", JsonValueKind.String, true, 1, 128, "[a-zA-Z0-9][a-zA-Z0-9_-]*", Anchored: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"),
    ];

    /// <summary>Update has no ResourceIdentifier; Terminate has neither it nor Outputs.</summary>
    public static IReadOnlyList<Field> Fields(string operation) => operation switch
    {
        "NotifyProvisionProductEngineWorkflowResult" => Provision,
        "NotifyUpdateProvisionedProductEngineWorkflowResult" =>
            Provision.Where(f => !f.Path.StartsWith("ResourceIdentifier")).ToArray(),
        "NotifyTerminateProvisionedProductEngineWorkflowResult" =>
            Provision.Where(f => !f.Path.StartsWith("ResourceIdentifier") && !f.Path.StartsWith("Outputs")).ToArray(),
        _ => throw new ArgumentException(operation),
    };

    public static readonly string[] Operations =
    [
        "NotifyProvisionProductEngineWorkflowResult",
        "NotifyUpdateProvisionedProductEngineWorkflowResult",
        "NotifyTerminateProvisionedProductEngineWorkflowResult",
    ];

    /// <summary>Every constraint rule id of an operation, with whether its violations are all ambiguous.</summary>
    public static IEnumerable<(string Rule, bool OnlyAmbiguous)> ConstraintRules(string operation) =>
        Fields(operation).SelectMany(f => new (bool Has, string Kind)[]
        {
            (f.Required, "required"), (f.Min is not null, "minLength"), (f.Max is not null, "maxLength"),
            (f.Pattern is not null, "pattern"), (f.Values is not null, "enum"), (true, "type"),
        }.Where(k => k.Has).Select(k => ($"{f.Path}.{k.Kind}",
            k.Kind == "pattern" && f.Path is "RecordId" or "FailureReason")));

    /// <summary>The rules a JSON object body breaks under the given readings.</summary>
    public static SortedSet<string> Broken(string operation, JsonElement body, string patterns, string lengths)
    {
        var broken = new SortedSet<string>();
        void Check(Field f, JsonElement? value)
        {
            if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            {
                if (f.Required) broken.Add($"{f.Path}.required");
                return;
            }
            var v = value.Value;
            if (v.ValueKind != f.Kind) { broken.Add($"{f.Path}.type"); return; }
            if (f.Kind == JsonValueKind.Object)
                foreach (var child in Fields(operation).Where(c => Parent(c.Path) == f.Path))
                    Check(child, v.TryGetProperty(Name(child.Path), out var cv) ? cv : null);
            if (f.Kind == JsonValueKind.Array)
                foreach (var item in v.EnumerateArray())
                    Check(Fields(operation).Single(c => c.Path == f.Path + ".member"), item);
            if (f.Kind != JsonValueKind.String) return;
            var s = Text(v);
            var length = lengths == "utf16" ? s.Length : CodePoints(s);
            if (length < f.Min) broken.Add($"{f.Path}.minLength");
            if (length > f.Max) broken.Add($"{f.Path}.maxLength");
            if (f.Values is not null && !f.Values.Contains(s)) broken.Add($"{f.Path}.enum");
            if (f.Pattern is not null && !Matches(patterns == "full" ? f.Anchored! : f.Pattern, s))
                broken.Add($"{f.Path}.pattern");
        }
        foreach (var f in Fields(operation).Where(f => !f.Path.Contains('.')))
            Check(f, body.TryGetProperty(f.Path, out var v) ? v : null);
        return broken;
    }

    static string? Parent(string path) => path.Contains('.') ? path[..path.LastIndexOf('.')] : null;
    static string Name(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>
    /// A string member's text. System.Text.Json refuses a lone surrogate (<c>"\ud800"</c>), which JSON's grammar allows:
    /// then the escapes are read by hand, keeping the surrogate as the one UTF-16 unit it names.
    /// </summary>
    public static string Text(JsonElement v)
    {
        try { return v.GetString()!; }
        catch (InvalidOperationException) { return Regex.Unescape(v.GetRawText()[1..^1]); }
    }

    /// <summary>Unicode code points: a high surrogate followed by a low one is one; every other UTF-16 unit is one.</summary>
    public static int CodePoints(string s)
    {
        var pairs = 0;
        for (var i = 0; i + 1 < s.Length; i++)
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { pairs++; i++; }
        return s.Length - pairs;
    }

    /// <summary>
    /// Smithy's reading of a pattern (ECMA-262): a match anywhere, only explicit anchors pin it, and a final <c>$</c> is
    /// the end of input (where .NET's also matches before a final <c>\n</c>). Smithy patterns work on code points, .NET's
    /// regex on UTF-16 units: each surrogate pair is first replaced by a stand-in with the same class membership: in a
    /// pattern of \p{..} categories, a non-ASCII BMP character of the same category (the explicit characters there are
    /// ASCII); in a pattern of explicit ranges, U+FFFF, outside every range (the published ranges end at or below
    /// \uFFFD). A lone surrogate stays itself: no class of the contract holds one.
    /// </summary>
    static bool Matches(string pattern, string s)
    {
        var bmp = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                bmp.Append(!pattern.Contains(@"\p{") ? '\uFFFF'
                    : SameCategory[CharUnicodeInfo.GetUnicodeCategory(s, i++)]);
            else bmp.Append(s[i]);
        return Regex.IsMatch(bmp.ToString(), pattern.EndsWith('$') ? pattern[..^1] + @"\z" : pattern);
    }

    static readonly Dictionary<UnicodeCategory, char> SameCategory = Enumerable.Range(0x100, 0xD800 - 0x100)
        .Select(i => (char)i)
        .GroupBy(CharUnicodeInfo.GetUnicodeCategory).ToDictionary(g => g.Key, g => g.First());

    public static string? StringAt(JsonElement body, string path)
    {
        var e = body;
        foreach (var part in path.Split('.'))
        {
            if (part == "member") { if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) return null; e = e[0]; continue; }
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? Text(e) : null;
    }
}
