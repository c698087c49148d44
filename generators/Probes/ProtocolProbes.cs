using System.Text;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>Protocol.*</c>: a valid request with its framing broken, one fault per rule, each with a few variants. The
/// deserializer or router rejects them before validation: any client error. The page says nothing of another
/// Content-Type, so those cases are observed: <c>strict</c> expects a client error, <c>lenient</c> (moto's and
/// LocalStack's parsers ignore the header) the valid request's answer.
/// </summary>
internal static class ProtocolProbes
{
    static Func<Draft, Draft> Body(string note, Func<byte[], byte[]> change) =>
        d => d with { Frame = Frame.Standard(d.Operation) with { Body = change }, Note = note };

    static Func<Draft, Draft> Headers(string note, Func<Operation, Frame> frame) =>
        d => d with { Frame = frame(d.Operation), Note = note };

    /// <summary>The service's part of the X-Amz-Target header (<c>AWS242ServiceCatalogService</c>).</summary>
    static string Prefix(Operation op) => op.Target[..op.Target.LastIndexOf('.')];

    /// <summary>The standard request with another Content-Type (null: none at all), observed under both readings.</summary>
    static Func<Draft, Draft> ContentType(string? type) => d => Headers(
        type is null ? "no Content-Type header" : $"Content-Type: {type}",
        op => new(op.Target, type))(d) with
    {
        Expect = Expectation.Observe,
        Ambiguity = Probes.ContentType(Expectation.ClientError, Probes.Valid,
            $"the page names {d.Operation.ContentType} but not what a server does with {(type is null ? "no Content-Type" : type)}"),
    };

    static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>The request's members as a form, as a client of a query protocol would send them (a request without
    /// members: one empty field, so there is still a body, and it is not JSON).</summary>
    static byte[] FormEncoded(byte[] json) => Utf8(string.Join('&',
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject()
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value.ToString())}")) is { Length: > 0 } form ? form : "=");

    /// <summary>
    /// The operation's first string member holding bytes that are not UTF-8 (a stray byte, a lone continuation, an
    /// overlong form, an encoded surrogate); an operation without one gets them in a member of its own.
    /// </summary>
    static Func<Draft, Draft> InvalidUtf8(params byte[] bad) => d =>
    {
        var member = d.Operation.Members.FirstOrDefault(m => m.Type == MemberType.String)?.Name ?? "Comment";
        return d with
        {
            Edit = new Edit(member, new Json.Raw([(byte)'"', (byte)'A', .. bad, (byte)'A', (byte)'"'])),
            Note = $"{member} holds the bytes {Convert.ToHexString(bad)}",
        };
    };

    public static readonly IReadOnlyList<(RuleId Rule, Func<Draft, Draft>[] Variants)> Faults =
    [
        (new("Protocol.notJson"),
        [
            Body("the members form-encoded", FormEncoded),
            Body("the JSON cut mid-document", json => json[..(json.Length / 2)]),
            Body("an XML declaration before the JSON", json => [.. Utf8("<?xml version=\"1.0\"?>"), .. json]),
        ]),
        (new("Protocol.emptyBody"), [Body("no body", _ => [])]),
        (new("Protocol.notObject"),
        [
            Body("the request inside an array", json => [(byte)'[', .. json, (byte)']']),
            Body("a JSON string", _ => Utf8("\"SUCCEEDED\"")),
            Body("a JSON number", _ => Utf8("42")),
            Body("a JSON boolean", _ => Utf8("true")),
        ]),
        (new("Protocol.invalidUtf8"), [InvalidUtf8(0xFF), InvalidUtf8(0x80), InvalidUtf8(0xC0, 0xAF),
            InvalidUtf8(0xED, 0xA0, 0x80)]),
        (new("Protocol.unknownTarget"),
        [
            Headers("an operation name with a suffix",
                op => new($"{op.Target}V2", op.ContentType)),
            Headers("an operation the service does not have",
                op => new($"{Prefix(op)}.NotifyNothingEngineWorkflowResult", op.ContentType)),
            Headers("another service's prefix", op => new($"NoSuchService20151210.{op.Name}", op.ContentType)),
        ]),
        (new("Protocol.missingTarget"),
            [Headers("no X-Amz-Target header", op => new(null, op.ContentType))]),
        (new("Protocol.wrongContentType"),
        [
            ContentType("text/plain"),
            ContentType("application/xml"),
            ContentType("application/x-www-form-urlencoded"),
            ContentType(null),
        ]),
    ];
}
