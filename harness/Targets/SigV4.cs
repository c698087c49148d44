using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// SigV4 over the exact bytes and headers that go on the wire. We build the canonical request ourselves (the SDK's
/// request-object signer would re-marshal or refuse malformed bodies) and let AWSSDK.Core's
/// <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials,string,DateTime,string,string,string)"/> sign it (it
/// derives the signing key once per secret, day, region and service and keeps it).
/// </summary>
static class SigV4
{
    /// <summary>
    /// The headers to add for signing (<c>X-Amz-Date</c>, <c>x-amz-security-token</c> when the credentials carry a
    /// session token, then <c>Authorization</c>), given every other header that will be sent (Host included).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        IReadOnlyList<KeyValuePair<string, string>> headers, string path, byte[] body,
        ImmutableCredentials credentials, string region, DateTime signedAt, string service = EndpointOptions.Service)
    {
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> added = [new("X-Amz-Date", amzDate)];
        if (credentials.UseToken) added.Add(new("x-amz-security-token", credentials.Token));

        // One canonical line per header name, sorted by the lower-case name. Repeated names go out as one line joined
        // by ", " (HttpClient does so), so that is the value the server sees and canonicalises.
        var lines = new List<KeyValuePair<string, string>>(headers.Count + added.Count);
        foreach (var list in new[] { headers, added })
            foreach (var (name, value) in list)
            {
                var lower = name.ToLowerInvariant();
                var at = lines.FindIndex(l => l.Key == lower);
                if (at < 0) lines.Add(new(lower, value));
                else lines[at] = new(lower, $"{lines[at].Value}, {value}");
            }
        lines.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        var signedHeaders = string.Join(';', lines.Select(l => l.Key));
        var canonical = new StringBuilder("POST\n").Append(CanonicalPath(path)).Append("\n\n");
        foreach (var (name, value) in lines) canonical.Append(name).Append(':').Append(CollapseSpaces(value)).Append('\n');
        canonical.Append('\n').Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(body)));

        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaders,
            canonical.ToString());
        added.Add(new("Authorization", result.ForAuthorizationHeader));
        return added;
    }

    /// <summary>The secret an <c>Auth.wrongSignature</c> case is signed with: made up, so no real one goes anywhere new.</summary>
    public const string MadeUpSecret = "notify-contract-made-up-secret";

    /// <summary>The service an <c>Auth.otherService</c> case's scope names.</summary>
    public const string OtherService = "s3";

    /// <summary>How long ago an <c>Auth.staleDate</c> case is dated (SigV4 allows 5 minutes of skew, AWS 15 at most).</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(20);

    /// <summary>The region an <c>Auth.otherRegion</c> case's scope names.</summary>
    public static string OtherRegion(string region) => region == "us-east-1" ? "us-west-2" : "us-east-1";

    /// <summary>
    /// Who signs a case, for which region and service, dated how long ago: the run's key (null: unsigned), region and
    /// service, now; or, for an <c>Auth.*</c> case, the same broken as its <see cref="SigningFault"/> says. The variants
    /// keep the run's key and endpoint, so no real secret goes anywhere new; an unsigned run sends them unsigned too.
    /// </summary>
    public static (ImmutableCredentials? Key, string Region, string Service, TimeSpan Age) For(SigningFault? fault,
        ImmutableCredentials? key, string region)
    {
        const string service = EndpointOptions.Service;
        return key is null ? (null, region, service, TimeSpan.Zero) : fault switch
        {
            null => (key, region, service, TimeSpan.Zero),
            SigningFault.Unsigned => (null, region, service, TimeSpan.Zero),
            SigningFault.WrongSignature => (new(key.AccessKey, MadeUpSecret, key.Token), region, service, TimeSpan.Zero),
            SigningFault.OtherRegion => (key, OtherRegion(region), service, TimeSpan.Zero),
            SigningFault.OtherService => (key, region, OtherService, TimeSpan.Zero),
            _ => (key, region, service, Stale),
        };
    }

    /// <summary>The hex signature among the headers <see cref="Sign"/> added.</summary>
    public static string Signature(IReadOnlyList<KeyValuePair<string, string>> signed)
    {
        var authorization = signed.Single(h => h.Key == "Authorization").Value;
        return authorization[(authorization.LastIndexOf("Signature=", StringComparison.Ordinal)
            + "Signature=".Length)..];
    }

    /// <summary>Trimmed, with runs of spaces made one (SigV4 canonical header value).</summary>
    static string CollapseSpaces(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Each segment of the (already escaped) URL path escaped once more: SigV4 for services other than S3.</summary>
    static string CanonicalPath(string escapedPath) =>
        string.Join('/', escapedPath.Split('/').Select(Uri.EscapeDataString));
}
