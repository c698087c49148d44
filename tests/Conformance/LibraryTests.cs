using NotifyContract.Fixtures;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Run;
using NotifyContract.Testing;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The NuGet library's settings as a consumer's <c>dotnet test</c> meets them: records named in the settings
/// (NOTIFYCONTRACT_RECORD) reach the run, a rule skipped without one names that setting (not a command-line flag), and
/// the replay is a <c>dotnet test</c> command with the NOTIFYCONTRACT_* variables.
/// </summary>
public sealed class LibraryTests : IDisposable
{
    const string SettingsRecord = "rec-library-settings-1";
    static readonly string Reports = Path.Combine(Path.GetTempPath(), $"notify-library-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Reports)) Directory.Delete(Reports, recursive: true);
    }

    /// <summary>The stub, holding one record beside its seeded ones; the target itself declares none.</summary>
    public abstract class Stub(IReadOnlyList<string> settingsRecords) : IConformanceTarget, IDisposable
    {
        readonly StubServer stub = StubServer.Start(new StubOptions { ExtraRecords = [SettingsRecord] });
        public Uri Endpoint => stub.Url;
        public ConformanceSettings Settings => new()
        {
            MaxTest = 1, Records = settingsRecords, ReportDirectory = Path.Combine(Reports, GetType().Name),
        };
        public void Dispose() => stub.Dispose();
    }

    public sealed class WithoutRecords() : Stub([]);

    public sealed class WithSettingsRecord() : Stub([SettingsRecord]);

    /// <summary>One rule on one operation as <c>ConformanceTests</c> checks it; then the report.md the class writes.</summary>
    static async Task<(SuiteResult Result, string Markdown)> Check<TTarget>(string rule)
        where TTarget : class, IConformanceTarget, new()
    {
        var session = new ConformanceSession<TTarget>();
        SuiteResult result;
        try
        {
            await session.InitializeAsync();
            result = session.Check(ServiceCatalog.NotifyTerminate, rule);
        }
        finally
        {
            await session.DisposeAsync();
        }
        return (result, File.ReadAllText(Path.Combine(Reports, typeof(TTarget).Name, "report.md")));
    }

    [Fact]
    public async Task Without_a_known_record_the_skip_names_the_setting_and_the_replay_is_dotnet_test()
    {
        var (result, md) = await Check<WithoutRecords>("Valid.accepted");

        Assert.Equal((SuiteResultKind.Skipped, ConformanceSettings.NoKnownRecord), (result.Kind, result.Message));
        Assert.Contains("NOTIFYCONTRACT_RECORD", result.Message);
        Assert.Contains($"`Valid.accepted` ({ConformanceSettings.NoKnownRecord})", md);
        Assert.DoesNotContain("--record", md);
        Assert.Contains("(replay: `NOTIFYCONTRACT_SEED=20261126 NOTIFYCONTRACT_MAX_TEST=1 dotnet test`)", md);
    }

    [Fact]
    public async Task A_record_named_in_the_settings_is_a_known_record_and_in_the_replay()
    {
        var (result, md) = await Check<WithSettingsRecord>("Valid.accepted");

        Assert.True(result.Kind == SuiteResultKind.Pass, result.Message);
        Assert.Contains($"(replay: `NOTIFYCONTRACT_RECORD={SettingsRecord} NOTIFYCONTRACT_SEED=", md);
    }

    [Fact]
    public void The_replay_quotes_what_the_shell_would_split()
    {
        var settings = new ConformanceSettings { KnownFailures = "my known failures.txt", Records = ["rec-1", "rec-2"] };
        Assert.Equal("NOTIFYCONTRACT_KNOWN_FAILURES='my known failures.txt' NOTIFYCONTRACT_RECORD=rec-1,rec-2 " +
                     "NOTIFYCONTRACT_SEED=20261126 NOTIFYCONTRACT_MAX_TEST=100 dotnet test", settings.Replay);
    }
}
