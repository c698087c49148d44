namespace NotifyContract.Generators.Contract;

/// <summary>How a Smithy pattern is anchored in the published model (Smithy patterns search; they do not full-match).</summary>
public enum Anchoring
{
    /// <summary>No anchor: satisfied by any string that contains a match.</summary>
    None,
    /// <summary>Anchored at the start only (<c>^...</c>): satisfied by any string with a matching prefix.</summary>
    Start,
    /// <summary>Anchored at both ends (<c>^...$</c>): the whole string must match.</summary>
    Both,
}

public sealed record ContractPattern(string Regex, Anchoring Anchoring);

public enum MemberType { String, Structure, List }

/// <summary>
/// One member of an input shape. <see cref="Path"/> is the dotted path used in rule ids
/// (<c>ResourceIdentifier.UniqueTag.Key</c>); nested members are in <see cref="Members"/> (structures)
/// or <see cref="Item"/> (lists).
/// </summary>
public sealed record Member(
    string Path,
    string Name,
    MemberType Type,
    bool Required = false,
    int? MinLength = null,
    int? MaxLength = null,
    ContractPattern? Pattern = null,
    IReadOnlyList<string>? Enum = null,
    IReadOnlyList<Member>? Members = null,
    Member? Item = null,
    bool IdempotencyToken = false);

public sealed record Operation(string Name, IReadOnlyList<Member> Members, IReadOnlyList<string> Errors)
{
    /// <summary>Every member, nested ones included, depth first.</summary>
    public IEnumerable<Member> AllMembers() => Members.SelectMany(Flatten);

    static IEnumerable<Member> Flatten(Member m) =>
        new[] { m }
            .Concat((m.Members ?? []).SelectMany(Flatten))
            .Concat(m.Item is null ? [] : Flatten(m.Item));
}
