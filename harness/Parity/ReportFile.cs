using System.Text.Json;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// One verdict with its counts: a rule's, a rule's on one operation, or one check's. <see cref="Known"/>: a failure
/// listed in the run's known-failures file.
/// </summary>
public sealed record Part(string Verdict, int Cases, int Failed, string? Reason, string? Operation = null,
    string? Check = null, bool Known = false);

/// <summary>One rule of a report.json: its verdict, counts, and (when the report has them) per operation and per check.</summary>
public sealed record RuleEntry(string Id, Part Overall, int Observed, IReadOnlyList<Part> Operations,
    IReadOnlyList<Part> Checks);

/// <summary>
/// A <c>report.json</c> read tolerantly, for <c>--merge-reports</c>: only <c>rules[].id</c> is required; reports from
/// older harnesses (no <c>checks</c>, no <c>diagnosis</c>) read as well. <see cref="Column"/> is set by the merge.
/// </summary>
public sealed record ReportFile(
    string Path,
    string Target,
    string? Profile,
    long? Seed,
    int? MaxTest,
    bool? Conformant,
    string? Line,
    IReadOnlyList<string> Diagnosis,
    IReadOnlyList<RuleEntry> Rules)
{
    public string Column { get; init; } = Target;

    /// <param name="path">A report.json, or the folder that holds one.</param>
    public static ReportFile Read(string path)
    {
        var (file, bytes) = Load(path);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var o = doc.RootElement;
            var summary = o.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            return new(file,
                Str(o, "target") ?? "unknown target",
                Str(o, "profile"),
                Num(o, "seed"),
                (int?)Num(o, "maxTest"),
                summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty("conformant", out var c)
                    && c.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? c.GetBoolean()
                        : null,
                summary.ValueKind == JsonValueKind.Object ? Str(summary, "line") : null,
                [.. Array(o, "diagnosis").Select(Sentence).OfType<string>()],
                [.. o.GetProperty("rules").EnumerateArray().Select(Rule)]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
            or FormatException)
        {
            throw new HarnessException($"report {file} is malformed: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>A report.json's bytes (<paramref name="path"/> may be its folder); one line when it cannot be read.</summary>
    internal static (string File, byte[] Bytes) Load(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "report.json") : path;
        try { return (file, File.ReadAllBytes(file)); }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot read the report {file}: {e.Message}");
        }
    }

    static RuleEntry Rule(JsonElement r) => new(
        Str(r, "id") ?? throw new FormatException("a rule has no id"),
        Verdict(r),
        (int)(Num(r, "observed") ?? 0),
        [.. Array(r, "operations").Select(Verdict)],
        [.. Array(r, "checks").Select(Verdict)]);

    static Part Verdict(JsonElement e) => new(
        Str(e, "verdict") ?? "unknown",
        (int)(Num(e, "cases") ?? 0),
        (int)(Num(e, "failed") ?? 0),
        Str(e, "reason"),
        Str(e, "operation"),
        Str(e, "check"),
        e.TryGetProperty("known", out var k) && k.ValueKind == JsonValueKind.True);

    /// <summary>A diagnosis entry: a sentence, or an object whose first text member says it.</summary>
    static string? Sentence(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => new[] { "sentence", "text", "cause", "summary", "message" }.Select(n => Str(e, n))
            .FirstOrDefault(t => t is not null),
        _ => null,
    };

    static IEnumerable<JsonElement> Array(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray() : [];

    static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;

    static long? Num(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetInt64(out var n) ? n : null;
}
