using NotifyContract.Harness.Bench;
using NotifyContract.Harness.Cli;

namespace NotifyContract.Tests.Conformance;

/// <summary><c>--bench</c> as the command line parses it, in this process (its output is what the test reads).</summary>
public class BenchTests
{
    [Fact]
    public void Bench_seconds_bounds_every_phase_and_the_last_line_keeps_its_fields()
    {
        // No timing asserted: the stub's phase, once a fixed 100,000 requests, now sends a number set by --seconds.
        var output = new StringWriter();
        Assert.Equal(0, Benchmark.Run(Arguments.Parse(["--bench", "--seconds", "0.1"])!, output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^mix: every operation \(\d+ of the model's \d+;", lines[0]);
        Assert.Matches(@"^memory: 3 operations, \d+ cases peak_rss_mb=\d+; \d+ cases peak_rss_mb=\d+ \(x[\d.]+\); " +
                       @"\d+ operations, \d+ cases peak_rss_mb=\d+", lines[1]);
        Assert.Matches(@"rss_mb_after_1000_requests=\d+$", lines[^2]); // 10,000 requests per second of --seconds
        Assert.Matches(@"^harness_cases_per_s=\d+ raw_requests_per_s=\d+ ratio=[\d.]+ generation_cases_per_s=\d+ " +
                       @"peak_rss_mb=\d+ stub_vs_wiremock=[\d.]+ cpu_ratio=[\d.]+ generation_cases_per_cpu_s=\d+$",
            lines[^1]);
    }
}
