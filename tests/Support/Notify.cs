using NotifyContract.Generators;
using NotifyContract.Generators.Contract;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Support;

/// <summary>The three Notify operations of the embedded contract, in the project's order: what most tests run.</summary>
public static class Notify
{
    public static readonly IReadOnlyList<string> Names = [.. ServiceCatalog.Notify.Select(n => n.Name)];

    public static IReadOnlyList<Operation> Operations => [.. Names.Select(ServiceContract.Default.Get)];

    public static Operation Get(string name) => ServiceContract.Default.Get(name);

    /// <summary>The command line's flags that select the three (<c>--operation NAME</c> each).</summary>
    public static readonly string[] Args = [.. Names.SelectMany(n => new[] { "--operation", n })];

    /// <summary>Every suite of the three operations.</summary>
    public static IReadOnlyList<RuleSuite> Suites(RecordSet records) => Rules.All(ServiceContract.Default, records, Names);
}
