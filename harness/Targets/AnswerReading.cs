using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NotifyContract.Harness.Targets;

/// <summary>What an answer's body is, before anyone asks what it means.</summary>
public enum BodyShape { Empty, JsonObject, OtherJson, NotJson, NotUtf8, Html }

/// <summary>
/// An answer read once by the awsJson1.1 rules (DESIGN.md, "Wire protocol"): the error code from
/// <c>x-amzn-ErrorType</c> or the body's <c>__type</c> (or <c>code</c>), anything before <c>#</c> and after <c>:</c>
/// stripped; the message from <c>message</c> or <c>Message</c>; a Smithy server's validation <c>fieldList</c>;
/// <see cref="Disagreement"/> when header and body name different codes; the media type and the body's shape. The
/// judge, throttling, the diagnosis and every report read this, never the bytes. Reading never throws: whatever a
/// target sends is an answer to judge.
/// </summary>
/// <param name="FieldList">A Smithy <c>ValidationException</c>'s <c>fieldList: [{path, message}]</c>, each entry as
/// sent (a member absent or not a string is null); empty when the body has none.</param>
public sealed record AnswerReading(
    int Status,
    string? Code,
    string? Message,
    string? Disagreement,
    string? ContentType,
    BodyShape Shape,
    NoAnswer? Failure,
    string? FailureDetail,
    IReadOnlyList<(string? Path, string? Message)> FieldList)
{
    public static AnswerReading Of(Answer a)
    {
        if (a.Failure is not null)
            return new(0, null, null, null, null, BodyShape.Empty, a.Failure,
                a.FailureDetail is null ? null : Printable(a.FailureDetail, MaxDetail), []);
        var header = Normalize(a.Header("x-amzn-ErrorType"));
        var (shape, bodyCode, message, fields) = ReadBody(a.Body, a.Header("Content-Type"));
        var disagreement = header is not null && bodyCode is not null && header != bodyCode
            ? $"x-amzn-ErrorType says {header} but the body says {bodyCode}"
            : null;
        return new(a.Status, header ?? bodyCode, message, disagreement, MediaType(a.Header("Content-Type")), shape,
            null, null, fields);
    }

    /// <summary>Nothing to judge: throttled after the retries, not sent (budget), or cut short (interrupted).</summary>
    public bool Unjudgeable => Kind.Unjudgeable;

    /// <summary>No answer at all (timeout, reset): a server fault.</summary>
    public bool Missing => Failure is NoAnswer.Timeout or NoAnswer.Connection;

    /// <summary>A 2xx whose body a client can read as the (empty) output: empty or a JSON object.</summary>
    public bool Success => Status == 200 && Shape is BodyShape.Empty or BodyShape.JsonObject;

    /// <summary>Refused as unauthenticated or unauthorised: the request itself was never judged.</summary>
    public bool AuthError => Status is 401 or 403 || AuthFailure.IsCode(Code);

    /// <summary><c>aws.protocoltests#Foo:http://internal...</c> means <c>Foo</c>. Shown as <see cref="Printable"/>.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var code = raw[(raw.IndexOf('#') + 1)..];
        var colon = code.IndexOf(':');
        if (colon >= 0) code = code[..colon];
        code = code.Trim();
        return code.Length == 0 ? null : Printable(code);
    }

    /// <summary>Longest code or media type kept as sent; AWS's codes are under 64 characters.</summary>
    const int MaxShown = 128;

    /// <summary>Longest reason for no answer kept: the transport's message may quote a whole header line.</summary>
    const int MaxDetail = 512;

    /// <summary>
    /// A target's word (an error code, a media type) as the console and the reports show it: control and format
    /// characters (a newline, an ANSI escape, a bidi override) and lone surrogates written as <c>\uXXXX</c>, and cut at
    /// <paramref name="max"/> characters, so a hostile target cannot rewrite the terminal or flood the summary.
    /// </summary>
    public static string Printable(string text, int max = MaxShown)
    {
        // Every answer's code and media type pass here: printable ASCII (all AWS sends) is shown as it is.
        if (text.Length <= max && !text.AsSpan().ContainsAnyExceptInRange(' ', '~')) return text;
        var cut = text.Length > max ? max - (char.IsHighSurrogate(text[max - 1]) ? 1 : 0) : text.Length;
        var shown = new StringBuilder();
        for (var i = 0; i < cut; i++)
        {
            var c = text[i];
            var paired = char.IsSurrogatePair(text, i) || (i > 0 && char.IsSurrogatePair(text, i - 1));
            if (char.IsControl(c) || (char.IsSurrogate(c) && !paired) || char.GetUnicodeCategory(c) is UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                shown.Append($"\\u{(int)c:X4}");
            else shown.Append(c);
        }
        if (cut < text.Length) shown.Append($"... ({text.Length} characters)");
        return shown.ToString();
    }

    /// <summary>What sets answers apart for the diagnosis (status, error code, media type, body shape).</summary>
    public AnswerKind Kind => new(Status, Code, ContentType, Shape, Failure);

    /// <summary>One line for a reason: <c>HTTP 400 InvalidParametersException</c>, <c>HTTP 200 with a body that
    /// is not a JSON object</c>, <c>no answer (timeout: ...)</c>.</summary>
    public string Describe()
    {
        if (Failure is { } failure)
            return $"no answer ({failure.ToString().ToLowerInvariant()}" +
                   $"{(FailureDetail is null ? "" : ": " + FailureDetail)})";
        var text = $"HTTP {Status}";
        if (Code is not null) text += $" {Code}";
        else if (Status >= 400) text += " with no error code";
        if (Disagreement is not null) text += $" ({Disagreement})";
        if (Status == 200 && !Success) text += " with a body that is not a JSON object";
        return text;
    }

    static string? MediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } media ? Printable(media) : null;

    static (BodyShape, string? Code, string? Message, IReadOnlyList<(string?, string?)> FieldList) ReadBody(
        byte[] body, string? contentType)
    {
        if (body.Length == 0) return (BodyShape.Empty, null, null, []);
        // Before parsing: the JSON reader takes invalid UTF-8 inside a string and throws only when it is read.
        if (!System.Text.Unicode.Utf8.IsValid(body)) return (BodyShape.NotUtf8, null, null, []);
        try
        {
            using var doc = JsonDocument.Parse(body, AnyDepth);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (BodyShape.OtherJson, null, null, []);
            try
            {
                return Members(doc.RootElement);
            }
            catch (InvalidOperationException) // an escaped lone surrogate in a name or a value: read it as text
            {
                using var kept = JsonDocument.Parse(LoneSurrogatesAsText(Encoding.UTF8.GetString(body)), AnyDepth);
                return Members(kept.RootElement);
            }
        }
        catch (JsonException)
        {
            return (LooksLikeHtml(body, contentType) ? BodyShape.Html : BodyShape.NotJson, null, null, []);
        }
    }

    /// <summary>JSON nested deeper than the reader's default of 64 is still JSON (the parser does not recurse, and a
    /// body is at most <see cref="HttpTarget.MaxBodyBytes"/>).</summary>
    static readonly JsonDocumentOptions AnyDepth = new() { MaxDepth = int.MaxValue };

    static (BodyShape, string?, string?, IReadOnlyList<(string?, string?)>) Members(JsonElement root) =>
        (BodyShape.JsonObject, Normalize(StringMember(root, "__type") ?? StringMember(root, "code")),
            StringMember(root, "message") ?? StringMember(root, "Message"),
            root.TryGetProperty("fieldList", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object)
                    .Select(f => (StringMember(f, "path"), StringMember(f, "message")))]
                : []);

    /// <summary>
    /// JSON text whose escaped lone surrogates (<c>\ud800</c> with no partner: a Java or .NET service echoing a probe)
    /// are text: valid JSON that System.Text.Json refuses to read as .NET text (it throws, names included). Each such
    /// escape stays its six characters, as <see cref="Printable"/> shows a lone surrogate; the rest is unchanged.
    /// </summary>
    static string LoneSurrogatesAsText(string json)
    {
        // The text parsed: every backslash starts an escape inside a string, and each \u has four hex digits.
        var kept = new StringBuilder(json.Length + 16);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\') { kept.Append(json[i]); continue; }
            if (json[i + 1] == 'u' && Unit(json, i) is var unit && char.IsSurrogate(unit))
            {
                if (char.IsHighSurrogate(unit) && json.AsSpan(i + 6).StartsWith("\\u")
                    && char.IsLowSurrogate(Unit(json, i + 6)))
                {
                    kept.Append(json, i, 12); // a pair: the character it escapes
                    i += 11;
                    continue;
                }
                kept.Append('\\'); // lone: the escape becomes text
            }
            kept.Append(json, i, 2);
            i++;
        }
        return kept.ToString();
    }

    /// <summary>The UTF-16 unit of the <c>\uXXXX</c> escape at <paramref name="at"/>.</summary>
    static char Unit(string json, int at) =>
        (char)int.Parse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    static bool LooksLikeHtml(byte[] body, string? contentType)
    {
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true) return true;
        var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 256)).TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
               || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    static string? StringMember(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// An answer's signature: answers alike in status, error code, media type and body shape are one kind. Shown as
/// <c>HTTP 500 text/html</c>, <c>HTTP 400 InvalidParametersException application/x-amz-json-1.1</c>,
/// <c>no answer (timeout)</c>.
/// </summary>
public readonly record struct AnswerKind(int Status, string? Code, string? ContentType, BodyShape Shape,
    NoAnswer? Failure)
{
    /// <summary>Throttled, over the budget or interrupted: the target's answer was never had.</summary>
    public bool Unjudgeable => Failure is NoAnswer.Throttled or NoAnswer.Budget or NoAnswer.Interrupted;

    public override string ToString() => Failure is { } f
        ? $"no answer ({f.ToString().ToLowerInvariant()})"
        : $"HTTP {Status}{(Code is null ? "" : " " + Code)} {ContentType ?? "without Content-Type"}{ShapeWords}";

    string ShapeWords => Shape switch
    {
        BodyShape.Empty => ", empty body",
        BodyShape.OtherJson => ", JSON that is not an object",
        BodyShape.NotJson => ", a body that is not JSON",
        BodyShape.NotUtf8 => ", a body that is not UTF-8",
        BodyShape.Html when ContentType?.Contains("html") != true => ", an HTML page",
        _ => "",
    };
}
