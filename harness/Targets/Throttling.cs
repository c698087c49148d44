using System.Net.Http.Headers;
using System.Text.Json;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// Whether an answer says "slow down" rather than judging the request. Transport's own small reading of awsJson
/// error codes: the oracle judges answers later, the transport only needs to know whether to back off.
/// </summary>
static class Throttling
{
    static readonly string[] Codes = ["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"];

    public static bool IsThrottled(Answer a) =>
        a.Failure is null && a.Status >= 400 &&
        (a.Status is 429 or 503 || a.Header("Retry-After") is not null || Codes.Contains(ErrorCode(a)));

    /// <summary>The server's Retry-After (seconds or HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(Answer a) =>
        RetryConditionHeaderValue.TryParse(a.Header("Retry-After"), out var r)
            ? r.Delta ?? (r.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;

    /// <summary>awsJson error code from <c>x-amzn-ErrorType</c> or the body's <c>__type</c>/<c>code</c>, without a
    /// namespace (before <c>#</c>) or a suffix (after <c>:</c>).</summary>
    static string? ErrorCode(Answer a)
    {
        var raw = a.Header("x-amzn-ErrorType") ?? BodyCode(a.Body);
        if (raw is null) return null;
        var code = raw[(raw.IndexOf('#') + 1)..];
        return code.Split(':')[0];
    }

    static string? BodyCode(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                   (root.TryGetProperty("__type", out var code) || root.TryGetProperty("code", out code)) &&
                   code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
