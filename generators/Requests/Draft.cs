using System.IO.Hashing;
using System.Text.Unicode;
using NotifyContract.Generators.Contract;

namespace NotifyContract.Generators.Requests;

/// <summary>
/// One change to a valid request: set the member at <see cref="Path"/> (remove it when Value is null). Smaller edits
/// carry their own <see cref="Note"/>: a shrunk case says what it became.
/// </summary>
internal sealed record Edit(string Path, Json? Value, Func<IEnumerable<Edit>>? Smaller = null, string? Note = null)
{
    public Json.Obj ApplyTo(Json.Obj request, Operation op) =>
        (Json.Obj)Json.Edit(request, null, op.Members, Path.Split('.'), Value)!;
}

/// <summary>How a protocol case breaks the framing: a changed or missing header, or body bytes changed after rendering.</summary>
internal sealed record Frame(string? Target, string? ContentType, Func<byte[], byte[]>? Body = null)
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<Operation, Frame> Standards =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>The operation's own framing (built once per operation: every case uses it).</summary>
    public static Frame Standard(Operation op) => Standards.GetOrAdd(op, o => new Frame(o.Target, o.ContentType));
}

/// <summary>
/// The structured form behind a <see cref="Case"/>: a valid base request, the one edit the rule makes, the framing,
/// the label and what it probes (<see cref="Note"/>); for a pair, the edit of its second request (<see cref="Then"/>).
/// The shrinker changes the base (toward the smallest valid request) or the edit (by its own Smaller), then renders
/// again: the base stays valid and the edit stays the rule's, so a shrunk case breaks the same rule and no other.
/// </summary>
internal sealed record Draft(
    Operation Operation,
    Json.Obj Base,
    RuleId Rule,
    Expectation Expect,
    Ambiguity? Ambiguity = null,
    Edit? Edit = null,
    Frame? Frame = null,
    string? Note = null,
    Edit? Then = null)
{
    /// <summary>Reused per thread: the hasher's state is large, and a case needs it only for its id.</summary>
    [ThreadStatic] static XxHash3? hasher;

    public Json.Obj Request => Edit?.ApplyTo(Base, Operation) ?? Base;

    /// <summary>The request's RecordId without building the request (only an edit of RecordId itself changes it).</summary>
    public Json? RecordId => Edit is { Path: "RecordId" } e ? e.Value : Base["RecordId"];

    public Case Render()
    {
        var frame = Frame ?? Frame.Standard(Operation);
        var body = Request.ToBytes();
        if (frame.Body is not null) body = frame.Body(body);
        var headers = new List<KeyValuePair<string, string>>(2);
        if (frame.Target is not null) headers.Add(new("X-Amz-Target", frame.Target));
        if (frame.ContentType is not null) headers.Add(new("Content-Type", frame.ContentType));
        var id = Id(headers, body);
        return new Case(id, Operation.Name, Rule, Expect, Ambiguity, headers, body)
        {
            Note = Note, Draft = this, Definition = Operation,
            // A pair is one case: its second request (this request with the Then edit) goes under the same id.
            Then = Then is null ? null : (this with { Edit = Then, Then = null }).Render() with { Id = id },
        };
    }

    /// <summary>Content-addressed: operation tag, rule, and a hash of the headers and body.</summary>
    string Id(List<KeyValuePair<string, string>> headers, byte[] body)
    {
        var hash = hasher ??= new XxHash3();
        hash.Reset();
        Span<byte> line = stackalloc byte[512]; // header names and values are short constants
        foreach (var h in headers)
            hash.Append(Utf8.TryWrite(line, $"{h.Key}:{h.Value}\n", out var n) ? line[..n]
                : throw new InvalidOperationException("header too long"));
        hash.Append(body);
        return $"{Operation.Tag}.{Rule}.{hash.GetCurrentHashAsUInt64():x16}";
    }

    /// <summary>Smaller drafts that keep the rule: a smaller base first, then a smaller edit.</summary>
    public IEnumerable<Draft> Smaller() =>
        Bases.Smaller(Operation, Base).Select(b => this with { Base = b })
            .Concat((Edit?.Smaller?.Invoke() ?? []).Select(e => this with { Edit = e, Note = e.Note }));
}
