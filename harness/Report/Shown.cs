using System.Text;

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
    /// A target's text as report.md shows it, read in a terminal or a pager: control characters other than tab, line
    /// feed and carriage return (an ANSI escape, a bell, C1 controls) written as <c>\uXXXX</c>, so an answer cannot
    /// drive the reader's terminal. report.json keeps the exact text.
    /// </summary>
    public static string Inert(string text)
    {
        if (!text.Any(Drives)) return text;
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text) shown.Append(Drives(c) ? $"\\u{(int)c:X4}" : c);
        return shown.ToString();
    }

    static bool Drives(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>At most <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}... ({text.Length - max} more characters)";
}
