using System.Text;
using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Targets;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Oracle;

/// <summary>
/// The oracle as a table: answer x expectation x profile -> each check's verdict, over every awsJson1.1 error form
/// DESIGN.md names (header only, body <c>__type</c>, body <c>code</c>, a namespace, a <c>:</c> suffix,
/// <c>Message</c>), a header and body that disagree, auth errors, throttling, 5xx, missing answers, empty, non-JSON
/// and HTML bodies.
/// </summary>
public class JudgeTests
{
    const string Provision = "NotifyProvisionProductEngineWorkflowResult";
    const string Json = "application/x-amz-json-1.1";

    static readonly Dictionary<string, Answer> Answers = new()
    {
        ["ok {}"] = A(200, "{}"),
        ["IPE as application/json"] = A(400, """{"__type":"InvalidParametersException","message":"bad"}""",
            ("Content-Type", "application/json")),
        ["RNF without Content-Type"] = new(400, [], """{"__type":"ResourceNotFoundException","message":"no"}"""u8.ToArray(),
            TimeSpan.Zero),
        ["ok empty"] = A(200, ""),
        ["ok not JSON"] = A(200, "OK", ("Content-Type", "text/plain")),
        ["ok JSON array"] = A(200, "[]"),
        ["ok HTML"] = A(200, "<html><body>hi</body></html>", ("Content-Type", "text/html")),
        ["IPE __type"] = A(400, """{"__type":"InvalidParametersException","message":"bad"}"""),
        ["IPE header only"] = A(400, """{"message":"bad"}""", ("x-amzn-ErrorType", "InvalidParametersException")),
        ["IPE code"] = A(400, """{"code":"InvalidParametersException","Message":"bad"}"""),
        ["IPE namespaced"] = A(400, """{"__type":"aws.protocoltests#InvalidParametersException","message":"bad"}"""),
        ["IPE suffixed"] = A(400, """{"__type":"InvalidParametersException:http://internal.amazon.com/coral/","message":"bad"}"""),
        ["IPE header suffixed, body namespaced"] = A(400, """{"__type":"com.amazonaws.servicecatalog#InvalidParametersException"}""",
            ("X-Amzn-ErrorType", "InvalidParametersException:http://internal.amazon.com/coral/")),
        ["IPE header, RNF body"] = A(400, """{"__type":"ResourceNotFoundException"}""", ("x-amzn-ErrorType", "InvalidParametersException")),
        ["IPE as 404"] = A(404, """{"__type":"InvalidParametersException"}"""),
        ["RNF"] = A(400, """{"__type":"ResourceNotFoundException","message":"no such record"}"""),
        ["ValidationException"] = A(400, """{"__type":"ValidationException","message":"1 validation error detected"}"""),
        ["Serialization"] = A(400, """{"__type":"SerializationException"}"""),
        ["400 no code"] = A(400, """{"message":"bad"}"""),
        ["404 empty"] = A(404, ""),
        ["403 UnrecognizedClient"] = A(403, """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"""),
        ["400 InvalidSignature"] = A(400, """{"__type":"InvalidSignatureException"}"""),
        ["500 html"] = A(500, "<html><body>Internal Server Error</body></html>", ("Content-Type", "text/html")),
        ["503 json"] = A(503, """{"__type":"ServiceUnavailableException"}"""),
        ["timeout"] = Answer.None(NoAnswer.Timeout, TimeSpan.FromSeconds(5), "no answer within 5 s"),
        ["reset"] = Answer.None(NoAnswer.Connection, TimeSpan.Zero, "connection reset"),
        ["throttled"] = Answer.None(NoAnswer.Throttled, TimeSpan.Zero, "still throttled after 3 retries (last: HTTP 400)"),
        ["budget"] = Answer.None(NoAnswer.Budget, TimeSpan.Zero, "the --max-requests budget of 5 is spent; not sent"),
    };

    public static TheoryData<string, string, string, string, string> Table => new()
    {
        // answer, case ("rule:expect"), profile, check, verdict
        { "IPE __type", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE header only", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE code", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE namespaced", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE suffixed", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE header suffixed, body namespaced", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "pass" },
        { "IPE header, RNF body", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "IPE as 404", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "400 no code", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "ValidationException", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "ValidationException", "RecordId.maxLength:InvalidParametersException", "aws-observed", "rejects", "pass" },
        { "ok {}", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "RNF", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "403 UnrecognizedClient", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "500 html", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "500 html", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "fail" },
        { "503 json", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "fail" },
        { "timeout", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "fail" },
        { "timeout", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "fail" },
        { "reset", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "fail" },
        { "throttled", "RecordId.maxLength:InvalidParametersException", "documented", "rejects", "skipped" },
        { "throttled", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "skipped" },
        { "budget", "Record.notFound:ResourceNotFoundException", "documented", "recordLookup", "skipped" },
        { "IPE __type", "RecordId.maxLength:InvalidParametersException", "documented", "noServerError", "pass" },

        // The valid side of a constraint rule: passing validation is all it asks.
        { "RNF", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "pass" },
        { "ok {}", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "pass" },
        { "ok empty", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "pass" },
        { "IPE __type", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "fail" },
        { "ok not JSON", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "fail" },
        { "ok HTML", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "fail" },
        { "403 UnrecognizedClient", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "fail" },
        { "500 html", "RecordId.maxLength:ResourceNotFoundException", "documented", "accepts", "fail" },

        // Type and protocol faults: any client error but ResourceNotFoundException or a refusal unread.
        { "Serialization", "Status.type:clientError", "documented", "rejects", "pass" },
        { "404 empty", "Protocol.notJson:clientError", "documented", "rejects", "pass" },
        { "400 no code", "Protocol.notJson:clientError", "documented", "rejects", "pass" },
        { "RNF", "Status.type:clientError", "documented", "rejects", "fail" },
        { "ok {}", "Protocol.notJson:clientError", "documented", "rejects", "fail" },
        { "403 UnrecognizedClient", "Protocol.notJson:clientError", "documented", "rejects", "fail" },
        { "400 InvalidSignature", "Protocol.notJson:clientError", "documented", "rejects", "fail" },
        { "500 html", "Protocol.notJson:clientError", "documented", "rejects", "fail" },

        // The record lookup: only Record.notFound and Valid.accepted judge it.
        { "RNF", "Record.notFound:ResourceNotFoundException", "documented", "recordLookup", "pass" },
        { "ok {}", "Record.notFound:ResourceNotFoundException", "documented", "recordLookup", "fail" },
        { "IPE __type", "Record.notFound:ResourceNotFoundException", "documented", "recordLookup", "fail" },
        { "ok {}", "Valid.accepted:success", "documented", "recordLookup", "pass" },
        { "ok empty", "Valid.accepted:success", "documented", "recordLookup", "pass" },
        { "ok JSON array", "Valid.accepted:success", "documented", "recordLookup", "fail" },
        { "ok not JSON", "Valid.accepted:success", "documented", "recordLookup", "fail" },
        { "RNF", "Valid.accepted:success", "documented", "recordLookup", "fail" },
    };

    [Theory, MemberData(nameof(Table))]
    public void A_check_judges_an_answer_by_the_table(string answer, string @case, string profile, string check,
        string verdict)
    {
        var judged = Judge(profile).Checks(Case(@case), Answers[answer]);

        var one = Assert.Single(judged, j => j.Check.Name == check);
        Assert.True(verdict == one.Verdict.Wire, $"{check} on {answer}: {one.Verdict.Wire} ({one.Verdict.Reason})");
    }

    [Theory]
    [InlineData("RecordId.maxLength:InvalidParametersException", "rejects")]
    [InlineData("RecordId.maxLength:ResourceNotFoundException", "accepts")]
    [InlineData("Protocol.notJson:clientError", "rejects")]
    [InlineData("Record.notFound:ResourceNotFoundException", "recordLookup")]
    [InlineData("Valid.accepted:success", "recordLookup")]
    public void Each_case_is_judged_by_one_check_of_its_own_and_the_answers_checks(string @case, string own)
    {
        var judged = Judge("documented").Checks(Case(@case), Answers["ok {}"]);
        // A success answer is held to the operation's output shape too.
        Assert.Equal([own, "envelope", "noServerError", "outputShape"], judged.Select(j => j.Check.Name));
    }

    [Fact]
    public void A_rejected_constraint_case_is_also_judged_by_the_member_its_error_names()
    {
        var judged = Judge("documented").Checks(Case("RecordId.maxLength:InvalidParametersException"),
            A(400, """{"__type":"InvalidParametersException","message":"RecordId is too long"}"""));
        Assert.Equal(["rejects", "rightMember", "envelope", "noServerError"], judged.Select(j => j.Check.Name));
        // Accepted, or refused unread: nothing blames a member.
        Assert.DoesNotContain(Judge("documented").Checks(Case("RecordId.maxLength:InvalidParametersException"),
            Answers["403 UnrecognizedClient"]), j => j.Check == Registry.RightMember);
        Assert.DoesNotContain(Judge("documented").Checks(Case("Protocol.notJson:clientError"), Answers["IPE __type"]),
            j => j.Check == Registry.RightMember);
    }

    /// <summary>Each form a server names the invalid member in: Coral's message, a Smithy fieldList, plain text; any
    /// casing; a nested member by its path or an ancestor; list indexes and <c>member</c> skipped.</summary>
    public static TheoryData<string, string, string> Blames => new()
    {
        // rule the case breaks, the error body, verdict
        { "RecordId.maxLength", Coral("recordId"), "pass" },
        { "RecordId.maxLength", Coral("idempotencyToken"), "fail" },
        { "ResourceIdentifier.UniqueTag.Key.pattern", Coral("resourceIdentifier.uniqueTag.key"), "pass" },
        { "ResourceIdentifier.UniqueTag.Key.pattern", Coral("resourceIdentifier.uniqueTag.value"), "fail" },
        { "ResourceIdentifier.UniqueTag.Key.pattern", Coral("resourceIdentifier"), "pass" }, // an ancestor
        { "Outputs.member.OutputKey.type", Coral("outputs.1.member.outputKey"), "pass" },
        { "Outputs.member.OutputKey.type", Coral("outputs.1.member.outputValue"), "fail" },
        { "RecordId.maxLength", FieldList("/RecordId"), "pass" },
        { "RecordId.maxLength", FieldList("/WorkflowToken"), "fail" },
        { "ResourceIdentifier.UniqueTag.Key.maxLength", FieldList("/ResourceIdentifier/UniqueTag/Key"), "pass" },
        { "ResourceIdentifier.UniqueTag.Key.maxLength", FieldList("/ResourceIdentifier/UniqueTag/Value"), "fail" },
        { "Outputs.member.Description.type", FieldList("/Outputs/0/Description"), "pass" },
        { "RecordId.maxLength", Plain("RecordId must have length at most 100."), "pass" },
        { "RecordId.maxLength", Plain("RECORDID is too long"), "pass" },
        { "RecordId.maxLength", Plain("IdempotencyToken is required."), "fail" },
        { "RecordId.maxLength", Plain("RecordId is too long and IdempotencyToken is required."), "pass" },
        { "ResourceIdentifier.UniqueTag.Value.minLength", Plain("ResourceIdentifier.UniqueTag.Value is empty."), "pass" },
        { "ResourceIdentifier.UniqueTag.Value.minLength", Plain("ResourceIdentifier.UniqueTag.Key is empty."), "fail" },
        // Words that are leaves of nested members (Value, Key, Member) name nothing on their own.
        { "RecordId.maxLength", Plain("Value is too long"), "observed" },
        { "RecordId.maxLength", Plain("Member must have length less than or equal to 100"), "observed" },
        { "RecordId.maxLength", Plain("Invalid input."), "observed" },
        { "RecordId.maxLength", """{"__type":"InvalidParametersException"}""", "observed" },
    };

    static string Coral(string path) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["__type"] = "ValidationException",
        ["message"] = $"1 validation error detected: Value 'IdempotencyToken' at '{path}' failed to satisfy " +
                      "constraint: Member must have length less than or equal to 100",
    });

    static string FieldList(string path) => JsonSerializer.Serialize(new
    {
        __type = "InvalidParametersException",
        message = "1 validation error detected. Value 'RecordId' is not valid.",
        fieldList = new[] { new { path, message = "Value at 'RecordId' failed to satisfy constraint" } },
    });

    static string Plain(string message) => JsonSerializer.Serialize(new Dictionary<string, string>
        { ["__type"] = "InvalidParametersException", ["message"] = message });

    [Theory, MemberData(nameof(Blames))]
    public void A_rejection_must_blame_the_member_the_case_breaks(string rule, string body, string verdict)
    {
        var @case = Case($"{rule}:{(rule.EndsWith(".type") ? "clientError" : "InvalidParametersException")}");
        var judged = Assert.Single(Judge("aws-observed").Checks(@case, A(400, body)), j => j.Check == Registry.RightMember);
        Assert.True(verdict == judged.Verdict.Wire, $"{judged.Verdict.Wire}: {judged.Verdict.Reason}");
        if (verdict == "fail") Assert.EndsWith($"but the case breaks {rule[..rule.LastIndexOf('.')]}", judged.Verdict.Reason);
    }

    public static TheoryData<string, string, string> Envelopes => new()
    {
        // answer, verdict, what the reason says
        { "IPE __type", "pass", "" },
        { "IPE header only", "pass", "" },
        { "IPE code", "pass", "" },
        { "ok {}", "pass", "" },
        { "ok empty", "pass", "" },
        { "400 no code", "fail", "an error must name its code" },
        { "404 empty", "fail", "an error must name its code" },
        { "500 html", "fail", "an error must name its code" },
        { "ok JSON array", "fail", "a 200's body is empty or a JSON object" },
        { "ok not JSON", "fail", "a 200's body is empty or a JSON object" },
        { "IPE as application/json", "fail", "Content-Type application/json" },
        { "RNF without Content-Type", "fail", "no Content-Type" },
        { "Serialization", "observed", "" }, // no message member: custom, not the protocol
        { "timeout", "none", "" },
    };

    [Theory, MemberData(nameof(Envelopes))]
    public void Every_answer_is_framed_as_awsJson_1_1_requires(string answer, string verdict, string says)
    {
        var judged = Judge("documented").Checks(Case("Record.notFound:ResourceNotFoundException"), Answers[answer])
            .SingleOrDefault(j => j.Check == Registry.Envelope);
        Assert.Equal(verdict, judged?.Verdict.Wire ?? "none");
        Assert.Contains(says, judged?.Verdict.Reason ?? "");
        if (judged is not null) Assert.Equal("Server.envelope", judged.Check.ReportsUnder(new("Record.notFound")).Value);
    }

    [Fact]
    public void A_bad_signature_is_observed_unless_a_reading_verifies_it()
    {
        var unsigned = Observed("Auth.unsigned", AmbiguityKind.Signatures, ("verified", Expectation.AuthError),
            ("ignored", Expectation.ResourceNotFoundException)) with { SigningFault = SigningFault.Unsigned };
        string Own(string profile, string answer) => Assert.Single(Judge(profile).Checks(unsigned, Answers[answer]),
            j => j.Check.Rule is null) is var j ? $"{j.Check.Name}:{j.Verdict.Wire}" : "";

        Assert.Equal("oneReading:observed", Own("documented", "403 UnrecognizedClient"));
        Assert.Equal("oneReading:observed", Own("documented", "RNF"));
        Assert.Equal("oneReading:fail", Own("documented", "IPE __type")); // neither refused unread nor read
        Assert.Equal("rejects:pass", Own("aws-observed", "403 UnrecognizedClient"));
        Assert.Equal("rejects:pass", Own("aws-observed", "400 InvalidSignature"));
        Assert.Equal("rejects:fail", Own("aws-observed", "RNF"));
        Assert.Equal("rejects:fail", Own("aws-observed", "ok {}"));
    }

    [Fact]
    public void The_same_token_with_another_body_is_recorded_with_both_answers()
    {
        var pair = Case("Idempotency.conflict:success") with { Then = Case("Idempotency.conflict:success") };
        var judged = Judge("documented").Checks(pair, Answers["ok {}"], Answers["IPE __type"]);
        Assert.Equal(["sameToken:observed", "envelope:pass", "noServerError:pass", "outputShape:pass"],
            judged.Select(j => $"{j.Check.Name}:{j.Verdict.Wire}"));
        Assert.Equal(["answered HTTP 200, then HTTP 400 InvalidParametersException"], judged[0].Verdict.Agrees);
    }

    [Fact]
    public void A_replay_judges_sameness_only_and_two_equal_500s_fail_noServerError_alone()
    {
        var replay = Case("Idempotency.replay:success");
        var same500 = Judge("documented").Checks(replay, Answers["503 json"], Answers["503 json"]);
        Assert.Equal(["replaySame:pass", "envelope:observed", "noServerError:fail"],
            same500.Select(j => $"{j.Check.Name}:{j.Verdict.Wire}"));

        var changed = Judge("documented").Checks(replay, Answers["ok {}"], Answers["IPE __type"]);
        var verdict = Assert.Single(changed, j => j.Check == Registry.ReplaySame).Verdict;
        Assert.Equal("first answer HTTP 200, identical retry HTTP 400 InvalidParametersException", verdict.Reason);

        var sameCodeOtherForm = Judge("documented").Checks(replay, Answers["IPE __type"], Answers["IPE namespaced"]);
        Assert.Equal(["replaySame:pass", "envelope:pass", "noServerError:pass"],
            sameCodeOtherForm.Select(j => $"{j.Check.Name}:{j.Verdict.Wire}"));

        var throttledRetry = Judge("documented").Checks(replay, Answers["ok {}"], Answers["throttled"]);
        Assert.Equal(["replaySame:skipped", "envelope:skipped", "noServerError:skipped", "outputShape:skipped"],
            throttledRetry.Select(j => $"{j.Check.Name}:{j.Verdict.Wire}"));
    }

    [Fact]
    public void An_ambiguous_case_is_observed_unless_the_profile_picks_a_reading()
    {
        var ambiguous = Observed("IdempotencyToken.pattern", AmbiguityKind.Patterns,
            ("full", Expectation.InvalidParametersException), ("search", Expectation.ResourceNotFoundException));

        var observed = Assert.Single(Judge("documented").Checks(ambiguous, Answers["IPE __type"]),
            j => j.Check == Registry.OneReading);
        Assert.Equal(("oneReading", VerdictKind.Observed), (observed.Check.Name, observed.Verdict.Kind));
        Assert.Equal(["full"], observed.Verdict.Agrees);
        var neither = Assert.Single(Judge("documented").Checks(ambiguous, Answers["500 html"]),
            j => j.Check.Rule is null);
        Assert.Equal(VerdictKind.Fail, neither.Verdict.Kind);

        // aws-observed reads patterns as a full match: the violation side, judged by rejects, and it says so.
        var judged = Assert.Single(Judge("aws-observed").Checks(ambiguous, Answers["ok {}"]),
            j => j.Check.Rule is null);
        Assert.Equal(("rejects", VerdictKind.Fail), (judged.Check.Name, judged.Verdict.Kind));
        Assert.EndsWith("(judged by the full reading)", judged.Verdict.Reason);
        var searched = new Judge(Profile.Load("documented").WithReading(AmbiguityKind.Patterns, "search"));
        Assert.Equal("accepts", Assert.Single(searched.Checks(ambiguous, Answers["RNF"]), j => j.Check.Rule is null)
            .Check.Name);
    }

    [Theory]
    [InlineData("IPE __type", "InvalidParametersException", "bad", null)]
    [InlineData("IPE header only", "InvalidParametersException", "bad", null)]
    [InlineData("IPE code", "InvalidParametersException", "bad", null)]
    [InlineData("IPE namespaced", "InvalidParametersException", "bad", null)]
    [InlineData("IPE suffixed", "InvalidParametersException", "bad", null)]
    [InlineData("IPE header suffixed, body namespaced", "InvalidParametersException", null, null)]
    [InlineData("IPE header, RNF body", "InvalidParametersException", null, "x-amzn-ErrorType says InvalidParametersException but the body says ResourceNotFoundException")]
    [InlineData("400 no code", null, "bad", null)]
    [InlineData("500 html", null, null, null)]
    public void An_answer_is_read_once_by_the_awsJson_rules(string answer, string? code, string? message,
        string? disagreement)
    {
        var reading = Answers[answer].Reading;
        Assert.Equal((code, message, disagreement), (reading.Code, reading.Message, reading.Disagreement));
        Assert.Same(reading, Answers[answer].Reading);
    }

    [Theory]
    [InlineData("ok {}", "HTTP 200 application/x-amz-json-1.1")]
    [InlineData("ok empty", "HTTP 200 application/x-amz-json-1.1, empty body")]
    [InlineData("ok not JSON", "HTTP 200 text/plain, a body that is not JSON")]
    [InlineData("ok JSON array", "HTTP 200 application/x-amz-json-1.1, JSON that is not an object")]
    [InlineData("500 html", "HTTP 500 text/html")]
    [InlineData("IPE namespaced", "HTTP 400 InvalidParametersException application/x-amz-json-1.1")]
    [InlineData("timeout", "no answer (timeout)")]
    public void An_answer_kind_is_status_code_media_type_and_body_shape(string answer, string signature) =>
        Assert.Equal(signature, Answers[answer].Reading.Kind.ToString());

    [Fact]
    public void Body_shapes_cover_html_without_its_media_type_and_bytes_that_are_not_UTF8()
    {
        Assert.Equal(BodyShape.Html,
            A(502, "<!DOCTYPE html><html></html>", ("Content-Type", "application/octet-stream")).Reading.Shape);
        Assert.Equal(BodyShape.NotUtf8, new Answer(400, [], [0xFF, 0xFE, 0x00], TimeSpan.Zero).Reading.Shape);
        Assert.Equal(BodyShape.Empty, Answers["timeout"].Reading.Shape);
    }

    [Fact]
    public void Invalid_UTF8_inside_a_JSON_string_is_a_body_that_is_not_UTF8_not_a_harness_error()
    {
        // A JSON reader takes these bytes and throws only when the string is read: it ended a whole run (exit 2).
        var reading = new Answer(400, [KeyValuePair.Create("Content-Type", Json)],
            [.. "{\"__type\":\"Inv"u8, 0xFF, 0xFE, .. "alid\",\"message\":\""u8, 0xC3, 0x28, .. "\"}"u8], TimeSpan.Zero).Reading;
        Assert.Equal((BodyShape.NotUtf8, null, null), (reading.Shape, reading.Code, reading.Message));
    }

    [Fact]
    public void A_targets_code_and_media_type_are_shown_printable_and_bounded()
    {
        // A newline or an ANSI escape in a code would rewrite the console summary; 10 KB of one would flood it.
        var escape = A(400, "{\"__type\":\"Bad\\u001b[2JRED\\nSECOND\\u202e\"}", ("Content-Type", "text/x\u001b[31m"));
        Assert.Equal("HTTP 400 Bad\\u001B[2JRED\\u000ASECOND\\u202E text/x\\u001B[31m", escape.Reading.Kind.ToString());
        var huge = A(400, $"{{\"__type\":\"{new string('X', 10240)}\"}}").Reading.Code!;
        Assert.Equal(new string('X', 128) + "... (10240 characters)", huge);
        var pairs = A(400, $"{{\"__type\":\"{new string('X', 127)}\ud835\udc00\"}}").Reading.Code!;
        Assert.Equal(new string('X', 127) + "... (129 characters)", pairs); // never half a surrogate pair
        Assert.Equal("ValidationException", A(400, "{\"__type\":\"ValidationException\"}").Reading.Code);
    }

    [Fact]
    public void A_redacted_copy_reads_its_own_bytes()
    {
        var original = A(400, """{"__type":"InvalidParametersException","message":"token SECRET"}""");
        Assert.Equal("token SECRET", original.Reading.Message);
        var redacted = original with { Body = Encoding.UTF8.GetBytes("""{"__type":"InvalidParametersException","message":"token [redacted]"}""") };
        Assert.Equal("token [redacted]", redacted.Reading.Message);
    }

    static Judge Judge(string profile) => new(Profile.Load(profile));

    /// <summary>"rule:expect", e.g. <c>RecordId.maxLength:InvalidParametersException</c>.</summary>
    static Case Case(string spec)
    {
        var (rule, expect) = (spec[..spec.IndexOf(':')], spec[(spec.IndexOf(':') + 1)..]);
        var expectation = Enum.GetValues<Expectation>().Single(e => e.Wire() == expect);
        return new($"test.{rule}", Provision, new RuleId(rule), expectation, null,
            [KeyValuePair.Create("X-Amz-Target", "AWS242ServiceCatalogService." + Provision)], "{}"u8.ToArray())
            { Definition = Notify.Get(Provision) };
    }

    /// <summary>An ambiguous case of <paramref name="rule"/>: what each reading expects.</summary>
    static Case Observed(string rule, AmbiguityKind kind, params (string Reading, Expectation Expect)[] readings) =>
        Case($"{rule}:observe") with
        {
            Ambiguity = new(kind, readings.ToDictionary(r => r.Reading, r => r.Expect), "the readings differ"),
        };

    static Answer A(int status, string body, params (string Name, string Value)[] headers) => new(status,
        headers.Length == 0 || headers.All(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            ? [KeyValuePair.Create("Content-Type", Json), .. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))]
            : [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))],
        Encoding.UTF8.GetBytes(body), TimeSpan.Zero);
}
