using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace NotifyContract.Tests.Docs;

/// <summary>
/// The README's first session, as a new user runs it: the <c>sh</c> blocks between <c>&lt;!-- first-session --&gt;</c>
/// and <c>&lt;!-- /first-session --&gt;</c>, in order, in one bash from the repository's root, exactly as written. They
/// serve the stub through <c>./run-tests.sh</c> (which builds the harness first when a source changed, as it does for
/// the user) and send it curl requests; the answers the README shows must be the answers they get.
/// </summary>
public partial class ReadmeFirstSessionTests
{
    /// <summary>The README's fixed port: the only word of the blocks the test changes.</summary>
    const string ReadmePort = "8080";

    static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    /// <summary>The fenced blocks of one language inside the README's first-session region, in order.</summary>
    static List<string> Blocks(string language)
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var region = Region().Match(readme);
        Assert.True(region.Success, "README.md has no <!-- first-session --> ... <!-- /first-session --> region");
        return [.. Fence().Matches(region.Groups[1].Value).Where(m => m.Groups[1].Value == language)
            .Select(m => m.Groups[2].Value)];
    }

    [GeneratedRegex(@"<!-- first-session -->\n(.*?)<!-- /first-session -->", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    [Fact]
    public async Task The_first_session_serves_the_stub_and_gets_the_answers_the_README_shows()
    {
        var script = string.Join("\n", Blocks("sh"));
        Assert.Contains($"--serve {ReadmePort}", script);
        // An OS-picked free port in place of the README's, everywhere in the blocks: two runs of the suite, or a user's
        // server on 8080, never meet. Nothing else is changed.
        var port = FreePort().ToString();
        script = script.Replace(ReadmePort, port);

        // setsid: bash leads a process group of its own (its id is bash's: a child of this process is no group leader,
        // so setsid need not fork), and whatever the blocks start, the stub included, is killed with that group.
        var start = new ProcessStartInfo("setsid")
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root() };
        foreach (var a in new[] { "bash", "-c", script }) start.ArgumentList.Add(a);
        // If run-tests.sh builds, its MSBuild nodes and compiler server end with the build instead of staying to serve
        // other builds: they are in the group this test kills.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        using var bash = Process.Start(start)!;
        try
        {
            // The stub holds bash's stdout too: both ends come only once the README's `kill %1` has stopped it. The
            // bound is a hang guard (a build may come first on a loaded machine), not a timing assertion.
            var stdout = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = await stdout.WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
            var errors = await stderr;

            Assert.True(bash.ExitCode == 0, $"the first session failed (exit {bash.ExitCode}):\n{output}\n{errors}");
            Assert.Contains("\nHTTP 200\n", output);
            Assert.Contains("\nHTTP 400\n", output);
            // The stub's two lines, its start (written once it listens, so it may land between curl's writes) and its
            // end; the rest is what the curl lines printed: the README's answers, as it shows them, in its order.
            var started = Started().Match(output);
            Assert.True(started.Success, output);
            Assert.Equal(port, started.Groups[1].Value);
            var answers = output.Remove(started.Index, started.Length);
            Assert.EndsWith("stopped\n", answers);
            Assert.Equal(string.Concat(Blocks("text")), answers[..^"stopped\n".Length]);
        }
        finally
        {
            // The group is gone already unless a step hung ("no such process" then goes to the redirected stderr).
            var group = new ProcessStartInfo("kill") { RedirectStandardError = true };
            foreach (var a in new[] { "-KILL", "--", $"-{bash.Id}" }) group.ArgumentList.Add(a);
            using var kill = Process.Start(group)!;
            kill.WaitForExit();
        }
    }

    [GeneratedRegex(@"reference stub on http://127\.0\.0\.1:(\d+)/ with records [^\n]*\n")]
    private static partial Regex Started();

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
