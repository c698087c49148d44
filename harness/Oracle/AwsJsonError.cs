using System.Text.Json;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Oracle;

/// <summary>
/// An answer read by the awsJson1.1 rules: the error code from <c>x-amzn-ErrorType</c> or the body's
/// <c>__type</c> (or <c>code</c>), namespace before <c>#</c> and anything after <c>:</c> stripped; the message
/// from <c>message</c> or <c>Message</c>. <see cref="Disagreement"/> is set when header and body name different codes.
/// </summary>
public sealed record AwsJsonError(string? Code, string? Message, string? Disagreement, bool BodyIsJsonObject)
{
    public static AwsJsonError Read(Answer answer)
    {
        var header = Normalize(answer.Header("x-amzn-ErrorType"));
        var (bodyCode, message, isObject) = ReadBody(answer.Body);
        var disagreement = header is not null && bodyCode is not null && header != bodyCode
            ? $"x-amzn-ErrorType says {header} but the body says {bodyCode}"
            : null;
        return new(header ?? bodyCode, message, disagreement, isObject);
    }

    /// <summary><c>aws.protocoltests#Foo:http://internal...</c> means <c>Foo</c>.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var code = raw;
        var hash = code.IndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        var colon = code.IndexOf(':');
        if (colon >= 0) code = code[..colon];
        code = code.Trim();
        return code.Length == 0 ? null : code;
    }

    static (string? Code, string? Message, bool IsObject) ReadBody(byte[] body)
    {
        if (body.Length == 0) return (null, null, false);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null, false);
            var root = doc.RootElement;
            var code = Normalize(StringMember(root, "__type") ?? StringMember(root, "code"));
            return (code, StringMember(root, "message") ?? StringMember(root, "Message"), true);
        }
        catch (JsonException)
        {
            return (null, null, false);
        }
    }

    static string? StringMember(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
