using System.Diagnostics;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

public class LiveSafetyTests
{
    [Fact]
    public void A_spent_budget_sends_nothing_more()
    {
        using var server = HostileServers.Answering(200, "{}");
        using var target = Cases.Http(server.Url, maxRequests: 3);
        var answers = Enumerable.Range(0, 5).Select(_ => target.Send(Cases.Valid())).ToList();

        Assert.Equal([null, null, null, NoAnswer.Budget, NoAnswer.Budget], answers.Select(a => a.Failure));
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public void Throttling_is_retried_with_backoff_and_then_answered()
    {
        using var server = HostileServers.ThrottlingFirst(2);
        using var target = Cases.Http(server.Url);
        var answer = target.Send(Cases.Valid());

        Assert.Equal(200, answer.Status);
        Assert.Equal(3, server.Received.Count);
    }

    [Theory]
    [InlineData(429, "")]
    [InlineData(503, "")]
    [InlineData(400, """{"__type":"TooManyRequestsException"}""")]
    [InlineData(400, """{"code":"RequestLimitExceeded:http://internal/"}""")]
    public void Still_throttled_after_the_retries_is_never_judged_and_each_retry_is_one_request(int status, string body)
    {
        using var server = HostileServers.Answering(status, body, ("Retry-After", "0"));
        using var target = Cases.Http(server.Url);
        var answer = target.Send(Cases.Valid());

        Assert.Equal(NoAnswer.Throttled, answer.Failure);
        Assert.Equal(1 + Cases.Options(server.Url).ThrottleRetries, server.Received.Count);
    }

    [Fact]
    public void Retries_spend_the_budget()
    {
        using var server = HostileServers.Answering(429, "");
        using var target = Cases.Http(server.Url, maxRequests: 2);
        Assert.Equal(NoAnswer.Budget, target.Send(Cases.Valid()).Failure);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public void A_client_error_that_is_not_throttling_is_not_retried()
    {
        using var server = HostileServers.Answering(400,
            """{"__type":"com.amazonaws.servicecatalog#InvalidParametersException"}""",
            ("x-amzn-ErrorType", "InvalidParametersException"));
        using var target = Cases.Http(server.Url);
        Assert.Equal(400, target.Send(Cases.Valid()).Status);
        Assert.Single(server.Received);
    }

    [Fact]
    public void The_rate_holds_requests_back()
    {
        // Only a lower bound: a slow machine cannot make this fail.
        using var server = HostileServers.Answering(200, "{}");
        using var target = Cases.Http(server.Url, rate: 20);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 7; i++) Assert.Equal(200, target.Send(Cases.Valid()).Status);
        // 20/s refills 2 tokens every 100 ms from a full bucket of 2: the 7th request waits for the third refill.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"7 requests at 20/s took {clock.Elapsed}");
    }
}
