using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using NotifyContract.Generators;
using NotifyContract.Harness;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

/// <summary>
/// User-supplied secrets (the key, the session token, the signature, a real workflow token) reach the wire and
/// nothing else: whatever form a server echoes them in, the answer the harness keeps holds none of them.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public class SecretsTests
{
    const string AccessKey = "AKIDSECRETSTESTFAKE1";
    const string Secret = "secretsTest/Fake+Secret=Key0000000000000";
    const string Token = "SESSION+token/with=odd+chars//abcdefghijklmnop==";
    const string Workflow = "RealWorkflow+Token/From=Service+Catalog0123456789==";

    static readonly AWSCredentials Session = new SessionAWSCredentials(AccessKey, Secret, Token);

    /// <summary>Every form a server could echo <paramref name="s"/> in; inside a longer base64 text, what gives it away
    /// is the run of characters that encode only its bytes.</summary>
    static IEnumerable<string> Forms(string s, bool echoed = false)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        yield return s;
        yield return JsonSerializer.Serialize(s)[1..^1]; // default encoder: + as \u002B
        yield return s.Replace("/", "\\/");
        yield return Uri.EscapeDataString(s);
        yield return WebUtility.UrlEncode(s); // lower-case hex
        yield return Convert.ToBase64String(bytes);
        yield return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        for (var prefix = 1; prefix <= 2; prefix++) // inside a longer base64 text, at another byte offset
            yield return echoed
                ? Convert.ToBase64String([.. new byte[prefix], .. bytes, 7])
                : Convert.ToBase64String(bytes, 3 - prefix, (bytes.Length - 3 + prefix) / 3 * 3);
    }

    /// <summary>Echoes every request header and the body, in every form, in a header and in the body.</summary>
    static LoopbackServer EchoingEverything() => new((r, c, stop) =>
    {
        var said = r.Headers.Select(h => h.Value).Append(Encoding.UTF8.GetString(r.Body))
            .Concat(r.Headers.Select(h => h.Value)
                .SelectMany(v => v.Split([' ', ',', '=', '/'], StringSplitOptions.RemoveEmptyEntries)))
            .Concat([Token, Workflow, Secret])
            .SelectMany(s => Forms(s, echoed: true)).ToList();
        var text = string.Join("\n", said);
        return c.Respond(400, [KeyValuePair.Create("X-Echo", Uri.EscapeDataString(text))],
            Encoding.UTF8.GetBytes(text), stop);
    });

    static string Everything(Answer a) =>
        string.Join("\n", a.Headers.Select(h => $"{h.Key}: {h.Value}")) + Encoding.UTF8.GetString(a.Body)
            + a.FailureDetail;

    [Fact]
    public void No_secret_comes_back_in_any_form_and_the_rest_is_kept()
    {
        using var server = EchoingEverything();
        using var target = Cases.Http(server.Url, Signing.DefaultChain, credentials: Session);
        var answer = target.Send(Cases.Valid());

        var got = Assert.Single(server.Received);
        var signature = got.Header("Authorization")![(got.Header("Authorization")!.IndexOf("Signature=") + 10)..];
        var everything = Everything(answer);
        foreach (var secret in new[] { AccessKey, Secret, Token, signature })
            foreach (var form in Forms(secret).Where(f => f.Length >= 16))
                Assert.DoesNotContain(form, everything);
        Assert.Contains("[redacted]", everything);
        Assert.Contains("AWS4-HMAC-SHA256", everything); // what is not secret stays, byte for byte
        Assert.Contains("\"RecordId\":\"rec-1\"", everything);
    }

    [Fact]
    public void A_real_workflow_token_is_sent_in_place_of_its_stand_in_and_never_comes_back()
    {
        Environment.SetEnvironmentVariable("NOTIFY_TEST_TOKEN", Workflow);
        try
        {
            var token = RealWorkflowToken.FromEnvironment("NOTIFY_TEST_TOKEN");
            Assert.Matches(@"^<\$NOTIFY_TEST_TOKEN: 51 chars, sha256:[0-9a-f]{16}>$", token.StandIn);
            Assert.DoesNotContain(Workflow, token.ToString());

            using var server = EchoingEverything();
            using var target = new HttpTarget(Cases.Options(server.Url), RecordSet.None, workflowToken: token);
            var body = $$"""{"WorkflowToken":"{{token.StandIn}}","RecordId":"rec-1","Status":"SUCCEEDED","IdempotencyToken":"t"}""";
            var answer = target.Send(Cases.With(Encoding.UTF8.GetBytes(body), Cases.AwsJsonHeaders));

            var sent = Encoding.UTF8.GetString(Assert.Single(server.Received).Body);
            Assert.Equal(body.Replace(token.StandIn, Workflow), sent);
            Assert.Null(SigV4Verifier.Verify(server.Received[0],
                _ => HttpTarget.FakeCredentials.GetCredentials().SecretKey));
            var everything = Everything(answer);
            foreach (var form in Forms(Workflow)) Assert.DoesNotContain(form, everything);
            Assert.Contains(token.StandIn, everything);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_TEST_TOKEN", null);
        }
    }

    [Theory]
    [InlineData("NOTIFY_TEST_UNSET")]
    [InlineData("NOT-A-NAME")]
    public void A_missing_or_badly_named_token_variable_is_a_one_line_harness_error(string name)
    {
        var e = Assert.Throws<HarnessException>(() => RealWorkflowToken.FromEnvironment(name));
        Assert.Contains("--workflow-token-env", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}

public class AuthFailureTests
{
    static Answer Answer(int status, string body, params (string, string)[] headers) =>
        new(status, [.. headers.Select(h => KeyValuePair.Create(h.Item1, h.Item2))], Encoding.UTF8.GetBytes(body),
            TimeSpan.Zero);

    [Theory]
    [InlineData(400, """{"__type":"UnrecognizedClientException"}""", "UnrecognizedClientException")]
    [InlineData(400, """{"__type":"com.amazon.coral.service#ExpiredTokenException:http://internal"}""", "ExpiredTokenException")]
    [InlineData(400, """{"__type":"ExpiredToken"}""", "ExpiredToken")]
    [InlineData(403, """{"__type":"InvalidSignatureException"}""", "InvalidSignatureException")]
    [InlineData(400, """{"code":"SignatureDoesNotMatch"}""", "SignatureDoesNotMatch")]
    [InlineData(400, """{"__type":"IncompleteSignatureException"}""", "IncompleteSignatureException")]
    [InlineData(403, """{"__type":"MissingAuthenticationTokenException"}""", "MissingAuthenticationTokenException")]
    [InlineData(403, """{"__type":"InvalidClientTokenId"}""", "InvalidClientTokenId")]
    [InlineData(400, """{"__type":"AccessDeniedException"}""", "AccessDeniedException")]
    [InlineData(403, "<html>Forbidden</html>", "HTTP 403")]
    [InlineData(401, "", "HTTP 401")]
    [InlineData(403, """{"__type":"SomethingElse"}""", "HTTP 403 SomethingElse")]
    public void Authentication_and_authorization_failures_are_named(int status, string body, string code) =>
        Assert.Equal(code, AuthFailure.Of(Answer(status, body)));

    [Fact]
    public void The_header_names_the_code_too() =>
        Assert.Equal("UnrecognizedClientException",
            AuthFailure.Of(Answer(400, "", ("x-amzn-ErrorType", "UnrecognizedClientException:http://x"))));

    [Theory]
    [InlineData(400, """{"__type":"InvalidParametersException"}""")]
    [InlineData(400, """{"__type":"ResourceNotFoundException"}""")]
    [InlineData(400, """{"__type":"ValidationException"}""")]
    [InlineData(500, "")]
    [InlineData(200, "{}")]
    public void Contract_answers_are_not_auth_failures(int status, string body) =>
        Assert.Null(AuthFailure.Of(Answer(status, body)));

    [Fact]
    public void No_answer_is_not_an_auth_failure() =>
        Assert.Null(AuthFailure.Of(NotifyContract.Harness.Targets.Answer.None(NoAnswer.Timeout, TimeSpan.Zero, "x")));
}

public class PreflightProbeTests
{
    [Fact]
    public void Rejected_credentials_stop_the_preflight_naming_the_code_after_one_request()
    {
        using var server = new FaithfulServer(new HashSet<string>(), secretFor: _ => null); // knows no key
        using var target = Cases.Http(server.Url);
        var e = Assert.Throws<HarnessException>(() => target.Preflight(Cases.Valid()));
        Assert.StartsWith("the target rejected the credentials (UnrecognizedClientException, signed with --credentials fake)", e.Message);
        Assert.Contains("--region", e.Message);
        Assert.Contains("clock", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(1, server.Received);
        Assert.Equal(1, target.Sent); // counted in the budget
    }

    [Fact]
    public void Accepted_credentials_pass_the_preflight_with_one_request()
    {
        using var server = new FaithfulServer(new HashSet<string>());
        using var target = Cases.Http(server.Url);
        target.Preflight(Cases.Valid());
        Assert.Equal(1, server.Received);
        Assert.Empty(server.BadSignatures);
    }
}
