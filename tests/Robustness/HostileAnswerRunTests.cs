using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Robustness;

/// <summary>
/// The command line against a server answering what once stopped a run with "harness error" (issue 23): every such
/// run ends in a verdict (exit 0, 1 or 3), with a report.json and a junit.xml that parse.
/// </summary>
public sealed class HostileAnswerRunTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "notify-hostile-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    public static TheoryData<string> LoneSurrogateErrors =>
    [
        """{"__type":"InvalidParametersException","message":"v \ud800 x"}""",
        """{"__type":"InvalidParametersException","message":"v \udc00 x"}""",
        """{"__type":"InvalidParametersException","Message":"v \ud800 x"}""",
        """{"__type":"InvalidParametersException\udc00","message":"v"}""",
    ];

    [Theory, MemberData(nameof(LoneSurrogateErrors))]
    public void An_error_echoing_a_lone_surrogate_ends_the_run_with_a_verdict(string body)
    {
        using var server = HostileServers.Answering(400, body, ("Content-Type", "application/x-amz-json-1.1"));
        EndsWithAVerdict(server);
    }

    /// <summary>.NET's HttpClient quotes a bad header name in its exception ("Received an invalid header name: '...'"):
    /// the reason for "no answer" holds what the server wrote.</summary>
    [Fact]
    public void A_header_name_holding_control_characters_ends_the_run_with_a_verdict()
    {
        using var server = HostileServers.Raw(Encoding.Latin1.GetBytes(
            "HTTP/1.1 400 Bad Request\r\nX-A\u001b[31m\u0001: b\r\nContent-Length: 2\r\n\r\n{}"));
        EndsWithAVerdict(server);
    }

    void EndsWithAVerdict(LoopbackServer server)
    {
        var (exit, stdout, err) = Cli.Run(null, "--endpoint", server.Url.ToString(), "--max-test", "1",
            "--operation", "NotifyTerminateProvisionedProductEngineWorkflowResult", "--report", dir);

        Assert.True(exit is 0 or 1 or 3, $"exit {exit}: {err}");
        Assert.DoesNotContain("harness error", err);
        Assert.Contains(". Report: ", stdout);
        using (JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")))) { }
        XDocument.Load(Path.Combine(dir, "junit.xml"));
    }
}
