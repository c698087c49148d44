using System.Diagnostics;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

/// <summary>
/// Each misbehaving endpoint gets an answer or a NoAnswer within the timeout plus slack, and exactly one request
/// (timeouts, resets and server errors are never retried). The slack is generous: only a hang would exceed it.
/// </summary>
public class HostileEndpointTests
{
    static readonly TimeSpan Bound = Cases.TestTimeout + TimeSpan.FromSeconds(5);

    static Answer SendOnce(LoopbackServer server)
    {
        using var target = Cases.Http(server.Url, timeout: Cases.TestTimeout);
        var clock = Stopwatch.StartNew();
        var answer = target.Send(Cases.Valid());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
        Assert.Single(server.Received);
        return answer;
    }

    [Fact]
    public void A_server_that_never_answers_is_a_timeout()
    {
        using var server = HostileServers.Hanging();
        var answer = SendOnce(server);
        Assert.Equal(NoAnswer.Timeout, answer.Failure);
        Assert.Equal(0, answer.Status);
    }

    [Fact]
    public void A_server_slower_than_the_timeout_is_a_timeout()
    {
        using var server = HostileServers.Slow(Cases.TestTimeout * 4);
        Assert.Equal(NoAnswer.Timeout, SendOnce(server).Failure);
    }

    [Fact]
    public void A_reset_is_a_connection_failure()
    {
        using var server = HostileServers.Resetting();
        var answer = SendOnce(server);
        Assert.Equal(NoAnswer.Connection, answer.Failure);
        Assert.False(string.IsNullOrWhiteSpace(answer.FailureDetail));
    }

    [Fact]
    public void A_refused_connection_is_a_connection_failure()
    {
        using var target = Cases.Http(HostileServers.Refusing(), timeout: Cases.TestTimeout);
        Assert.Equal(NoAnswer.Connection, target.Send(Cases.Valid()).Failure);
    }

    [Fact]
    public void A_gigantic_body_is_cut_at_the_cap()
    {
        using var server = HostileServers.Gigantic();
        var answer = SendOnce(server);
        Assert.Null(answer.Failure);
        Assert.Equal(200, answer.Status);
        Assert.Equal(HttpTarget.MaxBodyBytes, answer.Body.Length);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public void Html_is_an_answer_like_any_other(int status)
    {
        using var server = HostileServers.Html(status);
        var answer = SendOnce(server);
        Assert.Null(answer.Failure);
        Assert.Equal(status, answer.Status);
        Assert.Equal("text/html", answer.Header("Content-Type"));
        Assert.StartsWith("<html>", System.Text.Encoding.UTF8.GetString(answer.Body));
    }

    [Fact]
    public void A_redirect_is_an_answer_and_nothing_follows_it_to_the_other_host()
    {
        using var elsewhere = HostileServers.Answering(200, "{}");
        using var server = HostileServers.Redirecting(elsewhere.Url); // another origin: a follow would land here
        var answer = SendOnce(server);
        Assert.Equal(307, answer.Status);
        Assert.Empty(elsewhere.Received);
    }

    public static TheoryData<string> AnySuchAnswer() =>
        ["endless-chunked", "endless-chunked-slow", "trickle", "header-flood", "bad-status-line", "bad-chunk-framing",
            "gzip-bomb", "no-headers-end"];

    static LoopbackServer Serving(string kind) => kind switch
    {
        "endless-chunked" => HostileServers.EndlessChunked(),
        // About the cap's worth of bytes per timeout: the deadline falls while the body is being read.
        "endless-chunked-slow" => HostileServers.EndlessChunked(1024, TimeSpan.FromMilliseconds(1)),
        "trickle" => HostileServers.Trickle(),
        "header-flood" => HostileServers.HeaderFlood(),
        "bad-status-line" => HostileServers.Raw("HTTP/1.1 2x0 Fine\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray()),
        "bad-chunk-framing" => HostileServers.Raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"u8.ToArray()),
        "no-headers-end" => HostileServers.Raw("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"u8.ToArray()),
        _ => HostileServers.GzipBomb(),
    };

    /// <summary>
    /// Whatever comes back ends within the timeout as an answer or a NoAnswer, never an exception; each kind is tried
    /// several times, because the deadline racing a read failed one try in four.
    /// </summary>
    [Theory]
    [MemberData(nameof(AnySuchAnswer))]
    public void Any_answer_is_survivable(string kind)
    {
        using var server = Serving(kind);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var target = Cases.Http(server.Url, timeout: Cases.TestTimeout);
            var clock = Stopwatch.StartNew();
            var answer = target.Send(Cases.Valid());
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
            Assert.True(answer.Failure is NoAnswer.Timeout or NoAnswer.Connection || answer.Status > 0,
                $"{kind}: {answer}");
            Assert.True(answer.Body.Length <= HttpTarget.MaxBodyBytes);
        }
    }
}
