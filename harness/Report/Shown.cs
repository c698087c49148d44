using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotifyContract.Harness.Report;

/// <summary>
/// How bytes are shown in reports: text when they are UTF-8, base64 otherwise. In live runs a
/// <c>WorkflowToken</c> is shown as its length and a hash: a real one is an encrypted payload.
/// </summary>
public static class Shown
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body as text, or null when the bytes are not UTF-8 (show base64 then).</summary>
    public static string? Text(byte[] body, bool redactWorkflowToken)
    {
        string text;
        try { text = StrictUtf8.GetString(body); }
        catch (DecoderFallbackException) { return null; }
        return redactWorkflowToken ? RedactWorkflowToken(text) : text;
    }

    public static string RedactWorkflowToken(string body)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(body); }
        catch (JsonException) { return body; }
        if (node is not JsonObject o || o["WorkflowToken"] is not JsonValue v || !v.TryGetValue<string>(out var token))
            return body;
        o["WorkflowToken"] = Fingerprint(token);
        return o.ToJsonString(Relaxed);
    }

    public static string Fingerprint(string secret) =>
        $"<{secret.Length} chars, sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16]}>";

    /// <summary>At most <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}... ({text.Length - max} more characters)";
}
