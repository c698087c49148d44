using System.Text;
using System.Text.Json;

namespace NotifyContract.Tests.Support;

/// <summary>
/// Targets that implement part of the contract, shaped like third-party emulators, for the verdict and diagnosis
/// tests (no emulator's code: its behaviour as described in DESIGN.md).
/// </summary>
public static class PartialServers
{
    const string Prefix = "AWS242ServiceCatalogService.";
    static readonly string[] Operations =
    [
        "NotifyProvisionProductEngineWorkflowResult",
        "NotifyUpdateProvisionedProductEngineWorkflowResult",
        "NotifyTerminateProvisionedProductEngineWorkflowResult",
    ];
    static readonly string[] Required = ["WorkflowToken", "RecordId", "Status", "IdempotencyToken"];

    /// <summary>
    /// Implements the three operations checking only that the required members are present and not blank and that
    /// Status is in the enum (HTTP 400 <paramref name="code"/>: the page's, or floci's <c>ValidationException</c>); no length or pattern
    /// check, no record lookup: any other request answers 200 <c>{}</c>. Its framing is strict: an unknown target or
    /// another Content-Type, a body that is not a JSON object or a member of the wrong JSON type is refused (400).
    /// </summary>
    public static LoopbackServer RequiredAndEnumOnly(string code = "InvalidParametersException") => new((request, c, stop) =>
    {
        var (status, body) = RequiredAndEnumOnly(request.Header("X-Amz-Target"), request.Header("Content-Type"),
            request.Body, code);
        return c.Respond(status, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1")],
            Encoding.UTF8.GetBytes(body), stop);
    });

    /// <summary>
    /// Shaped like moto: implements some Notify operations as <see cref="RequiredAndEnumOnly(string)"/> does, except that
    /// a body that is not JSON crashes it (HTTP 500 and an HTML page, as a Python handler calling <c>json.loads</c> does),
    /// and answers every other operation with that page: they look unimplemented.
    /// </summary>
    public static LoopbackServer Implementing(params string[] operations) => new((request, c, stop) =>
    {
        var crashes = !operations.Any(op => request.Header("X-Amz-Target") == Prefix + op) || !IsJson(request.Body);
        var (status, body) = crashes ? (500, CrashPage)
            : RequiredAndEnumOnly(request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body,
                "InvalidParametersException");
        return c.Respond(status, [KeyValuePair.Create("Content-Type",
            crashes ? "text/html; charset=utf-8" : "application/x-amz-json-1.1")], Encoding.UTF8.GetBytes(body), stop);
    });

    const string CrashPage = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n" +
                             "<h1>Internal Server Error</h1>\n";

    static bool IsJson(byte[] body)
    {
        try
        {
            JsonDocument.Parse(body).Dispose();
            return true;
        }
        catch (JsonException) { return false; }
    }

    static (int, string) RequiredAndEnumOnly(string? target, string? contentType, byte[] body, string code)
    {
        if (target is null || !target.StartsWith(Prefix, StringComparison.Ordinal)
            || !Operations.Contains(target[Prefix.Length..]))
            return Error("UnknownOperationException", "unknown operation");
        if (contentType?.StartsWith("application/x-amz-json-1.1", StringComparison.OrdinalIgnoreCase) != true)
            return Error("UnsupportedMediaTypeException", "Content-Type must be application/x-amz-json-1.1");
        JsonElement input;
        try { input = JsonDocument.Parse(new UTF8Encoding(false, true).GetString(body)).RootElement; }
        catch (Exception e) when (e is JsonException or DecoderFallbackException) { return Error("SerializationException", "not JSON"); }
        if (input.ValueKind != JsonValueKind.Object || !WellTyped(input))
            return Error("SerializationException", "cannot deserialize");
        foreach (var name in Required)
            if (!input.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null || Blank(v))
                return Error(code, $"{name} is required");
        return input.GetProperty("Status").GetString() is "SUCCEEDED" or "FAILED"
            ? (200, "{}")
            : Error(code, "Status must be SUCCEEDED or FAILED");
    }

    /// <summary>A blank string; a lone surrogate (<c>"\ud800"</c>, which System.Text.Json will not read) is text, as Java reads it.</summary>
    static bool Blank(JsonElement v)
    {
        try { return string.IsNullOrWhiteSpace(v.GetString()); }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Strings where strings go, an object for ResourceIdentifier (and UniqueTag), a list of objects of strings for Outputs.</summary>
    static bool WellTyped(JsonElement input) =>
        input.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Null || p.Name switch
    {
        "ResourceIdentifier" => p.Value.ValueKind == JsonValueKind.Object && p.Value.EnumerateObject().All(t =>
            t.Value.ValueKind == JsonValueKind.Null || t.Value.ValueKind == JsonValueKind.Object
                && t.Value.EnumerateObject().All(s => s.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)),
        "Outputs" => p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(o =>
            o.ValueKind == JsonValueKind.Object && o.EnumerateObject()
                .All(s => s.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)),
        _ => p.Value.ValueKind == JsonValueKind.String,
    });

    /// <summary>An error page, an error code and a message that are markup: a report must show them as text, never
    /// run them.</summary>
    public const string MarkupPage = "<html><body></pre><script>alert('page')</script></body></html>",
        MarkupCode = "<script>alert('code')</script>", MarkupMessage = "</pre><script>alert('message')</script>";

    /// <summary>
    /// Fails many rules on many operations, each operation one way an emulator does: <paramref name="unimplemented"/>
    /// answer HTTP 500 text/html (<see cref="MarkupPage"/>), <paramref name="lax"/> accept anything (200 <c>{}</c>),
    /// any other refuses anything (HTTP 400 naming <see cref="MarkupCode"/>, with <see cref="MarkupMessage"/>).
    /// </summary>
    public static LoopbackServer ThreeWays(IReadOnlyCollection<string> unimplemented, IReadOnlyCollection<string> lax) =>
        new((request, c, stop) =>
        {
            var operation = request.Header("X-Amz-Target")?.Split('.')[^1] ?? "";
            var (status, type, body) =
                unimplemented.Contains(operation) ? (500, "text/html", MarkupPage)
                : lax.Contains(operation) ? (200, "application/x-amz-json-1.1", "{}")
                : (400, "application/x-amz-json-1.1", Error(MarkupCode, MarkupMessage).Item2);
            return c.Respond(status, [KeyValuePair.Create("Content-Type", type)], Encoding.UTF8.GetBytes(body), stop);
        });

    static (int, string) Error(string code, string message) =>
        (400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
}
