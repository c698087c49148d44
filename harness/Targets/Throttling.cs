using System.Net.Http.Headers;

namespace NotifyContract.Harness.Targets;

/// <summary>Whether an answer says "slow down" rather than judging the request (read from <see cref="Answer.Reading"/>).</summary>
static class Throttling
{
    static readonly string[] Codes = ["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"];

    public static bool IsThrottled(Answer a) =>
        a.Failure is null && a.Status >= 400 &&
        (a.Status is 429 or 503 || a.Header("Retry-After") is not null || Codes.Contains(a.Reading.Code));

    /// <summary>The server's Retry-After (seconds or HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(Answer a) =>
        RetryConditionHeaderValue.TryParse(a.Header("Retry-After"), out var r)
            ? r.Delta ?? (r.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
}
