using System.CommandLine;
using System.CommandLine.Parsing;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Harness.Cli;

public enum Mode { Conformance, Export, Serve, Bench }

/// <summary>The command line, parsed and checked (DESIGN.md's flags). Bad input is a <see cref="HarnessException"/>.</summary>
public sealed record Arguments(
    Mode Mode,
    Uri? Endpoint,
    string? Region,
    IReadOnlyList<string> Records,
    IReadOnlyList<string> Operations,
    string Profile,
    long Seed,
    int MaxTest,
    TimeSpan Timeout,
    string ReportDirectory,
    string? ExportFile,
    int ServePort,
    double BenchSeconds,
    int? MaxRequests,
    double? Rate,
    bool DryRun,
    string? Patterns,
    string? Lengths,
    int Concurrency,
    bool AllowInstanceMetadata,
    bool Admin)
{
    /// <summary>A live run: an endpoint URL, or a region whose endpoint is resolved.</summary>
    public bool Live => Endpoint is not null || Region is not null;

    static readonly Option<string?> EndpointOption = new("--endpoint") { Description = "Live endpoint URL (emulator or AWS)" };
    static readonly Option<string?> RegionOption = new("--region") { Description = "AWS region (signing; the endpoint when --endpoint is absent)" };
    static readonly Option<string[]> RecordOption = new("--record") { Description = "A record that exists on the target (repeatable)" };
    static readonly Option<string> OperationOption = new("--operation") { Description = "Operation name, or all", DefaultValueFactory = _ => "all" };
    static readonly Option<string> ProfileOption = new("--profile") { Description = "documented or aws-observed", DefaultValueFactory = _ => "documented" };
    static readonly Option<long?> SeedOption = new("--seed") { Description = "Replay seed (random when absent)" };
    static readonly Option<int> MaxTestOption = new("--max-test") { Description = "Random cases per rule", DefaultValueFactory = _ => 100 };
    static readonly Option<double> TimeoutOption = new("--timeout") { Description = "Seconds per request", DefaultValueFactory = _ => 10 };
    static readonly Option<string> ReportOption = new("--report") { Description = "Report folder", DefaultValueFactory = _ => Report.Reports.DefaultDirectory };
    static readonly Option<string?> ExportOption = new("--export-cases") { Description = "Write the cases as JSON Lines; send nothing" };
    static readonly Option<int?> ServeOption = new("--serve") { Description = "Serve the reference stub on 127.0.0.1:PORT" };
    static readonly Option<bool> AdminOption = new("--admin") { Description = "With --serve: open the stub's admin API, guarded by a token printed at start" };
    static readonly Option<bool> BenchOption = new("--bench") { Description = "Benchmark the main job against a raw client" };
    static readonly Option<double> SecondsOption = new("--seconds") { Description = "Benchmark duration per side", DefaultValueFactory = _ => 10 };
    static readonly Option<int?> MaxRequestsOption = new("--max-requests") { Description = "Request budget (default 2000 on AWS hosts)" };
    static readonly Option<double?> RateOption = new("--rate") { Description = "Requests per second (default 2 on AWS hosts)" };
    static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Print what would be sent; send nothing" };
    static readonly Option<string?> PatternsOption = new("--patterns") { Description = "Judge pattern ambiguities by a reading (with --serve: the stub's reading): full or search" };
    static readonly Option<string?> LengthsOption = new("--lengths") { Description = "Judge length ambiguities by a reading (with --serve: the stub's reading): codepoints or utf16" };
    static readonly Option<int> ConcurrencyOption = new("--concurrency") { Description = "Rules checked at once", DefaultValueFactory = _ => 8 };
    static readonly Option<bool> ImdsOption = new("--allow-instance-metadata") { Description = "Let the credential chain ask EC2 instance metadata" };

    static readonly RootCommand Root = Command();


    static RootCommand Command()
    {
        var root = new RootCommand("NotifyContract: contract tests for Service Catalog's Notify*EngineWorkflowResult operations");
        foreach (var o in new Option[]
                 {
                     EndpointOption, RegionOption, RecordOption, OperationOption, ProfileOption, SeedOption, MaxTestOption,
                     TimeoutOption, ReportOption, ExportOption, ServeOption, BenchOption, SecondsOption, MaxRequestsOption,
                     RateOption, DryRunOption, PatternsOption, LengthsOption, ConcurrencyOption, ImdsOption, AdminOption,
                 })
            root.Options.Add(o);
        PatternsOption.AcceptOnlyFromAmong("full", "search");
        LengthsOption.AcceptOnlyFromAmong("codepoints", "utf16");
        return root;
    }

    /// <returns>Null when <c>--help</c> or <c>--version</c> printed what they print and there is nothing more to do.</returns>
    public static Arguments? Parse(string[] args)
    {
        var result = Root.Parse(args);
        if (result.Errors.Count > 0) // one line: System.CommandLine lists the allowed values on lines of their own
            throw new HarnessException(string.Join(' ', result.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        if (result.Action is not null) // --help or --version: the root itself has no action
        {
            result.Invoke();
            return null;
        }
        var modes = new (bool On, Mode Mode, string Flag)[]
        {
            (result.GetValue(ExportOption) is not null, Mode.Export, "--export-cases"),
            (result.GetValue(ServeOption) is not null, Mode.Serve, "--serve"),
            (result.GetValue(BenchOption), Mode.Bench, "--bench"),
            (result.GetValue(EndpointOption) is not null, Mode.Conformance, "--endpoint"),
        }.Where(m => m.On).ToList();
        if (modes.Count > 1) throw new HarnessException($"{modes[0].Flag} and {modes[1].Flag} cannot be used together");

        var operation = result.GetValue(OperationOption)!;
        var operations = operation == "all"
            ? ServiceCatalog.Operations.Select(o => o.Name).ToList()
            : ServiceCatalog.Operations.Any(o => o.Name == operation) ? [operation]
            : throw new HarnessException($"unknown operation '{operation}' (known: all, {string.Join(", ", ServiceCatalog.Operations.Select(o => o.Name))})");

        return new(
            Mode: modes.Count == 0 ? Mode.Conformance : modes[0].Mode,
            Endpoint: ParseEndpoint(result.GetValue(EndpointOption)),
            Region: result.GetValue(RegionOption),
            Records: result.GetValue(RecordOption) ?? [],
            Operations: operations,
            Profile: result.GetValue(ProfileOption)!,
            Seed: result.GetValue(SeedOption) ?? Random.Shared.NextInt64(1, 1L << 40),
            MaxTest: AtLeast(result.GetValue(MaxTestOption), 0, "--max-test"),
            Timeout: TimeSpan.FromSeconds(Positive(result.GetValue(TimeoutOption), "--timeout")),
            ReportDirectory: result.GetValue(ReportOption)!,
            ExportFile: result.GetValue(ExportOption),
            ServePort: result.GetValue(ServeOption) is { } port and (< 0 or > 65535)
                ? throw new HarnessException($"--serve {port}: a port is 0..65535")
                : result.GetValue(ServeOption) ?? 0,
            BenchSeconds: Positive(result.GetValue(SecondsOption), "--seconds"),
            MaxRequests: result.GetValue(MaxRequestsOption) is { } n ? AtLeast(n, 1, "--max-requests") : null,
            Rate: result.GetValue(RateOption) is { } r ? Positive(r, "--rate") : null,
            DryRun: result.GetValue(DryRunOption),
            Patterns: result.GetValue(PatternsOption),
            Lengths: result.GetValue(LengthsOption),
            Concurrency: AtLeast(result.GetValue(ConcurrencyOption), 1, "--concurrency"),
            AllowInstanceMetadata: result.GetValue(ImdsOption),
            Admin: result.GetValue(AdminOption) && result.GetValue(ServeOption) is null
                ? throw new HarnessException("--admin goes with --serve")
                : result.GetValue(AdminOption));
    }

    static Uri? ParseEndpoint(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new HarnessException($"--endpoint '{text}' is not an http(s) URL");

    static int AtLeast(int value, int min, string flag) =>
        value >= min ? value : throw new HarnessException($"{flag} must be at least {min}");

    static double Positive(double value, string flag) =>
        value > 0 && double.IsFinite(value) ? value : throw new HarnessException($"{flag} must be a positive number");
}
