using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// What regenerates a snapshot's cases (seed, max-test, operations, the records cases may name, the harness and
/// contract versions) and whose answers they are (target, profile). Never a credential or a user's token.
/// </summary>
public sealed record SnapshotHeader(
    long Seed,
    int MaxTest,
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> Records,
    string HarnessVersion,
    string ContractVersion,
    string Target,
    string Profile)
{
    /// <summary>The part of the run this snapshot holds (<c>--shard K/N</c>); null: the whole run.</summary>
    public Run.Shard? Shard { get; init; }

    /// <summary>Taken on AWS (a run with <c>--region</c>): the date and region hold for every rule it has cases of.</summary>
    public AwsSighting? SeenOnAws { get; init; }

    /// <summary>This build's versions, for a snapshot about to be written.</summary>
    public static SnapshotHeader Current(Generators.Contract.ServiceContract contract, long seed, int maxTest,
        IReadOnlyList<string> operations,
        IReadOnlyList<string> records, string target, string profile) =>
        new(seed, maxTest, operations, records, Snapshot.HarnessVersion, contract.Version,
            target, profile);
}

/// <summary>
/// A whole snapshot: the header and one answer per case, sorted by operation, rule and case id so that two
/// snapshots of the same cases diff line by line. Written and read as JSON Lines (the header first).
/// </summary>
public sealed record Snapshot(SnapshotHeader Header, IReadOnlyList<SnapshotCase> Cases)
{
    public const string Format = "notify-contract-snapshot/1";

    /// <summary>The harness's version (<see cref="About.Version"/>, <c>0.2.0+commit</c>).</summary>
    public static string HarnessVersion => About.Version;

    static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sorted, one answer per case: the first one recorded (a suite sends its cases in a fixed order).</summary>
    public static Snapshot Of(SnapshotHeader header, IEnumerable<SnapshotCase> cases) => new(header,
        [.. cases.DistinctBy(c => c.Key).OrderBy(c => c.Operation, StringComparer.Ordinal)
            .ThenBy(c => c.Rule, StringComparer.Ordinal).ThenBy(c => c.CaseId, StringComparer.Ordinal)]);

    public IReadOnlyDictionary<(string Operation, string Rule, string CaseId), SnapshotCase> ByKey =>
        byKey ??= Cases.ToDictionary(c => c.Key);

    IReadOnlyDictionary<(string, string, string), SnapshotCase>? byKey;

    public void Write(string path)
    {
        try
        {
            using var file = File.Create(path);
            Write(file);
        }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot write the snapshot {path}: {e.Message}");
        }
    }

    public void Write(Stream output)
    {
        using var w = new Utf8JsonWriter(output, Compact);
        void Line(Action<Utf8JsonWriter> write)
        {
            write(w);
            w.Flush();
            output.WriteByte((byte)'\n');
            w.Reset();
        }
        Line(WriteHeader);
        foreach (var c in Cases) Line(c.Write);
    }

    void WriteHeader(Utf8JsonWriter w)
    {
        var h = Header;
        w.WriteStartObject();
        w.WriteString("snapshot", Format);
        w.WriteString("target", h.Target);
        w.WriteString("profile", h.Profile);
        w.WriteNumber("seed", h.Seed);
        w.WriteNumber("maxTest", h.MaxTest);
        WriteStrings(w, "operations", h.Operations);
        WriteStrings(w, "records", h.Records);
        w.WriteString("harnessVersion", h.HarnessVersion);
        w.WriteString("contractVersion", h.ContractVersion);
        h.SeenOnAws?.Write(w);
        w.WriteNumber("cases", Cases.Count);
        if (h.Shard is { } shard)
        {
            w.WriteStartObject("shard");
            w.WriteNumber("k", shard.K);
            w.WriteNumber("n", shard.N);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>Reads a snapshot file; anything malformed is a one-line <see cref="HarnessException"/>.</summary>
    public static Snapshot Read(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot read the snapshot {path}: {e.Message}");
        }
        var number = 0;
        try
        {
            if (lines.Length == 0) throw new FormatException("empty file");
            number = 1;
            var header = ReadHeader(lines[0], out var count);
            var cases = new List<SnapshotCase>(count);
            for (number = 2; number <= lines.Length; number++)
                if (lines[number - 1].Length > 0) cases.Add(SnapshotCase.Read(lines[number - 1]));
            number = 0;
            if (cases.Count != count)
                throw new FormatException($"the header says {count} cases, the file holds {cases.Count}");
            if (cases.DistinctBy(c => c.Key).Count() != cases.Count) throw new FormatException("a case appears twice");
            return new(header, cases);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException
            or InvalidOperationException)
        {
            var where = number > 0 ? $" line {number}" : "";
            throw new HarnessException($"snapshot {path}{where} is malformed: {e.Message.Split('\n')[0]}");
        }
    }

    static SnapshotHeader ReadHeader(string line, out int count)
    {
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        if (Text(o, "snapshot") != Format) throw new FormatException($"not a {Format} header");
        count = o.GetProperty("cases").GetInt32();
        return new(o.GetProperty("seed").GetInt64(), o.GetProperty("maxTest").GetInt32(), Strings(o, "operations"),
            Strings(o, "records"), Text(o, "harnessVersion"), Text(o, "contractVersion"), Text(o, "target"),
            Text(o, "profile"))
        {
            SeenOnAws = AwsSighting.Read(o),
            Shard = o.TryGetProperty("shard", out var s)
                ? new(s.GetProperty("k").GetInt32(), s.GetProperty("n").GetInt32())
                : null,
        };
    }

    internal static string Text(JsonElement o, string name) =>
        o.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    internal static IReadOnlyList<string> Strings(JsonElement o, string name) =>
        [.. o.GetProperty(name).EnumerateArray()
            .Select(e => e.GetString() ?? throw new FormatException($"{name} holds null"))];

    /// <summary>
    /// Refuses a snapshot whose cases this build cannot regenerate: another contract model, another harness
    /// release (build metadata after <c>+</c>, the commit, does not count: the case ids decide), an unknown operation.
    /// </summary>
    public void CheckVersions(string path, Generators.Contract.ServiceContract contract)
    {
        static string Release(string v) => v.Split('+')[0];
        if (Header.ContractVersion != contract.Version
            || Release(Header.HarnessVersion) != Release(HarnessVersion))
            throw new HarnessException(
                $"snapshot {path} was taken with harness {Header.HarnessVersion} and contract {Header.ContractVersion}, " +
                $"this is harness {HarnessVersion} and contract {contract.Version}: its cases no " +
                "longer regenerate; take a new one with --write-snapshot");
        if (Header.Operations.FirstOrDefault(op => contract.Find(op) is null) is { } unknown)
            throw new HarnessException($"snapshot {path} names an unknown operation '{unknown}'");
    }

    /// <summary>
    /// Refuses the snapshot when a case it holds is not among those regenerated from its header (the generators
    /// changed). A regenerated case it does not hold (its run stopped before sending it) is judged as skipped.
    /// </summary>
    public void CheckRegenerated(string path, IEnumerable<Case> regenerated)
    {
        var now = regenerated.Select(c => (c.Operation, c.Rule.Value, c.Id)).ToHashSet();
        var missing = Cases.Where(c => !now.Contains(c.Key)).ToList();
        if (missing.Count == 0) return;
        throw new HarnessException(
            $"snapshot {path}: {missing.Count} of its {Cases.Count} cases no longer regenerate (first: {missing[0].CaseId}; " +
            "another harness or generator version?); take a new one with --write-snapshot");
    }
}

/// <summary>
/// When and where answers were last seen on AWS: the UTC date of a run against AWS (<c>--region</c>) and its region.
/// A snapshot's header holds it for every rule it has cases of; report.json (<c>seenOnAws</c>) for the rules it judged.
/// </summary>
public sealed record AwsSighting(string Date, string Region)
{
    const string DateFormat = "yyyy-MM-dd";

    public static AwsSighting Today(string region) =>
        new(DateTime.UtcNow.ToString(DateFormat, CultureInfo.InvariantCulture), region);

    /// <summary>Whole days from the sighting to <paramref name="now"/>.</summary>
    public int DaysBefore(DateTime now) =>
        (int)(now.Date - DateTime.ParseExact(Date, DateFormat, CultureInfo.InvariantCulture)).TotalDays;

    /// <summary><c>2026-12-01 (us-east-1)</c>.</summary>
    public override string ToString() => $"{Date} ({Region})";

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject("seenOnAws");
        w.WriteString("date", Date);
        w.WriteString("region", Region);
        w.WriteEndObject();
    }

    /// <summary>An object's <c>seenOnAws</c>, null when it has none; a malformed one is a <see cref="FormatException"/>.</summary>
    public static AwsSighting? Read(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("seenOnAws", out var s)
            || s.ValueKind == JsonValueKind.Null) return null;
        var date = Snapshot.Text(s, "date");
        if (!DateTime.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new FormatException($"seenOnAws.date '{date}' is not {DateFormat}");
        return new(date, Snapshot.Text(s, "region"));
    }
}
