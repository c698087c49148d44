using NotifyContract.Generators;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Checks;

/// <summary>
/// What a check looks at: one case as sent, the answer the contract demands of it under the profile
/// (<see cref="Expected"/> is null for an ambiguity the profile picks no reading for), the answer and, for a
/// replay, the identical retry's.
/// </summary>
public sealed record Exchange(Case Case, Expectation? Expected, Answer Answer, Answer? Retry, Profile Profile);

/// <summary>
/// A named check: whether it applies to an exchange, and its verdict there. Its verdicts are reported under the
/// case's rule, or under <see cref="Rule"/> when the check names its own (<c>Server.noServerError</c>).
/// </summary>
public sealed record Check(string Name, Func<Exchange, bool> Applies, Func<Exchange, Verdict> Judge,
    RuleId? Rule = null)
{
    public RuleId ReportsUnder(RuleId caseRule) => Rule ?? caseRule;

    // A check is one instance (its registry line): the tally keys every verdict by it, and identity spares hashing
    // and comparing its name and delegates on each one.
    public bool Equals(Check? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => Name;
}

/// <summary>One check's verdict on one exchange.</summary>
public sealed record Judgement(Check Check, Verdict Verdict);
