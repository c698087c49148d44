using System.Diagnostics;
using NotifyContract.Fixtures;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Cli;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// <c>--bench</c>: in one process, against one in-process stub, with the same concurrency:
/// (a) the main job (generate, send, judge, tally for the report), run after run with fresh seeds;
/// (b) a bare HttpClient sending the same pre-generated bodies; and generation alone.
/// Prints <c>harness_cases_per_s=X raw_requests_per_s=Y ratio=R generation_cases_per_s=G peak_rss_mb=M</c> last.
/// </summary>
public static class Benchmark
{
    public static int Run(Arguments a)
    {
        var duration = TimeSpan.FromSeconds(a.BenchSeconds);
        using var target = StubTarget.Start(a.Records, a.Timeout);
        var suites = ServiceCatalog.Operations.SelectMany(op => Rules.For(op, target.Records)).ToList();
        var judge = new Judge(Profile.Load("documented"));

        var generation = Rate(duration, seed => suites.Sum(s => Explore.Cases(s, Settings(a, seed)).Count));
        var harness = Rate(duration, seed => (int)Conformance.Run(suites, target, judge, Settings(a, seed)).Requests);
        var bodies = suites.SelectMany(s => Explore.Cases(s, Settings(a, a.Seed))).ToArray();
        var raw = RawClient(target.Url, bodies, a.Concurrency, duration);

        Console.WriteLine($"cases per pass: {bodies.Length}; concurrency {a.Concurrency}; {a.BenchSeconds:0.#} s per side");
        Console.WriteLine(FormattableString.Invariant(
            $"harness_cases_per_s={harness:0} raw_requests_per_s={raw:0} ratio={harness / raw:0.00} generation_cases_per_s={generation:0} peak_rss_mb={Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):0}"));
        return 0;
    }

    static RunSettings Settings(Arguments a, long seed) => new(seed, a.MaxTest, a.Concurrency);

    /// <summary>Units of work per second: passes with seeds 1, 2, ... until the time is up.</summary>
    static double Rate(TimeSpan duration, Func<long, int> pass)
    {
        var clock = Stopwatch.StartNew();
        long units = 0;
        for (long seed = 1; clock.Elapsed < duration; seed++) units += pass(seed);
        return units / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The baseline: the same bytes, a bare HttpClient, the same number of senders, nothing judged.</summary>
    static double RawClient(Uri url, Case[] cases, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var clock = Stopwatch.StartNew();
        long sent = 0;
        Parallel.For(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, worker =>
        {
            for (var i = worker; clock.Elapsed < duration; i = (i + concurrency) % cases.Length)
            {
                var c = cases[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(c.Body) };
                foreach (var (name, value) in c.Headers)
                    if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
                using var response = http.Send(request);
                response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                Interlocked.Increment(ref sent);
            }
        });
        return sent / clock.Elapsed.TotalSeconds;
    }
}
