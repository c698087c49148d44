using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace NotifyContract.Generators.Export;

/// <summary>
/// Cases as JSON Lines (DESIGN.md): id, operation, rule, expect, ambiguity, note, the signing fault of an <c>Auth.*</c>
/// case, headers, and the exact body as text (<c>body</c>) or, when the bytes are not UTF-8, as <c>bodyBase64</c>; a
/// pair's second request as <c>then: {body}</c>. The JSON string decodes to the exact body.
/// </summary>
public static class CaseExport
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly byte[] NewLine = [(byte)'\n'];

    public static void Write(Stream output, IEnumerable<Case> cases)
    {
        using var w = new Utf8JsonWriter(output, Options);
        foreach (var c in cases)
        {
            WriteLine(w, c);
            w.Flush();
            output.Write(NewLine);
            w.Reset();
        }
    }

    /// <summary>One case as one JSON object (the caller ends the line).</summary>
    public static void WriteLine(Utf8JsonWriter w, Case c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("operation", c.Operation);
        w.WriteString("rule", c.Rule.Value);
        w.WriteString("expect", c.Expect.Wire());
        w.WritePropertyName("ambiguity");
        if (c.Ambiguity is { } a)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind.Wire());
            foreach (var (reading, expect) in a.ByReading) w.WriteString(reading, expect.Wire());
            w.WriteString("why", a.Why);
            w.WriteEndObject();
        }
        else w.WriteNullValue();
        w.WriteString("note", c.Note);
        // Only on the cases that have them, so other lines stay as they were.
        if (c.SigningFault is { } fault) w.WriteString("signing", fault.Wire());
        w.WriteStartObject("headers");
        foreach (var h in c.Headers) w.WriteString(h.Key, h.Value);
        w.WriteEndObject();
        WriteBody(w, c.Body);
        if (c.Then is { } then)
        {
            w.WriteStartObject("then");
            WriteBody(w, then.Body);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    static void WriteBody(Utf8JsonWriter w, byte[] body)
    {
        if (Utf8.IsValid(body)) w.WriteString("body", body);
        else w.WriteBase64String("bodyBase64", body);
    }
}
