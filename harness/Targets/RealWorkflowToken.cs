using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotifyContract.Harness.Targets;

/// <summary>
/// The token Service Catalog gave the engine for the <c>--record</c> record, read from an environment variable
/// (<c>--workflow-token-env NAME</c>). Cases carry <see cref="StandIn"/> (the variable's name, the token's length and
/// a hash prefix); <see cref="HttpTarget"/> swaps the real bytes in just before signing and cuts them out of every
/// answer, so no case, export, dry run, report or error ever holds the token itself.
/// </summary>
public sealed partial class RealWorkflowToken
{
    readonly byte[] standIn, json;

    RealWorkflowToken(string variable, string token)
    {
        Value = token;
        StandIn = $"<${variable}: {token.EnumerateRunes().Count()} chars, " +
                  $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16]}>";
        // As a JSON serializer writes it (boto3, the AWS SDKs): "+" and "/" as they are.
        json = Encoding.UTF8.GetBytes(JsonEncodedText.Encode(token, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .ToString());
        standIn = Encoding.UTF8.GetBytes(StandIn);
    }

    /// <summary>What cases and reports hold instead of the token. Needs no JSON escaping, so it is in a body as is.</summary>
    public string StandIn { get; }

    internal string Value { get; }

    public override string ToString() => StandIn;

    /// <summary>Reads the variable; a bad name, or a variable missing or empty, is a one-line <see cref="HarnessException"/>.</summary>
    public static RealWorkflowToken FromEnvironment(string variable)
    {
        if (!VariableName().IsMatch(variable))
            throw new HarnessException("--workflow-token-env takes the name of an environment variable " +
                                       "([A-Za-z_][A-Za-z0-9_]*)");
        var token = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(token)
            ? throw new HarnessException($"--workflow-token-env {variable}: the environment variable {variable} is " +
                                         "not set or empty")
            : new RealWorkflowToken(variable, token);
    }

    /// <summary>The body to send: each stand-in replaced by the token, JSON-escaped.</summary>
    internal byte[] Restore(byte[] body) => Redaction.Replace(body, standIn, json);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex VariableName();
}
