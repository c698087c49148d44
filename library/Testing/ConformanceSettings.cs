using NotifyContract.Harness.Report;

namespace NotifyContract.Testing;

/// <summary>
/// The command line's settings for a test run, each also read from an environment variable by
/// <see cref="FromEnvironment"/> (NOTIFYCONTRACT_PROFILE for <c>--profile</c>, ...), so CI sets them without code.
/// Settings that come later (known failures, snapshots) are added here the same way: a property and its variable.
/// </summary>
public sealed record ConformanceSettings
{
    /// <summary><c>--profile</c> (NOTIFYCONTRACT_PROFILE): <c>documented</c> (the page) or <c>aws-observed</c>.</summary>
    public string Profile { get; init; } = "documented";

    /// <summary><c>--patterns</c> (NOTIFYCONTRACT_PATTERNS): <c>full</c> or <c>search</c>; null: observed, not judged.</summary>
    public string? Patterns { get; init; }

    /// <summary><c>--lengths</c> (NOTIFYCONTRACT_LENGTHS): <c>codepoints</c> or <c>utf16</c>; null: observed.</summary>
    public string? Lengths { get; init; }

    /// <summary><c>--content-type</c> (NOTIFYCONTRACT_CONTENT_TYPE): <c>strict</c> or <c>lenient</c>; null: observed.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>--seed</c> (NOTIFYCONTRACT_SEED). Fixed by default, so a test run is the same run every time.</summary>
    public long Seed { get; init; } = 20261126;

    /// <summary><c>--max-test</c> (NOTIFYCONTRACT_MAX_TEST): random cases per rule on top of its boundary cases.</summary>
    public int MaxTest { get; init; } = 100;

    /// <summary><c>--timeout</c> (NOTIFYCONTRACT_TIMEOUT, seconds) per request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--report</c> (NOTIFYCONTRACT_REPORT): report.json, report.md and junit.xml once the class is done;
    /// null: <c>conformance-reports/TARGET</c> beside the test assembly.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary><c>--against-snapshot</c> (NOTIFYCONTRACT_SNAPSHOT): judge each rule by parity with the snapshot's
    /// answers; its seed and max-test replace <see cref="Seed"/> and <see cref="MaxTest"/>, and the target must hold its
    /// records.</summary>
    public string? Snapshot { get; init; }

    /// <summary><c>--known-failures</c> (NOTIFYCONTRACT_KNOWN_FAILURES): a listed failure skips its test instead of
    /// failing it; the report names listed entries that pass now.</summary>
    public string? KnownFailures { get; init; }

    /// <summary><c>--operation</c> (NOTIFYCONTRACT_OPERATIONS, names separated by commas): the operations whose rules
    /// become test cases when the target does not name its own (<see cref="IConformanceTarget.Operations"/>); unset:
    /// every operation of the model.</summary>
    public static IReadOnlyList<string>? OperationsFromEnvironment() =>
        Env("OPERATIONS")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>--record</c> (NOTIFYCONTRACT_RECORD, comma-separated): records the target holds, beside its own
    /// <see cref="IConformanceTarget.Records"/>; a server whose records differ by environment names them here.</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>Why <c>Valid.accepted</c> and <c>Idempotency.replay</c> are skipped without a known record, in the
    /// words of a test run (the command line's names <c>--record</c>).</summary>
    public const string NoKnownRecord =
        "no known record: name one in NOTIFYCONTRACT_RECORD or in the target's IConformanceTarget.Records";

    /// <summary>The NOTIFYCONTRACT_* variables over <paramref name="defaults"/> (default: the properties' own), e.g.
    /// <c>FromEnvironment(new() { MaxTest = 10 })</c>: 10 unless NOTIFYCONTRACT_MAX_TEST says otherwise.</summary>
    public static ConformanceSettings FromEnvironment(ConformanceSettings? defaults = null)
    {
        defaults ??= new ConformanceSettings();
        return new()
        {
            Profile = Env("PROFILE") ?? defaults.Profile,
            Patterns = OneOf(Env("PATTERNS"), "PATTERNS", "full", "search") ?? defaults.Patterns,
            Lengths = OneOf(Env("LENGTHS"), "LENGTHS", "codepoints", "utf16") ?? defaults.Lengths,
            ContentType = OneOf(Env("CONTENT_TYPE"), "CONTENT_TYPE", "strict", "lenient") ?? defaults.ContentType,
            Seed = Number("SEED", defaults.Seed, long.MinValue, long.MaxValue),
            MaxTest = (int)Number("MAX_TEST", defaults.MaxTest, 0, int.MaxValue),
            Timeout = TimeSpan.FromSeconds(Number("TIMEOUT", (long)defaults.Timeout.TotalSeconds, 1, 86_400)),
            ReportDirectory = Env("REPORT") ?? defaults.ReportDirectory,
            Snapshot = Env("SNAPSHOT") ?? defaults.Snapshot,
            KnownFailures = Env("KNOWN_FAILURES") ?? defaults.KnownFailures,
            Records = Env("RECORD")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                      ?? defaults.Records,
        };
    }

    /// <summary>The command that replays a test run: the same variables (each value shell-quoted), then
    /// <c>dotnet test</c>.</summary>
    public string Replay =>
        string.Join(' ', new[]
        {
            Profile == "documented" ? null : $"NOTIFYCONTRACT_PROFILE={Profile}",
            Patterns is null ? null : $"NOTIFYCONTRACT_PATTERNS={Patterns}",
            Lengths is null ? null : $"NOTIFYCONTRACT_LENGTHS={Lengths}",
            ContentType is null ? null : $"NOTIFYCONTRACT_CONTENT_TYPE={ContentType}",
            KnownFailures is null ? null : $"NOTIFYCONTRACT_KNOWN_FAILURES={Shell.Quote(KnownFailures)}",
            Records.Count == 0 ? null : $"NOTIFYCONTRACT_RECORD={Shell.Quote(string.Join(',', Records))}",
            Snapshot is null
                ? $"NOTIFYCONTRACT_SEED={Seed} NOTIFYCONTRACT_MAX_TEST={MaxTest} dotnet test"
                : $"NOTIFYCONTRACT_SNAPSHOT={Shell.Quote(Snapshot)} dotnet test",
        }.OfType<string>());

    static string? Env(string name) =>
        Environment.GetEnvironmentVariable("NOTIFYCONTRACT_" + name) is { Length: > 0 } value ? value : null;

    static long Number(string name, long fallback, long min, long max) =>
        Env(name) is not { } text ? fallback
        : long.TryParse(text, out var n) && n >= min && n <= max ? n
        : throw new ArgumentException($"NOTIFYCONTRACT_{name}='{text}': a whole number from {min} to {max}");

    static string? OneOf(string? text, string name, params string[] allowed) =>
        text is null || allowed.Contains(text)
            ? text
            : throw new ArgumentException($"NOTIFYCONTRACT_{name}='{text}': one of {string.Join(", ", allowed)}");
}
