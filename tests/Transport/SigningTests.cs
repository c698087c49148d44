using System.Text;
using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

public class SigningTests
{
    const string AccessKey = "AKIDFAKEFAKEFAKE1234";
    const string Secret = "fakeSecretKey/NotifyContract+TEST0000000";
    const string Token = "FAKESESSIONTOKEN//notify+contract==";

    static string? SecretFor(string accessKey) => accessKey switch
    {
        AccessKey => Secret,
        "AKIDNOTIFYCONTRACTFAKE" => "notify-contract-fake-secret-key",
        _ => null,
    };

    /// <summary>What a server received for one valid case signed with <paramref name="credentials"/> (null: the fake key).</summary>
    static LoopbackServer.Request Received(AWSCredentials? credentials = null)
    {
        using var server = HostileServers.Answering(200, "{}");
        using var target = Cases.Http(server.Url, credentials is null ? Signing.FakeKey : Signing.DefaultChain,
            credentials: credentials);
        target.Send(Cases.Valid());
        return Assert.Single(server.Received);
    }

    [Fact]
    public void The_fake_key_signs_a_request_the_independent_verifier_accepts()
    {
        var got = Received();
        Assert.Null(SigV4Verifier.Verify(got, SecretFor));
        Assert.Contains("Credential=AKIDNOTIFYCONTRACTFAKE/", got.Header("Authorization"));
        Assert.Contains("/us-east-1/servicecatalog/aws4_request", got.Header("Authorization"));
        Assert.Null(got.Header("x-amz-security-token"));
    }

    [Fact]
    public void Session_credentials_add_the_security_token_and_still_verify()
    {
        var got = Received(new SessionAWSCredentials(AccessKey, Secret, Token));
        Assert.Equal(Token, got.Header("x-amz-security-token"));
        Assert.Contains($"Credential={AccessKey}/", got.Header("Authorization"));
        Assert.Null(SigV4Verifier.Verify(got, SecretFor));
    }

    [Fact]
    public void The_verifier_rejects_a_tampered_body_a_wrong_secret_and_an_unsigned_request()
    {
        var got = Received();
        Assert.Equal("signature does not match", SigV4Verifier.Verify(got with { Body = [.. got.Body, (byte)' '] },
            SecretFor));
        Assert.Equal("signature does not match", SigV4Verifier.Verify(got, _ => "another secret"));
        Assert.Equal("no Authorization header",
            SigV4Verifier.Verify(got with { Headers = [.. got.Headers.Where(h => h.Key != "Authorization")] },
                SecretFor));
        Assert.Equal("header 'x-amz-extra' is not signed",
            SigV4Verifier.Verify(got with { Headers = [.. got.Headers, new("X-Amz-Extra", "1")] }, SecretFor));
    }

    /// <summary>Odd header values: runs of spaces, padding, repeated names, non-JSON and non-UTF-8 bodies.</summary>
    static readonly Gen<(byte[] Body, (string, string)[] Headers)> OddRequests =
        from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        from target in Gen.Elements(Cases.Target, "  spaced   target  ", "AWS242ServiceCatalogService.Nope", "")
        from contentType in Gen.Elements<string?>(null, "application/x-amz-json-1.1",
            "text/html;  charset=utf-8", " x ")
        from repeat in Gen.Elements(0, 1, 2)
        select (body, (new[] { ("X-Amz-Target", target) })
            .Concat(contentType is null ? [] : [("Content-Type", contentType)])
            .Concat(Enumerable.Range(0, repeat).Select(i => ("X-Amz-Meta-Odd", $"v{i}  with   spaces")))
            .ToArray());

    [Fact]
    public void Every_malformed_or_oddly_headed_request_is_signed_correctly()
    {
        using var server = HostileServers.Answering(200, "{}");
        using var target = Cases.Http(server.Url, Signing.DefaultChain,
            credentials: new SessionAWSCredentials(AccessKey, Secret, Token));
        Prop.ForAll(OddRequests.ToArbitrary(), r =>
            {
                var before = server.Received.Count;
                target.Send(Cases.With(r.Body, r.Headers));
                var got = server.Received[before];
                return SigV4Verifier.Verify(got, SecretFor) is null && got.Body.SequenceEqual(r.Body);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Neither_secret_nor_session_token_comes_back_in_an_answer_even_from_a_server_that_echoes()
    {
        using var server = HostileServers.Echoing();
        using var target = Cases.Http(server.Url, Signing.DefaultChain,
            credentials: new SessionAWSCredentials(AccessKey, Secret, Token));
        var answer = target.Send(Cases.Valid());

        Assert.Equal(Token, Assert.Single(server.Received).Header("x-amz-security-token")); // it was sent, and echoed
        var everything = string.Join("\n", answer.Headers.Select(h => $"{h.Key}: {h.Value}"))
            + Encoding.UTF8.GetString(answer.Body) + answer.FailureDetail;
        Assert.Contains("[redacted]", everything);
        Assert.DoesNotContain(Token, everything);
        Assert.DoesNotContain(Secret, everything);
        Assert.DoesNotContain(Secret, target.Describe);
    }
}
