using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// A shard's run (<c>--shard K/N</c>) as its report.json records it, under <c>shard</c>, beside the usual fields:
/// which part it is, where each of its suites stands in the whole run, and each suite's outcome in full (counts,
/// answer kinds, each check's verdict and counterexample with the exact bytes sent and answered), so that
/// <see cref="ShardMerge"/> rebuilds the whole run's outcomes and writes its reports with the same writers.
/// </summary>
/// <param name="Indices">Each of the shard's suites' place in the whole run, in the order of its outcomes.</param>
/// <param name="Suites">How many suites the whole run has.</param>
/// <param name="Replay">The command that replays the whole run (without <c>--shard</c>).</param>
/// <param name="KnownFailures">The run's <c>--known-failures</c> file, read again by the merge.</param>
public sealed record ShardRun(Shard Shard, IReadOnlyList<int> Indices, int Suites, string Replay, Resend? Resend,
    string? KnownFailures)
{
    public void Write(Utf8JsonWriter w, RunResult run)
    {
        w.WriteStartObject("shard");
        w.WriteNumber("k", Shard.K);
        w.WriteNumber("n", Shard.N);
        w.WriteNumber("suites", Suites);
        w.WriteString("replay", Replay);
        w.WriteString("knownFailures", KnownFailures);
        w.WriteString("interrupted", run.Interrupted);
        if (Resend is { } r)
        {
            w.WriteStartObject("resend");
            w.WriteString("url", r.Url);
            w.WriteString("region", r.Region);
            w.WriteString("signing", r.Signing.ToString());
            w.WriteString("workflowTokenEnv", r.WorkflowTokenVariable);
            w.WriteEndObject();
        }
        w.WriteStartArray("outcomes");
        for (var i = 0; i < run.Suites.Count; i++) WriteSuite(w, Indices[i], run.Suites[i]);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The shard of a report.json's root, or null when it is not a shard's.</summary>
    public static ShardPart? Read(JsonElement root, ServiceContract contract)
    {
        if (!root.TryGetProperty("shard", out var s) || s.ValueKind != JsonValueKind.Object) return null;
        var resend = s.TryGetProperty("resend", out var r) && r.ValueKind == JsonValueKind.Object
            ? new Resend(Text(r, "url")!, Text(r, "region")!, Enum.Parse<Signing>(Text(r, "signing")!),
                Text(r, "workflowTokenEnv"))
            : null;
        var outcomes = s.GetProperty("outcomes").EnumerateArray().Select(o =>
            (Index: o.GetProperty("index").GetInt32(), Outcome: ReadSuite(o, contract))).ToList();
        return new(new ShardRun(new Shard(s.GetProperty("k").GetInt32(), s.GetProperty("n").GetInt32()),
                [.. outcomes.Select(o => o.Index)], s.GetProperty("suites").GetInt32(), Text(s, "replay")!, resend,
                Text(s, "knownFailures")),
            [.. outcomes.Select(o => o.Outcome)], Text(s, "interrupted"));
    }

    static void WriteSuite(Utf8JsonWriter w, int index, SuiteOutcome o)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteString("operation", o.Suite.Operation);
        w.WriteString("rule", o.Suite.Rule.Value);
        w.WriteString("mode", o.Suite.Mode.ToString());
        w.WriteString("skipReason", o.Suite.SkipReason);
        if (o.Skip is { } skip) WriteVerdict(w, "skip", skip);
        w.WriteNumber("missing", o.Missing);
        w.WriteNumber("cases", o.Cases);
        w.WriteNumber("failed", o.Failed);
        w.WriteNumber("observed", o.Observed);
        w.WriteStartArray("answers");
        foreach (var (kind, count) in o.Answers)
        {
            w.WriteStartObject();
            w.WriteNumber("status", kind.Status);
            w.WriteString("code", kind.Code);
            w.WriteString("contentType", kind.ContentType);
            w.WriteString("shape", kind.Shape.ToString());
            w.WriteString("failure", kind.Failure?.ToString());
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("checks");
        foreach (var c in o.Checks)
        {
            w.WriteStartObject();
            w.WriteString("check", c.Check.Name);
            w.WriteString("rule", c.Check.Rule?.Value);
            WriteVerdict(w, "verdict", c.Verdict);
            w.WriteNumber("cases", c.Cases);
            w.WriteNumber("failed", c.Failed);
            w.WriteNumber("observed", c.Observed);
            w.WriteStartObject("agreement");
            foreach (var (reading, count) in c.Agreement) w.WriteNumber(reading, count);
            w.WriteEndObject();
            if (c.Counterexample is { } x)
            {
                w.WriteStartObject("counterexample");
                w.WriteString("check", x.Check);
                w.WriteString("reason", x.Reason);
                w.WriteBoolean("shrunk", x.Shrunk);
                WriteCase(w, "case", x.Case);
                WriteAnswer(w, "answer", x.Answer);
                if (x.Retry is { } retry) WriteAnswer(w, "retry", retry);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static SuiteOutcome ReadSuite(JsonElement o, ServiceContract contract)
    {
        var suite = new RuleSuite(new RuleId(Text(o, "rule")!), Text(o, "operation")!, [], null,
            Enum.Parse<SendMode>(Text(o, "mode")!), Text(o, "skipReason"));
        var answers = o.GetProperty("answers").EnumerateArray().ToDictionary(
            a => new AnswerKind(a.GetProperty("status").GetInt32(), Text(a, "code"), Text(a, "contentType"),
                Enum.Parse<BodyShape>(Text(a, "shape")!),
                Text(a, "failure") is { } f ? Enum.Parse<NoAnswer>(f) : null),
            a => a.GetProperty("count").GetInt32());
        var checks = o.GetProperty("checks").EnumerateArray().Select(c => new CheckOutcome(
            CheckNamed(Text(c, "check")!, Text(c, "rule")),
            ReadVerdict(c.GetProperty("verdict")),
            c.GetProperty("cases").GetInt32(), c.GetProperty("failed").GetInt32(), c.GetProperty("observed").GetInt32(),
            c.GetProperty("agreement").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetInt32()),
            c.TryGetProperty("counterexample", out var x)
                ? new Counterexample(ReadCase(x.GetProperty("case"), contract), ReadAnswer(x.GetProperty("answer")),
                    x.TryGetProperty("retry", out var retry) ? ReadAnswer(retry) : null, Text(x, "check")!,
                    Text(x, "reason")!, x.GetProperty("shrunk").GetBoolean())
                : null)).ToList();
        return new SuiteOutcome(suite, checks, answers,
            o.TryGetProperty("skip", out var skip) ? ReadVerdict(skip) : null)
        {
            Missing = o.GetProperty("missing").GetInt32(),
            Cases = o.GetProperty("cases").GetInt32(),
            Failed = o.GetProperty("failed").GetInt32(),
            Observed = o.GetProperty("observed").GetInt32(),
        };
    }

    /// <summary>The registry's check of that name; another (parity) as a check that judges nothing, since the
    /// reports only name it.</summary>
    static Check CheckNamed(string name, string? rule) =>
        Registry.All.FirstOrDefault(c => c.Name == name)
        ?? new Check(name, _ => false, _ => Verdict.Pass(), rule is null ? null : new RuleId(rule));

    static void WriteVerdict(Utf8JsonWriter w, string name, Verdict v)
    {
        w.WriteStartObject(name);
        w.WriteString("kind", v.Kind.ToString());
        w.WriteString("reason", v.Reason);
        if (v.Agrees is { } agrees) Snapshot.WriteStrings(w, "agrees", agrees);
        w.WriteEndObject();
    }

    static Verdict ReadVerdict(JsonElement v) => new(Enum.Parse<VerdictKind>(Text(v, "kind")!), Text(v, "reason")!,
        v.TryGetProperty("agrees", out var a) ? [.. a.EnumerateArray().Select(e => e.GetString()!)] : null);

    static void WriteCase(Utf8JsonWriter w, string name, Case c)
    {
        w.WriteStartObject(name);
        w.WriteString("id", c.Id);
        w.WriteString("operation", c.Operation);
        w.WriteString("rule", c.Rule.Value);
        w.WriteString("expect", c.Expect.ToString());
        w.WriteString("note", c.Note);
        w.WriteString("signingFault", c.SigningFault?.ToString());
        if (c.Ambiguity is { } a)
        {
            w.WriteStartObject("ambiguity");
            w.WriteString("kind", a.Kind.ToString());
            w.WriteString("why", a.Why);
            w.WriteStartObject("byReading");
            foreach (var (reading, expect) in a.ByReading) w.WriteString(reading, expect.ToString());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        WriteHeaders(w, c.Headers);
        w.WriteBase64String("body", c.Body);
        if (c.Then is { } then) WriteCase(w, "then", then);
        w.WriteEndObject();
    }

    static Case ReadCase(JsonElement c, ServiceContract contract) =>
        new(Text(c, "id")!, Text(c, "operation")!, new RuleId(Text(c, "rule")!),
            Enum.Parse<Expectation>(Text(c, "expect")!),
            c.TryGetProperty("ambiguity", out var a)
                ? new Ambiguity(Enum.Parse<AmbiguityKind>(Text(a, "kind")!),
                    a.GetProperty("byReading").EnumerateObject()
                        .ToDictionary(r => r.Name, r => Enum.Parse<Expectation>(r.Value.GetString()!)),
                    Text(a, "why")!)
                : null,
            ReadHeaders(c), c.GetProperty("body").GetBytesFromBase64())
        {
            Note = Text(c, "note"),
            SigningFault = Text(c, "signingFault") is { } f ? Enum.Parse<SigningFault>(f) : null,
            Definition = contract.Find(Text(c, "operation")!),
            Then = c.TryGetProperty("then", out var then) ? ReadCase(then, contract) : null,
        };

    static void WriteAnswer(Utf8JsonWriter w, string name, Answer a)
    {
        w.WriteStartObject(name);
        w.WriteNumber("status", a.Status);
        WriteHeaders(w, a.Headers);
        w.WriteBase64String("body", a.Body);
        w.WriteNumber("elapsedTicks", a.Elapsed.Ticks);
        w.WriteString("failure", a.Failure?.ToString());
        w.WriteString("detail", a.FailureDetail);
        w.WriteEndObject();
    }

    static Answer ReadAnswer(JsonElement a) => new(a.GetProperty("status").GetInt32(), ReadHeaders(a),
        a.GetProperty("body").GetBytesFromBase64(), TimeSpan.FromTicks(a.GetProperty("elapsedTicks").GetInt64()),
        Text(a, "failure") is { } f ? Enum.Parse<NoAnswer>(f) : null, Text(a, "detail"));

    /// <summary>In order, repeated names kept: <c>[[name, value], ...]</c>.</summary>
    static void WriteHeaders(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        w.WriteStartArray("headers");
        foreach (var (k, v) in headers)
        {
            w.WriteStartArray();
            w.WriteStringValue(k);
            w.WriteStringValue(v);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    static IReadOnlyList<KeyValuePair<string, string>> ReadHeaders(JsonElement o) =>
        [.. o.GetProperty("headers").EnumerateArray().Select(h => KeyValuePair.Create(h[0].GetString()!, h[1].GetString()!))];

    static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A shard as read back: its run, its suites' outcomes (in <see cref="ShardRun.Indices"/>' order), and the
/// signal that interrupted it, if one did.</summary>
public sealed record ShardPart(ShardRun Run, IReadOnlyList<SuiteOutcome> Outcomes, string? Interrupted);
