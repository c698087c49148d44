using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Cli;

public enum Mode { Conformance, Export, Serve, Bench, Merge, DiffModel }

/// <summary>The command line, parsed and checked (docs/cli.md's flags). Bad input is a <see cref="HarnessException"/>.</summary>
/// <param name="Credentials">Who signs (<c>--credentials</c>); null: the default for the host (chain for AWS, else fake).</param>
/// <param name="WorkflowTokenEnv">The environment variable holding the <c>--record</c> record's real token (its name only).</param>
public sealed partial record Arguments(
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
    string? ContentType,
    int Concurrency,
    bool AllowInstanceMetadata,
    Signing? Credentials = null,
    string? WorkflowTokenEnv = null,
    bool Admin = false)
{
    /// <summary>The contract the run is generated from and judged by: the embedded model, or <c>--model FILE</c>.</summary>
    public ServiceContract Contract { get; init; } = ServiceContract.Default;

    /// <summary>The <c>--model</c> file (for the replay line); null: the embedded model.</summary>
    public string? ModelFile { get; init; }

    /// <summary><c>--allow-mutating</c>: an AWS run may send the violating cases of operations that change things.</summary>
    public bool AllowMutating { get; init; }

    /// <summary>The user named the operations (<c>--operation NAME</c>), rather than all of them.</summary>
    public bool OperationsNamed { get; init; }

    // Parity (snapshots, known failures, merged reports).
    public string? WriteSnapshot { get; init; }
    public string? AgainstSnapshot { get; init; }
    public string? KnownFailures { get; init; }
    public string? WriteKnownFailures { get; init; }
    public IReadOnlyList<string> MergeReports { get; init; } = [];

    /// <summary><c>--shard K/N</c>: run (or export) the K-th of N parts of the suites; null: all of them.</summary>
    public Run.Shard? Shard { get; init; }

    /// <summary><c>--diff-model OLD NEW</c>: the two model files to compare.</summary>
    public IReadOnlyList<string> DiffModels { get; init; } = [];

    /// <summary><c>--signatures verified|ignored</c>: judge the <c>Auth.*</c> cases by that reading.</summary>
    public string? Signatures { get; init; }

    /// <summary><c>--serve ... --sigv4 KEYID:SECRET</c>: the stub verifies signatures by this key.</summary>
    public Fixtures.StubKey? StubKey { get; init; }

    /// <summary>A live run: an endpoint URL, or a region whose endpoint is resolved.</summary>
    public bool Live => Endpoint is not null || Region is not null;

    static readonly Option<string?> EndpointOption = new("--endpoint") { Description = "Live endpoint URL (emulator or AWS)" };
    static readonly Option<string?> RegionOption = new("--region") { Description = "AWS region (signing; the endpoint when --endpoint is absent)" };
    static readonly Option<string?> CredentialsOption = new("--credentials") { Description = "Who signs: chain (the standard AWS chain; default for AWS hosts), fake (a fixed fake key; default elsewhere) or none" };
    static readonly Option<string[]> RecordOption = new("--record") { Description = "A record that exists on the target (repeatable)" };
    static readonly Option<string?> WorkflowTokenEnvOption = new("--workflow-token-env") { Description = "Environment variable holding the --record record's real WorkflowToken" };
    static readonly Option<string[]> OperationOption = new("--operation") { Description = "An operation to run (repeatable), or all (the default)" };
    static readonly Option<string?> ModelOption = new("--model") { Description = "The service model to read: a Smithy JSON AST or botocore's service-2.json (default: the embedded Service Catalog model)" };
    static readonly Option<bool> AllowMutatingOption = new("--allow-mutating") { Description = "On AWS: also run the operations that change things (their violating cases only; valid ones are never sent)" };
    static readonly Option<string> ProfileOption = new("--profile") { Description = string.Join(" or ", Oracle.Profile.Names), DefaultValueFactory = _ => "documented" };
    static readonly Option<long?> SeedOption = Ranged("--seed", "Replay seed (random when absent)", long.MinValue, long.MaxValue);
    static readonly Option<int?> MaxTestOption = Ranged("--max-test", "Random cases per rule (default 100)", 0, 100_000);
    static readonly Option<double?> TimeoutOption = Ranged("--timeout", "Seconds per request (default 10)", 0.1, 3600);
    static readonly Option<string> ReportOption = new("--report") { Description = "Report folder", DefaultValueFactory = _ => Report.Reports.DefaultDirectory };
    static readonly Option<string?> ExportOption = new("--export-cases") { Description = "Write the cases as JSON Lines; send nothing" };
    static readonly Option<int?> ServeOption = Ranged("--serve", "Serve the reference stub on 127.0.0.1:PORT", 0, 65535);
    static readonly Option<bool> AdminOption = new("--admin") { Description = "With --serve: open the stub's admin API, guarded by a token printed at start" };
    static readonly Option<bool> BenchOption = new("--bench") { Description = "Benchmark the main job against a raw client" };
    static readonly Option<double?> SecondsOption = Ranged("--seconds", "Benchmark duration per side (default 10)", 0.1, 3600);
    static readonly Option<int?> MaxRequestsOption = Ranged("--max-requests", "Request budget: boundary cases first, then random cases evenly (default on AWS hosts: covers every boundary case)", 1, 100_000_000);
    static readonly Option<double?> RateOption = Ranged("--rate", "Requests per second (default 2 on AWS hosts)", 0.01, 10_000);
    static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Print what would be sent; send nothing" };
    static readonly Option<string?> PatternsOption = new("--patterns") { Description = "Judge pattern ambiguities by a reading (with --serve: the stub's reading): full or search" };
    static readonly Option<string?> LengthsOption = new("--lengths") { Description = "Judge length ambiguities by a reading (with --serve: the stub's reading): codepoints or utf16" };
    static readonly Option<string?> ContentTypeOption = new("--content-type") { Description = "Judge Content-Type ambiguities by a reading: strict or lenient" };
    static readonly Option<string?> SignaturesOption = new("--signatures") { Description = "Judge the Auth.* cases (bad SigV4 signatures) by a reading: verified (refused, as AWS does) or ignored" };
    static readonly Option<string?> SigV4Option = new("--sigv4") { Description = "With --serve: verify SigV4 signatures by the key KEYID:SECRET (region us-east-1), answering AWS's authentication errors" };
    static readonly Option<int?> ConcurrencyOption = Ranged("--concurrency", "Rules checked at once (default 8)", 1, 64);
    static readonly Option<bool> ImdsOption = new("--allow-instance-metadata") { Description = "Let the credential chain ask EC2 instance metadata" };

    // Parity (snapshots, known failures, merged reports).
    static readonly Option<string?> WriteSnapshotOption = new("--write-snapshot") { Description = "After the run, write what the target answered to each case (send every case, no shrinking)" };
    static readonly Option<string?> AgainstSnapshotOption = new("--against-snapshot") { Description = "Send a snapshot's cases again and judge each by parity with its answers" };
    static readonly Option<string?> KnownFailuresOption = new("--known-failures") { Description = "Failures listed in FILE do not fail the run; listed ones that pass are reported as fixed" };
    static readonly Option<string?> WriteKnownFailuresOption = new("--write-known-failures") { Description = "After the run, write the failing checks to FILE (for --known-failures)" };
    static readonly Option<string[]> MergeOption = new("--merge-reports")
    {
        Description = "Merge report.json files (or their folders; NAME=REPORT names a column; a merged report.json gives its columns back) into one report with a column per target and the conformance matrix (README.md), in --report; the shards of one run (--shard) into that run's report; shards' snapshots into one",
        AllowMultipleArgumentsPerToken = true,
    };
    static readonly Option<string[]> DiffModelOption = new("--diff-model")
    {
        Description = "Compare two model files (OLD NEW) rule by rule: print the rules the change adds, removes or moves, write model-diff.json in --report; exit 0 when they agree, 1 when they differ",
        AllowMultipleArgumentsPerToken = true,
    };
    static readonly Option<string?> ShardOption = new("--shard") { Description = "Run (or export) the K-th of N parts of the suites, K/N, for a CI matrix; --merge-reports joins the parts' reports" };

    static readonly RootCommand Root = Command();


    static RootCommand Command()
    {
        var root = new RootCommand(
            "NotifyContract: contract tests and fuzzing for AWS Service Catalog, every operation read from its published model");
        foreach (var o in new Option[]
                 {
                     EndpointOption, RegionOption, CredentialsOption, RecordOption, WorkflowTokenEnvOption,
                     OperationOption, ModelOption, AllowMutatingOption, ProfileOption, SeedOption, MaxTestOption, TimeoutOption, ReportOption,
                     ExportOption, ServeOption, BenchOption, SecondsOption, MaxRequestsOption, RateOption, DryRunOption,
                     PatternsOption, LengthsOption, ContentTypeOption, SignaturesOption, SigV4Option,
                     ConcurrencyOption, ImdsOption, AdminOption,
                     WriteSnapshotOption, AgainstSnapshotOption, KnownFailuresOption, WriteKnownFailuresOption,
                     MergeOption, ShardOption, DiffModelOption,
                 })
            root.Options.Add(o);
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        PatternsOption.AcceptOnlyFromAmong("full", "search");
        LengthsOption.AcceptOnlyFromAmong("codepoints", "utf16");
        CredentialsOption.AcceptOnlyFromAmong([.. Enum.GetValues<Signing>().Select(s => s.Wire())]);
        ContentTypeOption.AcceptOnlyFromAmong("strict", "lenient");
        SignaturesOption.AcceptOnlyFromAmong("verified", "ignored");
        return root;
    }

    /// <returns>Null when <c>--help</c> or <c>--version</c> printed what they print and there is nothing more to do.</returns>
    public static Arguments? Parse(string[] args)
    {
        var result = Root.Parse(args);
        if (result.Errors.Count > 0) // one line: System.CommandLine lists the allowed values on lines of their own
            throw new HarnessException(string.Join(' ', result.Errors[0].Message.Split('\n',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.') +
                $"; see {Replay.Program} --help");
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
            (result.GetResult(MergeOption) is not null, Mode.Merge, "--merge-reports"),
            (result.GetResult(DiffModelOption) is not null, Mode.DiffModel, "--diff-model"),
        }.Where(m => m.On).ToList();
        if (modes.Count > 1) throw new HarnessException($"{modes[0].Flag} and {modes[1].Flag} cannot be used together");

        CheckParity(result, modes.Count == 0 ? Mode.Conformance : modes[0].Mode);

        var modelFile = result.GetValue(ModelOption);
        var contract = Model(modelFile);
        var operations = Selected(result.GetValue(OperationOption) ?? [], contract);

        var live = result.GetValue(EndpointOption) is not null || result.GetValue(RegionOption) is not null;
        var records = (result.GetValue(RecordOption) ?? []).Select(RecordId).ToList();
        var credentials = SigningWords.FromWire(result.GetValue(CredentialsOption));
        if (credentials is not null && !live)
            throw new HarnessException("--credentials applies to a live run (--endpoint or --region)");
        var tokenEnv = result.GetValue(WorkflowTokenEnvOption);
        if (tokenEnv is not null && (!live || records.Count != 1))
            throw new HarnessException("--workflow-token-env goes with a live run (--endpoint or --region) " +
                                       "and exactly one --record: the record the token belongs to");

        return new(
            Mode: modes.Count == 0 ? Mode.Conformance : modes[0].Mode,
            Endpoint: ParseEndpoint(result.GetValue(EndpointOption)),
            Region: result.GetValue(RegionOption),
            Records: records,
            Operations: operations,
            Profile: result.GetValue(ProfileOption)!,
            Seed: result.GetValue(SeedOption) ?? Random.Shared.NextInt64(1, 1L << 40),
            MaxTest: result.GetValue(MaxTestOption) ?? 100,
            Timeout: TimeSpan.FromSeconds(result.GetValue(TimeoutOption) ?? 10),
            ReportDirectory: result.GetValue(ReportOption)!,
            ExportFile: result.GetValue(ExportOption),
            ServePort: result.GetValue(ServeOption) ?? 0,
            BenchSeconds: result.GetValue(SecondsOption) ?? 10,
            MaxRequests: result.GetValue(MaxRequestsOption),
            Rate: result.GetValue(RateOption),
            DryRun: result.GetValue(DryRunOption),
            Patterns: result.GetValue(PatternsOption),
            Lengths: result.GetValue(LengthsOption),
            ContentType: result.GetValue(ContentTypeOption),
            Concurrency: result.GetValue(ConcurrencyOption) ?? 8,
            AllowInstanceMetadata: result.GetValue(ImdsOption),
            Credentials: credentials,
            WorkflowTokenEnv: tokenEnv,
            Admin: result.GetValue(AdminOption) && result.GetValue(ServeOption) is null
                ? throw new HarnessException("--admin goes with --serve")
                : result.GetValue(AdminOption))
        {
            Contract = contract,
            ModelFile = modelFile,
            AllowMutating = result.GetValue(AllowMutatingOption),
            OperationsNamed = result.GetValue(OperationOption) is { Length: > 0 } named && !named.Contains("all"),
            WriteSnapshot = result.GetValue(WriteSnapshotOption),
            AgainstSnapshot = result.GetValue(AgainstSnapshotOption),
            KnownFailures = result.GetValue(KnownFailuresOption),
            WriteKnownFailures = result.GetValue(WriteKnownFailuresOption),
            MergeReports = result.GetResult(MergeOption) is null ? []
                : result.GetValue(MergeOption) is { Length: > 0 } merge && !merge.Any(m => m.StartsWith("--")) ? merge
                : throw new HarnessException("--merge-reports needs at least one report.json"),
            DiffModels = result.GetResult(DiffModelOption) is null ? []
                : result.GetValue(DiffModelOption) is [var old, var @new] && !old.StartsWith("--") && !@new.StartsWith("--")
                    ? [old, @new]
                    : throw new HarnessException("--diff-model takes two model files: OLD NEW"),
            Signatures = result.GetValue(SignaturesOption),
            Shard = result.GetValue(ShardOption) is not { } shard ? null
                : modes.Count > 0 && modes[0].Mode is not (Mode.Conformance or Mode.Export)
                    ? throw new HarnessException($"--shard applies to a run or --export-cases, not to {modes[0].Flag}")
                : Run.Shard.Parse(shard),
            StubKey = result.GetValue(SigV4Option) is not { } key ? null
                : result.GetValue(ServeOption) is null ? throw new HarnessException("--sigv4 goes with --serve")
                : key.Split(':', 2) is [{ Length: > 0 } id, { Length: > 0 } secret] ? new(id, secret)
                : throw new HarnessException("--sigv4 takes KEYID:SECRET (both non-empty)"),
        };
    }

    /// <summary>--version: the package version and the contract's sources (<see cref="About"/>).</summary>
    sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.Write(About.Text);
            return 0;
        }
    }

    /// <summary>
    /// Snapshot and known-failure flags belong to a conformance run; a snapshot decides what regenerates its cases
    /// (seed, max-test, operations, profile; --record may only repeat its records) and judges by parity, not by a reading.
    /// </summary>
    static void CheckParity(ParseResult result, Mode mode)
    {
        var given = new Option[] { WriteSnapshotOption, AgainstSnapshotOption, KnownFailuresOption,
                WriteKnownFailuresOption }
            .Where(o => result.GetResult(o) is not null).ToList();
        if (mode != Mode.Conformance && given.Count > 0)
            throw new HarnessException($"{given[0].Name} applies to a conformance run, " +
                                       $"not to {mode.ToString().ToLowerInvariant()}");
        if (result.GetResult(AgainstSnapshotOption) is null) return;
        if (new Option[] { SeedOption, MaxTestOption, OperationOption, ProfileOption, PatternsOption, LengthsOption,
                    ContentTypeOption, SignaturesOption }
                .FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } clash)
            throw new HarnessException("--against-snapshot takes the seed, max-test, operations and profile from the " +
                                       $"snapshot and judges by parity: drop {clash.Name}");
    }

    /// <summary>The contract of <c>--model FILE</c> (or the embedded one), read before anything else happens.</summary>
    internal static ServiceContract Model(string? file)
    {
        if (file is null) return ServiceContract.Default;
        try { return ServiceContract.From(NotifyContract.Model.ModelFiles.Load(file)); }
        catch (NotifyContract.Model.ModelException e) { throw new HarnessException(e.Message); }
    }

    /// <summary>The operations named (in the order given, each once), every one for <c>all</c> or none named.</summary>
    static IReadOnlyList<string> Selected(string[] named, ServiceContract contract)
    {
        if (named.Length == 0 || named.Contains("all")) return [.. contract.Operations.Select(o => o.Name)];
        if (named.FirstOrDefault(n => contract.Find(n) is null) is { } unknown)
        {
            var near = contract.Operations.Select(o => o.Name)
                .Where(o => o.Contains(unknown, StringComparison.OrdinalIgnoreCase)
                            || unknown.Contains(o, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
            throw new HarnessException($"unknown operation {Quoted(unknown)} (the model has {contract.Operations.Count}; " +
                                       (near.Count > 0 ? $"did you mean {string.Join(" or ", near)}? " : "") +
                                       "--operation all runs every one)");
        }
        return [.. named.Distinct()];
    }

    static Uri? ParseEndpoint(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new HarnessException($"--endpoint {Quoted(text)} is not an http(s) URL");

    /// <summary>RecordId's own constraints (1..100 code points of [a-zA-Z0-9_-]): a record the target could never hold
    /// is a typo, refused here instead of blamed on the target.</summary>
    static string RecordId(string id) =>
        id.EnumerateRunes().Count() is >= 1 and <= 100 && RecordIdPattern().IsMatch(id)
            ? id
            : throw new HarnessException($"--record {Quoted(id)} is not a RecordId (1 to 100 characters of a-z, A-Z, " +
                                         "0-9, _ and -)");

    [GeneratedRegex(@"^[a-zA-Z0-9_-]+\z")]
    private static partial Regex RecordIdPattern();

    /// <summary>A number option whose error names its range (never a .NET type name).</summary>
    static Option<T?> Ranged<T>(string name, string description, T min, T max) where T : struct, INumber<T>
    {
        var integer = T.IsInteger(T.One / (T.One + T.One)); // 1/2 is 0 only in integer arithmetic
        var range = string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
        return new Option<T?>(name)
        {
            Description = $"{description}; {range}",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (T.TryParse(text, integer ? NumberStyles.Integer : NumberStyles.Float, CultureInfo.InvariantCulture,
                        out var value)
                    && value >= min && value <= max)
                    return value;
                result.AddError($"{name} must be {(integer ? "a whole number" : "a number")} from {range}, " +
                                $"not {Quoted(text)}");
                return null;
            },
        };
    }

    /// <summary>User input in an error: quoted, on one line, not too long.</summary>
    static string Quoted(string text)
    {
        var line = string.Concat(text.Take(80).Select(c => char.IsControl(c) ? '?' : c));
        return $"'{line}{(text.Length > 80 ? "..." : "")}'";
    }
}
