using Amazon;

namespace NotifyContract.Harness.Targets;

/// <summary>Which key signs the requests (SigV4, service <c>servicecatalog</c>).</summary>
public enum Signing
{
    /// <summary>No Authorization header at all.</summary>
    Unsigned,
    /// <summary>
    /// <see cref="HttpTarget.FakeCredentials"/>: a well-formed signature a server can verify, without handing a real
    /// key id or session token to a host that is not AWS (emulators, the embedded stub).
    /// </summary>
    FakeKey,
    /// <summary>The standard AWS credentials chain (environment, profile, SSO, container role; IMDS only if allowed).</summary>
    DefaultChain,
}

public static class SigningWords
{
    /// <summary>The <c>--credentials</c> word for each way of signing.</summary>
    public static string Wire(this Signing s) => s switch
    {
        Signing.Unsigned => "none",
        Signing.FakeKey => "fake",
        _ => "chain",
    };

    public static Signing? FromWire(string? word) =>
        word is null ? null : Enum.GetValues<Signing>().Single(s => s.Wire() == word);
}

/// <summary>
/// How to reach one endpoint and how gently. <see cref="MaxRequests"/> counts every request sent (retries included);
/// <see cref="Rate"/> is requests per second; null means unlimited. Build with <see cref="Resolve"/>, which applies
/// the conservative defaults for AWS hostnames.
/// </summary>
public sealed record EndpointOptions(
    Uri Endpoint,
    string Region,
    TimeSpan Timeout,
    int? MaxRequests,
    double? Rate,
    Signing Signing,
    bool AllowInstanceMetadata = false)
{
    public const string Service = "servicecatalog";
    public const double AwsDefaultRate = 2;

    /// <summary>Throttled answers are retried this many times (each retry spends the budget).</summary>
    public int ThrottleRetries { get; init; } = 3;
    /// <summary>Median first backoff; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>No backoff (nor a server's Retry-After) waits longer than this.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The options for <c>--endpoint</c>/<c>--region</c>. Without an endpoint, the region's SDK endpoint
    /// (<c>https://servicecatalog.{region}.{partition DNS suffix}</c>). AWS hostnames get a budget of
    /// <paramref name="awsMaxRequests"/> (the run's: <c>Plan.DefaultBudget</c>, which covers every boundary case),
    /// <see cref="AwsDefaultRate"/> requests/s and real credentials unless told otherwise; any other host is unlimited
    /// and, unless <paramref name="signing"/> says otherwise (<c>--credentials</c>), signed with the fake key, so real credentials only go where asked. User info, a query
    /// string, and plain http to an AWS host are refused.
    /// </summary>
    public static EndpointOptions Resolve(
        Uri? endpoint, string? region, TimeSpan timeout,
        int? maxRequests = null, double? rate = null, Signing? signing = null, bool allowInstanceMetadata = false,
        int? awsMaxRequests = null)
    {
        if (region is not null) RequireKnownRegion(region);
        var uri = endpoint
            ?? RegionalEndpoint(region ?? throw new HarnessException("give --endpoint URL or --region R"));
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new HarnessException("--endpoint must be an absolute http:// or https:// URL");
        // Neither is sent (awsJson1.1 posts to the path; SigV4 signs without a password): refused, never dropped silently.
        if (uri.UserInfo.Length > 0)
            throw new HarnessException("--endpoint must not hold user info (user:password@): " +
                                       "requests are signed with SigV4; remove it");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new HarnessException("--endpoint must not hold a query string or fragment: " +
                                       "awsJson1.1 posts to the URL's path");
        if (timeout <= TimeSpan.Zero) throw new HarnessException("--timeout must be positive");
        if (maxRequests is < 0) throw new HarnessException("--max-requests must not be negative");
        if (rate is <= 0) throw new HarnessException("--rate must be positive");
        var aws = IsAwsHost(uri.Host);
        if (aws && uri.Scheme != Uri.UriSchemeHttps)
            throw new HarnessException($"--endpoint {uri.Host}: AWS hosts only over https:// " +
                                       "(the session token would travel in clear)");
        return new EndpointOptions(
            uri,
            region ?? RegionOfAwsHost(uri)
                ?? (aws ? throw new HarnessException($"--region is required for {uri.Host}") : "us-east-1"),
            timeout,
            maxRequests
                ?? (aws ? awsMaxRequests ?? throw new HarnessException($"give --max-requests for {uri.Host}") : null),
            rate ?? (aws ? AwsDefaultRate : null),
            signing ?? (aws ? Signing.DefaultChain : Signing.FakeKey),
            allowInstanceMetadata);
    }

    /// <summary>The endpoint URL without user info, for reports and the replay line.</summary>
    public string Url =>
        Endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>For reports: the URL and who signs (never a key).</summary>
    public string Describe => $"{Url} (credentials: {Signing.Wire()})";

    /// <summary>A host under an AWS partition's DNS suffix (amazonaws.com, amazonaws.com.cn, c2s.ic.gov, ...).</summary>
    public static bool IsAwsHost(string host) =>
        PartitionSuffixes.Any(s => host.EndsWith("." + s, StringComparison.OrdinalIgnoreCase));

    static IReadOnlyList<string> PartitionSuffixes =>
        RegionEndpoint.EnumerableAllRegions.Select(r => r.PartitionDnsSuffix).Distinct().ToList();

    /// <summary>The SDK's table, not a hand-rolled one; regions it does not know (display name "Unknown") are refused.</summary>
    static RegionEndpoint RequireKnownRegion(string region)
    {
        var r = RegionEndpoint.GetBySystemName(region);
        return r.DisplayName == "Unknown"
            ? throw new HarnessException($"unknown region '{region}' (not in AWSSDK.Core's region table; " +
                                         "give --endpoint for a new region)")
            : r;
    }

    static Uri RegionalEndpoint(string region)
    {
        var r = RequireKnownRegion(region);
        return new Uri($"https://{Service}.{r.SystemName}.{r.PartitionDnsSuffix}/");
    }

    /// <summary>Reads the region back from a hostname of exactly the form <see cref="RegionalEndpoint"/> builds.</summary>
    static string? RegionOfAwsHost(Uri uri)
    {
        var labels = uri.Host.Split('.');
        if (labels.Length < 3 || labels[0] != Service) return null;
        var r = RegionEndpoint.GetBySystemName(labels[1]);
        return r.DisplayName != "Unknown" && uri.Host == $"{Service}.{r.SystemName}.{r.PartitionDnsSuffix}"
            ? r.SystemName : null;
    }
}
