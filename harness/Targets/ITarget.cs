using NotifyContract.Generators;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// What came back for one request. <see cref="Failure"/> is set when no HTTP answer arrived
/// (timeout, reset, refused, TLS); then <see cref="Status"/> is 0.
/// </summary>
public sealed record Answer(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    TimeSpan Elapsed,
    string? Failure = null)
{
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
}
