using System.Text;
using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Transport;

/// <summary>Cases and targets for transport tests: the framing under test does not care what the body means.</summary>
static class Cases
{
    public const string Target = "AWS242ServiceCatalogService.NotifyProvisionProductEngineWorkflowResult";

    public static readonly (string, string)[] AwsJsonHeaders =
        [("X-Amz-Target", Target), ("Content-Type", "application/x-amz-json-1.1")];

    public static Case With(byte[] body, params (string Name, string Value)[] headers) =>
        new("transport-1", "NotifyProvisionProductEngineWorkflowResult", RuleId.ValidAccepted,
            Expectation.Success, null, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))], body);

    public static Case Valid() =>
        With(Encoding.UTF8.GetBytes("""{"WorkflowToken":"abc","RecordId":"rec-1","Status":"SUCCEEDED","IdempotencyToken":"tok-1"}"""), AwsJsonHeaders);

    /// <summary>For servers that never answer in time: short, so those tests stay quick.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMilliseconds(400);

    /// <summary>For servers that answer at once: long enough that a loaded machine never turns an answer into a timeout.</summary>
    static readonly TimeSpan Ample = TimeSpan.FromSeconds(5);

    /// <summary>Fast test options: unlimited unless said, tiny backoffs so throttling tests stay quick.</summary>
    public static EndpointOptions Options(Uri endpoint, Signing signing = Signing.FakeKey, int? maxRequests = null,
        double? rate = null, TimeSpan? timeout = null) =>
        new(endpoint, "us-east-1", timeout ?? Ample, maxRequests, rate, signing)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };

    public static HttpTarget Http(Uri endpoint, Signing signing = Signing.FakeKey, int? maxRequests = null,
        double? rate = null, Amazon.Runtime.AWSCredentials? credentials = null, TimeSpan? timeout = null) =>
        new(Options(endpoint, signing, maxRequests, rate, timeout), RecordSet.None, credentials);
}
