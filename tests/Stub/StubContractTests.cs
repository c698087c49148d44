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
        body["ResourceIdentifier"] = new JsonObject { ["UniqueTag"] = new JsonObject { ["Key"] = "string", ["Value"] = "string" } };
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
    public void At_the_limit_is_valid_and_one_past_is_InvalidParametersException(string op, string path, int atLimit, int pastLimit, string kind)
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
        AssertError(stub.Send(Provision, With(path, string.Concat(Enumerable.Repeat(Supplementary, max + 1)))), Ipe, path);
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
        AssertSuccess(stub.Send(Update, With("Outputs", JsonNode.Parse("[{\"OutputKey\":\"\",\"OutputValue\":\"\\u0000\",\"Description\":\"" + new string('d', 30000) + "\"}]"))));

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
            stub.Send([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "application/x-amz-json-1.1", target),
        ];
        Assert.All(replies, r =>
        {
            Assert.InRange(r.Status, 400, 499);
            Assert.NotNull(r.ErrorCode);
            Assert.NotEmpty(r.Message);
        });
        // A charset parameter is still the awsJson content type.
        AssertSuccess(stub.Send(System.Text.Encoding.UTF8.GetBytes(valid), "application/x-amz-json-1.1; charset=utf-8", target));
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_the_target_value_is_exact()
    {
        var valid = Valid().ToJsonString();
        // What the JS v3 SDK sends: lower-case header names.
        Assert.Equal(200, stub.Send(valid, ("x-amz-target", $"AWS242ServiceCatalogService.{Provision}")).Status);
        Assert.Equal("UnknownOperationException",
            stub.Send(valid, ("X-Amz-Target", $"aws242servicecatalogservice.{Provision.ToLowerInvariant()}")).ErrorCode);
    }

    [Fact]
    public void Every_answer_is_awsJson_with_a_request_id()
    {
        foreach (var r in new[] { stub.Send(Provision, Valid()), stub.Send(Provision, Valid(UnknownRecord)), stub.Send("{}") })
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
