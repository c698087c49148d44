using NotifyContract.Harness;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

public class EndpointTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("us-east-1", "https://servicecatalog.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://servicecatalog.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "https://servicecatalog.us-gov-west-1.amazonaws.com/")]
    [InlineData("us-iso-east-1", "https://servicecatalog.us-iso-east-1.c2s.ic.gov/")]
    public void A_region_alone_resolves_to_its_partition_endpoint_with_the_AWS_defaults(string region, string url)
    {
        var o = EndpointOptions.Resolve(null, region, Timeout, awsMaxRequests: 1234);
        Assert.Equal(new Uri(url), o.Endpoint);
        Assert.Equal(region, o.Region);
        Assert.Equal((1234, EndpointOptions.AwsDefaultRate, Signing.DefaultChain), (o.MaxRequests, o.Rate, o.Signing));
        Assert.False(o.AllowInstanceMetadata);
    }

    [Theory]
    [InlineData("xx-fake-1")]
    [InlineData("us-east-99")]
    public void An_unknown_region_is_a_one_line_harness_error(string region)
    {
        var e = Assert.Throws<HarnessException>(() =>
            EndpointOptions.Resolve(null, region, Timeout, awsMaxRequests: 1));
        Assert.Contains(region, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_AWS_hostname_gets_the_defaults_and_its_region_unless_told_otherwise()
    {
        var inferred = EndpointOptions.Resolve(new Uri("https://servicecatalog.eu-west-1.amazonaws.com"), null, Timeout,
            awsMaxRequests: 1500);
        Assert.Equal(("eu-west-1", 1500, 2.0), (inferred.Region, inferred.MaxRequests, inferred.Rate));
        // Never unlimited on AWS: without the run's default budget, a budget must be given.
        Assert.Contains("--max-requests", Assert.Throws<HarnessException>(() =>
            EndpointOptions.Resolve(new Uri("https://servicecatalog.eu-west-1.amazonaws.com"), null, Timeout)).Message);

        var told = EndpointOptions.Resolve(new Uri("https://vpce-1.servicecatalog.eu-west-1.vpce.amazonaws.com"),
            "eu-west-1", Timeout, maxRequests: 10, rate: 0.5);
        Assert.Equal((10, 0.5, Signing.DefaultChain), (told.MaxRequests, told.Rate, told.Signing));

        Assert.Throws<HarnessException>(() => EndpointOptions.Resolve(new Uri("https://vpce-1.vpce.amazonaws.com"),
            null, Timeout));
    }

    [Fact]
    public void A_loopback_or_other_host_is_unlimited_and_signed_with_the_fake_key()
    {
        var o = EndpointOptions.Resolve(new Uri("http://127.0.0.1:4566"), null, Timeout);
        Assert.Equal(((int?)null, (double?)null, Signing.FakeKey, "us-east-1"),
            (o.MaxRequests, o.Rate, o.Signing, o.Region));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void Only_absolute_http_urls_are_endpoints(string url)
    {
        Assert.Throws<HarnessException>(() => EndpointOptions.Resolve(new Uri(url, UriKind.RelativeOrAbsolute),
            null, Timeout));
    }
}

public class PreflightTests
{
    /// <summary>Not a timeout test: first TLS use in a process can be slow.</summary>
    static HttpTarget Target(Uri url) =>
        new(Cases.Options(url) with { Timeout = TimeSpan.FromSeconds(30) }, NotifyContract.Generators.RecordSet.None);

    [Fact]
    public void A_reachable_endpoint_passes_without_any_request()
    {
        using var server = HostileServers.Answering(200, "{}");
        using var target = Target(server.Url);
        target.Preflight();
        Assert.Empty(server.Received);
    }

    [Fact]
    public void A_refused_connection_is_a_one_line_harness_error()
    {
        var url = HostileServers.Refusing();
        using var target = Target(url);
        var e = Assert.Throws<HarnessException>(() => target.Preflight());
        Assert.Equal($"cannot connect to 127.0.0.1:{url.Port} (ConnectionRefused)", e.Message);
    }

    [Fact]
    public void An_untrusted_certificate_is_a_one_line_harness_error()
    {
        using var server = new LoopbackServer((_, c, stop) => c.Respond(200, [], [], stop), tls: true);
        using var target = Target(server.Url);
        var e = Assert.Throws<HarnessException>(() => target.Preflight());
        Assert.StartsWith($"TLS handshake with 127.0.0.1:{server.Url.Port} failed (RemoteCertificate", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
