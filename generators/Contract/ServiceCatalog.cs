namespace NotifyContract.Generators.Contract;

/// <summary>
/// The published contract of the three Notify*EngineWorkflowResult operations (Service Catalog API 2015-12-10),
/// copied from the service model and the published page. Shapes are shared, as in the model.
/// </summary>
public static class ServiceCatalog
{
    public const string TargetPrefix = "AWS242ServiceCatalogService";
    public const string ContentType = "application/x-amz-json-1.1";
    public const string SigningService = "servicecatalog";
    public const string EndpointPrefix = "servicecatalog";

    public const string InvalidParametersException = "InvalidParametersException";
    public const string ResourceNotFoundException = "ResourceNotFoundException";

    public const string NotifyProvision = "NotifyProvisionProductEngineWorkflowResult";
    public const string NotifyUpdate = "NotifyUpdateProvisionedProductEngineWorkflowResult";
    public const string NotifyTerminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";

    // EngineWorkflowToken: 1..20000, [0-9A-Za-z+\/=]+
    static readonly Member WorkflowToken = new("WorkflowToken", "WorkflowToken", MemberType.String, Required: true,
        MinLength: 1, MaxLength: 20000, Pattern: new(@"[0-9A-Za-z+\/=]+", Anchoring.None));

    // Id: 1..100, ^[a-zA-Z0-9_\-]*
    static readonly Member RecordId = new("RecordId", "RecordId", MemberType.String, Required: true,
        MinLength: 1, MaxLength: 100, Pattern: new(@"^[a-zA-Z0-9_\-]*", Anchoring.Start));

    // EngineWorkflowStatus: SUCCEEDED | FAILED
    static readonly Member Status = new("Status", "Status", MemberType.String, Required: true,
        Enum: ["SUCCEEDED", "FAILED"]);

    // EngineWorkflowFailureReason: 1..2048, [\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*
    static readonly Member FailureReason = new("FailureReason", "FailureReason", MemberType.String,
        MinLength: 1, MaxLength: 2048,
        Pattern: new(@"[\u0009\u000a\u000d\u0020-\uD7FF\uE000-\uFFFD]*", Anchoring.None));

    // IdempotencyToken: 1..128, [a-zA-Z0-9][a-zA-Z0-9_-]*, idempotencyToken trait
    static readonly Member IdempotencyToken = new("IdempotencyToken", "IdempotencyToken", MemberType.String,
        Required: true, MinLength: 1, MaxLength: 128,
        Pattern: new(@"[a-zA-Z0-9][a-zA-Z0-9_-]*", Anchoring.None), IdempotencyToken: true);

    // UniqueTagKey 1..128 / UniqueTagValue 1..256: ^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$
    const string UniqueTagPattern = @"^([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)$";

    static readonly Member ResourceIdentifier = new("ResourceIdentifier", "ResourceIdentifier", MemberType.Structure,
        Members:
        [
            new("ResourceIdentifier.UniqueTag", "UniqueTag", MemberType.Structure, Members:
            [
                new("ResourceIdentifier.UniqueTag.Key", "Key", MemberType.String,
                    MinLength: 1, MaxLength: 128, Pattern: new(UniqueTagPattern, Anchoring.Both)),
                new("ResourceIdentifier.UniqueTag.Value", "Value", MemberType.String,
                    MinLength: 1, MaxLength: 256, Pattern: new(UniqueTagPattern, Anchoring.Both)),
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

    static readonly string[] Errors = [InvalidParametersException, ResourceNotFoundException];

    /// <summary>Member order follows the service model.</summary>
    public static readonly IReadOnlyList<Operation> Operations =
    [
        new(NotifyProvision,
            [WorkflowToken, RecordId, Status, FailureReason, ResourceIdentifier, Outputs, IdempotencyToken], Errors),
        new(NotifyUpdate,
            [WorkflowToken, RecordId, Status, FailureReason, Outputs, IdempotencyToken], Errors),
        new(NotifyTerminate,
            [WorkflowToken, RecordId, Status, FailureReason, IdempotencyToken], Errors),
    ];

    public static Operation Get(string name) =>
        Operations.FirstOrDefault(o => o.Name == name)
        ?? throw new ArgumentException($"unknown operation '{name}'", nameof(name));

    public static string Target(string operation) => $"{TargetPrefix}.{operation}";
}
