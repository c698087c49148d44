using System.Text;
using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>Protocol.*</c>: a valid request with its framing broken, one fault per rule, each with a few variants. The
/// deserializer or router rejects them before validation: any client error.
/// </summary>
internal static class ProtocolProbes
{
    static Func<Draft, Draft> Body(Func<byte[], byte[]> change) =>
        d => d with { Frame = Frame.Standard(d.Operation.Name) with { Body = change } };

    static Func<Draft, Draft> Headers(Func<string, Frame> frame) => d => d with { Frame = frame(d.Operation.Name) };

    static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>The request's members as a form, as a client of a query protocol would send them.</summary>
    static byte[] FormEncoded(byte[] json) => Utf8(string.Join('&',
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject()
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value.ToString())}")));

    /// <summary>A string value holding bytes that are not UTF-8 (a stray byte, a lone continuation, an overlong form, an encoded surrogate).</summary>
    static Func<Draft, Draft> InvalidUtf8(params byte[] bad) => d => d with
    {
        Edit = new Edit("WorkflowToken", new Json.Raw([(byte)'"', (byte)'A', .. bad, (byte)'A', (byte)'"'])),
    };

    public static readonly IReadOnlyList<(RuleId Rule, Func<Draft, Draft>[] Variants)> Faults =
    [
        (new("Protocol.notJson"),
        [
            Body(FormEncoded),
            Body(json => json[..(json.Length / 2)]), // cut mid-document
            Body(json => [.. Utf8("<?xml version=\"1.0\"?>"), .. json]),
        ]),
        (new("Protocol.emptyBody"), [Body(_ => [])]),
        (new("Protocol.notObject"),
        [
            Body(json => [(byte)'[', .. json, (byte)']']),
            Body(_ => Utf8("\"SUCCEEDED\"")),
            Body(_ => Utf8("42")),
            Body(_ => Utf8("true")),
        ]),
        (new("Protocol.invalidUtf8"), [InvalidUtf8(0xFF), InvalidUtf8(0x80), InvalidUtf8(0xC0, 0xAF), InvalidUtf8(0xED, 0xA0, 0x80)]),
        (new("Protocol.unknownTarget"),
        [
            Headers(op => new($"{ServiceCatalog.TargetPrefix}.{op}V2", ServiceCatalog.ContentType)),
            Headers(_ => new($"{ServiceCatalog.TargetPrefix}.NotifyNothingEngineWorkflowResult", ServiceCatalog.ContentType)),
            Headers(op => new($"NoSuchService20151210.{op}", ServiceCatalog.ContentType)),
        ]),
        (new("Protocol.missingTarget"), [Headers(_ => new(null, ServiceCatalog.ContentType))]),
        (new("Protocol.wrongContentType"),
        [
            Headers(op => new(ServiceCatalog.Target(op), "text/plain")),
            Headers(op => new(ServiceCatalog.Target(op), "application/xml")),
            Headers(op => new(ServiceCatalog.Target(op), "application/x-www-form-urlencoded")),
        ]),
    ];
}
