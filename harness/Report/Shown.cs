using System.Text;
using System.Xml.Linq;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Report;

/// <summary>
/// How bytes are shown in reports: exactly as sent or received, as text when they are UTF-8 (never re-serialised:
/// a character stays the character that was sent), base64 otherwise. Nothing here hides anything: secrets never reach
/// a case (a real workflow token is a stand-in until the transport sends it) nor an answer (the transport cuts them).
/// </summary>
public static class Shown
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The bytes as text, or null when they are not UTF-8 (show base64 then).</summary>
    public static string? Text(byte[] body)
    {
        try { return StrictUtf8.GetString(body); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>
    /// A target's text as report.md and junit.xml show it, read in a terminal, a pager or a CI page: control characters
    /// other than tab, line feed and carriage return (an ANSI escape, a bell, C1 controls), lone surrogates and the
    /// noncharacters U+FFFE and U+FFFF written as <c>\uXXXX</c>, so an answer cannot drive the reader's terminal and
    /// the text is all XML 1.0 characters. report.json keeps the exact text.
    /// </summary>
    public static string Inert(string text)
    {
        if (!Enumerable.Range(0, text.Length).Any(i => Unfit(text, i))) return text;
        var shown = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++) shown.Append(Unfit(text, i) ? $"\\u{(int)text[i]:X4}" : text[i]);
        return shown.ToString();
    }

    static bool Unfit(string text, int i) => text[i] switch
    {
        '\t' or '\n' or '\r' => false,
        '\uFFFE' or '\uFFFF' => true,
        var c when char.IsSurrogate(c) =>
            !char.IsSurrogatePair(text, i) && (i == 0 || !char.IsSurrogatePair(text, i - 1)),
        var c => char.IsControl(c),
    };

    /// <summary><paramref name="xml"/> with every attribute value and text <see cref="Inert"/>: XML 1.0 cannot hold a
    /// control character or a lone surrogate at all (<c>XDocument.Save</c> throws on one).</summary>
    public static XDocument Inert(XDocument xml)
    {
        foreach (var attribute in xml.Descendants().Attributes()) attribute.Value = Inert(attribute.Value);
        foreach (var text in xml.DescendantNodes().OfType<XText>()) text.Value = Inert(text.Value);
        return xml;
    }

    /// <summary>A target's text (a reason, a note) on one line of markdown or in a table cell: <see cref="Inert"/>,
    /// line breaks as spaces, pipes escaped.</summary>
    public static string OneLine(string text) => Inert(text).Replace("|", "\\|").Replace("\n", " ");

    /// <summary>Words as a sentence lists them: <c>A, B and C</c>.</summary>
    public static string And(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

    /// <summary>The first <paramref name="max"/> names and how many more: <c>A, B, C and 40 more</c>.</summary>
    public static string Some(IReadOnlyList<string> names, int max) =>
        string.Join(", ", names.Take(max)) + (names.Count > max ? $" and {names.Count - max} more" : "");

    /// <summary>At most <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}... ({text.Length - max} more characters)";
}

/// <summary>
/// A counterexample's exact texts as report.md and report.html lay them out, each a labelled block: the request, the
/// answer (<see cref="Shown.Inert"/>), the retry's, and for a live run the curl line that resends it (else the
/// <c>repro/</c> file holding the body). A block's language is its markdown code fence's.
/// </summary>
public sealed record ShownExample(IReadOnlyList<(string Label, string Text, string Language)> Blocks, string? BodyFile)
{
    const int ShownBody = 600;

    public static ShownExample Of(Counterexample c, Resend? resend)
    {
        var headers = string.Concat(c.Case.Headers.Select(h => $"{h.Key}: {h.Value}\n"));
        List<(string, string, string)> blocks =
        [
            ("Request:", $"POST /\n{headers}\n{Body(c.Case.Body)}", "http"),
            ("Answer:", Answer(c.Answer), ""),
        ];
        if (c.Retry is { } retry)
            blocks.Add((c.Case.Then is null ? "Identical retry:" : "The same token again with another body:",
                Answer(retry), ""));
        if (resend is null) return new(blocks, Resend.BodyFile(c.Case));
        var label = $"Resend it (in the report folder{(c.Retry is null ? "" : "; twice for the retry")}):";
        blocks.Add((resend.Note(c.Case) is { } note ? $"{label}\n{note}" : label, resend.Command(c.Case), "sh"));
        return new(blocks, null);
    }

    static string Body(byte[] body) =>
        Shown.Text(body) is { } text ? Shown.Clip(text, ShownBody)
            : $"(not UTF-8, base64) {Convert.ToBase64String(body)}";

    /// <summary>What the target answered, its text made <see cref="Shown.Inert"/>.</summary>
    static string Answer(Answer a)
    {
        if (a.Failure is not null) return a.Reading.Describe();
        var text = new StringBuilder($"HTTP {a.Status}\n");
        foreach (var (k, v) in a.Headers) text.Append($"{k}: {v}\n");
        return Shown.Inert(text.Append('\n').Append(Body(a.Body)).ToString());
    }
}
