using System.Text.RegularExpressions;

namespace NotifyContract.Harness.Report;

/// <summary>Commands written for a person to paste into a POSIX shell (the replay line, the curl lines).</summary>
public static partial class Shell
{
    /// <summary>A word as a POSIX shell reads it back: as is when it holds nothing the shell treats specially, else in
    /// single quotes (a single quote inside written as <c>'\''</c>).</summary>
    public static string Quote(string word) =>
        Plain().IsMatch(word) ? word : $"'{word.Replace("'", "'\\''")}'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:@%+=,-]+\z")] // \z: $ matches before a final newline
    private static partial Regex Plain();
}
