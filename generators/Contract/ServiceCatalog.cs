namespace NotifyContract.Generators.Contract;

/// <summary>
/// What the service model cannot say, and the harness needs: the Notify*EngineWorkflowResult operations' names and
/// the short tags their case ids carry; that they take a record (a valid request names one, and only a known record
/// answers 200); and which operations only read (the model marks none <c>readonly</c>, so their names decide).
/// Everything else comes from the model (<see cref="ServiceContract"/>).
/// </summary>
public static class ServiceCatalog
{
    public const string NotifyProvision = "NotifyProvisionProductEngineWorkflowResult";
    public const string NotifyUpdate = "NotifyUpdateProvisionedProductEngineWorkflowResult";
    public const string NotifyTerminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";

    /// <summary>The Notify operations in the order the project has always listed them, with their case-id tags.</summary>
    public static readonly IReadOnlyList<(string Name, string Tag)> Notify =
        [(NotifyProvision, "prov"), (NotifyUpdate, "upd"), (NotifyTerminate, "term")];

    /// <summary>The tag a case id starts with: the Notify operations' short ones, any other operation's name.</summary>
    public static string Tag(string operation) =>
        Notify.FirstOrDefault(n => n.Name == operation).Tag ?? operation;

    /// <summary>
    /// The operations whose request names a record: <c>Valid.accepted</c> and <c>Idempotency.replay</c> need a known
    /// one (200), <c>Record.notFound</c> an unknown one (ResourceNotFoundException), and the rest never name a known one.
    /// </summary>
    public static bool RecordBound(string operation) => Notify.Any(n => n.Name == operation);

    /// <summary>The name prefixes of operations that only read (Service Catalog's model marks none <c>readonly</c>).</summary>
    public static readonly IReadOnlyList<string> ReadingVerbs = ["List", "Describe", "Get", "Search", "Scan"];

    /// <summary>Whether an operation only reads: the model says so, or its name starts with a reading verb.</summary>
    public static bool ReadOnly(Model.Operation operation) =>
        operation.ReadOnly || ReadingVerbs.Any(v => operation.Name.StartsWith(v, StringComparison.Ordinal)
            && operation.Name.Length > v.Length && char.IsUpper(operation.Name[v.Length]));
}
