namespace NotifyContract.Generators;

/// <summary>A stable rule id: <c>Member.kind</c> (<c>RecordId.maxLength</c>) or <c>Family.name</c> (<c>Valid.accepted</c>).</summary>
public readonly record struct RuleId(string Value)
{
    public override string ToString() => Value;

    public static RuleId Constraint(string memberPath, ConstraintKind kind) => new($"{memberPath}.{kind.Wire()}");

    public static readonly RuleId ValidAccepted = new("Valid.accepted");
    public static readonly RuleId RecordNotFound = new("Record.notFound");
    public static readonly RuleId IdempotencyReplay = new("Idempotency.replay");
    public static readonly RuleId ServerNoServerError = new("Server.noServerError");
    public static readonly RuleId OutputShape = new("Output.shape");
}

public enum ConstraintKind { Required, MinLength, MaxLength, MinValue, MaxValue, Pattern, Enum, Type }

/// <summary>The answer the contract demands for a case.</summary>
public enum Expectation
{
    /// <summary>HTTP 200.</summary>
    Success,
    InvalidParametersException,
    ResourceNotFoundException,
    /// <summary>Any 4xx (type errors and protocol faults are rejected before validation, code unspecified).</summary>
    ClientError,
    /// <summary>Ambiguous: send, record the answer, never fail (unless the user picks a reading).</summary>
    Observe,
}

/// <summary>The undocumented question a case depends on, and what the contract demands under each reading.</summary>
public enum AmbiguityKind
{
    /// <summary>Readings <c>full</c> (the whole string must match) and <c>search</c> (Smithy: a match anywhere).</summary>
    Patterns,
    /// <summary>Readings <c>codepoints</c> (Smithy) and <c>utf16</c> (a Java or .NET service's string length).</summary>
    Lengths,
    /// <summary>Readings <c>strict</c> (another Content-Type is a client error) and <c>lenient</c> (the body is read anyway).</summary>
    ContentType,
}

public sealed record Ambiguity(AmbiguityKind Kind, IReadOnlyDictionary<string, Expectation> ByReading, string Why);

/// <summary>
/// One request to send: the exact bytes and headers (credentials are added by the transport, never here),
/// the rule it probes and the answer the contract demands.
/// </summary>
public sealed record Case(
    string Id,
    string Operation,
    RuleId Rule,
    Expectation Expect,
    Ambiguity? Ambiguity,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    /// <summary>What the case probes, in words, where the rule id alone does not say it
    /// ("127 BMP + U+1D400: 128 code points, 129 UTF-16 units"); carried into the export and the reports.</summary>
    public string? Note { get; init; }

    /// <summary>The errors the operation's model lists: a valid request may get any of them but the validation error.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>What a success answer's body must fit: the operation's output shape (null: not known).</summary>
    public Model.Shape? Output { get; init; }

    /// <summary>The structured request behind the bytes, for shrinking; null for cases built elsewhere.</summary>
    internal Requests.Draft? Draft { get; init; }
}

public static class ContractWords
{
    public static string Wire(this ConstraintKind kind) => kind switch
    {
        ConstraintKind.Required => "required",
        ConstraintKind.MinLength => "minLength",
        ConstraintKind.MaxLength => "maxLength",
        ConstraintKind.MinValue => "minValue",
        ConstraintKind.MaxValue => "maxValue",
        ConstraintKind.Pattern => "pattern",
        ConstraintKind.Enum => "enum",
        ConstraintKind.Type => "type",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind's name as profiles and exports write it: <c>patterns</c>, <c>lengths</c>, <c>contentType</c>.</summary>
    public static string Wire(this AmbiguityKind kind) =>
        Enum.IsDefined(kind) && kind.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..]
        : throw new ArgumentOutOfRangeException(nameof(kind));

    public static string Wire(this Expectation e) => e switch
    {
        Expectation.Success => "success",
        Expectation.InvalidParametersException => "InvalidParametersException",
        Expectation.ResourceNotFoundException => "ResourceNotFoundException",
        Expectation.ClientError => "clientError",
        Expectation.Observe => "observe",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };
}
