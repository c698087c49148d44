using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NotifyContract.Fixtures;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Tests.Support;

/// <summary>
/// <see cref="FaithfulNotify"/> served on loopback, verifying every request's SigV4 signature (by default by the
/// harness's fixed fake key, for us-east-1, within 5 minutes of its clock) before answering, as AWS does (the
/// stub's verifier, <see cref="Signatures"/>: 403 <c>MissingAuthenticationTokenException</c>,
/// <c>UnrecognizedClientException</c>, <c>InvalidSignatureException</c>, ...); each refusal is counted in
/// <see cref="BadSignatures"/>.
/// </summary>
public sealed class FaithfulServer : IDisposable
{
    readonly LoopbackServer server;
    readonly ConcurrentQueue<string> badSignatures = new();

    /// <param name="secretFor">The secret key of each access key id the server knows; default: the fake key only.</param>
    /// <param name="expireAfter">Answers every request after this many with 400 <c>ExpiredTokenException</c> (a session
    /// token expiring during a long run).</param>
    /// <param name="fullMatch">Reads patterns as a whole-string match instead of a search (<see cref="FaithfulNotify"/>).</param>
    /// <param name="catchAll">Every violation's message (<see cref="FaithfulNotify"/>).</param>
    public FaithfulServer(IReadOnlySet<string> knownRecords, string? breaks = null,
        Func<string, string?>? secretFor = null, int? expireAfter = null, bool fullMatch = false,
        string? catchAll = null)
    {
        var notify = new FaithfulNotify(knownRecords, breaks, fullMatch, catchAll);
        var served = 0;
        server = new LoopbackServer((request, connection, stop) =>
        {
            if (Interlocked.Increment(ref served) > expireAfter)
                return connection.Respond(400, [],
                    """{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"""u8.ToArray(), stop);
            var (status, body) = Signatures.Verify(request.Method, request.Path, request.Query, request.Headers,
                    request.Body, secretFor ?? SecretFor, "servicecatalog", "us-east-1", DateTime.UtcNow) is { } refused
                ? Refuse(refused)
                : notify.Handle(request.Header("X-Amz-Target"), request.Header("Content-Type"), request.Body);
            return connection.Respond(status, [KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1"),
                KeyValuePair.Create("x-amzn-RequestId", Guid.NewGuid().ToString())],
                Encoding.UTF8.GetBytes(body), stop);
        });
    }

    (int, string) Refuse(SignatureRefusal refused)
    {
        badSignatures.Enqueue(refused.Why);
        return (refused.Status, JsonSerializer.Serialize(new { __type = refused.Code, message = refused.Why }));
    }

    static string? SecretFor(string accessKeyId) =>
        accessKeyId == HttpTarget.FakeCredentials.GetCredentials().AccessKey
            ? HttpTarget.FakeCredentials.GetCredentials().SecretKey : null;

    public Uri Url => server.Url;
    public int Received => server.Received.Count;
    public IReadOnlyCollection<string> BadSignatures => badSignatures;

    public void Dispose() => server.Dispose();
}
