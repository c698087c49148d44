using System.Text;
using NotifyContract.Fixtures;
using static NotifyContract.Tests.Stub.StubFixture;

namespace NotifyContract.Tests.Stub;

/// <summary>The stub host: records, the admin API, variants, a bounded request log.</summary>
public sealed class StubServerTests(StubFixture stub) : IClassFixture<StubFixture>
{
    [Fact]
    public void Listens_on_loopback_with_an_OS_chosen_port_and_knows_the_seeded_records()
    {
        Assert.Equal("127.0.0.1", stub.Stub.Url.Host);
        Assert.NotEqual(0, stub.Stub.Url.Port);
        Assert.Superset(new HashSet<string> { "rec-nc0000000000001", "rec-nc0000000000002", "rec-nc0000000000003" },
            stub.Stub.KnownRecords.ToHashSet());
    }

    [Fact]
    public void Extra_records_and_records_added_at_run_time_answer_200()
    {
        using var own = StubServer.Start(new StubOptions { ExtraRecords = ["rec-extra"] });
        own.AddRecord("rec-added");
        Assert.Contains("rec-extra", own.KnownRecords);
        Assert.Contains("rec-added", own.KnownRecords);
        Assert.Equal(200, SendTo(own, "rec-extra"));
        Assert.Equal(200, SendTo(own, "rec-added"));
        Assert.Equal(400, SendTo(own, "rec-other"));
    }

    [Fact]
    public void A_record_posted_to_the_admin_API_is_known()
    {
        // What the README tells a user: POST the known-record template with the RecordId filled in.
        var mapping = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "known-record.template.json"))
            .Replace("__RECORD_ID__", "rec-admin");
        using var http = new HttpClient();
        using var posted = http.Send(new HttpRequestMessage(HttpMethod.Post, new Uri(stub.Stub.Url, "__admin/mappings"))
        {
            Content = new StringContent(mapping, Encoding.UTF8, "application/json"),
        }, TestContext.Current.CancellationToken);
        Assert.True(posted.IsSuccessStatusCode, posted.ToString());
        Assert.Contains("rec-admin", stub.Stub.KnownRecords);
        Assert.Equal(200, stub.Send(Terminate, Valid("rec-admin")).Status);
    }

    [Fact]
    public void A_variant_drops_or_overrides_one_mapping()
    {
        using var dropped = StubServer.Start(new StubOptions { DropMappings = ["RecordId.maxLength"] });
        var tooLong = new string('r', 101);
        dropped.AddRecord(tooLong);
        Assert.Equal(200, SendTo(dropped, tooLong));

        // Same Guid as 100-Record.notFound.json: unknown records now answer 500.
        var mapping = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "mappings", "100-Record.notFound.json"))
            .Replace("\"StatusCode\": 400", "\"StatusCode\": 500");
        using var overridden = StubServer.Start(new StubOptions { MappingOverrides = [mapping] });
        Assert.Equal(500, SendTo(overridden, "rec-other"));
    }

    [Fact]
    public void The_request_log_stays_bounded_over_thousands_of_requests()
    {
        using var own = StubServer.Start();
        using var http = new HttpClient();
        for (var i = 0; i < 3000; i++)
            Assert.Equal(i % 2 == 0 ? 200 : 400, SendTo(own, i % 2 == 0 ? KnownRecord : $"rec-{i}", http));
        // The admin API lists the logged requests.
        using var log = http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(own.Url, "__admin/requests")), TestContext.Current.CancellationToken);
        Assert.Equal("[]", new StreamReader(log.Content.ReadAsStream(TestContext.Current.CancellationToken)).ReadToEnd());
    }

    static int SendTo(StubServer server, string recordId, HttpClient? http = null)
    {
        using var own = http is null ? new HttpClient() : null;
        var content = new StringContent(Valid(recordId).ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new("application/x-amz-json-1.1");
        var request = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = content };
        request.Headers.Add("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}");
        using var response = (http ?? own!).Send(request, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }
}
