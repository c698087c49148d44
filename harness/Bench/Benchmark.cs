using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Harness.Cli;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// <c>--bench</c>, in one process against one in-process stub, every phase after a warm-up pass:
/// memory (peak RSS after a short run, then after one with ten times the cases); generation alone; the main job
/// (generate, send, judge, tally for the report) in rounds alternating with a bare client sending the same requests
/// for as long, with the same connection settings and senders; the stub next to a bare Kestrel endpoint and, in
/// alternating rounds, a one-mapping WireMock server (WireMock's own floor), and the stub's RSS across 10,000
/// requests per second of <c>--seconds</c>.
/// Every phase lasts a few <c>--seconds</c> (S): the runs of the memory phase and of each round take slices of the
/// suites sized by the warm-up's rate, so the whole bench takes about ten times S however many suites there are.
/// Each phase prints a line; the last line is <c>harness_cases_per_s=X raw_requests_per_s=Y ratio=R
/// generation_cases_per_s=G peak_rss_mb=M stub_vs_wiremock=W</c>.
/// </summary>
public static class Benchmark
{
    const int StubRequestsPerSecond = 10_000; // of --seconds: 100,000 at the default 10
    const int ShortMaxTest = 10;
    const int FloorRounds = 8;
    const int MainRounds = 4;

    /// <param name="output">Where the lines go (the command line: stdout).</param>
    public static int Run(Arguments a, TextWriter output)
    {
        var duration = TimeSpan.FromSeconds(a.BenchSeconds);
        using var target = StubTarget.Start(a.Records, a.Timeout);
        // Shuffled once with a fixed seed: any slice has the run's mix of rules, operations and body sizes.
        var suites = Rules.All(a.Contract, target.Records, a.Operations).Where(s => s.SkipReason is null).ToArray();
        new Random(1).Shuffle(suites);
        var judge = new Judge(Profile.Load("documented"));
        using var bare = new BareClient(a.Concurrency);
        RunResult Pass(IReadOnlyList<RuleSuite> some, long seed, int maxTest) =>
            Conformance.Run(some, target, judge, new(seed, maxTest, a.Concurrency));
        // Suites from `from` on (wrapping) holding about `cases` cases at `maxTest`, at least `atLeast` of them.
        List<RuleSuite> Slice(int from, double cases, int maxTest, int atLeast)
        {
            var slice = new List<RuleSuite>();
            for (double held = 0; slice.Count < suites.Length && (held < cases || slice.Count < atLeast);)
            {
                var suite = suites[(from + slice.Count) % suites.Length];
                slice.Add(suite);
                held += suite.Boundary.Count + maxTest;
            }
            return slice;
        }

        // Warm-up: JIT, connections, the stub's first matches; then the same slice again, whose rate (compiled)
        // sizes the runs below. A run at the main job's concurrency needs a suite per sender.
        var warmSlice = Slice(0, Math.Min(1000, 1000 * duration.TotalSeconds), ShortMaxTest, a.Concurrency);
        var warm = Pass(warmSlice, 0, ShortMaxTest);
        bare.Count(warm.Requests, target.Url, Requests(warmSlice, new(0, ShortMaxTest)));
        var sized = Pass(warmSlice, 0, ShortMaxTest);
        var rate = sized.Requests / sized.Elapsed.TotalSeconds;

        // Memory: ten times the cases must not need much more memory (outcomes are tallied, never kept per case).
        var memorySlice = Slice(0, rate * duration.TotalSeconds / 10, ShortMaxTest, 1);
        var shortRun = Pass(memorySlice, 1, ShortMaxTest);
        var shortPeak = PeakRssMb();
        var longRun = Pass(memorySlice, 2, TenTimes(memorySlice, ShortMaxTest));
        var longPeak = PeakRssMb();
        Print(output, $"memory: {Cases(shortRun)} cases peak_rss_mb={shortPeak:0}; {Cases(longRun)} cases peak_rss_mb={longPeak:0} (x{longPeak / shortPeak:0.00})");

        var generation = GenerationRate(suites, a, duration);
        Print(output, $"generation: {generation:0} cases/s (Explore.Cases: exactly the cases a run sends)");

        // Rounds: a run of the main job over the next slice, then the bare client for as long, so both see the same
        // machine load.
        double harnessTime = 0, rawTime = 0, harnessRequests = 0, rawRequests = 0;
        var from = 0;
        for (long seed = 3; harnessTime < duration.TotalSeconds; seed++)
        {
            var slice = Slice(from, rate * duration.TotalSeconds / MainRounds, a.MaxTest, a.Concurrency);
            from += slice.Count;
            var pass = Pass(slice, seed, a.MaxTest);
            harnessTime += pass.Elapsed.TotalSeconds;
            harnessRequests += pass.Requests;
            rawRequests += bare.For(pass.Elapsed, target.Url, Requests(slice, new(seed, a.MaxTest)))
                * pass.Elapsed.TotalSeconds;
            rawTime += pass.Elapsed.TotalSeconds;
        }
        var harness = harnessRequests / harnessTime;
        var raw = rawRequests / rawTime;
        Print(output, $"main job: {harness:0} requests/s; bare client, same requests: {raw:0} requests/s; concurrency {a.Concurrency}");

        var stubRequests = (int)Math.Ceiling(StubRequestsPerSecond * duration.TotalSeconds);
        var requests = Requests(Slice(0, stubRequests, a.MaxTest, 1), new(a.Seed, a.MaxTest));
        var warmUp = stubRequests / 10; // a server's own warm-up: its JIT and connections
        var rssBefore = RssMb();
        var stubRate = bare.Count(stubRequests, target.Url, requests);
        var rssAfter = RssMb();
        double kestrelRate;
        var kestrel = BareKestrel.Start();
        try
        {
            bare.Count(warmUp, kestrel.Url, requests);
            kestrelRate = bare.For(duration, kestrel.Url, requests);
        }
        finally
        {
            kestrel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        // WireMock's own floor, in rounds alternating with the stub, so both see the same load on a shared machine.
        double stubRounds = 0, wireMockRounds = 0;
        using (var wireMock = BareWireMock.Start())
        {
            bare.Count(warmUp, wireMock.Url, requests);
            for (var round = 0; round < FloorRounds; round++)
            {
                stubRounds += bare.For(duration / FloorRounds, target.Url, requests);
                wireMockRounds += bare.For(duration / FloorRounds, wireMock.Url, requests);
            }
        }
        var wireMockRate = wireMockRounds / FloorRounds;
        var stubVsWireMock = stubRounds / wireMockRounds;
        Print(output, $"stub_requests_per_s={stubRate:0} wiremock_requests_per_s={wireMockRate:0} kestrel_requests_per_s={kestrelRate:0} stub_vs_kestrel={stubRate / kestrelRate:0.00} rss_mb_before={rssBefore:0} rss_mb_after_{stubRequests}_requests={rssAfter:0}");

        Print(output, $"harness_cases_per_s={harness:0} raw_requests_per_s={raw:0} ratio={harness / raw:0.00} generation_cases_per_s={generation:0} peak_rss_mb={PeakRssMb():0} stub_vs_wiremock={stubVsWireMock:0.00}");
        return 0;
    }

    static void Print(TextWriter output, FormattableString line) =>
        output.WriteLine(FormattableString.Invariant(line));

    /// <summary>
    /// Exactly the requests a run sends (a replayed case twice, a pair's both), shuffled with a fixed seed: a round sends only part of
    /// the list, and any part of a shuffled list has the run's mix of rules and body sizes.
    /// </summary>
    static Case[] Requests(IReadOnlyList<RuleSuite> suites, RunSettings settings)
    {
        Case[] requests = [.. suites.SelectMany(s =>
            Explore.Cases(s, settings).SelectMany(c => s.Mode == SendMode.Once ? [c] : new[] { c, c.Then ?? c }))];
        new Random(1).Shuffle(requests);
        return requests;
    }

    static int Cases(RunResult run) => run.Suites.Sum(s => s.Cases);

    /// <summary>The max-test that makes a run ten times as many cases as one with <paramref name="maxTest"/>.</summary>
    static int TenTimes(IReadOnlyList<RuleSuite> suites, int maxTest)
    {
        var boundary = suites.Sum(s => s.Boundary.Count);
        var random = suites.Count(s => s.Random is not null);
        return (int)Math.Ceiling((10.0 * (boundary + random * maxTest) - boundary) / random);
    }

    /// <summary>Cases per second from <see cref="Explore.Cases"/>, suite after suite (a fresh seed for each pass over
    /// them) until the time is up.</summary>
    static double GenerationRate(IReadOnlyList<RuleSuite> suites, Arguments a, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long cases = 0;
        for (var i = 0; clock.Elapsed < duration; i++)
            cases += Explore.Cases(suites[i % suites.Count], new(1 + i / suites.Count, a.MaxTest)).Count;
        return cases / clock.Elapsed.TotalSeconds;
    }

    static double RssMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / (1024.0 * 1024);
    }

    static double PeakRssMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024);
    }
}
