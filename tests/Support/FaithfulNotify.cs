using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotifyContract.Tests.Support;

/// <summary>
/// A third, independent encoding of the contract (neither the generators' nor the stub's): a faithful
/// implementation of the three operations as one function from request to answer. Reading of the ambiguous
/// semantics: Smithy's (patterns search over code points with ECMA-262's <c>$</c>, lengths in code points; a string that
/// is not Unicode, such as a lone surrogate, is a deserialization error), or with <paramref name="fullMatch"/> Coral's
/// reading of patterns (the whole string must match). <see cref="Break"/> names one rule to get wrong, for the "a server
/// that breaks one rule is named" checks; <paramref name="catchAll"/> replaces every violation's message (an emulator's
/// catch-all that blames one member whatever is wrong).
/// </summary>
public sealed class FaithfulNotify(IReadOnlySet<string> knownRecords, string? @break = null, bool fullMatch = false,
    string? catchAll = null)
{
    public const string Prefix = "AWS242ServiceCatalogService.";
    public string? Break => @break;

    sealed record Text(int Min, int Max, string? Pattern);

    static readonly Text Token = new(1, 20000, "[0-9A-Za-z+/=]+");
    static readonly Text Id = new(1, 100, "^[a-zA-Z0-9_\\-]*");
    static readonly Text Reason = new(1, 2048, "[\\u0009\\u000a\\u000d\\u0020-\\uD7FF\\uE000-\\uFFFD]*");
    static readonly Text Idempotency = new(1, 128, "[a-zA-Z0-9][a-zA-Z0-9_-]*");
    static readonly Text TagKey = new(1, 128, "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    static readonly Text TagValue = new(1, 256, "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    static readonly Dictionary<string, string[]> Members = new()
    {
        ["NotifyProvisionProductEngineWorkflowResult"] = ["WorkflowToken", "RecordId", "Status", "FailureReason", "ResourceIdentifier", "Outputs", "IdempotencyToken"],
        ["NotifyUpdateProvisionedProductEngineWorkflowResult"] = ["WorkflowToken", "RecordId", "Status", "FailureReason", "Outputs", "IdempotencyToken"],
        ["NotifyTerminateProvisionedProductEngineWorkflowResult"] = ["WorkflowToken", "RecordId", "Status", "FailureReason", "IdempotencyToken"],
    };

    public (int Status, string Body) Handle(string? target, string? contentType, byte[] body)
    {
        if (target is null || !target.StartsWith(Prefix, StringComparison.Ordinal)
            || !Members.TryGetValue(target[Prefix.Length..], out var members))
            return Error("UnknownOperationException", "unknown or missing X-Amz-Target");
        if (contentType is null || !contentType.StartsWith("application/x-amz-json-1.1",
            StringComparison.OrdinalIgnoreCase))
            return Error("UnsupportedMediaTypeException", "Content-Type must be application/x-amz-json-1.1");
        JsonElement input;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(body);
            input = text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement;
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            return Error("SerializationException", "body is not JSON");
        }
        if (input.ValueKind != JsonValueKind.Object)
            return Error("SerializationException", "body is not a JSON object");

        try { return Validate(input, members); }
        catch (InvalidOperationException) // System.Text.Json will not read a lone surrogate as a string
        {
            return Error("SerializationException", "a string is not valid Unicode");
        }
    }

    (int Status, string Body) Validate(JsonElement input, string[] members)
    {
        var present = members.ToDictionary(m => m, m => input.TryGetProperty(m, out var v)
            && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null);
        if (TypeError(present) is { } typeError) return Error("SerializationException", typeError);
        foreach (var required in new[] { "WorkflowToken", "RecordId", "Status", "IdempotencyToken" })
            if (present[required] is null && Break != $"{required}.required") return Invalid($"{required} is required");

        var problems = new List<string?>
        {
            Check("WorkflowToken", present["WorkflowToken"], Token),
            Check("RecordId", present["RecordId"], Id),
            Check("FailureReason", present["FailureReason"], Reason),
            Check("IdempotencyToken", present["IdempotencyToken"], Idempotency),
            present["Status"]?.GetString() is "SUCCEEDED" or "FAILED"
                || (Break == "Status.enum" && present["Status"] is not null) ? null
                : "Status must be SUCCEEDED or FAILED",
        };
        if (present.GetValueOrDefault("ResourceIdentifier") is { } ri && ri.TryGetProperty("UniqueTag", out var tag)
            && tag.ValueKind == JsonValueKind.Object)
        {
            problems.Add(Check("ResourceIdentifier.UniqueTag.Key", Member(tag, "Key"), TagKey));
            problems.Add(Check("ResourceIdentifier.UniqueTag.Value", Member(tag, "Value"), TagValue));
        }
        if (problems.FirstOrDefault(p => p is not null) is { } problem) return Invalid(problem);

        return knownRecords.Contains(present["RecordId"]!.Value.GetString()!) ? (200, "{}")
            : Error("ResourceNotFoundException", "record not found");
    }

    string? Check(string member, JsonElement? value, Text rule)
    {
        if (value is not { } v) return null;
        var s = v.GetString()!;
        var length = s.EnumerateRunes().Count(); // Smithy counts code points
        if (length < rule.Min && Break != $"{member}.minLength") return $"{member} is shorter than {rule.Min}";
        if (length > rule.Max && Break != $"{member}.maxLength") return $"{member} is longer than {rule.Max}";
        if (rule.Pattern is { } p && !Regex.IsMatch(CodePoints(s), Reading(p)) && Break != $"{member}.pattern")
            return $"{member} does not match {p}";
        return null;
    }

    /// <summary>ECMA-262's <c>$</c> (the end of input); searched, or with <c>fullMatch</c> matched as a whole.</summary>
    string Reading(string pattern)
    {
        var search = pattern.EndsWith('$') ? pattern[..^1] + @"\z" : pattern;
        return fullMatch ? $"^(?:{search})\\z" : search;
    }

    /// <summary>Each character outside the BMP as a BMP one of its category (outside ASCII), so the regex sees code points.</summary>
    static string CodePoints(string s) =>
        string.Concat(s.EnumerateRunes()
            .Select(r => r.IsBmp ? r.ToString() : Stand[Rune.GetUnicodeCategory(r)].ToString()));

    static readonly Dictionary<System.Globalization.UnicodeCategory, char> Stand = Enumerable.Range(0x80, 0xD800 - 0x80)
        .Select(i => (char)i).GroupBy(System.Globalization.CharUnicodeInfo.GetUnicodeCategory)
            .ToDictionary(g => g.Key, g => g.First());

    static JsonElement? Member(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    static string? TypeError(Dictionary<string, JsonElement?> present)
    {
        foreach (var (name, value) in present)
        {
            if (value is not { } v) continue;
            var ok = name switch
            {
                "ResourceIdentifier" => v.ValueKind == JsonValueKind.Object && (Member(v, "UniqueTag") is not { } t ||
                    (t.ValueKind == JsonValueKind.Object && Strings(t, "Key", "Value"))),
                "Outputs" => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(o =>
                    o.ValueKind == JsonValueKind.Object && Strings(o, "OutputKey", "OutputValue", "Description")),
                _ => v.ValueKind == JsonValueKind.String,
            };
            if (!ok) return $"{name} has the wrong type";
        }
        return null;
    }

    static bool Strings(JsonElement o, params string[] names) =>
        names.All(n => Member(o, n) is not { } v || v.ValueKind == JsonValueKind.String);

    (int, string) Invalid(string message) => Error("InvalidParametersException", catchAll ?? message);

    static (int, string) Error(string code, string message) =>
        (400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
}
