using System.Text;

namespace NotifyContract.Generators.Contract;

public enum MemberType { String, Structure, List, Map, Integer, Boolean, Timestamp }

/// <summary>
/// One member of an operation's input, as the generators see it (read from the model by <see cref="ServiceContract"/>).
/// <see cref="Path"/> is the dotted path used in rule ids (<c>ResourceIdentifier.UniqueTag.Key</c>; a list's item is
/// <c>member</c>, a map's entries <c>key</c> and <c>value</c>). Lengths count code points for strings and entries for
/// lists and maps; <see cref="MinValue"/>/<see cref="MaxValue"/> bound integers.
/// </summary>
public sealed record Member(
    string Path,
    string Name,
    MemberType Type,
    bool Required = false,
    int? MinLength = null,
    int? MaxLength = null,
    PatternSources? Pattern = null,
    IReadOnlyList<string>? Enum = null,
    IReadOnlyList<Member>? Members = null,
    Member? Item = null)
{
    public long? MinValue { get; init; }
    public long? MaxValue { get; init; }
    public bool IdempotencyToken { get; init; }
    public Member? Key { get; init; }
    public Member? Value { get; init; }

    /// <summary>The model's name for the member's shape (<c>Id</c>, <c>PortfolioDisplayName</c>).</summary>
    public string Shape { get; init; } = "";

    /// <summary>The members one level down: a structure's, a list's item, a map's key and value.</summary>
    public IEnumerable<Member> Children =>
        (Members ?? []).Concat(new[] { Item, Key, Value }.OfType<Member>());
}

/// <summary>
/// One operation: its name, the short tag in case ids (<c>prov</c>), its input members in model order, and the errors
/// its model lists.
/// </summary>
public sealed record Operation(string Name, string Tag, IReadOnlyList<Member> Members)
{
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The <c>X-Amz-Target</c> and Content-Type a request to it is framed with.</summary>
    public string Target { get; init; } = "";
    public string ContentType { get; init; } = "";

    /// <summary>What an answer to this operation's output must fit (the output check).</summary>
    public Model.Shape? Output { get; init; }

    Member? input;

    /// <summary>The input structure as one member (no path): what a whole valid request is built from.</summary>
    public Member Input => input ??= new("", Name, MemberType.Structure, Members: Members);

    /// <summary>Every member, nested ones included, depth first.</summary>
    public IEnumerable<Member> AllMembers() => Members.SelectMany(Flatten);

    public bool Has(string member) => Members.Any(m => m.Name == member);

    public Member? Find(string path) => AllMembers().FirstOrDefault(m => m.Path == path);

    static IEnumerable<Member> Flatten(Member m) => new[] { m }.Concat(m.Children.SelectMany(Flatten));
}

/// <summary>
/// What the two published sources say about a member's pattern: the page (unanchored, as printed; botocore's form)
/// and the service model (anchored <c>^...$</c>). They are the two readings of DESIGN.md: <c>search</c> reads the
/// page's pattern as Smithy does (a match anywhere satisfies it), <c>full</c> reads the model's as Coral does (the
/// whole string must match). With one source, both readings read its pattern.
/// </summary>
public sealed record PatternSources(ContractPattern Page, ContractPattern Model)
{
    public bool Full(string s) => Model.Full(s);
    public bool Search(string s) => Page.Search(s);

    /// <summary>Both forms are single classes (<see cref="ContractPattern.Simple"/>): values are built from their
    /// characters. Otherwise they are built from the model's pattern itself.</summary>
    public bool Simple => Page.Simple && Model.Simple;

    /// <summary>A character every reading accepts at any position.</summary>
    public bool Allows(Rune r) => Page.Allows(r) && Model.Allows(r);

    /// <summary>A character some reading refuses after the first position.</summary>
    public bool Refuses(Rune r) => !Page.Rest(r) || !Model.Rest(r);

    /// <summary>Why a string's verdict depends on the source, citing both.</summary>
    public string Why(string what) =>
        $"{what}: the page's pattern {Page.Regex} is satisfied by a match anywhere (Smithy search); the current service " +
        $"model's {Model.Regex} needs the whole string (Coral)";
}
