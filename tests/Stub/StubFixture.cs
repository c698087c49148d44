using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotifyContract.Fixtures;

namespace NotifyContract.Tests.Stub;

/// <summary>One stub for a test class, and a hand-written awsJson1.1 client (independent of the generators).</summary>
public class StubFixture : IDisposable
{
    public StubFixture() : this(new StubOptions()) { }

    protected StubFixture(StubOptions options) => Stub = StubServer.Start(options);

    public const string Provision = "NotifyProvisionProductEngineWorkflowResult";
    public const string Update = "NotifyUpdateProvisionedProductEngineWorkflowResult";
    public const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    public static readonly string[] Operations = [Provision, Update, Terminate];
    public const string KnownRecord = "rec-nc0000000000001";
    public const string UnknownRecord = "rec-unknown";

    public StubServer Stub { get; }
    readonly HttpClient _http = new();

    public Reply Send(string operation, JsonNode body) =>
        Send(body.ToJsonString(), ("X-Amz-Target", $"AWS242ServiceCatalogService.{operation}"));

    public Reply Send(string body, params (string Name, string Value)[] headers) =>
        Send(Encoding.UTF8.GetBytes(body), "application/x-amz-json-1.1", headers);

    public Reply Send(byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Stub.Url) { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = _http.Send(request);
        return new Reply((int)response.StatusCode,
            response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>A valid request every operation accepts: the required members only.</summary>
    public static JsonObject Valid(string recordId = KnownRecord) => new()
    {
        ["WorkflowToken"] = "AQIDAHhB+ExampleToken=",
        ["RecordId"] = recordId,
        ["Status"] = "SUCCEEDED",
        ["IdempotencyToken"] = "5a1d6c1e-6a0e-4f3e-9b9a-2f2b3c4d5e6f",
    };

    /// <summary><see cref="Valid"/> with the member at a dotted path set (a JSON null included) or, for no value, removed.</summary>
    public static JsonObject With(string path, JsonNode? value, bool remove = false, string recordId = KnownRecord)
    {
        var body = Valid(recordId);
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(body, (node, name) => (JsonObject)(node[name] ??= new JsonObject()));
        if (remove) parent.Remove(names[^1]);
        else parent[names[^1]] = value;
        return body;
    }

    public void Dispose()
    {
        _http.Dispose();
        Stub.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An answer, with the error code read as an awsJson1.1 client does.</summary>
public sealed record Reply(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>x-amzn-ErrorType, else the body's __type or code; anything before '#' and after ':' stripped.</summary>
    public string? ErrorCode
    {
        get
        {
            var raw = Headers.GetValueOrDefault("x-amzn-ErrorType");
            if (raw is null && Body.Length > 0 && JsonNode.Parse(Body) is JsonObject o)
                raw = (o["__type"] ?? o["code"])?.GetValue<string>();
            return raw?.Split('#')[^1].Split(':')[0];
        }
    }

    public string Message => JsonNode.Parse(Body)?["message"]?.GetValue<string>() ?? "";

    public override string ToString() => $"{Status} {Body}";
}
