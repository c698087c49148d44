using System.Text;
using NotifyContract.Generators;
using NotifyContract.Harness;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

/// <summary>These tests change process environment variables, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>The default credentials chain, through the environment a user would set.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class CredentialChainTests : IDisposable
{
    const string AccessKey = "AKIDFAKEFAKEFAKE1234";
    const string Secret = "chainFakeSecret/KEY+0000000000000000000";
    const string Token = "CHAINFAKESESSIONTOKEN//xyz==";

    static readonly string[] Touched =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    ];

    readonly Dictionary<string, string?> saved = Touched.ToDictionary(n => n, Environment.GetEnvironmentVariable);

    /// <summary>Starts from an environment with no credentials anywhere: no variables, no profile files.</summary>
    public CredentialChainTests()
    {
        foreach (var name in Touched) Environment.SetEnvironmentVariable(name, null);
        var nowhere = Path.Combine(Path.GetTempPath(), $"notify-contract-no-aws-{Guid.NewGuid():N}");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(nowhere, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(nowhere, "config"));
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
    }

    static HttpTarget ChainTarget(Uri url, bool allowInstanceMetadata = false) =>
        new(Cases.Options(url, Signing.DefaultChain) with { AllowInstanceMetadata = allowInstanceMetadata },
            RecordSet.None);

    [Fact]
    public void Environment_credentials_sign_and_carry_the_session_token_but_never_come_back()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Secret);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", Token);
        using var server = HostileServers.Echoing();
        using var target = ChainTarget(server.Url);
        target.Preflight();
        var answer = target.Send(Cases.Valid());

        var got = Assert.Single(server.Received);
        Assert.Contains($"Credential={AccessKey}/", got.Header("Authorization"));
        Assert.Equal(Token, got.Header("x-amz-security-token"));
        Assert.Null(SigV4Verifier.Verify(got, k => k == AccessKey ? Secret : null));
        var returned = string.Join("\n", answer.Headers) + Encoding.UTF8.GetString(answer.Body) + answer.FailureDetail
            + target.Describe;
        Assert.DoesNotContain(Secret, returned);
        Assert.DoesNotContain(Token, returned);
    }

    [Fact]
    public void No_credentials_is_a_one_line_harness_error_and_instance_metadata_is_not_asked()
    {
        using var imds = HostileServers.Answering(404, "");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.Url.ToString());
        using var server = HostileServers.Answering(200, "{}");

        var e = Assert.Throws<HarnessException>(() => ChainTarget(server.Url));
        Assert.StartsWith("no AWS credentials found", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(imds.Received);
        Assert.Empty(server.Received);
    }

    [Fact]
    public void Instance_metadata_is_asked_only_when_allowed()
    {
        using var imds = HostileServers.Answering(404, "");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.Url.ToString());
        using var server = HostileServers.Answering(200, "{}");

        Assert.Throws<HarnessException>(() => ChainTarget(server.Url, allowInstanceMetadata: true));
        Assert.NotEmpty(imds.Received);
    }
}
