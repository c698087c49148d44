using NotifyContract.Fixtures;
using NotifyContract.Testing;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The target the rule tests run against: the reference stub on 127.0.0.1, or the live endpoint in
/// <c>NOTIFYCONTRACT_ENDPOINT</c> (with <c>NOTIFYCONTRACT_RECORD</c> naming a record it holds). Profile, seed,
/// MaxTest and the rest come from the other NOTIFYCONTRACT_* variables (<see cref="ConformanceSettings"/>).
/// </summary>
public sealed class ConfiguredTarget : IConformanceTarget, IDisposable
{
    static string? Env(string name) => Environment.GetEnvironmentVariable("NOTIFYCONTRACT_" + name);

    readonly StubServer? stub = Env("ENDPOINT") is null ? StubServer.Start() : null;

    public Uri Endpoint => stub?.Url ?? new Uri(Env("ENDPOINT")!);
    public IReadOnlyList<string> Records => stub?.KnownRecords ?? (Env("RECORD") is { } r ? [r] : []);

    /// <summary>The three Notify operations unless NOTIFYCONTRACT_OPERATIONS names others: a test case per rule, run
    /// one at a time (every operation of the model is the main job's, <c>./run-tests.sh</c>, and
    /// <see cref="EveryOperationRunTests"/>).</summary>
    public static IReadOnlyList<string>? Operations =>
        ConformanceSettings.OperationsFromEnvironment() ?? Support.Notify.Names;

    public void Dispose() => stub?.Dispose();
}

/// <summary>
/// Every rule of every operation as its own xunit test, through the NuGet library's entry point (library/Testing),
/// as another repository's tests use it: the same suites, property and judge as <c>./run-tests.sh --endpoint</c>, so a
/// failure here is the report's failure, with its shrunk counterexample and seed.
/// </summary>
public class RuleTests : ConformanceTests<ConfiguredTarget>;
