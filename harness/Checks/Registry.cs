using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Checks;

/// <summary>
/// The registry of checks (DESIGN.md, "Checks"). Each exchange is judged by the checks that apply to it: exactly one
/// of the first six (which one follows from the case's rule and side), <see cref="RightMember"/> on a rejected
/// constraint case, <see cref="Envelope"/> on every answer and <see cref="NoServerError"/>.
/// Adding a check: one piece here and one line in <see cref="All"/>; the tally and every report group by it.
/// </summary>
public static class Registry
{
    // Effect: a request that breaks exactly this rule gets the profile's error with HTTP 400 (the page's status);
    // a type or protocol fault gets any client error but ResourceNotFoundException (which means it reached the lookup);
    // a bad signature, judged under a reading that verifies signatures, an authentication error.
    public static readonly Check Rejects = new("rejects",
        x => Probes(x) && x.Expected is Expectation.InvalidParametersException or Expectation.ClientError
            or Expectation.AuthError,
        x => Meets(x.Expected!.Value, x));

    // Effect: a request that breaks no constraint passed validation: 200, or an error its operation's model lists other
    // than the validation one (ResourceNotFoundException for the unknown record a Notify request names). Judges the
    // at-limit side of every constraint rule, whatever the record lookup does, and every operation's valid requests.
    public static readonly Check Accepts = new("accepts",
        x => Probes(x) && x.Expected is Expectation.Success or Expectation.ResourceNotFoundException,
        x => Meets(x.Expected!.Value, x));

    // Effect: a Notify operation's valid request gets 200 for a known record (Valid.accepted) and
    // ResourceNotFoundException for an unknown one (Record.notFound): the only check of whether the target looks
    // records up.
    public static readonly Check RecordLookup = new("recordLookup",
        x => (x.Case.Rule == RuleId.ValidAccepted || x.Case.Rule == RuleId.RecordNotFound)
             && ServiceCatalog.RecordBound(x.Case.Operation),
        x => Against(x.Case.Expect, x.Answer, x.Profile));

    // Effect: an identical retry gets the same status and error code as the first answer. Sameness only: two equal
    // 500s pass here (noServerError fails them).
    public static readonly Check ReplaySame = new("replaySame",
        x => x.Retry is not null && x.Case.Then is null,
        x => (x.Answer.Status, x.Answer.Reading.Code) == (x.Retry!.Status, x.Retry.Reading.Code)
            ? Verdict.Pass()
            : Verdict.Fail(
                $"first answer {x.Answer.Reading.Describe()}, identical retry {x.Retry.Reading.Describe()}"));

    // Effect: the same idempotency token again with another body (Idempotency.conflict): what came back for both is
    // recorded (observed), not judged; the contract documents no conflict error.
    public static readonly Check SameToken = new("sameToken",
        x => x.Case.Then is not null && x.Retry is not null,
        x => Seen($"answered {x.Answer.Reading.Describe()}, then {x.Retry!.Reading.Describe()}"));

    // Effect: an ambiguous case no reading is picked for agrees with at least one reading; which ones is recorded
    // (observed), not judged. An answer no reading allows is wrong under every reading.
    public static readonly Check OneReading = new("oneReading",
        x => x.Expected is null,
        x =>
        {
            var ambiguity = x.Case.Ambiguity!;
            var got = x.Answer.Reading.Describe();
            var agrees = ambiguity.ByReading
                .Where(r => Meets(r.Value, x).Kind == VerdictKind.Pass)
                .Select(r => r.Key)
                .ToList();
            return agrees.Count == 0
                ? Verdict.Fail($"expected {Describe(ambiguity)} depending on the reading, got {got}")
                : Verdict.Observed($"{got}: agrees with the {string.Join(" and ", agrees)} reading", agrees);
        });

    // Effect: a constraint case rejected with an error that names members (its message, Coral's `at 'recordId'`, a
    // Smithy fieldList) names the member the case breaks or an ancestor of it; naming only others blames the wrong
    // input. An error naming no member is observed.
    public static readonly Check RightMember = new("rightMember",
        x => x.Case.Rule.AsConstraint() is not null
             && x.Expected is not (Expectation.Success or Expectation.ResourceNotFoundException)
             && Against(Expectation.ClientError, x.Answer, x.Profile).Kind == VerdictKind.Pass, // read and rejected
        x =>
        {
            var broken = x.Case.Rule.AsConstraint()!.Value.Member;
            var named = Blame.Named(x.Answer.Reading, x.Case);
            return named.Count == 0 ? Seen("the error names no member")
                : named.Any(m => broken == m || broken.StartsWith(m + ".", StringComparison.Ordinal)) ? Verdict.Pass()
                : Verdict.Fail($"the error names {string.Join(" and ", named)}, but the case breaks {broken}");
        });

    // Effect: every answer is framed as the awsJson1.1 protocol requires (judged): an error (4xx, 5xx) names its code
    // (x-amzn-ErrorType, __type or code), a JSON body comes with Content-Type application/x-amz-json-1.1, a 200's body
    // is empty or a JSON object. An error's message member (message or Message) is custom, not the protocol's: observed
    // when missing. The retry's too; one verdict per operation, under its own rule.
    public static readonly Check Envelope = new("envelope",
        x => x.Answer.Reading.Failure is null,
        x =>
        {
            var contentType = x.Case.Definition?.ContentType ?? AwsJson11;
            var first = Framed(x.Answer.Reading, contentType);
            return x.Retry is { Reading.Failure: null } retry
                   && Framed(retry.Reading, contentType) is var second && Rank(second) < Rank(first) ? second : first;
        },
        new("Server.envelope"));

    // Effect: no 5xx, no reset, an answer within the timeout, on any input (the retry's too). One verdict per
    // operation, under its own rule.
    public static readonly Check NoServerError = new("noServerError",
        _ => true,
        x => ServerFault(x.Answer) ?? (x.Retry is { } retry ? ServerFault(retry) : null) ?? Verdict.Pass(),
        RuleId.ServerNoServerError);

    // Effect: a success answer's body fits the operation's output shape (a JSON object, members of the model's types,
    // required members present, enum values listed). One verdict per operation, under its own rule.
    public static readonly Check Output = new("outputShape",
        x => x.Case.Output is not null && x.Answer.Reading.Success,
        x => OutputShape.Problem(x.Answer.Body, x.Case.Output!) is { } problem ? Verdict.Fail(problem) : Verdict.Pass(),
        RuleId.OutputShape);

    /// <summary>Every check, in the order reports list them; a rule's first failing one names its fault.</summary>
    public static readonly IReadOnlyList<Check> All =
        [Rejects, Accepts, RecordLookup, ReplaySame, SameToken, OneReading, RightMember, Envelope, NoServerError, Output];

    /// <summary>A constraint, protocol or signature rule, or an operation's valid requests: not a rule about records
    /// or idempotency.</summary>
    static bool Probes(Exchange x) =>
        !RecordLookup.Applies(x) && x.Case.Rule != RuleId.IdempotencyReplay && x.Case.Rule != RuleId.IdempotencyConflict;

    /// <summary>An observation that is no ambiguity's reading: the phrase is what the rule's summary counts.</summary>
    static Verdict Seen(string phrase) => Verdict.Observed(phrase, [phrase]);

    /// <summary>The side a constraint case is on: valid (accepted) or violating (rejected).</summary>
    static Verdict Meets(Expectation expected, Exchange x)
    {
        if (expected is not (Expectation.Success or Expectation.ResourceNotFoundException))
            return Against(expected, x.Answer, x.Profile);
        var listed = Listed(expected, x);
        var r = x.Answer.Reading;
        return r.Success || r is { Failure: null, Status: 400, Disagreement: null } && listed.Contains(r.Code)
            ? Verdict.Pass()
            : Verdict.Fail($"expected success{string.Concat(listed.Select(e => " or " + e))} (a valid request), " +
                           $"got {r.Describe()}");
    }

    /// <summary>The errors a valid request may get: those its operation's model lists, but the validation error (the
    /// profile's codes for a violation), and the one it expects.</summary>
    static IReadOnlyList<string> Listed(Expectation expected, Exchange x) =>
    [
        .. x.Case.Errors.Where(e => !x.Profile.Accepts(Expectation.InvalidParametersException, e)),
        .. expected == Expectation.ResourceNotFoundException && !x.Case.Errors.Contains(expected.Wire())
            ? [expected.Wire()] : Array.Empty<string>(),
    ];

    /// <summary>Exactly this expectation: 200 with an empty or JSON-object body; a client error; or the profile's
    /// code with HTTP 400.</summary>
    static Verdict Against(Expectation expected, Answer a, Profile profile)
    {
        var r = a.Reading;
        var ok = r.Failure is null && expected switch
        {
            Expectation.Success => r.Success,
            // Refused unread (credentials) or looked up (ResourceNotFoundException): the fault went unseen either way.
            Expectation.ClientError => r.Status is >= 400 and < 500 && !r.AuthError
                                       && r.Code != nameof(Expectation.ResourceNotFoundException),
            Expectation.AuthError => r.Status is >= 400 and < 500 && r.AuthError,
            _ => r.Status == 400 && profile.Accepts(expected, r.Code) && r.Disagreement is null,
        };
        return ok ? Verdict.Pass() : Verdict.Fail($"expected {expected.Wire()}, got {r.Describe()}");
    }

    const string AwsJson11 = "application/x-amz-json-1.1";

    /// <summary>The awsJson envelope of one answer (<see cref="Envelope"/>): its media type is the operation's.</summary>
    static Verdict Framed(AnswerReading r, string contentType)
    {
        var fault = r.Status >= 400 && r.Code is null
            ? ": an error must name its code (x-amzn-ErrorType, __type or code)"
            : r.Shape is BodyShape.JsonObject or BodyShape.OtherJson && r.ContentType != contentType
                ? $" with a JSON body and {(r.ContentType is { } type ? $"Content-Type {type}" : "no Content-Type")}: " +
                  $"awsJson answers with Content-Type {contentType}"
            : r.Status == 200 && !r.Success ? ": a 200's body is empty or a JSON object"
            : null;
        return fault is not null ? Verdict.Fail(r.Describe() + fault)
            : r.Status >= 400 && r.Message is null ? Seen("an error without a message member")
            : Verdict.Pass();
    }

    /// <summary>The envelope's verdicts, worst first: the retry's counts only when worse than the first answer's.</summary>
    static int Rank(Verdict v) => v.Kind switch { VerdictKind.Fail => 0, VerdictKind.Observed => 1, _ => 2 };

    static Verdict? ServerFault(Answer a) =>
        a.Reading.Missing || a.Status >= 500 ? Verdict.Fail(a.Reading.Describe()) : null;

    static string Describe(Ambiguity ambiguity) =>
        string.Join(" or ", ambiguity.ByReading.Select(r => $"{r.Value.Wire()} ({r.Key})"));
}
