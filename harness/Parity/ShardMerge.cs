using System.Text.Json;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// <c>--merge-reports</c> of the N shards of one run (<c>--shard K/N</c>, same target, seed, profile and max-test):
/// the whole run's outcomes rebuilt from the shards' report.json (<see cref="ShardRun"/>), in the run's order, then
/// judged and written by the same code as an unsharded run, so report.json, report.md and junit.xml are the unsharded
/// run's but for timings; or the shards' snapshots (<c>--write-snapshot</c>) as the whole run's snapshot. Whole runs
/// (no <c>shard</c>) are merged side by side by <see cref="MergedReport"/>.
/// </summary>
public static class ShardMerge
{
    /// <summary>The run the shard reports make together; null when none of them is a shard's.</summary>
    public static (Verdicts Verdicts, string Replay, Resend? Resend)? Reports(IReadOnlyList<string> paths,
        ServiceContract contract)
    {
        var shards = paths.Select(p => Read(p, contract)).ToList();
        if (shards.All(s => s.Shard is null)) return null;
        if (shards.FirstOrDefault(s => s.Shard is null) is { } whole)
            throw new HarnessException($"{whole.Path} is a whole run's report, the others are shards': merge a run's " +
                                       "shards together, or whole runs side by side");
        var first = shards[0];
        foreach (var s in shards.Skip(1))
            if ((s.Target, s.Profile, s.Seed, s.MaxTest, s.Shard!.Run.Shard.N, s.Shard.Run.Suites, s.Shard.Run.Replay)
                != (first.Target, first.Profile, first.Seed, first.MaxTest, first.Shard!.Run.Shard.N,
                    first.Shard.Run.Suites, first.Shard.Run.Replay))
                throw new HarnessException($"{s.Path} and {first.Path} are shards of different runs (target, profile, " +
                                           "seed, max-test, operations or the number of shards differ)");
        var n = first.Shard!.Run.Shard.N;
        foreach (var k in Enumerable.Range(1, n))
            if (shards.Count(s => s.Shard!.Run.Shard.K == k) != 1)
                throw new HarnessException($"shard {k}/{n} is " +
                                           (shards.Any(s => s.Shard!.Run.Shard.K == k) ? "given twice" : "missing"));

        var outcomes = new SuiteOutcome?[first.Shard.Run.Suites];
        foreach (var s in shards)
            foreach (var (index, outcome) in s.Shard!.Run.Indices.Zip(s.Shard.Outcomes))
                outcomes[index] = outcomes[index] is null ? outcome
                    : throw new HarnessException($"two shards hold suite {index}: were they run with the same flags?");
        if (Array.IndexOf(outcomes, null) is var gap and >= 0)
            throw new HarnessException($"no shard holds suite {gap}: were they run with the same flags?");

        var run = new RunResult(first.Target, first.Profile, first.Seed, first.MaxTest, outcomes!,
            shards.Select(s => s.StopReason).FirstOrDefault(r => r is not null),
            shards.Max(s => s.Elapsed), shards.Sum(s => s.Requests))
        {
            Interrupted = shards.Select(s => s.Shard!.Interrupted).FirstOrDefault(i => i is not null),
            Contract = contract,
            HeldBack = first.HeldBack,
        };
        var known = first.Shard.Run.KnownFailures is { } list
            ? ParityPlan.Read(null, list, null, null, contract).Known
            : null;
        return (Verdicts.Of(run, known), first.Shard.Run.Replay, first.Shard.Run.Resend);
    }

    /// <summary>The whole run's snapshot from its shards' (each holds its suites' cases, sorted the same way); null
    /// when the files are not snapshots.</summary>
    public static Snapshot? Snapshots(IReadOnlyList<string> paths)
    {
        if (!paths.All(IsSnapshot)) return null;
        var parts = paths.Select(p => (Path: p, Snapshot: Snapshot.Read(p))).ToList();
        var header = parts[0].Snapshot.Header;
        var n = header.Shard?.N ?? 0;
        foreach (var (path, part) in parts)
            if (part.Header.Shard?.N != n || !SameRun(part.Header, header))
                throw new HarnessException($"{path} is not a shard of the same run as {parts[0].Path} " +
                                           "(--write-snapshot with --shard K/N, same flags)");
        foreach (var k in Enumerable.Range(1, n))
            if (parts.Count(p => p.Snapshot.Header.Shard!.K == k) != 1)
                throw new HarnessException($"snapshot shard {k}/{n} is " +
                                           (parts.Any(p => p.Snapshot.Header.Shard!.K == k) ? "given twice" : "missing"));
        return Snapshot.Of(header with { Shard = null }, parts.SelectMany(p => p.Snapshot.Cases));
    }

    static bool SameRun(SnapshotHeader a, SnapshotHeader b) =>
        (a.Seed, a.MaxTest, a.HarnessVersion, a.ContractVersion, a.Target, a.Profile)
        == (b.Seed, b.MaxTest, b.HarnessVersion, b.ContractVersion, b.Target, b.Profile)
        && a.Operations.SequenceEqual(b.Operations) && a.Records.SequenceEqual(b.Records);

    /// <summary>A JSON Lines file whose first line is a snapshot header (a report.json is one indented object).</summary>
    static bool IsSnapshot(string path)
    {
        if (Directory.Exists(path)) return false;
        try
        {
            using var reader = new StreamReader(path);
            using var doc = JsonDocument.Parse(reader.ReadLine() ?? "");
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("snapshot", out _);
        }
        catch (Exception e) when (e is JsonException || HarnessException.IsPathError(e))
        {
            return false;
        }
    }

    sealed record Input(string Path, string Target, string Profile, long Seed, int MaxTest, string? StopReason,
        TimeSpan Elapsed, long Requests, IReadOnlyList<HeldBack> HeldBack,
        ShardPart? Shard);

    static Input Read(string path, ServiceContract contract)
    {
        var (file, bytes) = ReportFile.Load(ReportFile.Named(path).Path);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var o = doc.RootElement;
            if (ShardRun.Read(o, contract) is not { } shard) // a whole run's: merged side by side, read tolerantly there
                return new(file, "", "", 0, 0, null, TimeSpan.Zero, 0, [], null);
            if (o.GetProperty("harness").GetProperty("contractVersion").GetString() != contract.Version)
                throw new HarnessException($"{file} was judged by contract " +
                                           $"{o.GetProperty("harness").GetProperty("contractVersion").GetString()}, " +
                                           $"this is {contract.Version}: merge with the shards' --model");
            var summary = o.GetProperty("summary");
            return new(file, o.GetProperty("target").GetString()!, o.GetProperty("profile").GetString()!,
                o.GetProperty("seed").GetInt64(), o.GetProperty("maxTest").GetInt32(),
                o.GetProperty("stopReason").GetString(),
                TimeSpan.FromSeconds(summary.GetProperty("elapsedSeconds").GetDouble()),
                summary.GetProperty("requests").GetInt64(),
                [.. o.GetProperty("heldBack").EnumerateArray()
                    .Select(h => new HeldBack(h.GetProperty("operation").GetString()!, h.GetProperty("why").GetString()!))],
                shard);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
            or FormatException or ArgumentException)
        {
            throw new HarnessException($"report {file} is malformed: {e.Message.Split('\n')[0]}");
        }
    }
}
