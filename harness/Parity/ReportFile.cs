using System.Text.Json;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// One verdict with its counts: a rule's, a rule's on one operation, or one check's. <see cref="Known"/>: a failure
/// listed in the run's known-failures file. <see cref="ServerErrors"/>: a rule's cases on one operation answered with
/// a 5xx or not at all; <see cref="Enforcement"/>: what the rule came to there (report.json <c>enforcement</c>).
/// </summary>
public sealed record Part(string Verdict, int Cases, int Failed, string? Reason, string? Operation = null,
    string? Check = null, bool Known = false, int ServerErrors = 0, string? Enforcement = null);

/// <summary>One rule of a report.json: its verdict, counts, and (when the report has them) per operation and per check.</summary>
public sealed record RuleEntry(string Id, Part Overall, int Observed, IReadOnlyList<Part> Operations,
    IReadOnlyList<Part> Checks);

/// <summary>
/// A <c>report.json</c> read tolerantly, for <c>--merge-reports</c>: only <c>rules[].id</c> is required; reports from
/// older harnesses (no <c>checks</c>, no <c>diagnosis</c>) read as well. A merged report reads as its columns
/// (<see cref="Columns"/>). <see cref="Column"/> is the name given (<c>NAME=REPORT</c>), else set by the merge.
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

    /// <summary>The file the column was read from: <see cref="Path"/>, or the merged report that holds it
    /// (<see cref="Merged"/>).</summary>
    public string Input { get; init; } = Path;
    public bool Merged { get; init; }

    /// <summary>The operations the run's diagnosis found unimplemented (<c>diagnosis[].unimplemented</c>).</summary>
    public IReadOnlyList<string> Unimplemented { get; init; } = [];

    /// <summary>When and where the run's expectations were last seen on AWS (<c>seenOnAws</c>); null: never.</summary>
    public AwsSighting? SeenOnAws { get; init; }

    /// <summary>
    /// The columns one <c>--merge-reports</c> argument gives: a run's report.json (or its folder), named
    /// <c>NAME=REPORT</c> or after its target, is one; a merged report.json is each of its columns again.
    /// </summary>
    public static IReadOnlyList<ReportFile> Columns(string argument)
    {
        var (name, path) = Named(argument);
        var (file, bytes) = Load(path);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var o = doc.RootElement;
            if (o.TryGetProperty("merged", out var merged) && merged.ValueKind == JsonValueKind.True)
                return name is null ? MergedColumns(file, o)
                    : throw new HarnessException($"{argument}: a merged report keeps its columns' names");
            var report = Single(file, o);
            return [report with { Column = name ?? report.Target }];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
            or FormatException)
        {
            throw new HarnessException($"report {file} is malformed: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>A <c>--merge-reports</c> argument: <c>NAME=REPORT</c> (a path that exists is never split), or a report.</summary>
    internal static (string? Name, string Path) Named(string argument) =>
        File.Exists(argument) || Directory.Exists(argument) || !argument.Contains('=')
            ? (null, argument)
            : (argument[..argument.IndexOf('=')], argument[(argument.IndexOf('=') + 1)..]);

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

    static ReportFile Single(string file, JsonElement o)
    {
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
            [.. o.GetProperty("rules").EnumerateArray().Select(Rule)])
        {
            Unimplemented = [.. Array(o, "diagnosis").SelectMany(d => Array(d, "unimplemented"))
                .Select(op => op.GetString()).OfType<string>()],
            SeenOnAws = AwsSighting.Read(o),
        };
    }

    /// <summary>A merged report's columns, each as its own report read back: <c>targets[]</c> and each rule's
    /// <c>byTarget[]</c> entry of the column (<see cref="MergedReport.Json"/>).</summary>
    static IReadOnlyList<ReportFile> MergedColumns(string file, JsonElement o) =>
    [
        .. Array(o, "targets").Select(t =>
        {
            var column = Str(t, "column") ?? throw new FormatException("a target has no column");
            var rules = o.GetProperty("rules").EnumerateArray()
                .SelectMany(r => Array(r, "byTarget").Where(b => Str(b, "column") == column).Select(b => new RuleEntry(
                    Str(r, "id") ?? throw new FormatException("a rule has no id"), Verdict(b),
                    (int)(Num(b, "observed") ?? 0), [.. Array(b, "operations").Select(Verdict)],
                    [.. Array(b, "checks").Select(Verdict)])));
            return new ReportFile(Str(t, "report") ?? file, Str(t, "target") ?? "unknown target", Str(t, "profile"),
                Num(t, "seed"), (int?)Num(t, "maxTest"),
                t.TryGetProperty("conformant", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? c.GetBoolean() : null,
                Str(t, "line"), [.. Array(t, "diagnosis").Select(Sentence).OfType<string>()], [.. rules])
            {
                Column = column,
                Input = file,
                Merged = true,
                Unimplemented = [.. Array(t, "unimplemented").Select(op => op.GetString()).OfType<string>()],
                SeenOnAws = AwsSighting.Read(t),
            };
        }),
    ];

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
        e.TryGetProperty("known", out var k) && k.ValueKind == JsonValueKind.True,
        (int)(Num(e, "serverErrors") ?? 0),
        Str(e, "enforcement"));

    /// <summary>A diagnosis entry: a sentence, or an object whose first text member says it.</summary>
    static string? Sentence(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => new[] { "sentence", "text", "cause", "summary", "message" }.Select(n => Str(e, n))
            .FirstOrDefault(t => t is not null),
        _ => null,
    };

    internal static IEnumerable<JsonElement> Array(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray() : [];

    internal static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;

    static long? Num(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetInt64(out var n) ? n : null;
}
