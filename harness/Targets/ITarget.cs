using NotifyContract.Generators;

namespace NotifyContract.Harness.Targets;

/// <summary>Why no HTTP answer can be judged.</summary>
public enum NoAnswer
{
    /// <summary>No answer within <c>--timeout</c> (a contract failure: Server.noServerError).</summary>
    Timeout,
    /// <summary>Reset, refused or closed mid-answer (a contract failure: Server.noServerError).</summary>
    Connection,
    /// <summary>Still throttled after the retries: not the target's fault, never judged.</summary>
    Throttled,
    /// <summary>The <c>--max-requests</c> budget is spent: nothing was sent, never judged.</summary>
    Budget,
    /// <summary>The run was interrupted while the request waited or was in flight: never judged.</summary>
    Interrupted,
}

/// <summary>
/// What came back for one request. <see cref="Failure"/> is set when no HTTP answer can be judged;
/// then <see cref="Status"/> is 0 and <see cref="FailureDetail"/> says what happened (no credentials in it).
/// </summary>
public sealed record Answer(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    TimeSpan Elapsed,
    NoAnswer? Failure = null,
    string? FailureDetail = null)
{
    AnswerReading? reading;

    /// <summary>The answer read once by the awsJson1.1 rules, on first use (thread-safe: a race reads it twice).</summary>
    public AnswerReading Reading => reading ??= AnswerReading.Of(this);

    /// <summary><c>with</c> copies (redaction) may change the bytes: the copy reads them afresh.</summary>
    Answer(Answer original)
    {
        Status = original.Status;
        Headers = original.Headers;
        Body = original.Body;
        Elapsed = original.Elapsed;
        Failure = original.Failure;
        FailureDetail = original.FailureDetail;
    }

    /// <summary>No HTTP answer to judge: <paramref name="detail"/> says why (never a credential).</summary>
    public static Answer None(NoAnswer why, TimeSpan elapsed, string detail) => new(0, [], [], elapsed, why, detail);

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>Where cases go: the in-process stub or a live endpoint. Sends the case's exact bytes.</summary>
public interface ITarget : IDisposable
{
    /// <summary>For reports: the URL or <c>embedded-stub</c>. Never holds credentials.</summary>
    string Describe { get; }

    /// <summary>Records the target is known to hold (seeded or named with <c>--record</c>).</summary>
    RecordSet Records { get; }

    Answer Send(Case c);

    /// <summary>Sends, giving up as soon as <paramref name="stop"/> fires (an interrupted run) with
    /// <see cref="NoAnswer.Interrupted"/>; a target that cannot be cancelled just sends.</summary>
    Answer Send(Case c, CancellationToken stop) => Send(c);

    /// <summary>Requests the target will still send (its <c>--max-requests</c> budget less what it spent, retries
    /// included); null: no limit. A run plans with it.</summary>
    long? RequestsLeft => null;
}
