namespace NotifyContract.Generators.Contract;

/// <summary>
/// The published contract of the three Notify*EngineWorkflowResult operations (Service Catalog API 2015-12-10),
/// copied from its two sources: the published page (patterns unanchored, as printed there; the older service model
/// has the same) and the current service model (aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/service-catalog.json
/// at 198eae4f: every pattern anchored <c>^...$</c>). Lengths, types and enums agree; shapes are shared, as in the model.
/// </summary>
public static class ServiceCatalog
{
    public const string TargetPrefix = "AWS242ServiceCatalogService";
    public const string ContentType = "application/x-amz-json-1.1";

    public const string NotifyProvision = "NotifyProvisionProductEngineWorkflowResult";
    public const string NotifyUpdate = "NotifyUpdateProvisionedProductEngineWorkflowResult";
    public const string NotifyTerminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";

    static PatternSources Sources(string page, string model) => new(new(page), new(model));

    // EngineWorkflowToken: 1..20000; page [0-9A-Za-z+\/=]+, model ^[0-9A-Za-z+\/=]+$
    static readonly Member WorkflowToken = new("WorkflowToken", "WorkflowToken", MemberType.String, Required: true,
        MinLength: 1, MaxLength: 20000, Pattern: Sources(@"[0-9A-Za-z+\/=]+", @"^[0-9A-Za-z+\/=]+$"));

    // Id: 1..100; page ^[a-zA-Z0-9_\-]*, model ^[a-zA-Z0-9_\-]*$
    static readonly Member RecordId = new("RecordId", "RecordId", MemberType.String, Required: true,
        MinLength: 1, MaxLength: 100, Pattern: Sources(@"^[a-zA-Z0-9_\-]*", @"^[a-zA-Z0-9_\-]*$"));

    // EngineWorkflowStatus: SUCCEEDED | FAILED
    static readonly Member Status = new("Status", "Status", MemberType.String, Required: true,
        Enum: ["SUCCEEDED", "FAILED"]);

    // EngineWorkflowFailureReason: 1..2048; page [\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*, model the same in ^...$
    static readonly Member FailureReason = new("FailureReason", "FailureReason", MemberType.String,
        MinLength: 1, MaxLength: 2048, Pattern: Sources(@"[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*",
            @"^[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*$"));

    // IdempotencyToken: 1..128; page [a-zA-Z0-9][a-zA-Z0-9_-]*, model ^[a-zA-Z0-9][a-zA-Z0-9_-]*$
    static readonly Member IdempotencyToken = new("IdempotencyToken", "IdempotencyToken", MemberType.String,
        Required: true, MinLength: 1, MaxLength: 128,
        Pattern: Sources("[a-zA-Z0-9][a-zA-Z0-9_-]*", "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"));

    // UniqueTagKey 1..128 / UniqueTagValue 1..256: ^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$ in both sources
    static readonly PatternSources UniqueTagPattern =
        Sources(@"^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$", @"^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$");

    static readonly Member ResourceIdentifier = new("ResourceIdentifier", "ResourceIdentifier", MemberType.Structure,
        Members:
        [
            new("ResourceIdentifier.UniqueTag", "UniqueTag", MemberType.Structure, Members:
            [
                new("ResourceIdentifier.UniqueTag.Key", "Key", MemberType.String,
                    MinLength: 1, MaxLength: 128, Pattern: UniqueTagPattern),
                new("ResourceIdentifier.UniqueTag.Value", "Value", MemberType.String,
                    MinLength: 1, MaxLength: 256, Pattern: UniqueTagPattern),
            ]),
        ]);

    // RecordOutputs: list of RecordOutput; OutputKey, OutputValue, Description are unconstrained strings.
    static readonly Member Outputs = new("Outputs", "Outputs", MemberType.List,
        Item: new("Outputs.member", "member", MemberType.Structure, Members:
        [
            new("Outputs.member.OutputKey", "OutputKey", MemberType.String),
            new("Outputs.member.OutputValue", "OutputValue", MemberType.String),
            new("Outputs.member.Description", "Description", MemberType.String),
        ]));

    /// <summary>Member order follows the service model; the tag names the operation in case ids.</summary>
    public static readonly IReadOnlyList<Operation> Operations =
    [
        new(NotifyProvision, "prov",
            [WorkflowToken, RecordId, Status, FailureReason, ResourceIdentifier, Outputs, IdempotencyToken]),
        new(NotifyUpdate, "upd", [WorkflowToken, RecordId, Status, FailureReason, Outputs, IdempotencyToken]),
        new(NotifyTerminate, "term", [WorkflowToken, RecordId, Status, FailureReason, IdempotencyToken]),
    ];

    public static Operation Get(string name) =>
        Operations.FirstOrDefault(o => o.Name == name)
        ?? throw new ArgumentException($"unknown operation '{name}'", nameof(name));

    public static string Target(string operation) => $"{TargetPrefix}.{operation}";
}
