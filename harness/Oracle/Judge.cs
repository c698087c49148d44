using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Oracle;

/// <summary>Judges answers against a case's expectation under a profile. Pure: no I/O, safe to share between threads.</summary>
/// <param name="own">Judges each case's own rule instead of the profile (<c>--against-snapshot</c>: parity).</param>
public sealed class Judge(Profile profile, Func<Case, Answer, Verdict>? own = null)
{
    public Profile Profile => profile;

    /// <summary>The case's own rule.</summary>
    public Verdict Case(Case c, Answer a)
    {
        if (Unjudgeable(a) is { } skipped) return skipped;
        if (own is not null) return own(c, a);
        if (c.Expect != Expectation.Observe) return Against(c.Expect, a);

        var ambiguity = c.Ambiguity ?? throw new InvalidOperationException($"case {c.Id} is observed but names no ambiguity");
        if (profile.Readings.TryGetValue(ambiguity.Kind, out var reading) && ambiguity.ByReading.TryGetValue(reading, out var expected))
        {
            var judged = Against(expected, a);
            return judged with { Reason = $"{judged.Reason} (judged by the {reading} reading)".TrimStart() };
        }

        // No reading picked: record which readings the answer agrees with. Agreeing with none is wrong under every reading.
        var agrees = ambiguity.ByReading.Where(r => Against(r.Value, a).Kind == VerdictKind.Pass).Select(r => r.Key).ToList();
        return agrees.Count == 0
            ? Verdict.Fail($"expected {Describe(ambiguity)} depending on the reading, got {Describe(a)}")
            : Verdict.Observed($"{Describe(a)}: agrees with the {string.Join(" and ", agrees)} reading", agrees);
    }

    /// <summary>Server.noServerError: no 5xx, no reset, an answer within the timeout, on any input.</summary>
    public Verdict Server(Answer a) => Unjudgeable(a) ?? a switch
    {
        { Failure: not null } => Verdict.Fail(Describe(a)),
        { Status: >= 500 } => Verdict.Fail(Describe(a)),
        _ => Verdict.Pass(),
    };

    /// <summary>Idempotency.replay: an identical retry gets the same answer (status and error code).</summary>
    public Verdict Replay(Case c, Answer first, Answer second)
    {
        var verdict = Case(c, first);
        if (verdict.Kind != VerdictKind.Pass) return verdict;
        if (Unjudgeable(second) is { } skipped) return skipped;
        return (first.Status, AwsJsonError.Read(first).Code) == (second.Status, AwsJsonError.Read(second).Code)
            ? Verdict.Pass()
            : Verdict.Fail($"first answer {Describe(first)}, identical retry {Describe(second)}");
    }

    Verdict Against(Expectation expected, Answer a)
    {
        if (a.Failure is not null) return Verdict.Fail($"expected {expected.Wire()}, got {Describe(a)}");
        var error = AwsJsonError.Read(a);
        var ok = expected switch
        {
            Expectation.Success => a.Status == 200 && (a.Body.Length == 0 || error.BodyIsJsonObject),
            // ResourceNotFoundException means the request passed deserialization and validation: the fault went unseen.
            Expectation.ClientError => a.Status is >= 400 and < 500 && error.Code != nameof(Expectation.ResourceNotFoundException),
            // The published page gives HTTP 400 for both documented errors.
            _ => a.Status == 400 && profile.Accepts(expected, error.Code) && error.Disagreement is null,
        };
        return ok ? Verdict.Pass() : Verdict.Fail($"expected {expected.Wire()}, got {Describe(a)}");
    }

    static Verdict? Unjudgeable(Answer a) => a.Failure switch
    {
        NoAnswer.Throttled or NoAnswer.Budget => Verdict.Skipped(Describe(a)),
        _ => null,
    };

    static string Describe(Ambiguity ambiguity) =>
        string.Join(" or ", ambiguity.ByReading.Select(r => $"{r.Value.Wire()} ({r.Key})"));

    /// <summary>One line: <c>HTTP 400 InvalidParametersException</c>, <c>HTTP 200 with a body that is not JSON</c>, <c>no answer (timeout)</c>.</summary>
    public static string Describe(Answer a)
    {
        if (a.Failure is { } failure)
            return $"no answer ({failure.ToString().ToLowerInvariant()}{(a.FailureDetail is null ? "" : ": " + a.FailureDetail)})";
        var error = AwsJsonError.Read(a);
        var text = $"HTTP {a.Status}";
        if (error.Code is not null) text += $" {error.Code}";
        else if (a.Status >= 400) text += " with no error code";
        if (error.Disagreement is not null) text += $" ({error.Disagreement})";
        if (a.Status == 200 && a.Body.Length > 0 && !error.BodyIsJsonObject) text += " with a body that is not a JSON object";
        return text;
    }
}
