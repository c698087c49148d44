using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NotifyContract.Fixtures;
using static NotifyContract.Tests.Stub.StubFixture;

namespace NotifyContract.Tests.Stub;

/// <summary>The stub host: records, the guarded admin API, the body limit, variants, a bounded request log.</summary>
public sealed class StubServerTests(StubFixture stub) : IClassFixture<StubFixture>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

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
    public void The_admin_API_is_closed_by_default()
    {
        Assert.Null(stub.Stub.AdminToken);
        using var http = new HttpClient();
        foreach (var path in new[] { "__admin/mappings", "__admin/records", "__admin/settings" })
        {
            using var answer = http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(stub.Stub.Url, path)), Cancel);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }
        using var posted = http.Send(Admin(stub.Stub, HttpMethod.Post, "__admin/mappings", "{}",
            token: "guess"), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Fact]
    public void The_in_process_stub_of_a_default_run_has_no_admin_API()
    {
        using var target = NotifyContract.Harness.Targets.StubTarget.Start([], TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        using var answer = http.Send(new HttpRequestMessage(HttpMethod.Get,
            new Uri(target.Url, "__admin/mappings")), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public void With_admin_the_API_needs_the_token_and_a_loopback_Host()
    {
        using var own = StubServer.Start(new StubOptions { Admin = true });
        var token = Assert.IsType<string>(own.AdminToken);
        Assert.True(token.Length >= 32, token);
        using var http = new HttpClient();
        int Status(HttpRequestMessage request)
        {
            using var answer = http.Send(request, Cancel);
            return (int)answer.StatusCode;
        }

        Assert.Equal(401, Status(Admin(own, HttpMethod.Get, "__admin/mappings", token: null)));
        Assert.Equal(401, Status(Admin(own, HttpMethod.Get, "__admin/mappings", token: token[..^1] + "x")));
        Assert.Equal(401, Status(Admin(own, HttpMethod.Get, "__admin/mappings", token: token, scheme: "Basic")));
        Assert.Equal(200, Status(Admin(own, HttpMethod.Get, "__admin/mappings", token: token)));
        Assert.Equal(200, Status(Admin(own, HttpMethod.Get, "__admin/mappings", token: token, scheme: "bearer"))); // RFC 9110 11.1
        var rebound = Admin(own, HttpMethod.Get, "__admin/mappings", token: token);
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(403, Status(rebound));
        var localhost = Admin(own, HttpMethod.Get, "__admin/mappings", token: token);
        localhost.Headers.Host = $"localhost:{own.Url.Port}";
        Assert.Equal(200, Status(localhost));
        // The contract's operations need no token.
        Assert.Equal(200, SendTo(own, KnownRecord));
    }

    [Fact]
    public void A_record_posted_to_the_guarded_admin_API_is_known()
    {
        using var own = StubServer.Start(new StubOptions { Admin = true });
        using var http = new HttpClient();
        using (var refused = http.Send(Admin(own, HttpMethod.Post, "__admin/records", """{"RecordId":"rec-admin"}""",
            token: null), Cancel))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("rec-admin", own.KnownRecords);

        using (var posted = http.Send(Admin(own, HttpMethod.Post, "__admin/records", """{"RecordId":"rec-admin"}""",
            own.AdminToken), Cancel))
            Assert.True(posted.IsSuccessStatusCode, posted.ToString());
        Assert.Contains("rec-admin", own.KnownRecords);
        Assert.Equal(200, SendTo(own, "rec-admin"));
        // A RecordId that breaks its own constraints is refused, as --record refuses it.
        foreach (var bad in new[] { "not json", "{}", """{"RecordId":5}""", """{"RecordId":""}""", """{"RecordId":"rec!; x"}""",
                     $$"""{"RecordId":"{{new string('r', 101)}}"}""" })
        {
            using var refused = http.Send(Admin(own, HttpMethod.Post, "__admin/records", bad, own.AdminToken), Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        using var listed = http.Send(Admin(own, HttpMethod.Get, "__admin/records", token: own.AdminToken), Cancel);
        Assert.Contains("\"rec-admin\"", Text(listed));
    }

    public static TheoryData<bool> Chunked => [true, false];

    /// <summary>
    /// Flat memory without timing: the body is produced as the client sends it and counted, and the stub must answer
    /// 413 having taken only a small part of it (what fits in socket buffers), never the 100 MB.
    /// </summary>
    [Theory, MemberData(nameof(Chunked))]
    public void A_100_MB_body_is_refused_with_413_before_it_is_read(bool chunked)
    {
        const long size = 100L << 20;
        var body = new CountingContent(size, chunked);
        var request = new HttpRequestMessage(HttpMethod.Post, stub.Stub.Url) { Content = body };
        request.Headers.Add("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var answer = http.Send(request, Cancel);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The stub may close the connection while the client still writes; what counts is how much it took.
        }
        Assert.True(body.Sent < 32L << 20,
            $"{body.Sent:N0} of {size:N0} bytes went out before the stub refused the body");
    }

    [Fact]
    public void A_body_at_the_limit_is_read()
    {
        // 1 MiB of JSON: read and answered by the rules (here: not an object of the contract's members).
        var json = "{\"Pad\":\"" + new string('p', (int)StubServer.MaxBodyBytes - 10) + "\"}";
        Assert.Equal(400, stub.Send(json, ("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}")).Status);
        // One byte more: 413 from the Content-Length alone. Expect: 100-continue makes the client wait for that answer
        // instead of racing the stub's closing of the connection with its upload.
        var request = new HttpRequestMessage(HttpMethod.Post,
            stub.Stub.Url) { Content = new StringContent(json + " ") };
        request.Headers.ExpectContinue = true;
        using var http = new HttpClient();
        using var answer = http.Send(request, Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [Fact]
    public void A_variant_drops_or_overrides_one_mapping()
    {
        using var dropped = StubServer.Start(new StubOptions { DropMappings = ["RecordId.maxLength"] });
        var tooLong = new string('r', 101);
        dropped.AddRecord(tooLong);
        Assert.Equal(200, SendTo(dropped, tooLong));

        // Same Guid as 100-Record.notFound.json: unknown records now answer 500.
        var mapping = Mappings.References()
            .Single(m => m.Contains("\"Title\": \"Record.notFound\"", StringComparison.Ordinal))
            .Replace("\"StatusCode\": 400", "\"StatusCode\": 500");
        using var overridden = StubServer.Start(new StubOptions { MappingOverrides = [mapping] });
        Assert.Equal(500, SendTo(overridden, "rec-other"));
    }

    [Fact]
    public void A_mapping_with_its_own_framing_is_refused_at_load()
    {
        var framed = Mappings.References()
            .Single(m => m.Contains("\"Title\": \"Record.notFound\"", StringComparison.Ordinal))
            .Replace("\"Request\": {}", "\"Request\": {\"Path\": \"/\"}");
        Assert.Throws<FormatException>(() => StubServer.Start(new StubOptions { MappingOverrides = [framed] }));
    }

    [Fact]
    public void The_request_log_stays_bounded_over_thousands_of_requests()
    {
        using var own = StubServer.Start(new StubOptions { Admin = true });
        using var http = new HttpClient();
        for (var i = 0; i < 3000; i++)
            Assert.Equal(i % 2 == 0 ? 200 : 400, SendTo(own, i % 2 == 0 ? KnownRecord : $"rec-{i}", http));
        // The admin API lists the logged requests.
        using var log = http.Send(Admin(own, HttpMethod.Get, "__admin/requests", token: own.AdminToken), Cancel);
        Assert.Equal("[]", Text(log));
    }

    static string Text(HttpResponseMessage answer) => new StreamReader(answer.Content.ReadAsStream(Cancel)).ReadToEnd();

    static HttpRequestMessage Admin(StubServer server, HttpMethod method, string path, string? body = null,
        string? token = null, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(method, new Uri(server.Url, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        return request;
    }

    static int SendTo(StubServer server, string recordId, HttpClient? http = null)
    {
        using var own = http is null ? new HttpClient() : null;
        var content = new StringContent(Valid(recordId).ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new("application/x-amz-json-1.1");
        var request = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = content };
        request.Headers.Add("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}");
        using var response = (http ?? own!).Send(request, Cancel);
        return (int)response.StatusCode;
    }

    /// <summary>A JSON-looking body of <c>size</c> bytes made as it is sent, counting what went out.</summary>
    sealed class CountingContent : HttpContent
    {
        readonly long _size;
        readonly bool _chunked;
        public long Sent { get; private set; }

        public CountingContent(long size, bool chunked)
        {
            _size = size;
            _chunked = chunked;
            Headers.ContentType = new("application/x-amz-json-1.1");
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context,
            CancellationToken cancellationToken)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            chunk[0] = (byte)'{';
            for (Sent = 0; Sent < _size; Sent += chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, _size - Sent));
                chunk[0] = (byte)' ';
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            Task.Run(() => SerializeToStream(stream, context, CancellationToken.None));

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return !_chunked;
        }
    }
}
