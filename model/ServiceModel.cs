namespace NotifyContract.Model;

/// <summary>The kinds of shape the harness reads; a model using another is refused (<see cref="ModelException"/>).</summary>
public enum ShapeKind { String, Integer, Long, Boolean, Timestamp, Structure, List, Map }

/// <summary>
/// One pattern as two sources give it: <see cref="Page"/> as the published pages print it (botocore's form: where the
/// Smithy file added <c>^</c>/<c>$</c>, they are not here) and <see cref="Model"/> as the model file has it. With one
/// source only, both are its text.
/// </summary>
public sealed record PatternText(string Page, string Model);

/// <summary>
/// A shape with the constraints that apply to a value of it: lengths count code points for strings and entries for
/// lists and maps; <see cref="Min"/>/<see cref="Max"/> bound integers. A constraint the model gives as a member's trait
/// is already folded in (the member then targets its own copy). A <c>length</c> minimum of 0 constrains nothing and
/// reads as none (botocore omits it where the Smithy file has it).
/// </summary>
public sealed record Shape(string Name, ShapeKind Kind)
{
    public long? MinLength { get; init; }
    public long? MaxLength { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public PatternText? Pattern { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>A structure's members, in model order.</summary>
    public IReadOnlyList<Member> Members { get; init; } = [];

    /// <summary>A list's item.</summary>
    public Member? Item { get; init; }

    /// <summary>A map's key and value.</summary>
    public Member? Key { get; init; }
    public Member? Value { get; init; }
}

/// <summary>A member of a structure (or a list's <c>member</c>, a map's <c>key</c> and <c>value</c>).</summary>
public sealed record Member(string Name, Shape Target, bool Required = false, bool IdempotencyToken = false);

/// <summary>One operation: its input and output structures and the errors it lists (shape names, model order).</summary>
/// <param name="ReadOnly">The model marks it <c>readonly</c> (Service Catalog's marks none).</param>
public sealed record Operation(string Name, Shape Input, Shape Output, IReadOnlyList<string> Errors,
    bool ReadOnly = false)
{
    public bool Lists(string error) => Errors.Contains(error);
}

/// <summary>A file the model was read from: its format (<c>smithy</c> or <c>botocore</c>), name, SHA-256 and origin.</summary>
public sealed record ModelFile(string Format, string Name, string Sha256, string Origin);

/// <summary>
/// An awsJson service as its model describes it: the <c>X-Amz-Target</c> prefix, the Content-Type, the SigV4
/// signing name, and the operations in model order.
/// </summary>
public sealed record ServiceModel(
    string TargetPrefix,
    string ContentType,
    string SigningName,
    string ServiceId,
    string ApiVersion,
    IReadOnlyList<Operation> Operations,
    IReadOnlyList<ModelFile> Files)
{
    public Operation? Find(string name) => Operations.FirstOrDefault(o => o.Name == name);
}

/// <summary>A model the harness cannot read: one line that names the file and the shape.</summary>
public sealed class ModelException(string message) : Exception(message);
