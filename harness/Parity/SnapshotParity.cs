using System.Collections.Concurrent;
using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// <c>--against-snapshot</c>: judges an answer by parity with what the snapshot's target answered to the same case
/// (<see cref="SnapshotCase.SameAnswer"/>), instead of by a profile. An ambiguous case is judged too: reading it
/// differently from the snapshot's target shows as a different answer, and the reason names both readings.
/// </summary>
public sealed class SnapshotParity(Snapshot snapshot)
{
    // Effect: the target answers each case as the snapshot's target did: the same status and error code (for a
    // success, {} and an empty body alike), so it also reads every ambiguity the same way. Used instead of the
    // profile's checks; a case the snapshot has no answer for (not sent, throttled) is skipped.
    public Check MatchesSnapshot => matches ??= new(CheckName, _ => true,
        x => Judge(x.Case, x.Answer, Agreement.Readings(x.Profile, x.Case, x.Answer)));

    Check? matches;

    public const string CheckName = "matchesSnapshot";

    /// <param name="agrees">The readings of the case's ambiguity this answer agrees with (empty when it has none).</param>
    public Verdict Judge(Case c, Answer a, IReadOnlyList<string> agrees)
    {
        // Not in the snapshot: its run stopped before sending the case (a target that stopped answering, a budget).
        if (!snapshot.ByKey.TryGetValue((c.Operation, c.Rule.Value, c.Id), out var expected))
            return Verdict.Skipped($"the snapshot has no answer to case {c.Id}");
        var actual = SnapshotCase.Of(c, a, agrees);
        if (expected.Unanswered)
            return Verdict.Skipped($"the snapshot has no answer to compare ({expected.Describe()})");
        if (actual.Unanswered) return Verdict.Skipped(actual.Describe());
        if (expected.SameAnswer(actual)) return Verdict.Pass();
        var readings = c.Ambiguity is { } ambiguity && !expected.Agrees.SequenceEqual(actual.Agrees)
            ? $"; the snapshot's target read the {ambiguity.Kind.ToString().ToLowerInvariant()} as {Readings(expected.Agrees)}, " +
              $"this target as {Readings(actual.Agrees)}"
            : "";
        return Verdict.Fail($"the snapshot's target answered {expected.Describe()}, " +
                            $"this target {actual.Describe()}{readings}");
    }

    static string Readings(IReadOnlyList<string> agrees) =>
        agrees.Count == 0 ? "neither reading" : string.Join(" and ", agrees);
}

/// <summary><c>--write-snapshot</c>: collects what the target answered to each case, from every suite's thread.</summary>
public sealed class SnapshotRecorder
{
    readonly ConcurrentQueue<SnapshotCase> answers = new();

    public void Record(Case c, Answer a, IReadOnlyList<string> agrees) =>
        answers.Enqueue(SnapshotCase.Of(c, a, agrees));

    /// <summary>Sorted; a case answered twice keeps the answer recorded first (a suite sends in a fixed order).</summary>
    public Snapshot Snapshot(SnapshotHeader header) => Parity.Snapshot.Of(header, answers);
}
