using System.Diagnostics;
using NotifyContract.Fixtures;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The <c>Auth.*</c> rules: each breaks the signature one way; a target that verifies signatures refuses them as AWS
/// does, one that ignores them reads them. Observed under <c>documented</c>, judged under a reading that verifies them,
/// and never taken for rejected credentials.
/// </summary>
public class SignatureTests : IDisposable
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    static readonly Amazon.Runtime.ImmutableCredentials Fake = HttpTarget.FakeCredentials.GetCredentials();
    static readonly StubOptions Verifying = new() { SigV4 = new(Fake.AccessKey, Fake.SecretKey) };
    readonly string dir = Directory.CreateTempSubdirectory("notify-auth-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>The Auth.* case of each fault on Terminate: a valid request for a record nobody holds.</summary>
    static IReadOnlyList<Case> AuthCases() =>
        [.. Rules.For(Notify.Get(Terminate), RecordSet.None)
            .Where(s => s.Rule.Value.StartsWith("Auth.", StringComparison.Ordinal)).SelectMany(s => s.Boundary)];

    [Fact]
    public void A_stub_told_to_verify_refuses_each_broken_signature_with_AWSs_code_and_reads_a_good_one()
    {
        using var stub = StubServer.Start(Verifying);
        using var http = new HttpTarget(EndpointOptions.Resolve(stub.Url, null, Runs.Timeout), RecordSet.None);
        var refused = AuthCases().ToDictionary(c => c.SigningFault!.Value, c => http.Send(c).Reading);

        Assert.Equal((403, "MissingAuthenticationTokenException"),
            (refused[SigningFault.Unsigned].Status, refused[SigningFault.Unsigned].Code));
        foreach (var fault in new[] { SigningFault.WrongSignature, SigningFault.OtherRegion, SigningFault.OtherService,
                     SigningFault.StaleDate })
            Assert.Equal((fault, 403, "InvalidSignatureException"), (fault, refused[fault].Status, refused[fault].Code));
        Assert.All(refused.Values, r => Assert.Equal("application/x-amz-json-1.1", r.ContentType));

        var good = AuthCases()[0] with { SigningFault = null };
        Assert.Equal("ResourceNotFoundException", http.Send(good).Reading.Code); // signed right: read and looked up
        using var stranger = new HttpTarget(EndpointOptions.Resolve(stub.Url, null, Runs.Timeout), RecordSet.None,
            new Amazon.Runtime.BasicAWSCredentials("AKIDSTRANGER00000000", "strangerSecret"));
        var unknown = stranger.Send(good).Reading;
        Assert.Equal((403, "UnrecognizedClientException"), (unknown.Status, unknown.Code));

        using var raw = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, stub.Url) { Content = new ByteArrayContent(good.Body) };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=half");
        using var incomplete = raw.Send(request, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)incomplete.StatusCode);
        Assert.Contains("IncompleteSignatureException", new StreamReader(
            incomplete.Content.ReadAsStream(TestContext.Current.CancellationToken)).ReadToEnd());
    }

    [Fact]
    public void The_default_stub_ignores_signatures()
    {
        using var stub = StubServer.Start();
        using var http = new HttpTarget(EndpointOptions.Resolve(stub.Url, null, Runs.Timeout), RecordSet.None);
        Assert.All(AuthCases(), c => Assert.Equal("ResourceNotFoundException", http.Send(c).Reading.Code));
    }

    [Fact]
    public void Against_a_verifying_stub_every_rule_holds_and_its_refusals_never_stop_the_run()
    {
        using var target = StubTarget.Start([], Runs.Timeout, Verifying);
        var (documented, rules) = Runs.Against(target, maxTest: 2, operation: Terminate);
        Assert.Empty(rules.Failing());
        Assert.Null(documented.StopReason); // refused on purpose: not rejected credentials
        var auth = rules.Where(r => r.Id.StartsWith("Auth.", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, auth.Count);
        Assert.All(auth, r => Assert.Equal(["verified"], r.Verdict.Agrees));

        var verified = Run(target, Profile.Load("documented").WithReading(AmbiguityKind.Signatures, "verified"));
        Assert.Empty(verified.Rules.Failing());
        Assert.All(verified.Rules.Where(r => r.Id.StartsWith("Auth.", StringComparison.Ordinal)),
            r => Assert.Equal(VerdictKind.Pass, r.Verdict.Kind));
    }

    [Fact]
    public void A_target_that_ignores_signatures_fails_exactly_the_Auth_rules_when_a_reading_verifies_them()
    {
        using var target = StubTarget.Start([], Runs.Timeout); // the default stub: signatures ignored
        var verdicts = Run(target, Profile.Load("documented").WithReading(AmbiguityKind.Signatures, "verified"));

        var failing = verdicts.Rules.SelectMany(r => r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)
            .Select(c => $"{r.Id}[{c.Check.Name}]")).ToList();
        Assert.Equal(Enum.GetValues<SigningFault>().Select(f => $"Auth.{f.Wire()}[rejects]"), failing);
        var cause = Assert.Single(verdicts.Causes);
        Assert.Equal("unsigned requests, requests signed with a wrong secret, requests signed for another region, " +
                     "requests signed for another service and requests dated 20 minutes ago are accepted: the target " +
                     "does not verify SigV4 signatures (5 rules)", cause.Sentence);
        Assert.EndsWith("(judged by the verified reading)", verdicts.Rules.Rule("Auth.unsigned").Verdict.Reason);
    }

    static Verdicts Run(StubTarget target, Profile profile) => Verdicts.Of(Harness.Run.Conformance.Run(
        Rules.For(Notify.Get(Terminate), target.Records), target, new Judge(profile),
        new(Seed: 3, MaxTest: 2)));

    [Fact]
    public void Each_broken_signature_goes_out_as_its_rule_says_and_report_md_resends_it_so()
    {
        using var server = HostileServers.Answering(400,
            """{"__type":"ResourceNotFoundException","message":"no such record"}""",
            ("Content-Type", "application/x-amz-json-1.1"));
        var (exit, stdout, err) = Cli.Run(null, "--endpoint", server.Url.ToString(), "--operation", Terminate,
            "--signatures", "verified", "--max-test", "0", "--report", dir);
        Assert.True(exit == 1, stdout + err); // every violation and every bad signature reached the lookup
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));

        foreach (var fault in Enum.GetValues<SigningFault>())
        {
            var sent = Assert.Single(server.Received, r => Is(fault, r)); // the run's own request
            var section = md[md.IndexOf($"## `Auth.{fault.Wire()}`", StringComparison.Ordinal)..];
            var start = section.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
            var before = server.Received.Count;
            Sh(section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)]);
            var resent = server.Received[before];
            Assert.True(Is(fault, resent) || fault == SigningFault.StaleDate, $"{fault}: curl did not break it so");
            Assert.Equal(sent.Body, resent.Body);
        }
        Assert.Contains("The case was signed and dated 20 minutes in the past; curl signs it now.", md);
    }

    /// <summary>Whether a received request's signature is broken exactly as <paramref name="fault"/> says.</summary>
    static bool Is(SigningFault fault, LoopbackServer.Request r)
    {
        string? Verify(string service = "servicecatalog", string? secret = null) =>
            SigV4Verifier.Verify(r, id => id == Fake.AccessKey ? secret ?? Fake.SecretKey : null, service);
        var scope = r.Header("Authorization") ?? "";
        var date = DateTime.ParseExact(r.Header("X-Amz-Date") ?? "19700101T000000Z", "yyyyMMdd'T'HHmmss'Z'",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var stale = DateTime.UtcNow - date > TimeSpan.FromMinutes(15);
        return fault switch
        {
            SigningFault.Unsigned => r.Header("Authorization") is null,
            SigningFault.WrongSignature => Verify() == "signature does not match"
                                           && Verify(secret: "notify-contract-made-up-secret") is null,
            SigningFault.OtherRegion => scope.Contains("/us-west-2/servicecatalog/") && Verify() is null,
            SigningFault.OtherService => scope.Contains("/us-east-1/s3/") && Verify("s3") is null,
            _ => stale && Verify() is null,
        };
    }

    void Sh(string command)
    {
        var shell = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = dir };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(command);
        using var sh = Process.Start(shell)!;
        var error = sh.StandardError.ReadToEndAsync();
        sh.StandardOutput.ReadToEnd();
        Assert.True(sh.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.True(sh.ExitCode == 0, $"curl failed ({sh.ExitCode}; 7.75+ for --aws-sigv4): {error.Result}");
    }
}
