using NotifyContract.Generators.Requests;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>Json.*</c>: a valid request with one of JSON's edges the members' rules cannot show: an unknown member (accepted:
/// a newer client sends members an older server lacks) and a member named twice (observed: JSON's grammar allows it,
/// RFC 8259 leaves the meaning open; <c>strict</c> refuses it, <c>lenient</c> reads the valid request). Listed beside
/// <see cref="ProtocolProbes.Faults"/>, each a rule with its variants.
/// </summary>
internal static class JsonProbes
{
    /// <summary>A member no operation of Service Catalog has.</summary>
    const string Unknown = "NotifyContractUnknownMember";

    /// <summary>The request with its first member written twice, identically (<c>{"A":1,"A":1,...}</c>); a request
    /// without members gets the unknown one twice.</summary>
    static byte[] FirstMemberTwice(byte[] json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        reader.Read(); // {
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.PropertyName)
            return System.Text.Encoding.UTF8.GetBytes($$"""{"{{Unknown}}":"x","{{Unknown}}":"x"}""");
        var start = (int)reader.TokenStartIndex;
        reader.Read();
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        return [.. json[..end], (byte)',', .. json[start..end], .. json[end..]];
    }

    public static readonly IReadOnlyList<(RuleId Rule, Func<Draft, Draft>[] Variants)> Edges =
    [
        (new("Json.unknownMember"),
        [
            d => d with
            {
                Edit = new Edit(Unknown, new Json.Str("a member the model does not name")),
                Expect = Probes.Valid,
                Note = $"an unknown member {Unknown} beside the valid ones",
            },
        ]),
        (new("Json.duplicateKey"),
        [
            d => d with
            {
                Frame = Frame.Standard(d.Operation) with { Body = FirstMemberTwice },
                Expect = Expectation.Observe,
                Ambiguity = new(AmbiguityKind.DuplicateKeys,
                    new Dictionary<string, Expectation> { ["strict"] = Expectation.ClientError, ["lenient"] = Probes.Valid },
                    "JSON's grammar allows a member named twice and RFC 8259 leaves its meaning open: a strict parser " +
                    "refuses it, a lenient one reads one of the two (here both are the same valid value)"),
                Note = "the first member written twice, with the same value",
            },
        ]),
    ];
}
