using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NotifyContract.Tests.Support;

/// <summary>
/// An independent SigV4 (AWS4-HMAC-SHA256) verifier, written from the published algorithm (canonical request,
/// string to sign, HMAC key chain) and not from the SDK, so it can catch the signer. Stricter than necessary on
/// purpose: host, x-amz-date and every x-amz-* header received must be signed.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>
    /// Null when the request carries a valid signature by the key <paramref name="secretFor"/> knows for its access key
    /// id, for <paramref name="service"/>; otherwise why not. <paramref name="path"/> and <paramref name="query"/> are
    /// as received (percent-encoded); <paramref name="headers"/> one entry per received header line.
    /// </summary>
    public static string? Verify(
        string method, string path, string query, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body,
        Func<string, string?> secretFor, string service)
    {
        string? Header(string name) => Values(headers, name) is { Count: > 0 } v ? string.Join(",", v) : null;

        var authorization = Header("authorization");
        if (authorization is null) return "no Authorization header";
        const string Algorithm = "AWS4-HMAC-SHA256";
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return $"not {Algorithm}";
        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedList)
            || !parts.TryGetValue("Signature", out var signature))
            return "Authorization lacks Credential, SignedHeaders or Signature";

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request") return $"bad credential scope '{credential}'";
        var (accessKey, date, region, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        if (scopeService != service) return $"scope service '{scopeService}', expected '{service}'";
        var secret = secretFor(accessKey);
        if (secret is null) return $"unknown access key id '{accessKey}'";

        var amzDate = Header("x-amz-date");
        if (amzDate is null || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out _))
            return "missing or malformed X-Amz-Date";
        if (!amzDate.StartsWith(date, StringComparison.Ordinal)) return "X-Amz-Date is not the scope's date";

        var signed = signedList.Split(';');
        if (!signed.SequenceEqual(signed.Order(StringComparer.Ordinal)) || signed.Any(n => n != n.ToLowerInvariant()))
            return "SignedHeaders not lowercase and sorted";
        var mustSign = headers.Select(h => h.Key.ToLowerInvariant())
            .Where(n => n == "host" || n.StartsWith("x-amz-", StringComparison.Ordinal)).Distinct();
        if (mustSign.Except(signed).FirstOrDefault() is { } unsigned) return $"header '{unsigned}' is not signed";
        if (signed.FirstOrDefault(n => Values(headers, n).Count == 0) is { } absent)
            return $"signed header '{absent}' was not received";

        var canonicalHeaders = string.Concat(signed.Select(n =>
            $"{n}:{string.Join(",", Values(headers, n).Select(v => string.Join(' ',
                v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))))}\n"));
        var canonicalRequest = string.Join("\n",
            method,
            string.Join("/", path.Split('/').Select(Uri.EscapeDataString)),
            CanonicalQuery(query),
            canonicalHeaders,
            signedList,
            Hex(SHA256.HashData(body)));
        var stringToSign = string.Join("\n",
            Algorithm, amzDate, $"{date}/{region}/{service}/aws4_request",
                Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = new[] { date, region, service, "aws4_request" }
            .Aggregate(Encoding.UTF8.GetBytes("AWS4" + secret), (k, part) =>
                HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == signature ? null : "signature does not match";
    }

    static List<string> Values(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        [.. headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value.Trim())];

    static string CanonicalQuery(string query) =>
        string.Join("&", query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])),
                Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Convenience for <see cref="LoopbackServer"/> requests.</summary>
    public static string? Verify(LoopbackServer.Request r, Func<string, string?> secretFor,
        string service = "servicecatalog") =>
        Verify(r.Method, r.Path, r.Query, r.Headers, r.Body, secretFor, service);
}
