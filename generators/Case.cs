namespace NotifyContract.Generators;

/// <summary>A stable rule id: <c>Member.kind</c> (<c>RecordId.maxLength</c>) or <c>Family.name</c> (<c>Valid.accepted</c>).</summary>
public readonly record struct RuleId(string Value)
{
    public override string ToString() => Value;

    public static RuleId Constraint(string memberPath, ConstraintKind kind) => new($"{memberPath}.{kind.Wire()}");

    public static readonly RuleId ValidAccepted = new("Valid.accepted");
    public static readonly RuleId RecordNotFound = new("Record.notFound");
    public static readonly RuleId IdempotencyReplay = new("Idempotency.replay");
    public static readonly RuleId IdempotencyConflict = new("Idempotency.conflict");
    public static readonly RuleId ServerNoServerError = new("Server.noServerError");
    public static readonly RuleId OutputShape = new("Output.shape");

    /// <summary>A constraint rule's member path and kind (<c>ResourceIdentifier.UniqueTag.Key</c>, <c>pattern</c>);
    /// null for a family rule.</summary>
    public (string Member, ConstraintKind Kind)? AsConstraint()
    {
        var dot = Value.LastIndexOf('.');
        foreach (var kind in Kinds) // asked of every exchange: no allocation unless it is one
            if (dot > 0 && Value.AsSpan(dot + 1).SequenceEqual(kind.Wire())) return (Value[..dot], kind);
        return null;
    }

    static readonly ConstraintKind[] Kinds = Enum.GetValues<ConstraintKind>();
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
    /// <summary>A 4xx refusing who signed the request (401/403 or an AWS authentication code), before reading it.</summary>
    AuthError,
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
    /// <summary>Readings <c>verified</c> (AWS: a bad signature is refused) and <c>ignored</c> (most emulators: the body
    /// is read whoever signed it).</summary>
    Signatures,
    /// <summary>Readings <c>strict</c> (a member named twice is a client error) and <c>lenient</c> (one of the two is
    /// read: JSON's grammar allows it, RFC 8259 leaves it open).</summary>
    DuplicateKeys,
}

/// <summary>How an <c>Auth.*</c> case's signature is broken; the transport signs it so (never with a real secret
/// anywhere new: a wrong signature uses a made-up secret, the scope and date variants the run's key).</summary>
public enum SigningFault
{
    /// <summary>No Authorization header at all.</summary>
    Unsigned,
    /// <summary>Signed with a made-up secret key.</summary>
    WrongSignature,
    /// <summary>The credential scope names another region.</summary>
    OtherRegion,
    /// <summary>The credential scope names another service.</summary>
    OtherService,
    /// <summary>Signed and dated 20 minutes ago (SigV4 allows 5 minutes of skew).</summary>
    StaleDate,
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

    /// <summary>The operation as the contract defines it (its members, the errors it lists, its output shape); null
    /// for a case built by hand.</summary>
    public Contract.Operation? Definition { get; init; }

    /// <summary>The errors the operation's model lists: a valid request may get any of them but the validation error.</summary>
    public IReadOnlyList<string> Errors => Definition?.Errors ?? [];

    /// <summary>What a success answer's body must fit: the operation's output shape (null: not known).</summary>
    public Model.Shape? Output => Definition?.Output;

    /// <summary>The structured request behind the bytes, for shrinking; null for cases built elsewhere.</summary>
    internal Requests.Draft? Draft { get; init; }

    /// <summary>How the transport breaks this case's signature (<c>Auth.*</c>); null: signed as the run signs.</summary>
    public SigningFault? SigningFault { get; init; }

    /// <summary>A pair's second request (<see cref="SendMode.Pair"/>), sent right after this one under the same id:
    /// <c>Idempotency.conflict</c>'s same token with another body.</summary>
    public Case? Then { get; init; }
}

public static class ContractWords
{
    /// <summary>The kind as a rule id ends: <c>required</c>, <c>minLength</c>, ... (made once: rule ids are read on
    /// every exchange).</summary>
    public static string Wire(this ConstraintKind kind) => ConstraintWords[(int)kind];

    static readonly string[] ConstraintWords = [.. Enum.GetValues<ConstraintKind>().Select(Camel)];

    /// <summary>The kind's name as profiles and exports write it: <c>patterns</c>, <c>lengths</c>, <c>contentType</c>,
    /// <c>signatures</c>.</summary>
    public static string Wire(this AmbiguityKind kind) => Camel(kind);

    public static string Wire(this Expectation e) => e switch
    {
        Expectation.Success => "success",
        Expectation.InvalidParametersException => "InvalidParametersException",
        Expectation.ResourceNotFoundException => "ResourceNotFoundException",
        Expectation.ClientError => "clientError",
        Expectation.AuthError => "authError",
        Expectation.Observe => "observe",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>The fault's name as exports write it: <c>unsigned</c>, <c>wrongSignature</c>, ...</summary>
    public static string Wire(this SigningFault fault) => Camel(fault);

    static string Camel<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) && value.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..]
        : throw new ArgumentOutOfRangeException(nameof(value));
}
