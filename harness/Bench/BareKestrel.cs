using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// The stub's ceiling: a minimal Kestrel app on 127.0.0.1 (OS-chosen port) that reads the body and answers one fixed
/// awsJson error, with the request id the stub adds. What is left between the two is WireMock's matching.
/// </summary>
sealed class BareKestrel : IAsyncDisposable
{
    static readonly byte[] Error = """{"__type":"InvalidParametersException","message":"fixed answer"}"""u8.ToArray();

    readonly WebApplication app;

    BareKestrel(WebApplication app) => this.app = app;

    public Uri Url => new(app.Urls.Single());

    public static BareKestrel Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            await context.Response.Body.WriteAsync(Error);
        });
        app.StartAsync().GetAwaiter().GetResult();
        return new(app);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
