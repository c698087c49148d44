using System.Diagnostics;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Cli;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Bench;

/// <summary>
/// <c>--bench</c>, in one process against one in-process stub, on the mix of every operation the run names (all of
/// them by default, the first line says which), every phase after a warm-up: memory (peak RSS after a run of the three
/// Notify operations, after one with ten times their cases, then after one suite of every operation of the mix, with
/// every operation's suites built: the process's peak only grows, so the phases go from the smallest up); generation
/// alone; the main job (generate, send, judge, tally for the report) in rounds over slices of the shuffled suites,
/// alternating with a bare client sending the same requests for as long, with the same connection settings and
/// senders; the stub next to a bare Kestrel endpoint and, in alternating rounds, a one-mapping WireMock server
/// (WireMock's own floor), and the stub's RSS across 10,000 requests per second of <c>--seconds</c>.
/// Every phase lasts a few <c>--seconds</c> (S): its runs take slices of the suites sized by the warm-up's rate, so the
/// whole bench takes about ten times S however many suites there are.
/// Each phase prints a line; the last line is <c>harness_cases_per_s=X raw_requests_per_s=Y ratio=R
/// generation_cases_per_s=G peak_rss_mb=M stub_vs_wiremock=W cpu_ratio=C generation_cases_per_cpu_s=P</c>: C is the
/// bare client's CPU per request over the main job's (the stub's in both), P generation's cases per CPU-second; on a
/// shared machine they move less than the rates, which depend on the load.
/// </summary>
public static class Benchmark
{
    const int StubRequestsPerSecond = 10_000; // of --seconds: 100,000 at the default 10
    const int ShortMaxTest = 10;
    const int FloorRounds = 8;
    const int MainRounds = 2;
    const int SuitesPerSender = 30;

    /// <param name="output">Where the lines go (the command line: stdout).</param>
    public static int Run(Arguments a, TextWriter output)
    {
        var duration = TimeSpan.FromSeconds(a.BenchSeconds);
        using var target = StubTarget.Start(a.Records, a.Timeout);
        var judge = new Judge(Profile.Load("documented"));
        using var bare = new BareClient(a.Concurrency);
        RunResult Pass(IReadOnlyList<RuleSuite> some, long seed, int maxTest) =>
            Conformance.Run(some, target, judge, new(seed, maxTest, a.Concurrency));
        void Print(FormattableString line) => output.WriteLine(FormattableString.Invariant(line));
        var mix = a.Operations.Count == a.Contract.Operations.Count ? "every operation" : "the operations named";
        Print($"mix: {mix} ({a.Operations.Count} of the model's {a.Contract.Operations.Count}; --operation NAME narrows it)");

        // Warm-up: JIT, connections, the stub's first matches; then the same slice again, whose rate (compiled)
        // sizes the runs below. A run at the main job's concurrency needs a suite per sender.
        var notify = Shuffled(Rules.All(a.Contract, target.Records, ServiceCatalog.Notify.Select(n => n.Name)));
        var from = 0;
        var warmSlice = Slice(notify, ref from, Math.Min(1000, 1000 * duration.TotalSeconds), ShortMaxTest,
            a.Concurrency);
        var warm = Pass(warmSlice, 0, ShortMaxTest);
        bare.Count(warm.Requests, target.Url, Requests(warmSlice, new(0, ShortMaxTest)));
        var sized = Pass(warmSlice, 0, ShortMaxTest);
        var rate = sized.Requests / sized.Elapsed.TotalSeconds;

        // Memory, flat in the cases and in the operations (outcomes are tallied, never kept per case): the three Notify
        // operations, ten times their cases, then one suite of every operation with every operation's suites built.
        // Ten times the cases takes rules whose random cases grow with max-test (not the redrawn ones).
        from = 0;
        var memorySlice = Slice([.. notify.Where(s => s.Random is not null && s.MaxRandom is null)], ref from,
            rate * duration.TotalSeconds / 10, ShortMaxTest, 1);
        var shortRun = Pass(memorySlice, 1, ShortMaxTest);
        var shortPeak = PeakRssMb();
        var longRun = Pass(memorySlice, 2, TenTimes(memorySlice, ShortMaxTest));
        var longPeak = PeakRssMb();
        var suites = Rules.All(a.Contract, target.Records, a.Operations);
        var running = Shuffled(suites);
        var mixRun = Pass([.. running.DistinctBy(s => s.Operation)], 3, ShortMaxTest);
        var mixPeak = PeakRssMb();
        Print($"memory: 3 operations, {Cases(shortRun)} cases peak_rss_mb={shortPeak:0}; {Cases(longRun)} cases peak_rss_mb={longPeak:0} (x{longPeak / shortPeak:0.00}); {a.Operations.Count} operations, {Cases(mixRun)} cases peak_rss_mb={mixPeak:0} (x{mixPeak / shortPeak:0.00})");

        var (generation, generationCpu) = GenerationRate(running, a, duration);
        Print($"generation: {generation:0} cases/s, {generationCpu:0} cases per CPU-second (Explore.Cases: exactly the cases a run sends)");

        // Rounds: the main job over the next slice of the shuffled suites (any slice has the mix's rules, operations
        // and body sizes), then the bare client for as long, so both see the same machine load. A slice holds many
        // suites per sender: a run's senders finish their last suites one by one, and that tail is not the harness's
        // cost per case.
        double harnessTime = 0, rawTime = 0, harnessRequests = 0, rawRequests = 0, harnessCpu = 0, rawCpu = 0;
        from = 0;
        for (long seed = 4; harnessTime < duration.TotalSeconds; seed++)
        {
            var slice = Slice(running, ref from, rate * duration.TotalSeconds / MainRounds, a.MaxTest,
                SuitesPerSender * a.Concurrency);
            var cpu = CpuSeconds();
            var pass = Pass(slice, seed, a.MaxTest);
            harnessCpu += CpuSeconds() - cpu;
            harnessTime += pass.Elapsed.TotalSeconds;
            harnessRequests += pass.Requests;
            var same = Requests(slice, new(seed, a.MaxTest));
            cpu = CpuSeconds();
            rawRequests += bare.For(pass.Elapsed, target.Url, same) * pass.Elapsed.TotalSeconds;
            rawCpu += CpuSeconds() - cpu;
            rawTime += pass.Elapsed.TotalSeconds;
        }
        var harness = harnessRequests / harnessTime;
        var raw = rawRequests / rawTime;
        // The process's CPU per request (the stub's included, on both sides): what the harness costs whatever else the
        // machine runs; the requests/s ratio moves with the load between the rounds.
        var (harnessMs, rawMs) = (1000 * harnessCpu / harnessRequests, 1000 * rawCpu / rawRequests);
        Print($"main job: {harness:0} requests/s; bare client, same requests: {raw:0} requests/s; concurrency {a.Concurrency}; CPU per request: main job {harnessMs:0.000} ms, bare client {rawMs:0.000} ms (cpu_ratio={rawMs / harnessMs:0.00})");

        from = 0;
        var stubRequests = (int)Math.Ceiling(StubRequestsPerSecond * duration.TotalSeconds);
        var requests = Requests(Slice(running, ref from, stubRequests, a.MaxTest, 1), new(a.Seed, a.MaxTest));
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
        Print($"stub_requests_per_s={stubRate:0} wiremock_requests_per_s={wireMockRate:0} kestrel_requests_per_s={kestrelRate:0} stub_vs_kestrel={stubRate / kestrelRate:0.00} rss_mb_before={rssBefore:0} rss_mb_after_{stubRequests}_requests={rssAfter:0}");

        Print($"harness_cases_per_s={harness:0} raw_requests_per_s={raw:0} ratio={harness / raw:0.00} generation_cases_per_s={generation:0} peak_rss_mb={PeakRssMb():0} stub_vs_wiremock={stubVsWireMock:0.00} cpu_ratio={rawMs / harnessMs:0.00} generation_cases_per_cpu_s={generationCpu:0}");
        return 0;
    }

    /// <summary>
    /// Exactly the requests a run sends (a replayed case twice, a pair's both), shuffled with a fixed seed: a round sends only part of
    /// the list, and any part of a shuffled list has the run's mix of rules and body sizes.
    /// </summary>
    static Case[] Requests(IReadOnlyList<RuleSuite> suites, RunSettings settings)
    {
        Case[] requests = [.. suites.Where(s => s.SkipReason is null).SelectMany(s =>
            Explore.Cases(s, settings).SelectMany(c => s.Mode == SendMode.Once ? [c] : new[] { c, c.Then ?? c }))];
        new Random(1).Shuffle(requests);
        return requests;
    }

    static int Cases(RunResult run) => run.Suites.Sum(s => s.Cases);

    /// <summary>The suites that run, shuffled with a fixed seed.</summary>
    static RuleSuite[] Shuffled(IReadOnlyList<RuleSuite> suites)
    {
        RuleSuite[] running = [.. suites.Where(s => s.SkipReason is null)];
        new Random(1).Shuffle(running);
        return running;
    }

    /// <summary>The suites from <paramref name="from"/> on (wrapping; moved past them) holding about
    /// <paramref name="cases"/> cases at <paramref name="maxTest"/>, at least <paramref name="atLeast"/> of them.</summary>
    static List<RuleSuite> Slice(RuleSuite[] suites, ref int from, double cases, int maxTest, int atLeast)
    {
        var slice = new List<RuleSuite>();
        for (double held = 0; slice.Count < suites.Length && (held < cases || slice.Count < atLeast);)
        {
            var suite = suites[(from + slice.Count) % suites.Length];
            slice.Add(suite);
            held += suite.Boundary.Count + suite.RandomCases(maxTest);
        }
        from += slice.Count;
        return slice;
    }

    /// <summary>The max-test that makes a run ten times as many cases as one with <paramref name="maxTest"/>.</summary>
    static int TenTimes(IReadOnlyList<RuleSuite> suites, int maxTest)
    {
        int Cases(int m) => suites.Sum(s => (s.SkipReason is null ? s.Boundary.Count : 0) + s.RandomCases(m));
        var ten = maxTest;
        while (Cases(ten) < 10 * Cases(maxTest)) ten++;
        return ten;
    }

    /// <summary>Cases per second from <see cref="Explore.Cases"/>, suite after suite of the mix (a fresh seed for each
    /// pass over them) until the time is up.</summary>
    /// <returns>Per second of the clock, and per second of the process's CPU (the one generating thread's, all but
    /// the runtime's own).</returns>
    static (double PerSecond, double PerCpuSecond) GenerationRate(IReadOnlyList<RuleSuite> suites, Arguments a,
        TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds();
        long cases = 0;
        for (var i = 0; clock.Elapsed < duration; i++)
            cases += Explore.Cases(suites[i % suites.Count], new(1 + i / suites.Count, a.MaxTest)).Count;
        return (cases / clock.Elapsed.TotalSeconds, cases / (CpuSeconds() - cpu));
    }

    static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
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
