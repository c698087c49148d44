using FsCheck;

namespace NotifyContract.Generators;

/// <summary>How the runner sends a suite's cases.</summary>
public enum SendMode
{
    /// <summary>Each case once, judged against its expectation.</summary>
    Once,
    /// <summary>Each case twice, identically: both answers judged, and they must agree (Idempotency.replay).</summary>
    Replay,
    /// <summary>Each case, then its second request (<see cref="Case.Then"/>): both answers recorded
    /// (Idempotency.conflict).</summary>
    Pair,
}

/// <summary>Records the target knows (a <c>--record</c>, or the stub's seeded ones). Every other id is unknown.</summary>
public sealed record RecordSet(IReadOnlyList<string> Known)
{
    public static readonly RecordSet None = new([]);

    /// <summary>
    /// The WorkflowToken of the cases that must be accepted (Valid.accepted, Idempotency.replay) when the target checks
    /// it (AWS: the token it gave the engine for the record); null: generated tokens. A live run puts a stand-in here
    /// and its transport sends the real token in its place, so no case holds it.
    /// </summary>
    public string? WorkflowToken { get; init; }
}

/// <summary>
/// One rule on one operation, as the runner needs it: the boundary cases (always sent, at each limit and one
/// past it), an arbitrary of random cases (FsCheck MaxTest of them, at most <see cref="MaxRandom"/>, shrinkable within
/// the rule), or the reason the rule cannot run here.
/// </summary>
public sealed record RuleSuite(
    RuleId Rule,
    string Operation,
    IReadOnlyList<Case> Boundary,
    Arbitrary<Case>? Random,
    SendMode Mode = SendMode.Once,
    string? SkipReason = null)
{
    /// <summary>Random cases at most, whatever the max-test (null: the max-test): a rule whose random cases only draw
    /// again among its few fixed probes (<see cref="Rules.Redrawn"/>).</summary>
    public int? MaxRandom { get; init; }

    /// <summary>The random cases a run sends at <paramref name="maxTest"/>.</summary>
    public int RandomCases(int maxTest) =>
        SkipReason is null && Random is not null ? Math.Min(maxTest, MaxRandom ?? maxTest) : 0;
}
