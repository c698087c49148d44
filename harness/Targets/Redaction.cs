using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// Cuts user-supplied secrets (credentials, the request signature, a real workflow token) out of what a target sends
/// back, by exact replacement in every form a server may echo them: as is, JSON-escaped, URL-encoded and base64 (also
/// inside a longer base64 text, at each of the three byte alignments). Everything else is left byte for byte.
/// </summary>
public sealed class Redaction
{
    /// <summary>What a cut credential becomes.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Shorter base64 runs of a secret's middle would match unrelated text.</summary>
    const int MinAlignedForm = 12;

    /// <summary>One form of a secret, as text and as UTF-8, and what replaces it.</summary>
    sealed record Form(string Text, byte[] Bytes, string Label, byte[] LabelBytes);

    readonly Form[] forms;

    Redaction(Form[] forms) => this.forms = forms;

    public static readonly Redaction None = new([]);

    /// <param name="secrets">Each secret and what it is shown as instead.</param>
    public static Redaction Of(IEnumerable<(string? Value, string Label)> secrets)
    {
        // Built per request for the signature: loops, not a LINQ chain per form.
        List<Form> forms = [];
        foreach (var (value, label) in secrets)
        {
            if (string.IsNullOrEmpty(value)) continue;
            var labelBytes = Encoding.UTF8.GetBytes(label);
            foreach (var form in Forms(value))
                if (!forms.Exists(f => f.Text == form))
                    forms.Add(new(form, Encoding.UTF8.GetBytes(form), label, labelBytes));
        }
        // Longest first: a form inside a longer one must not break the longer one's match.
        return new([.. forms.OrderByDescending(f => f.Text.Length)]);
    }

    /// <summary>The answer without any secret; the same instance when it holds none (the send loop's common case).</summary>
    public Answer Cut(Answer a)
    {
        if (!Leaks(a)) return a;
        return a with
        {
            Headers = [.. a.Headers.Select(h => KeyValuePair.Create(Cut(h.Key), Cut(h.Value)))],
            Body = Cut(a.Body),
            FailureDetail = a.FailureDetail is { } d ? Cut(d) : null,
        };
    }

    public string Cut(string text) =>
        forms.Aggregate(text, (t, f) =>
            t.Contains(f.Text, StringComparison.Ordinal) ? t.Replace(f.Text, f.Label, StringComparison.Ordinal) : t);

    public byte[] Cut(byte[] body) => forms.Aggregate(body, (b, f) => Replace(b, f.Bytes, f.LabelBytes));

    bool Leaks(Answer a)
    {
        foreach (var f in forms)
        {
            if (a.Body.AsSpan().IndexOf(f.Bytes) >= 0
                || a.FailureDetail?.Contains(f.Text, StringComparison.Ordinal) == true)
                return true;
            foreach (var (name, value) in a.Headers)
                if (name.Contains(f.Text, StringComparison.Ordinal) || value.Contains(f.Text, StringComparison.Ordinal))
                    return true;
        }
        return false;
    }

    /// <summary>The forms a server may echo a secret in.</summary>
    static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        // A request's signature (hex) and most access keys have no character any escaping changes: their escaped forms
        // are the secret itself, not worth building per request.
        if (!Plain(secret))
            foreach (var escaped in Escaped(secret))
                yield return escaped;
        var utf8 = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(utf8);
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'); // base64url
        // Inside a longer base64 text the secret may start at any byte offset: the whole 3-byte groups in its middle
        // encode the same way whatever surrounds them.
        for (var skip = 0; skip < 3; skip++)
        {
            var whole = (utf8.Length - skip) / 3 * 3;
            if (whole <= 0) continue;
            var middle = Convert.ToBase64String(utf8, skip, whole);
            if (middle.Length < MinAlignedForm) continue;
            yield return middle;
            yield return middle.Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>JSON-escaped (both encoders' ways) and URL-encoded.</summary>
    static IEnumerable<string> Escaped(string secret)
    {
        var json = JsonEncodedText.Encode(secret, JavaScriptEncoder.Default).ToString(); // "+" as \u002B
        yield return json;
        yield return json.Replace("\\u002B", "\\u002b");
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()
            .Replace("/", "\\/");
        var url = Uri.EscapeDataString(secret);
        yield return url;
        yield return PercentLower(url);
        yield return url.Replace("%20", "+"); // form encoding
    }

    /// <summary>Only ASCII letters, digits and <c>-._</c>: left as they are by JSON escaping and URL encoding.</summary>
    static bool Plain(string secret) => !secret.AsSpan().ContainsAnyExcept(PlainChars);

    static readonly SearchValues<char> PlainChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._");

    static string PercentLower(string url)
    {
        var s = new StringBuilder(url);
        for (var i = 0; i + 2 < s.Length; i++)
            if (s[i] == '%') { s[i + 1] = char.ToLowerInvariant(s[i + 1]); s[i + 2] = char.ToLowerInvariant(s[i + 2]); }
        return s.ToString();
    }

    /// <summary>Every occurrence of <paramref name="secret"/> replaced; the same array when there is none.</summary>
    internal static byte[] Replace(byte[] body, byte[] secret, byte[] label)
    {
        if (body.AsSpan().IndexOf(secret) < 0) return body;
        var result = new MemoryStream();
        var rest = body.AsSpan();
        for (var at = rest.IndexOf(secret); at >= 0; at = rest.IndexOf(secret))
        {
            result.Write(rest[..at]);
            result.Write(label);
            rest = rest[(at + secret.Length)..];
        }
        result.Write(rest);
        return result.ToArray();
    }
}
