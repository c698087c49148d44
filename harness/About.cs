using System.Reflection;

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

    /// <summary>The page prints unanchored patterns; the current model anchors them (the ambiguity readings).</summary>
    public static IReadOnlyList<Source> ContractSources { get; } =
    [
        new("page",
            "https://docs.aws.amazon.com/servicecatalog/latest/dg/API_NotifyProvisionProductEngineWorkflowResult.html",
            "the published page as copied into the project (no revision id is published; its siblings " +
            "API_NotifyUpdateProvisionedProductEngineWorkflowResult and API_NotifyTerminateProvisionedProductEngineWorkflowResult " +
            "state the same constraints)"),
        new("model",
            "aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/service-catalog.json",
            "commit 198eae4f (abbreviated as recorded when the anchored patterns were copied in)"),
    ];

    /// <summary>report.json's <c>harness</c>: <c>{version, contract: {page: {location, revision}, model: {...}}}</c>.</summary>
    public static object Report { get; } = new
    {
        version = Version,
        contract = ContractSources.ToDictionary(s => s.Name, s => new { location = s.Location, revision = s.Revision }),
    };

    /// <summary>What <c>--version</c> prints.</summary>
    public static string Text =>
        $"notify-contract {Version}\ncontract sources:\n" +
        string.Concat(ContractSources.Select(s => $"  {s.Name}: {s.Location}\n    {s.Revision}\n"));
}
