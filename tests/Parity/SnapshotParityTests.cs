using System.Text;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Parity;

/// <summary>The parity judge: an answer against the snapshot's answer to the same case.</summary>
public class SnapshotParityTests
{
    const string Term = ServiceCatalog.NotifyTerminate;

    static readonly Ambiguity Patterns = new(AmbiguityKind.Patterns,
        new Dictionary<string, Expectation> { ["full"] = Expectation.InvalidParametersException,
            ["search"] = Expectation.ResourceNotFoundException }, "why");

    static readonly Case Ambiguous = new("term.IdempotencyToken.pattern.1", Term,
        new RuleId("IdempotencyToken.pattern"), Expectation.Observe, Patterns, [], "{}"u8.ToArray());

    static Answer Error(string code) =>
        new(400, [], Encoding.UTF8.GetBytes($$"""{"__type":"{{code}}"}"""), TimeSpan.Zero);

    static SnapshotParity Parity(Answer snapshotAnswer, params string[] agrees) => new(Snapshot.Of(
        SnapshotHeader.Current(ServiceContract.Default, 1, 1, [Term], [], "aws", "documented"),
            [SnapshotCase.Of(Ambiguous, snapshotAnswer, agrees)]));

    [Fact]
    public void The_same_answer_passes_another_fails_naming_both_answers_and_readings()
    {
        var parity = Parity(Error("InvalidParametersException"), "full");
        Assert.Equal(VerdictKind.Pass, parity.Judge(Ambiguous, Error("InvalidParametersException"), ["full"]).Kind);

        var differs = parity.Judge(Ambiguous, Error("ResourceNotFoundException"), ["search"]);
        Assert.Equal(VerdictKind.Fail, differs.Kind);
        Assert.Equal("the snapshot's target answered HTTP 400 InvalidParametersException, this target HTTP 400 " +
                     "ResourceNotFoundException; the snapshot's target read the patterns as full, this target as search", differs.Reason);
    }

    [Fact]
    public void Throttled_on_either_side_or_a_case_the_snapshot_never_sent_is_skipped_not_judged()
    {
        var unsent = Ambiguous with { Id = "term.IdempotencyToken.pattern.2" };
        Assert.Equal(VerdictKind.Skipped, Parity(Error("InvalidParametersException"))
            .Judge(unsent, Error("InvalidParametersException"), []).Kind);
        var throttled = Answer.None(NoAnswer.Throttled, TimeSpan.Zero, "still throttled");
        Assert.Equal(VerdictKind.Skipped, Parity(throttled)
            .Judge(Ambiguous, Error("InvalidParametersException"), []).Kind);
        Assert.Equal(VerdictKind.Skipped,
            Parity(Error("InvalidParametersException")).Judge(Ambiguous, throttled, []).Kind);
    }

    [Fact]
    public void The_recorder_keeps_the_first_answer_of_a_case()
    {
        var recorder = new SnapshotRecorder();
        recorder.Record(Ambiguous, Error("InvalidParametersException"), ["full"]);
        recorder.Record(Ambiguous, Error("ResourceNotFoundException"), ["search"]);
        var snapshot = recorder.Snapshot(SnapshotHeader.Current(ServiceContract.Default, 1, 1, [Term], [], "t", "documented"));
        Assert.Equal("InvalidParametersException", Assert.Single(snapshot.Cases).ErrorCode);
    }
}
