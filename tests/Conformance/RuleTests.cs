using NotifyContract.Fixtures;
using NotifyContract.Testing;

namespace NotifyContract.Tests.Conformance;

/// <summary>
/// The target the rule tests run against: the reference stub on 127.0.0.1, or the live endpoint in
/// <c>NOTIFYCONTRACT_ENDPOINT</c>. Records, profile, seed, MaxTest and the rest come from the other NOTIFYCONTRACT_*
/// variables (<see cref="ConformanceSettings"/>); MaxTest is 10 unless NOTIFYCONTRACT_MAX_TEST says otherwise: every
/// boundary case and some random ones per rule and operation, a cost that grows with the operations.
/// </summary>
public sealed class ConfiguredTarget : IConformanceTarget, IDisposable
{
    static readonly string? Live = Environment.GetEnvironmentVariable("NOTIFYCONTRACT_ENDPOINT");

    readonly StubServer? stub = Live is null ? StubServer.Start() : null;

    public Uri Endpoint => stub?.Url ?? new Uri(Live!);
    public IReadOnlyList<string> Records => stub?.KnownRecords ?? [];
    public ConformanceSettings Settings => ConformanceSettings.FromEnvironment(new() { MaxTest = 10 });

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
