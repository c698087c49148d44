using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using NotifyContract.Fixtures.Matchers;
using Model = NotifyContract.Model;

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

    /// <summary>
    /// The rules a JSON object body breaks under the given readings, for any operation: read from the model's shapes
    /// (the only thing this checker shares with the generators is the model reader), judged by this code. A list's item
    /// is <c>member</c>, a map's entries <c>key</c> and <c>value</c>; a Smithy integer is 32 bits.
    /// </summary>
    public static SortedSet<string> Broken(string operation, JsonElement body, string patterns, string lengths)
    {
        var broken = new SortedSet<string>();
        void CheckText(string path, string s, Model.Shape shape)
        {
            var length = lengths == "utf16" ? s.Length : CodePoints(s);
            if (length < shape.MinLength) broken.Add($"{path}.minLength");
            if (length > shape.MaxLength) broken.Add($"{path}.maxLength");
            if (shape.Enum is { } values && !values.Contains(s)) broken.Add($"{path}.enum");
            if (shape.Pattern is { } p && !(patterns == "full" ? Matches(p.Model, s, whole: true) : Matches(p.Page, s, whole: false)))
                broken.Add($"{path}.pattern");
        }
        void Check(string path, Model.Member m, JsonElement? value)
        {
            if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            {
                if (m.Required) broken.Add($"{path}.required");
                else if (m.Name is "member" or "value") broken.Add($"{path}.type"); // a sparse list or map
                return;
            }
            var (v, shape) = (value.Value, m.Target);
            if (!OfType(v, shape.Kind)) { broken.Add($"{path}.type"); return; }
            switch (shape.Kind)
            {
                case Model.ShapeKind.String: CheckText(path, Text(v), shape); break;
                case Model.ShapeKind.Integer or Model.ShapeKind.Long:
                    var n = v.GetInt64();
                    if (n < shape.Min) broken.Add($"{path}.minValue");
                    if (n > shape.Max) broken.Add($"{path}.maxValue");
                    break;
                case Model.ShapeKind.Structure:
                    foreach (var child in shape.Members)
                        Check($"{path}.{child.Name}", child, v.TryGetProperty(child.Name, out var cv) ? cv : null);
                    break;
                case Model.ShapeKind.List:
                    Count(path, v.GetArrayLength(), shape);
                    foreach (var item in v.EnumerateArray()) Check($"{path}.member", shape.Item!, item);
                    break;
                case Model.ShapeKind.Map:
                    Count(path, v.EnumerateObject().Count(), shape);
                    foreach (var entry in v.EnumerateObject())
                    {
                        CheckText($"{path}.key", entry.Name, shape.Key!.Target);
                        Check($"{path}.value", shape.Value!, entry.Value);
                    }
                    break;
            }
        }
        void Count(string path, int n, Model.Shape shape)
        {
            if (n < shape.MinLength) broken.Add($"{path}.minLength");
            if (n > shape.MaxLength) broken.Add($"{path}.maxLength");
        }
        foreach (var m in OperationOf(operation).Input.Members)
            Check(m.Name, m, body.TryGetProperty(m.Name, out var v) ? v : null);
        return broken;
    }

    static bool OfType(JsonElement v, Model.ShapeKind kind) => kind switch
    {
        Model.ShapeKind.String => v.ValueKind == JsonValueKind.String,
        Model.ShapeKind.Integer => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _),
        Model.ShapeKind.Long => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        Model.ShapeKind.Boolean => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        Model.ShapeKind.Timestamp => v.ValueKind == JsonValueKind.Number,
        Model.ShapeKind.List => v.ValueKind == JsonValueKind.Array,
        _ => v.ValueKind == JsonValueKind.Object,
    };

    /// <summary>The operation as the embedded model has it.</summary>
    public static Model.Operation OperationOf(string operation) =>
        NotifyContract.Model.ModelFiles.Embedded.Find(operation) ?? throw new ArgumentException(operation);

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
    /// A pattern read as ECMA-262 over code points (the stub's translation, <see cref="EcmaRegex"/>): searched, or
    /// matched against the whole string (<paramref name="whole"/>).
    /// </summary>
    static bool Matches(string pattern, string s, bool whole) =>
        Translated.GetOrAdd((pattern, whole), k => EcmaRegex.Translate(k.Item1, k.Item2))
            .IsMatch(EcmaRegex.Fold(s, pattern.Contains(@"\p{")));

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Regex> Translated = new();

    public static string? StringAt(JsonElement body, string path)
    {
        var e = body;
        foreach (var part in path.Split('.'))
        {
            if (part == "member") { if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) return null; e = e[0]; continue; }
            if (part is "key" or "value" && e.ValueKind == JsonValueKind.Object && e.EnumerateObject().FirstOrDefault() is { Name: not null } first)
            {
                if (part == "key") return first.Name;
                e = first.Value;
                continue;
            }
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? Text(e) : null;
    }
}
