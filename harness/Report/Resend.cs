using System.Text;
using System.Text.RegularExpressions;
using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Report;

/// <summary>
/// A curl command that resends one counterexample's request, written under each failing check in report.md: the
/// case's headers, its exact body bytes from the report folder's <c>repro/</c>, and the run's signing. Credentials
/// appear as environment variable names, never values (the fake key as it is: it is not a secret); a real workflow
/// token never: the body holds its stand-in, and the report says so.
/// </summary>
/// <param name="Url">The endpoint, without user info.</param>
/// <param name="WorkflowTokenVariable">The <c>--workflow-token-env</c> variable, whose stand-in a body may hold.</param>
public sealed partial record Resend(string Url, string Region, Signing Signing, string? WorkflowTokenVariable = null)
{
    /// <summary>The report folder's sub-folder holding each counterexample's body.</summary>
    public const string Folder = "repro";

    /// <summary>Where a case's body goes, relative to the report folder.</summary>
    public static string BodyFile(Case c) => $"{Folder}/{SafeName().Replace(c.Id, "_")}.body";

    /// <summary>The command, to run in the report folder.</summary>
    public string Command(Case c)
    {
        var words = new List<string> { "curl", "-sS", "-i" };
        // An Auth.* case is signed as the run signs, broken as the transport breaks it (SigV4.For).
        var fault = c.SigningFault;
        var signed = Signing != Signing.Unsigned && fault != SigningFault.Unsigned;
        if (signed)
        {
            var (_, region, service, _) = SigV4.For(fault, HttpTarget.FakeCredentials.GetCredentials(), Region);
            var madeUp = fault == SigningFault.WrongSignature ? SigV4.MadeUpSecret : null;
            words.AddRange(["--aws-sigv4", Shell.Quote($"aws:amz:{region}:{service}"), "--user"]);
            // A session token only when the chain has one (curl would sign an empty one).
            if (Signing == Signing.DefaultChain)
                words.AddRange([$"\"$AWS_ACCESS_KEY_ID:{madeUp ?? "$AWS_SECRET_ACCESS_KEY"}\"",
                    "${AWS_SESSION_TOKEN:+-H \"x-amz-security-token: $AWS_SESSION_TOKEN\"}"]);
            else
            {
                var fake = HttpTarget.FakeCredentials.GetCredentials();
                words.Add(Shell.Quote($"{fake.AccessKey}:{madeUp ?? fake.SecretKey}"));
            }
        }
        foreach (var (name, value) in c.Headers)
            words.AddRange(["-H", Shell.Quote(value.Length == 0 ? $"{name};" : $"{name}: {value}")]);
        // curl gives --data-binary a form Content-Type. Without one in the case: none unsigned; signed, an empty one
        // (curl signs content-type whatever it sends, and a signed header must arrive).
        if (!c.Headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            words.AddRange(["-H", Shell.Quote(signed ? "Content-Type;" : "Content-Type:")]);
        words.AddRange(["--data-binary", Shell.Quote("@" + BodyFile(c)), Shell.Quote(Url)]);
        return string.Join(' ', words);
    }

    /// <summary>What to know before running the command: curl dates a request now, and a body may hold a real token's
    /// stand-in.</summary>
    public string? Note(Case c) =>
        c.SigningFault == SigningFault.StaleDate
            ? $"The case was signed and dated {SigV4.Stale.TotalMinutes:0} minutes in the past; curl signs it now."
        : WorkflowTokenVariable is { } name
        && Encoding.UTF8.GetString(c.Body).Contains($"<${name}:", StringComparison.Ordinal)
            ? $"The body holds the stand-in `<${name}: ...>` where the request carried the real WorkflowToken (never " +
              $"written anywhere): put the token from ${name} in its place before sending."
            : null;

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}
