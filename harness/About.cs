using System.Reflection;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Harness;

/// <summary>
/// Where a verdict comes from: this build's package version and the contract's two published sources
/// (<c>--version</c> prints it, report.json records it as <c>harness</c>).
/// </summary>
public static class About
{
    /// <summary>The package version (NotifyContract and NotifyContract.Tool share it), e.g. 0.2.0.</summary>
    public static string Version { get; } =
        typeof(About).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "unknown";

    /// <summary>One published source of the contract: what it is, where it is, which revision the rules follow.</summary>
    public sealed record Source(string Name, string Location, string Revision);

    /// <summary>
    /// The published page of the Notify operations (its words are the stub's mappings, unanchored patterns) and the
    /// model files the contract was read from (<c>model</c>: the Smithy file, or the one <c>--model</c> gave;
    /// <c>botocore</c>: the page's patterns), each with its SHA-256.
    /// </summary>
    public static IReadOnlyList<Source> ContractSources(ServiceContract contract) =>
    [
        new("page",
            "https://docs.aws.amazon.com/servicecatalog/latest/dg/API_NotifyProvisionProductEngineWorkflowResult.html",
            "the published page as copied into the project (no revision id is published; its siblings " +
            "API_NotifyUpdateProvisionedProductEngineWorkflowResult and API_NotifyTerminateProvisionedProductEngineWorkflowResult " +
            "state the same constraints): the reference stub's mappings of the three operations"),
        .. contract.Model.Files.Select((f, i) => new Source(i == 0 ? "model" : f.Format,
            $"{f.Origin} ({f.Format}, {f.Name})", $"sha256 {f.Sha256}")),
    ];

    /// <summary>report.json's <c>harness</c>: <c>{version, contractVersion, contract: {page: {location, revision},
    /// model: {...}, botocore: {...}}}</c>.</summary>
    public static object Report(ServiceContract contract) => new
    {
        version = Version,
        contractVersion = contract.Version,
        contract = ContractSources(contract).ToDictionary(s => s.Name, s => new { location = s.Location, revision = s.Revision }),
    };

    /// <summary>What <c>--version</c> prints (the embedded model's contract).</summary>
    public static string Text =>
        $"notify-contract {Version}\ncontract {ServiceContract.Default.Version}: " +
        $"{ServiceContract.Default.Operations.Count} operations\ncontract sources:\n" +
        string.Concat(ContractSources(ServiceContract.Default).Select(s => $"  {s.Name}: {s.Location}\n    {s.Revision}\n"));
}
