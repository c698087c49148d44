using System.Text.Json.Nodes;
using static NotifyContract.Tests.Stub.StubFixture;

namespace NotifyContract.Tests.Stub;

/// <summary>The stub answers the published contract: valid requests, every limit, every error as its modelled code.</summary>
public sealed class StubContractTests(StubFixture stub) : IClassFixture<StubFixture>
{
    const string Ipe = "InvalidParametersException";
    const string Rnf = "ResourceNotFoundException";
    const string Ser = "SerializationException";
    const string Supplementary = "\U0001D400"; // MATHEMATICAL BOLD CAPITAL A: one code point, two UTF-16 units, a letter

    static void AssertSuccess(Reply r)
    {
        Assert.True(r.Status == 200, r.ToString());
        Assert.Equal("{}", r.Body);
    }

    static void AssertError(Reply r, string code, string? messageNames = null)
    {
        Assert.True(r.Status == 400, r.ToString());
        Assert.Equal(code, r.ErrorCode);
        if (messageNames is not null) Assert.Contains(messageNames, r.Message);
    }

    public static TheoryData<string> Ops => new(Operations);

    [Theory, MemberData(nameof(Ops))]
    public void Published_request_syntax_for_a_known_record_is_accepted(string op)
    {
        // The page's request syntax, with every member the operation has (others are ignored, as awsJson services do).
        var body = Valid();
        body["FailureReason"] = "string";
        body["Outputs"] = new JsonArray(new JsonObject { ["Description"] = "string", ["OutputKey"] = "string", ["OutputValue"] = "string" });
        body["ResourceIdentifier"] = new JsonObject { ["UniqueTag"] = new JsonObject { ["Key"] = "string",
            ["Value"] = "string" } };
        AssertSuccess(stub.Send(op, body));
    }

    [Theory, MemberData(nameof(Ops))]
    public void Unknown_record_is_ResourceNotFoundException(string op) =>
        AssertError(stub.Send(op, Valid(UnknownRecord)), Rnf);

    [Theory, MemberData(nameof(Ops))]
    public void What_a_Terraform_engine_sends_is_accepted(string op)
    {
        var body = new JsonObject
        {
            ["WorkflowToken"] = Convert.ToBase64String(Enumerable.Range(0, 1500).Select(i => (byte)(i * 7)).ToArray()),
            ["RecordId"] = KnownRecord,
            ["Status"] = "FAILED",
            ["FailureReason"] = "Error: creating S3 Bucket (my-bucket): BucketAlreadyExists\n\n  with aws_s3_bucket.b,\n  on main.tf line 1",
            ["IdempotencyToken"] = Guid.Parse("0b7f4a52-9d0e-4c2b-8a6f-3e1d2c4b5a69").ToString(),
            ["ResourceIdentifier"] = new JsonObject
            {
                ["UniqueTag"] = new JsonObject { ["Key"] = "SERVICE_CATALOG_TERRAFORM_INTEGRATION-DO_NOT_DELETE", ["Value"] = "pp-abcdefgh12345" },
            },
            ["Outputs"] = new JsonArray(
                new JsonObject { ["OutputKey"] = "bucket_arn", ["OutputValue"] = "arn:aws:s3:::my-bucket", ["Description"] = "The bucket ARN" },
                new JsonObject { ["OutputKey"] = "endpoints", ["OutputValue"] = "[\"https://a.example\",\"https://b.example\"]" }),
        };
        AssertSuccess(stub.Send(op, body));
    }

    /// <summary>Member, limit value, value one past it, and the operations that have the member.</summary>
    static readonly (string Path, int Min, int Max, char Fill, string[] Ops)[] Lengths =
    [
        ("WorkflowToken", 1, 20000, 'A', Operations),
        ("RecordId", 1, 100, 'r', Operations),
        ("FailureReason", 1, 2048, 'f', Operations),
        ("IdempotencyToken", 1, 128, 'i', Operations),
        ("ResourceIdentifier.UniqueTag.Key", 1, 128, 'k', [Provision]),
        ("ResourceIdentifier.UniqueTag.Value", 1, 256, 'v', [Provision]),
    ];

    public static TheoryData<string, string, int, int, string> LengthCases()
    {
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var (path, min, max, fill, ops) in Lengths)
            foreach (var op in ops)
            {
                data.Add(op, path, min, min - 1, "minLength");
                data.Add(op, path, max, max + 1, "maxLength");
            }
        return data;
    }

    [Theory, MemberData(nameof(LengthCases))]
    public void At_the_limit_is_valid_and_one_past_is_InvalidParametersException(string op, string path, int atLimit,
        int pastLimit, string kind)
    {
        var fill = Lengths.Single(l => l.Path == path).Fill;
        // RecordId is the record's name: a known one at the limit must be known to the stub first.
        string Record(int length) => path == "RecordId" ? new string(fill, length) : KnownRecord;
        stub.Stub.AddRecord(Record(atLimit));
        AssertSuccess(stub.Send(op, With(path, new string(fill, atLimit), recordId: Record(atLimit))));
        var past = stub.Send(op, With(path, new string(fill, pastLimit), recordId: Record(pastLimit)));
        AssertError(past, Ipe, path);
        Assert.Contains(kind == "minLength" ? "at least" : "at most", past.Message);
    }

    [Theory]
    [InlineData("FailureReason", 2048)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", 256)]
    public void Lengths_count_code_points(string path, int max)
    {
        AssertSuccess(stub.Send(Provision, With(path, string.Concat(Enumerable.Repeat(Supplementary, max)))));
        AssertError(stub.Send(Provision,
            With(path, string.Concat(Enumerable.Repeat(Supplementary, max + 1)))), Ipe, path);
    }

    // What aws-samples/service-catalog-engine-for-terraform-os sends (notify/errors.py): a failure message cut to 2,045
    // code points plus "...", emoji and control characters passed through.
    const string Victory = "\u270C\U0001F3FD"; // ✌🏽: one grapheme cluster, two code points, three UTF-16 units
    const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"; // 7 code points, 11 UTF-16 units

    /// <summary><paramref name="unit"/> repeated while it fits in <paramref name="count"/> code points, then <paramref name="fill"/> up to it.</summary>
    static string CodePoints(string unit, int count, char fill = 'f')
    {
        var text = new System.Text.StringBuilder();
        var points = 0;
        var unitPoints = unit.EnumerateRunes().Count();
        while (points + unitPoints <= count) { text.Append(unit); points += unitPoints; }
        return text.Append(fill, count - points).ToString();
    }

    [Fact]
    public void The_Python_engines_cut_failure_reason_with_a_skin_tone_emoji_is_accepted()
    {
        var stderr = "Error: apply failed ✌🏽\r\n\tmodule.x: \"naïve\" 中文\n" + Victory;
        var reason = CodePoints(stderr, 2045, 'e') + "...";
        Assert.Equal(2048, reason.EnumerateRunes().Count());
        Assert.Contains(Victory, reason);
        AssertError(stub.Send(Provision, With("FailureReason", reason, recordId: UnknownRecord)), Rnf);
        AssertError(stub.Send(Provision, With("FailureReason", reason + "!", recordId: UnknownRecord)), Ipe,
            "FailureReason");
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(2049, false)]
    public void A_failure_reason_of_family_emoji_counts_code_points_not_clusters(int codePoints, bool valid)
    {
        var r = stub.Send(Provision, With("FailureReason", CodePoints(Family, codePoints)));
        if (valid) AssertSuccess(r);
        else AssertError(r, Ipe, "FailureReason");
    }

    [Fact]
    public void Two_thousand_family_emoji_are_14000_code_points_and_refused() =>
        AssertError(stub.Send(Provision, With("FailureReason", string.Concat(Enumerable.Repeat(Family, 2000)))), Ipe,
            "FailureReason");

    [Theory]
    [InlineData("RecordId", 100)]
    [InlineData("IdempotencyToken", 128)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", 128)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", 256)]
    public void A_character_outside_the_BMP_counts_once_at_the_limit(string path, int max)
    {
        const string Ideograph = "\U00020000"; // CJK, a letter: valid in a UniqueTag; two UTF-16 units
        string Value(int codePoints) => new string('a', codePoints - 1) + Ideograph;
        var atLimit = Value(max);
        Assert.Equal(max + 1, atLimit.Length);
        string Record(string value) => path == "RecordId" ? value : UnknownRecord;
        AssertError(stub.Send(Provision, With(path, atLimit, recordId: Record(atLimit))), Rnf);
        AssertError(stub.Send(Provision, With(path, Value(max + 1), recordId: Record(Value(max + 1)))), Ipe, path);
    }

    [Fact]
    public void A_lone_surrogate_counts_as_one_code_point()
    {
        // System.Text.Json would replace it: the JSON text is written here, escapes as sent.
        var target = ("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}");
        string Body(int fill) =>
            Valid().ToJsonString().TrimEnd('}') + ",\"FailureReason\":\"" + new string('f', fill) + "\\ud800\"}";
        AssertSuccess(stub.Send(Body(2047), target));
        AssertError(stub.Send(Body(2048), target), Ipe, "FailureReason");
    }

    [Theory, MemberData(nameof(Ops))]
    public void What_the_engines_send_on_failure_is_accepted(string op)
    {
        var body = With("Status", "FAILED");
        body["FailureReason"] = "Error: creating S3 Bucket\r\n\twith aws_s3_bucket.b,\r\n\ton main.tf line 1 ✌🏽\u0009\u000d\u000a";
        if (op != Terminate) body["Outputs"] = new JsonArray();
        AssertSuccess(stub.Send(op, body));
    }

    [Fact]
    public void Eight_outputs_as_Terraform_renders_them_are_accepted()
    {
        string[] values = ["['a', 'b']", "False", "", "(sensitive value)", "arn:aws:s3:::b", "{'k': 'v'}", "3", "✌🏽"];
        var outputs = new JsonArray([.. values.Select((v, i) =>
            (JsonNode)new JsonObject { ["OutputKey"] = $"out_{i}", ["OutputValue"] = v })]);
        AssertSuccess(stub.Send(Update, With("Outputs", outputs)));
    }

    [Theory]
    [InlineData("WorkflowToken", "%%%", false)]
    [InlineData("WorkflowToken", "%A%", true)]  // a match anywhere satisfies a Smithy pattern
    [InlineData("IdempotencyToken", "_-_", false)]
    [InlineData("IdempotencyToken", "_abc", true)]
    [InlineData("RecordId", "rec!", true)]      // ^[a-zA-Z0-9_\-]* matches the empty prefix of any string
    [InlineData("FailureReason", "\u0001", true)] // [...]* matches the empty string
    [InlineData("ResourceIdentifier.UniqueTag.Key", "a b:c/d=e+f-g@h_i.j", true)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "ключ٣", true)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", Supplementary, true)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "a!b", false)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", "pp-123\n", false)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", "\U0001F600", false)] // an emoji is a symbol, not a letter
    public void Patterns_are_searched_over_code_points(string path, string value, bool valid)
    {
        var r = stub.Send(Provision, With(path, value, recordId: path == "RecordId" ? value : KnownRecord));
        if (valid) Assert.True(r.Status == 200 || r.ErrorCode == Rnf, r.ToString());
        else AssertError(r, Ipe, $"{path} must satisfy the pattern");
    }

    [Theory, MemberData(nameof(Ops))]
    public void Status_outside_the_enum_is_InvalidParametersException(string op)
    {
        AssertError(stub.Send(op, With("Status", "succeeded")), Ipe, "Status");
        AssertSuccess(stub.Send(op, With("Status", "FAILED")));
    }

    public static TheoryData<string, string> RequiredCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in Operations)
            foreach (var member in new[] { "WorkflowToken", "RecordId", "Status", "IdempotencyToken" })
                data.Add(op, member);
        return data;
    }

    [Theory, MemberData(nameof(RequiredCases))]
    public void Missing_or_null_required_member_is_InvalidParametersException(string op, string member)
    {
        AssertError(stub.Send(op, With(member, null, remove: true)), Ipe, $"{member} is required");
        AssertError(stub.Send(op, With(member, null)), Ipe, $"{member} is required");
    }

    [Theory]
    [InlineData("FailureReason")]
    [InlineData("Outputs")]
    [InlineData("ResourceIdentifier")]
    [InlineData("ResourceIdentifier.UniqueTag.Key")]
    public void Null_optional_member_is_as_absent(string path) => AssertSuccess(stub.Send(Provision, With(path, null)));

    [Theory]
    [InlineData(Terminate, "ResourceIdentifier", "5")]
    [InlineData(Terminate, "Outputs", "{}")]
    [InlineData(Update, "ResourceIdentifier", "{\"UniqueTag\":{\"Key\":\"a!b\"}}")]
    [InlineData(Provision, "NotAMember", "[1]")]
    public void Members_an_operation_does_not_have_are_ignored(string op, string path, string json) =>
        AssertSuccess(stub.Send(op, With(path, JsonNode.Parse(json))));

    [Theory]
    [InlineData("WorkflowToken", "5")]
    [InlineData("RecordId", "[\"a\"]")]
    [InlineData("Status", "true")]
    [InlineData("FailureReason", "{}")]
    [InlineData("IdempotencyToken", "1.5")]
    [InlineData("ResourceIdentifier", "\"pp-1\"")]
    [InlineData("ResourceIdentifier.UniqueTag", "[]")]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "1")]
    [InlineData("ResourceIdentifier.UniqueTag.Value", "false")]
    [InlineData("Outputs", "{}")]
    [InlineData("Outputs", "[\"x\"]")]
    [InlineData("Outputs", "[{\"OutputKey\":1}]")]
    [InlineData("Outputs", "[{\"OutputValue\":{}}]")]
    [InlineData("Outputs", "[{\"Description\":[]}]")]
    public void Wrong_json_type_is_SerializationException(string path, string json) =>
        AssertError(stub.Send(Provision, With(path, JsonNode.Parse(json))), Ser);

    [Fact]
    public void Outputs_members_are_unconstrained_strings() =>
        AssertSuccess(stub.Send(Update,
            With("Outputs", JsonNode.Parse("[{\"OutputKey\":\"\",\"OutputValue\":\"\\u0000\",\"Description\":\""
                + new string('d', 30000) + "\"}]"))));

    [Fact]
    public void Protocol_faults_are_4xx_with_an_awsJson_error_body()
    {
        var target = ("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}");
        var valid = Valid().ToJsonString();
        Reply[] replies =
        [
            stub.Send(valid),                                                                     // no target
            stub.Send(valid, ("X-Amz-Target", "AWS242ServiceCatalogService.DescribeRecord")),     // unknown target
            stub.Send(valid, ("X-Amz-Target", Provision)),                                        // no prefix
            stub.Send(System.Text.Encoding.UTF8.GetBytes(valid), "application/json", target),     // wrong content type
            stub.Send(System.Text.Encoding.UTF8.GetBytes(valid), null, target),                   // no content type
            stub.Send("not json", target),
            stub.Send(valid + " x", target),
            stub.Send("[" + valid + "]", target),
            stub.Send("\"s\"", target),
            stub.Send("", target),
            stub.Send([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
                "application/x-amz-json-1.1", target),
        ];
        Assert.All(replies, r =>
        {
            Assert.InRange(r.Status, 400, 499);
            Assert.NotNull(r.ErrorCode);
            Assert.NotEmpty(r.Message);
        });
        // A charset parameter is still the awsJson content type.
        AssertSuccess(stub.Send(System.Text.Encoding.UTF8.GetBytes(valid),
            "application/x-amz-json-1.1; charset=utf-8", target));
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_the_target_value_is_exact()
    {
        var valid = Valid().ToJsonString();
        // What the JS v3 SDK sends: lower-case header names.
        Assert.Equal(200, stub.Send(valid, ("x-amz-target", $"AWS242ServiceCatalogService.{Provision}")).Status);
        Assert.Equal("UnknownOperationException",
            stub.Send(valid, ("X-Amz-Target", $"aws242servicecatalogservice.{Provision.ToLowerInvariant()}"))
                .ErrorCode);
    }

    [Fact]
    public void Every_answer_is_awsJson_with_a_request_id()
    {
        foreach (var r in new[] { stub.Send(Provision, Valid()), stub.Send(Provision, Valid(UnknownRecord)),
            stub.Send("{}") })
        {
            Assert.Equal("application/x-amz-json-1.1", r.Headers["Content-Type"]);
            Assert.True(Guid.TryParse(r.Headers["x-amzn-RequestId"], out _), r.Headers["x-amzn-RequestId"]);
        }
    }

    [Theory]
    [InlineData(KnownRecord)]
    [InlineData(UnknownRecord)]
    public void An_identical_retry_gets_the_same_answer(string record)
    {
        var body = Valid(record);
        var first = stub.Send(Provision, body);
        var retry = stub.Send(Provision, body);
        Assert.Equal((first.Status, first.Body), (retry.Status, retry.Body));
    }
}
