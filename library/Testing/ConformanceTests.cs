using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;
using Xunit;

namespace NotifyContract.Testing;

/// <summary>
/// Every rule of every operation as its own xunit v3 test case against <typeparamref name="TTarget"/>, judged as
/// <c>notify-contract --endpoint</c> judges (the same suites, profiles, verdicts and reports). A consumer writes
/// <code>public class MyConformance : ConformanceTests&lt;MyServer&gt;;</code>
/// </summary>
public abstract class ConformanceTests<TTarget> : IClassFixture<ConformanceSession<TTarget>>
    where TTarget : class, IConformanceTarget, new()
{
    /// <summary>(operation, rule) for every suite: the same list whatever the target.</summary>
    public static TheoryData<string, string> Rules() => [.. SuiteRunner.Suites(Operations)];

    /// <summary>The target's own, else NOTIFYCONTRACT_OPERATIONS, else every operation.</summary>
    static IReadOnlyList<string>? Operations => TTarget.Operations ?? ConformanceSettings.OperationsFromEnvironment();

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Rule_holds(string operation, string rule)
    {
        var session = await TestContext.Current.GetFixture<ConformanceSession<TTarget>>();
        var result = session!.Check(operation, rule);
        if (result.Kind == SuiteResultKind.Skipped) Assert.Skip(result.Message);
        Assert.True(result.Kind == SuiteResultKind.Pass, result.Message);
    }
}

/// <summary>
/// One test class's run, an xunit class fixture: starts the target once, checks each suite through the harness's
/// <see cref="SuiteRunner"/> (this library's one way into the harness), writes the reports when the class is done.
/// </summary>
public sealed class ConformanceSession<TTarget> : IAsyncLifetime where TTarget : class, IConformanceTarget, new()
{
    readonly TTarget server = new();
    ITarget? target;
    SuiteRunner? runner;
    string reports = "";

    public async ValueTask InitializeAsync()
    {
        try
        {
            if (server is IAsyncLifetime lifetime) await lifetime.InitializeAsync();
            var s = server.Settings;
            reports = s.ReportDirectory
                ?? Path.Combine(AppContext.BaseDirectory, "conformance-reports", typeof(TTarget).Name);
            target = SuiteRunner.Endpoint(server.Endpoint, [.. server.Records, .. s.Records], s.Timeout);
            runner = new SuiteRunner(target, s.Profile, s.Patterns, s.Lengths, s.ContentType,
                new RunSettings(s.Seed, s.MaxTest), s.Replay, s.Snapshot, s.KnownFailures,
                ConformanceSettings.NoKnownRecord, TTarget.Operations ?? ConformanceSettings.OperationsFromEnvironment());
        }
        catch
        {
            await DisposeAsync(); // a server that started must not outlive a failed start
            throw;
        }
    }

    public SuiteResult Check(string operation, string rule) => runner!.Check(operation, rule);

    public async ValueTask DisposeAsync()
    {
        try
        {
            runner?.WriteReports(reports);
        }
        finally
        {
            target?.Dispose();
            if (server is IAsyncDisposable async) await async.DisposeAsync();
            else (server as IDisposable)?.Dispose();
        }
    }
}
