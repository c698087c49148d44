namespace NotifyContract.Harness.Targets;

/// <summary>
/// An answer that refuses who signed the request, not what it asked: not a contract failure. The preflight stops
/// before the run on one; mid-run (a session token expiring) the run stops sending, except on an <c>Auth.*</c> case,
/// whose signature is broken on purpose.
/// </summary>
public static class AuthFailure
{
    /// <summary>AWS's authentication and authorization codes, without the optional <c>Exception</c> suffix.</summary>
    static readonly string[] Codes =
    [
        "UnrecognizedClient", "InvalidSignature", "SignatureDoesNotMatch", "IncompleteSignature",
        "MissingAuthenticationToken", "InvalidClientTokenId", "ExpiredToken", "AccessDenied", "RequestExpired",
    ];

    /// <summary>Whether an error code names an authentication or authorization failure.</summary>
    public static bool IsCode(string? code) =>
        code is not null
        && Codes.Contains(code.EndsWith("Exception", StringComparison.Ordinal) ? code[..^"Exception".Length] : code);

    /// <summary>The error code (or <c>HTTP 403</c> without one) when the answer refuses the credentials; else null.</summary>
    public static string? Of(Answer a)
    {
        var r = a.Reading;
        if (r.Failure is not null || !r.AuthError) return null;
        if (IsCode(r.Code)) return r.Code;
        return r.Code is null ? $"HTTP {r.Status}" : $"HTTP {r.Status} {r.Code}";
    }

    /// <summary>One line: the code and the likely fixes.</summary>
    public static string Explain(string code, Signing signing) =>
        $"the target rejected the credentials ({OneLine(code)}, signed with --credentials {signing.Wire()}): check the keys "
        + "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN or the profile), --credentials chain|fake|none, "
        + "--region, and the clock (SigV4 allows 5 minutes of skew)";

    /// <summary>A code comes from the target: one short line whatever it sent.</summary>
    static string OneLine(string code)
    {
        var line = new string([.. code.Where(ch => !char.IsControl(ch))]);
        return line.Length <= 100 ? line : line[..100] + "...";
    }
}
