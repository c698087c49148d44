using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// WireMock's own floor: a WireMock.Net server on 127.0.0.1 (OS-chosen port) with the stub's settings and one mapping
/// that answers every request with one fixed awsJson error. What the stub costs on top of it is its rules.
/// </summary>
sealed class BareWireMock : IDisposable
{
    readonly WireMockServer server;

    BareWireMock(WireMockServer server) => this.server = server;

    public Uri Url => new($"http://127.0.0.1:{server.Port}/");

    public static BareWireMock Start()
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
            SaveUnmatchedRequests = false,
        });
        server.Given(Request.Create()).RespondWith(Response.Create()
            .WithStatusCode(400)
            .WithHeader("Content-Type", "application/x-amz-json-1.1")
            .WithBody("""{"__type":"InvalidParametersException","message":"fixed answer"}"""));
        return new(server);
    }

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
    }
}
