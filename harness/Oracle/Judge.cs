using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Oracle;

/// <summary>
/// Judges one exchange by every check that applies to it (<see cref="Registry.All"/>, or the
/// <paramref name="checks"/> given: <c>--against-snapshot</c> judges by parity alone), under a profile.
/// Pure: no I/O, safe to share between threads.
/// </summary>
public sealed class Judge(Profile profile, IReadOnlyList<Check>? checks = null)
{
    public Profile Profile => profile;

    /// <summary>The verdict of each check that applies, in registry order. A throttled or unsent answer (or retry)
    /// is skipped by every check, never judged.</summary>
    public IReadOnlyList<Judgement> Checks(Case c, Answer answer, Answer? retry = null)
    {
        var (expected, reading) = Expected(c);
        var x = new Exchange(c, expected, answer, retry, profile);
        var skipped = answer.Reading.Unjudgeable ? Verdict.Skipped(answer.Reading.Describe())
            : retry?.Reading.Unjudgeable == true ? Verdict.Skipped(retry.Reading.Describe())
            : null;
        var judged = new List<Judgement>(2);
        foreach (var check in checks ?? Registry.All)
        {
            if (!check.Applies(x)) continue;
            var verdict = skipped ?? check.Judge(x);
            // A case judged by the reading the user picked says so, so nobody mistakes it for documented behaviour.
            if (reading is not null && check.Rule is null && verdict.Kind is VerdictKind.Fail or VerdictKind.Pass)
                verdict = verdict with { Reason = $"{verdict.Reason} (judged by the {reading} reading)".TrimStart() };
            judged.Add(new(check, verdict));
        }
        return judged;
    }

    /// <summary>What the contract demands of the case under the profile, and the reading that decided it (if any).
    /// Null: an ambiguity the profile picks no reading for.</summary>
    (Expectation? Expected, string? Reading) Expected(Case c)
    {
        if (c.Expect != Expectation.Observe) return (c.Expect, null);
        var ambiguity = c.Ambiguity
                        ?? throw new InvalidOperationException($"case {c.Id} is observed but names no ambiguity");
        return profile.Readings.TryGetValue(ambiguity.Kind, out var reading)
               && ambiguity.ByReading.TryGetValue(reading, out var e)
            ? (e, reading)
            : (null, null);
    }
}
