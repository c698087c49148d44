using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NotifyContract.Testing;

namespace EmulatorConformance;

/// <summary>
/// A small emulator of Service Catalog's three Notify*EngineWorkflowResult operations, as an emulator's own code
/// would be: Kestrel on 127.0.0.1 (an OS-chosen port), one handler, the published page's constraints (lengths in code
/// points, patterns searched as Smithy servers do). <c>SAMPLE_BREAK=RULE</c> (e.g. <c>RecordId.maxLength</c>) skips
/// that one check, so the suite shows what a regression looks like.
/// </summary>
public sealed class FakeNotify : IConformanceTarget, IAsyncLifetime
{
    const string Prefix = "AWS242ServiceCatalogService.";
    const string KnownRecord = "rec-sample-known";
    static readonly string? Broken = Environment.GetEnvironmentVariable("SAMPLE_BREAK");

    static readonly string[] Common = ["WorkflowToken", "RecordId", "Status", "FailureReason", "IdempotencyToken"];

    /// <summary>The fake implements the three Notify operations: only their rules become test cases.</summary>
    public static IReadOnlyList<string> Operations => [.. Members.Keys];
    static readonly Dictionary<string, string[]> Members = new()
    {
        ["NotifyProvisionProductEngineWorkflowResult"] = [.. Common, "ResourceIdentifier", "Outputs"],
        ["NotifyUpdateProvisionedProductEngineWorkflowResult"] = [.. Common, "Outputs"],
        ["NotifyTerminateProvisionedProductEngineWorkflowResult"] = Common,
    };
    static readonly string[] Required = ["WorkflowToken", "RecordId", "Status", "IdempotencyToken"];

    // The page's constraints; UniqueTag's anchored patterns end in \z, since .NET's $ also matches before a final \n.
    static readonly Dictionary<string, (int Min, int Max, Regex Pattern)> Strings = new()
    {
        ["WorkflowToken"] = (1, 20000, new("[0-9A-Za-z+/=]+")),
        ["RecordId"] = (1, 100, new(@"^[a-zA-Z0-9_\-]*")),
        ["FailureReason"] = (1, 2048, new(@"[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*")),
        ["IdempotencyToken"] = (1, 128, new("[a-zA-Z0-9][a-zA-Z0-9_-]*")),
        ["ResourceIdentifier.UniqueTag.Key"] = (1, 128, new(@"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)\z")),
        ["ResourceIdentifier.UniqueTag.Value"] = (1, 256, new(@"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)\z")),
    };

    WebApplication? app;

    public Uri Endpoint { get; private set; } = null!;
    public IReadOnlyList<string> Records => [KnownRecord];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var (status, answer) = context.Request is { Method: "POST", Path.Value: "/" }
                ? Answer(context.Request.Headers["X-Amz-Target"], context.Request.ContentType, body.ToArray())
                : Error("UnknownOperationException", "only POST / is served");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        Endpoint = new Uri(app.Urls.First() + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }

    static (int, string) Answer(string? target, string? contentType, byte[] body)
    {
        if (target is null || !target.StartsWith(Prefix)
            || !Members.TryGetValue(target[Prefix.Length..], out var members))
            return Error("UnknownOperationException", "unknown or missing X-Amz-Target");
        if (contentType?.StartsWith("application/x-amz-json-1.1") != true)
            return Error("UnknownOperationException", "Content-Type is not application/x-amz-json-1.1");
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            using var json = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return Error("SerializationException", "not an object");
            var input = members.ToDictionary(m => m, m => Member(json.RootElement, m));
            return input.FirstOrDefault(m => m.Value is { } v && !TypeFits(m.Key, v)).Key is { } wrong
                ? Error("SerializationException", $"{wrong} has the wrong type")
                : Validate(input) is { } problem ? Error("InvalidParametersException", problem)
                : input["RecordId"]!.Value.GetString() == KnownRecord ? (200, "{}")
                : Error("ResourceNotFoundException", "no such record");
        }
        catch (Exception e) when (e is DecoderFallbackException or JsonException or InvalidOperationException)
        {
            return Error("SerializationException", "the body is not JSON text");
        }
    }

    static string? Validate(Dictionary<string, JsonElement?> input)
    {
        foreach (var name in Required)
            if (input[name] is null && Enforced($"{name}.required")) return $"{name} is required";
        if (input["Status"]?.GetString() is not ("SUCCEEDED" or "FAILED") && Enforced("Status.enum"))
            return "Status must be SUCCEEDED or FAILED";
        var tag = input.GetValueOrDefault("ResourceIdentifier") is { } id ? Member(id, "UniqueTag") : null;
        var strings = input.Select(m => (m.Key, m.Value)).Concat(
            [("ResourceIdentifier.UniqueTag.Key", tag is { } t ? Member(t, "Key") : null),
             ("ResourceIdentifier.UniqueTag.Value", tag is { } u ? Member(u, "Value") : null)]);
        foreach (var (name, value) in strings)
        {
            if (value is null || !Strings.TryGetValue(name, out var rule)) continue;
            var s = value.Value.GetString()!;
            var length = s.EnumerateRunes().Count();
            if (length < rule.Min && Enforced($"{name}.minLength")) return $"{name} is shorter than {rule.Min}";
            if (length > rule.Max && Enforced($"{name}.maxLength")) return $"{name} is longer than {rule.Max}";
            if (!rule.Pattern.IsMatch(InBmp(s)) && Enforced($"{name}.pattern")) return $"{name} does not match {rule.Pattern}";
        }
        return null;
    }

    static bool Enforced(string rule) => rule != Broken;

    /// <summary>
    /// The contract's classes are over code points, a .NET regex sees UTF-16 units: each character outside the BMP
    /// becomes a BMP one of the same kind (letter, number, separator, anything else), so U+20000 is still \p{L} and
    /// U+1D400 is still no [A-Za-z].
    /// </summary>
    static string InBmp(string s) => !s.Any(char.IsSurrogate) ? s : string.Concat(s.EnumerateRunes().Select(r =>
        r.IsBmp ? r.ToString()
        : Rune.IsLetter(r) ? "\u00E9"
        : Rune.IsNumber(r) ? "\u0663"
        : Rune.IsSeparator(r) ? "\u3000"
        : "\uFFFE"));

    static bool TypeFits(string name, JsonElement v) => name switch
    {
        "ResourceIdentifier" => v.ValueKind == JsonValueKind.Object && (Member(v, "UniqueTag") is not { } tag
            || tag.ValueKind == JsonValueKind.Object && AllStrings(tag, "Key", "Value")),
        "Outputs" => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(o =>
            o.ValueKind == JsonValueKind.Object && AllStrings(o, "OutputKey", "OutputValue", "Description")),
        _ => v.ValueKind == JsonValueKind.String,
    };

    static bool AllStrings(JsonElement o, params string[] names) =>
        names.All(n => Member(o, n) is not { } v || v.ValueKind == JsonValueKind.String);

    /// <summary>A member's value; an explicit null is as absent.</summary>
    static JsonElement? Member(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    static (int, string) Error(string code, string message) =>
        (400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
}
