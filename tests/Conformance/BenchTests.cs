using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary><c>--bench</c> through the command line (a class of its own: it runs beside the other command-line tests).</summary>
public class BenchTests
{
    [Fact]
    public void Bench_seconds_bounds_every_phase_and_the_last_line_keeps_its_fields()
    {
        // No timing asserted: the stub's phase, once a fixed 100,000 requests, now sends a number set by --seconds.
        var (exit, stdout, err) = Cli.Run(null, "--bench", "--seconds", "0.1");
        Assert.True(exit == 0, stdout + err);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^memory: \d+ cases peak_rss_mb=\d+; \d+ cases peak_rss_mb=\d+", lines[0]);
        Assert.Matches(@"rss_mb_after_1000_requests=\d+$", lines[^2]); // 10,000 requests per second of --seconds
        Assert.Matches(@"^harness_cases_per_s=\d+ raw_requests_per_s=\d+ ratio=[\d.]+ generation_cases_per_s=\d+ " +
                       @"peak_rss_mb=\d+ stub_vs_wiremock=[\d.]+$", lines[^1]);
    }
}
