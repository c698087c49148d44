using System.Text;

namespace NotifyContract.Harness.Report;

/// <summary>
/// GitHub Actions: when <c>GITHUB_STEP_SUMMARY</c> names a file, a run appends its summary line and diagnosis to it
/// as markdown (a merge appends its matrix), so the job page shows them without opening an artifact.
/// </summary>
public static class StepSummary
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>A run's section: a title, the summary line in bold, the diagnosis as a list.</summary>
    public static string Section(string title, string line, IEnumerable<string> diagnosis)
    {
        var md = new StringBuilder($"### {title}\n\n**{line}**\n\n");
        var sentences = diagnosis.Select(s => $"- {s.Replace("\n", " ")}\n").ToList();
        if (sentences.Count > 0) md.AppendJoin("", sentences).Append('\n');
        return md.ToString();
    }

    /// <summary>Appends when the variable is set; a file it cannot write is a warning, never a failed run.</summary>
    public static void Append(string markdown, string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path)) return;
        try { File.AppendAllText(path, markdown, new UTF8Encoding(false)); }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            Console.Error.WriteLine($"notify-contract: warning: cannot append to {Variable} ({path}): " +
                                    $"{e.Message.Split('\n')[0]}");
        }
    }
}
