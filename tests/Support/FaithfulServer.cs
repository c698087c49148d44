using System.Collections.Concurrent;
using System.Text;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Support;

/// <summary>
/// <see cref="FaithfulNotify"/> served on loopback, verifying every request's SigV4 signature (by the harness's fixed
/// fake key) before answering. A request with a bad signature is answered 403 and counted in <see cref="BadSignatures"/>.
/// </summary>
public sealed class FaithfulServer : IDisposable
{
    readonly LoopbackServer server;
    readonly ConcurrentQueue<string> badSignatures = new();

    public FaithfulServer(IReadOnlySet<string> knownRecords, string? breaks = null, bool fullMatch = false)
    {
        var notify = new FaithfulNotify(knownRecords, breaks, fullMatch);
        server = new LoopbackServer((request, connection, stop) =>
        {
            if (SigV4Verifier.Verify(request, SecretFor) is { } why)
            {
                badSignatures.Enqueue(why);
                return connection.Respond(403, [], Encoding.UTF8.GetBytes($$"""{"__type":"InvalidSignatureException","message":"{{why}}"}"""), stop);
            }
            var (status, body) = notify.Handle(request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body);
            return connection.Respond(status, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1"),
                KeyValuePair.Create("x-amzn-RequestId", Guid.NewGuid().ToString())], Encoding.UTF8.GetBytes(body), stop);
        });
    }

    static string? SecretFor(string accessKeyId) =>
        accessKeyId == HttpTarget.FakeCredentials.GetCredentials().AccessKey ? HttpTarget.FakeCredentials.GetCredentials().SecretKey : null;

    public Uri Url => server.Url;
    public int Received => server.Received.Count;
    public IReadOnlyCollection<string> BadSignatures => badSignatures;

    public void Dispose() => server.Dispose();
}
