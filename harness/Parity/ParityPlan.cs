using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// What a conformance run does besides judging by a profile, read and checked before anything is sent: the snapshot
/// to judge against (it decides the seed, max-test, operations and records, so its cases regenerate), the known
/// failures, and where to write a snapshot or the failing set afterwards. Files that cannot be read or written are
/// one-line <see cref="HarnessException"/>s here, not after a long run.
/// </summary>
public sealed class ParityPlan
{
    public Snapshot? Against { get; private init; }
    public string? AgainstPath { get; private init; }
    public KnownFailures? Known { get; private init; }
    public string? WriteSnapshotPath { get; private init; }
    public string? WriteKnownFailuresPath { get; private init; }

    readonly SnapshotRecorder recorder = new();

    /// <summary>Snapshot runs send every case whatever the answers, and shrink nothing.</summary>
    public bool Exhaustive => Against is not null || WriteSnapshotPath is not null;

    /// <param name="contract">The run's contract (its version, operations and rules are what the files are held to).</param>
    public static ParityPlan Read(string? againstSnapshot, string? knownFailures, string? writeSnapshot,
        string? writeKnownFailures, ServiceContract contract)
    {
        var against = againstSnapshot is null ? null : Snapshot.Read(againstSnapshot);
        against?.CheckVersions(againstSnapshot!, contract);
        Writable(writeSnapshot, "--write-snapshot");
        Writable(writeKnownFailures, "--write-known-failures");
        return new()
        {
            Against = against,
            AgainstPath = againstSnapshot,
            Known = knownFailures is null ? null : KnownFailures.Read(knownFailures, contract, RuleIds(contract), CheckNames),
            WriteSnapshotPath = writeSnapshot,
            WriteKnownFailuresPath = writeKnownFailures,
        };
    }

    /// <summary>Every rule id a run can report.</summary>
    public static IReadOnlySet<string> RuleIds(ServiceContract contract) =>
        Rules.Ids(contract).Concat(Registry.All.Select(c => c.Rule?.Value).OfType<string>()).ToHashSet();

    /// <summary>Every check name a run can report: the registry's and parity's.</summary>
    public static IReadOnlySet<string> CheckNames { get; } =
        Registry.All.Select(c => c.Name).Append(SnapshotParity.CheckName).ToHashSet();

    static void Writable(string? path, string flag)
    {
        if (path is null) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
            throw new HarnessException($"{flag} {path}: the folder {folder} does not exist");
    }

    /// <summary>The records cases may name: the snapshot's when judging against one (the target must hold them).</summary>
    public RecordSet Records(RecordSet otherwise) => Against is { } s ? new(s.Header.Records) : otherwise;

    /// <summary>The snapshot's cases regenerated from its header, or a one-line refusal.</summary>
    public void CheckRegenerated(IReadOnlyList<RuleSuite> suites, RunSettings settings)
    {
        if (Against is { } s)
            s.CheckRegenerated(AgainstPath!, suites.SelectMany(suite => Explore.Cases(suite, settings)));
    }

    /// <summary>
    /// By parity with the snapshot when judging against one (the reports name it where they name the profile; no
    /// reading is picked: the snapshot's target decided them), otherwise by the profile.
    /// </summary>
    public Judge Judge(Profile profile) => Against is { } snapshot
        ? new(profile with { Name = $"parity with {AgainstPath}", Readings = new Dictionary<AmbiguityKind, string>() },
            [new SnapshotParity(snapshot).MatchesSnapshot])
        : new(profile);

    /// <summary>Before the run: record every answer when a snapshot is to be written.</summary>
    public void Watch(RunState state, Profile profile)
    {
        if (WriteSnapshotPath is not null)
            state.Answered = (c, a) => recorder.Record(c, a, Agreement.Readings(profile, c, a));
    }

    /// <summary>After the run: the snapshot and the failing set, when asked for.</summary>
    /// <param name="profile">The profile the answers' readings were named under (the run's own may be parity).</param>
    /// <param name="unimplemented">Operations the diagnosis found unimplemented: listed whole (<c>@Operation</c>).</param>
    /// <param name="onAws">The run's target is AWS: when and where the snapshot's answers were seen there.</param>
    /// <param name="shard">The part of the run a shard's snapshot holds (null: the whole run).</param>
    public void Write(RunResult run, string profile, IReadOnlyList<string> operations, RecordSet records,
        IEnumerable<CheckResult> results, IReadOnlyCollection<string> unimplemented, AwsSighting? onAws,
        Shard? shard = null)
    {
        if (WriteSnapshotPath is { } path)
            recorder.Snapshot(SnapshotHeader.Current(run.Contract, run.Seed, run.MaxTest, operations, records.Known,
                    run.Target, profile) with { SeenOnAws = onAws, Shard = shard })
                .Write(path);
        if (WriteKnownFailuresPath is { } known)
            KnownFailures.Write(known, results,
                $"{run.Target} (profile {run.Profile}, seed {run.Seed}, max-test {run.MaxTest})", unimplemented);
    }
}

/// <summary>Which readings of a case's ambiguity an answer agrees with, whatever reading the profile picks.</summary>
public static class Agreement
{
    public static IReadOnlyList<string> Readings(Profile profile, Case c, Answer a) =>
        c.Ambiguity is null ? [] : Registry.OneReading.Judge(new(c, null, a, null, profile)).Agrees ?? [];
}
