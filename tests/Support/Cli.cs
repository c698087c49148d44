using System.Diagnostics;

namespace NotifyContract.Tests.Support;

/// <summary>The harness's command line as users run it: a child process (<c>dotnet notify-contract.dll ...</c>).</summary>
public static class Cli
{
    public static ProcessStartInfo Command(IReadOnlyDictionary<string, string>? env, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "notify-contract.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // The tool turns tiered compilation off for its long runs; a test's run of a second or two would spend most of
        // its CPU compiling fully optimised code it runs a few times (the environment overrides runtimeconfig.json).
        start.Environment["DOTNET_TieredCompilation"] = "1";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    /// <summary>Runs the command line to its end: exit code, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var process = Process.Start(Command(env, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            { process.Kill(true); Assert.Fail("the harness did not exit"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
