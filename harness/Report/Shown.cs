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

    /// <summary>At most <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}... ({text.Length - max} more characters)";
}
