using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using NotifyContract.Generators;

namespace NotifyContract.Tests.Generators;

/// <summary>Judges one generated case against <see cref="PublishedContract"/>: returns what is wrong with it, or null.</summary>
public static class CaseChecker
{
    const string ContentType = "application/x-amz-json-1.1";
    static string Target(string op) => "AWS242ServiceCatalogService." + op;
    static readonly (string Patterns, string Lengths)[] Readings =
        [("full", "codepoints"), ("full", "utf16"), ("search", "codepoints"), ("search", "utf16")];

    public static string? Problem(Case c, RecordSet records)
    {
        var header = (string name) => c.Headers.Where(h => h.Key == name).Select(h => h.Value).SingleOrDefault();
        var (target, contentType) = (header("X-Amz-Target"), header("Content-Type"));
        var standardHeaders = c.Headers.Count == 2 && target == Target(c.Operation) && contentType == ContentType;
        var rule = c.Rule.Value;
        if (rule == "Protocol.wrongContentType")
            return c.Expect != Expectation.Observe || c.Ambiguity is not { Kind: AmbiguityKind.ContentType } a
                   || a.ByReading.Count != 2 || a.ByReading["strict"] != Expectation.ClientError
                   || a.ByReading["lenient"] != ValidLabel(c.Operation)
                ? "a Content-Type case must be observed: strict a client error, lenient the valid request's answer"
                : ProtocolProblem(c, rule, target, contentType);
        if (rule.StartsWith("Protocol."))
            return c.Expect != Expectation.ClientError ? "protocol case must expect a client error"
                : ProtocolProblem(c, rule, target, contentType);
        if (!standardHeaders) return "headers are not exactly X-Amz-Target and Content-Type";
        if (rule.StartsWith("Auth."))
            return c.Expect != Expectation.Observe || c.Ambiguity is not { Kind: AmbiguityKind.Signatures } s
                   || s.ByReading.Count != 2 || s.ByReading["verified"] != Expectation.AuthError
                   || s.ByReading["ignored"] != ValidLabel(c.Operation)
                   || c.SigningFault?.Wire() != rule["Auth.".Length..]
                ? "an Auth case must be observed: verified an authentication error, ignored the valid request's answer"
                : BodyProblem(c with { Expect = ValidLabel(c.Operation), Ambiguity = null }, records);
        if (c.SigningFault is not null) return "a signing fault outside Auth.*";
        if (rule == "Json.duplicateKey")
            return c.Expect != Expectation.Observe || c.Ambiguity is not { Kind: AmbiguityKind.DuplicateKeys } d
                   || d.ByReading["strict"] != Expectation.ClientError || d.ByReading["lenient"] != ValidLabel(c.Operation)
                   || !NamesAMemberTwice(c.Body)
                ? "a duplicate-key case must name a member twice and be observed: strict a client error, lenient valid"
                : BodyProblem(c with { Expect = ValidLabel(c.Operation), Ambiguity = null }, records);
        if (rule == "Idempotency.conflict")
            return PairProblem(c) ?? BodyProblem(c, records) ?? BodyProblem(c.Then!, records);
        return c.Then is null ? BodyProblem(c, records) : "a pair outside Idempotency.conflict";
    }

    /// <summary>Whether the body's top-level object names some member twice.</summary>
    static bool NamesAMemberTwice(byte[] body)
    {
        var names = new HashSet<string>();
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!names.Add(reader.GetString()!)) return true;
            reader.Read();
            reader.Skip();
        }
        return false;
    }

    /// <summary>The same IdempotencyToken, another body, one id, and a second request as valid as the first.</summary>
    static string? PairProblem(Case c)
    {
        if (c.Then is not { } then) return "a conflict case without its second request";
        var token = PublishedContract.OperationOf(c.Operation).Input.Members.First(m => m.IdempotencyToken).Name;
        string? Token(Case x) => Parse(x.Body) is { } b ? PublishedContract.StringAt(b, token) : null;
        return then.Id != c.Id || Token(then) is null || Token(then) != Token(c) || then.Body.SequenceEqual(c.Body)
            || then.Then is not null
            ? "a conflict pair must send the same IdempotencyToken with another body, under one id"
            : null;
    }

    static string? ProtocolProblem(Case c, string rule, string? target, string? contentType)
    {
        var framingKept = c.Headers.Count == 2 && target == Target(c.Operation) && contentType == ContentType;
        var parsed = Parse(c.Body);
        bool Holds() => rule switch
        {
            "Protocol.notJson" => framingKept && c.Body.Length > 0 && Utf8.IsValid(c.Body) && parsed is null,
            "Protocol.emptyBody" => framingKept && c.Body.Length == 0,
            "Protocol.notObject" => framingKept && parsed is { ValueKind: not JsonValueKind.Object },
            "Protocol.invalidUtf8" => framingKept && !Utf8.IsValid(c.Body),
            "Protocol.unknownTarget" => target is not null && target != Target(c.Operation)
                && contentType == ContentType && ValidBody(c),
            "Protocol.missingTarget" => target is null && contentType == ContentType && c.Headers.Count == 1
                && ValidBody(c),
            "Protocol.wrongContentType" => target == Target(c.Operation) && contentType != ContentType
                && c.Headers.Count == (contentType is null ? 1 : 2) && ValidBody(c),
            _ => false,
        };
        return Holds() ? null : $"does not show the fault {rule}";
    }

    static bool ValidBody(Case c) =>
        Parse(c.Body) is { ValueKind: JsonValueKind.Object } b
            && Readings.All(r => PublishedContract.Broken(c.Operation, b, r.Patterns, r.Lengths).Count == 0);

    static JsonElement? Parse(byte[] body)
    {
        try { return JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return null; }
    }

    /// <summary>What a valid request gets from an empty account: ResourceNotFoundException where the operation lists
    /// it, else success.</summary>
    static Expectation ValidLabel(string operation) =>
        PublishedContract.OperationOf(operation).Errors.Contains("ResourceNotFoundException")
            ? Expectation.ResourceNotFoundException : Expectation.Success;

    static string? BodyProblem(Case c, RecordSet records)
    {
        if (Parse(c.Body) is not { ValueKind: JsonValueKind.Object } body) return "body is not a JSON object";
        var rule = c.Rule.Value;
        // Only the Notify operations name records; the others' valid requests get what an empty account answers.
        var recordBound = Support.Notify.Names.Contains(c.Operation);
        var valid = ValidLabel(c.Operation);
        var invalid = PublishedContract.OperationOf(c.Operation).Errors.Contains("InvalidParametersException")
            ? Expectation.InvalidParametersException : Expectation.ClientError;
        var record = recordBound ? PublishedContract.StringAt(body, "RecordId") : null;
        var mayBeKnown = recordBound && rule is "Valid.accepted" or "Idempotency.replay" or "Idempotency.conflict";
        if (record is not null && records.Known.Contains(record) != mayBeKnown)
            return mayBeKnown ? "a Valid.accepted/Idempotency case must name a known record" : "case names a known record";
        var broken = Readings.ToDictionary(r => r, r => PublishedContract.Broken(c.Operation, body, r.Patterns,
            r.Lengths));
        string Show(SortedSet<string> s) => "{" + string.Join(",", s) + "}";

        // An empty string under a minimum of 1 cannot help breaking a pattern that needs a character: the one
        // accepted pair.
        var member = rule[..rule.LastIndexOf('.')];
        bool ExactlyTheRule(SortedSet<string> s) => s.SetEquals([rule])
            || rule.EndsWith(".minLength") && s.SetEquals([rule, member + ".pattern"])
                && PublishedContract.StringAt(body, member) == "";

        switch (c.Expect)
        {
            case Expectation.Success or Expectation.ResourceNotFoundException:
                var wanted = mayBeKnown ? Expectation.Success : valid;
                if (c.Expect != wanted) return $"expectation {c.Expect} does not fit rule {rule} (wanted {wanted})";
                return broken.Values.FirstOrDefault(s => s.Count > 0) is { } b ? $"valid case breaks {Show(b)}" : null;
            case Expectation.InvalidParametersException or Expectation.ClientError:
                // A lone surrogate in a pattern's member: invalid under every reading, or refused before validation.
                var loneSurrogate = rule.EndsWith(".pattern") && Encoding.UTF8.GetString(c.Body).Contains(@"\ud800");
                var expected = rule.EndsWith(".type") || loneSurrogate ? Expectation.ClientError : invalid;
                if (c.Expect != expected) return $"expectation {c.Expect} does not fit rule {rule} (wanted {expected})";
                return broken.Values.FirstOrDefault(s => !ExactlyTheRule(s)) is { } w
                    ? $"breaks {Show(w)}, not exactly {rule}" : null;
            case Expectation.Observe:
                if (c.Ambiguity is not { } a) return "observe case without an ambiguity";
                foreach (var (reading, sets) in broken)
                {
                    var under = a.ByReading[a.Kind switch
                    {
                        AmbiguityKind.Patterns => reading.Patterns,
                        AmbiguityKind.Lengths => reading.Lengths,
                        _ => throw new ArgumentOutOfRangeException(nameof(c), a.Kind, "not a question of the body"),
                    }];
                    var ok = under == valid ? sets.Count == 0 : under == invalid && ExactlyTheRule(sets);
                    if (!ok) return $"under {reading} breaks {Show(sets)}, but the ambiguity says {under}";
                }
                return a.ByReading.Values.Distinct().Count() == 2 ? null
                    : "ambiguity does not flip between its readings";
            default:
                return $"unexpected expectation {c.Expect}";
        }
    }

    public static string Describe(Case c) =>
        $"{c.Id} {c.Rule} {c.Expect} [{string.Join(", ", c.Headers.Select(h => $"{h.Key}: {h.Value}"))}] " +
        (Utf8.IsValid(c.Body)
            ? Encoding.UTF8.GetString(c.Body) is var s && s.Length > 300
                ? s[..300] + "..."
                : Encoding.UTF8.GetString(c.Body)
            : "<not UTF-8>");
}
