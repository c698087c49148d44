using System.Text;
using NotifyContract.Generators;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Transport;

public class FramingTests
{
    [Fact]
    public void Sends_POST_to_the_endpoint_path_with_exactly_the_case_headers_and_body_bytes()
    {
        using var server = HostileServers.Answering(200, "{}", ("Content-Type", "application/x-amz-json-1.1"),
            ("x-amzn-RequestId", "r-1"));
        using var target = Cases.Http(server.Url, Signing.Unsigned);
        byte[] body = [0x7B, 0xFF, 0xFE, 0x00, 0x22, 0x7D]; // not UTF-8, not JSON: must arrive untouched
        var answer = target.Send(Cases.With(body, ("X-Amz-Target", Cases.Target),
            ("Content-Type", "text/plain; charset=latin1")));

        var got = Assert.Single(server.Received);
        Assert.Equal("POST", got.Method);
        Assert.Equal("/", got.Target);
        Assert.Equal(body, got.Body);
        Assert.Equal(Cases.Target, got.Header("X-Amz-Target"));
        Assert.Equal("text/plain; charset=latin1", got.Header("Content-Type"));
        Assert.Null(got.Header("Authorization"));

        Assert.Null(answer.Failure);
        Assert.Equal(200, answer.Status);
        Assert.Equal("{}"u8.ToArray(), answer.Body);
        Assert.Equal("r-1", answer.Header("x-amzn-RequestId"));
        Assert.Equal("application/x-amz-json-1.1", answer.Header("Content-Type"));
    }

    [Fact]
    public void A_missing_content_type_stays_missing_and_an_empty_body_stays_empty()
    {
        using var server = HostileServers.Answering(400, """{"__type":"SerializationException"}""");
        using var target = Cases.Http(server.Url, Signing.Unsigned);
        var answer = target.Send(Cases.With([], ("X-Amz-Target", Cases.Target)));

        var got = Assert.Single(server.Received);
        Assert.Null(got.Header("Content-Type"));
        Assert.Empty(got.Body);
        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public void Posts_to_the_path_of_the_endpoint_url_and_describes_it_without_user_info()
    {
        using var server = HostileServers.Answering(200, "{}");
        var url = new UriBuilder(server.Url) { Path = "/emulator/servicecatalog", UserName = "user",
            Password = "pw" }.Uri;
        using var target = Cases.Http(url);
        target.Send(Cases.Valid());

        Assert.Equal("/emulator/servicecatalog", Assert.Single(server.Received).Path);
        Assert.DoesNotContain("pw", target.Describe);
        Assert.Null(SigV4Verifier.Verify(server.Received[0], _ => "notify-contract-fake-secret-key"));
    }

    [Fact]
    public void Many_threads_can_send_at_once()
    {
        using var server = HostileServers.Answering(200, "{}");
        // Not a timeout test: a roomy timeout, and dedicated threads so the server's async loop keeps the pool.
        using var target = new HttpTarget(Cases.Options(server.Url) with { Timeout = TimeSpan.FromSeconds(30) },
            RecordSet.None);
        var answers = new Answer[40];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = t; i < answers.Length; i += 8)
                answers[i] = target.Send(Cases.With(Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""), Cases.AwsJsonHeaders));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $$"""{"n":{{i}}}""").Order(),
            server.Received.Select(r => Encoding.UTF8.GetString(r.Body)).Order());
        Assert.Equal(40, target.Sent);
    }
}
