using System.Globalization;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Cli;

/// <summary>
/// The command that replays a run: every flag that changes the cases or the verdicts, each word shell-quoted, so it
/// can be pasted into a shell as it is. It names the environment variable of a real token, never the token, and the
/// endpoint without user info.
/// </summary>
public static class Replay
{
    /// <summary>The command the user ran, for the replay line and the pointer to <c>--help</c>: what
    /// <c>NOTIFYCONTRACT_LAUNCHER</c> says (run-tests.sh exports <c>./run-tests.sh</c>), else the installed tool's.</summary>
    public static string Program =>
        Environment.GetEnvironmentVariable("NOTIFYCONTRACT_LAUNCHER") is { Length: > 0 } launcher
            ? launcher
            : "notify-contract";

    public static string Line(Arguments a)
    {
        var words = new List<string> { Program };
        void Flag(string name, string? value)
        {
            if (value is null) return;
            words.Add(name);
            words.Add(value);
        }
        static string Number(IFormattable n) => n.ToString(null, CultureInfo.InvariantCulture);

        Flag("--endpoint",
            a.Endpoint?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        Flag("--region", a.Region);
        Flag("--credentials", a.Credentials?.Wire());
        if (a.AllowInstanceMetadata) words.Add("--allow-instance-metadata");
        Flag("--workflow-token-env", a.WorkflowTokenEnv);
        if (a.AgainstSnapshot is { } snapshot)
            Flag("--against-snapshot", snapshot); // the snapshot names the records, operations, profile, seed and max-test
        else
        {
            foreach (var record in a.Records) Flag("--record", record);
            Flag("--model", a.ModelFile);
            if (a.Operations.Count < a.Contract.Operations.Count)
                foreach (var operation in a.Operations) Flag("--operation", operation);
            Flag("--profile", a.Profile);
            Flag("--patterns", a.Patterns);
            Flag("--lengths", a.Lengths);
            Flag("--content-type", a.ContentType);
            Flag("--signatures", a.Signatures);
            Flag("--seed", Number(a.Seed));
            Flag("--max-test", Number(a.MaxTest));
        }
        Flag("--shard", a.Shard?.ToString());
        Flag("--known-failures", a.KnownFailures);
        Flag("--timeout", Number(a.Timeout.TotalSeconds));
        Flag("--max-requests", a.MaxRequests is { } n ? Number(n) : null);
        Flag("--rate", a.Rate is { } r ? Number(r) : null);
        return string.Join(' ', words.Select(Shell.Quote));
    }
}
