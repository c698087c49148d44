using System.Text.Encodings.Web;
using System.Text.Json;
using NotifyContract.Harness.Diagnosis;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Report;

/// <summary><c>report.json</c>: DESIGN.md's fields (target, profile, seed, diagnosis[], rules[] with checks[], summary)
/// and a little more. Extended, never renamed: tools read it.</summary>
public static class JsonReport
{
    const int AnswerBodyLimit = 4096;

    public static void Write(Stream stream, Verdicts verdicts)
    {
        var (run, rules, causes, summary) = verdicts;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        w.WriteString("target", run.Target);
        w.WriteString("profile", run.Profile);
        w.WriteNumber("seed", run.Seed);
        w.WriteNumber("maxTest", run.MaxTest);
        w.WriteBoolean("complete", run.Complete);
        w.WriteBoolean("interrupted", run.Interrupted is not null);
        w.WriteString("stopReason", run.StopReason);
        w.WriteStartArray("heldBack");
        foreach (var h in run.HeldBack)
        {
            w.WriteStartObject();
            w.WriteString("operation", h.Operation);
            w.WriteString("why", h.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("diagnosis");
        foreach (var cause in causes) WriteCause(w, cause);
        w.WriteEndArray();
        w.WritePropertyName("harness");
        JsonSerializer.Serialize(w, About.Report(run.Contract));
        run.SeenOnAws?.Write(w);
        w.WriteStartArray("operations");
        foreach (var op in verdicts.Operations) WriteOperation(w, op);
        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (var r in rules) WriteRule(w, r, verdicts.Known);
        w.WriteEndArray();
        if (verdicts is { KnownList: { } list, Known: { } known }) WriteKnown(w, list.Path, known);
        verdicts.Shard?.Write(w, run);
        w.WriteStartObject("summary");
        w.WriteBoolean("conformant", summary.Conformant);
        w.WriteNumber("rules", rules.Count);
        foreach (var (verdict, count) in summary.ByVerdict) w.WriteNumber(verdict, count);
        w.WriteNumber("cases", summary.Cases);
        w.WriteNumber("requests", run.Requests);
        w.WriteNumber("elapsedSeconds", Math.Round(run.Elapsed.TotalSeconds, 3));
        w.WriteString("stopReason", run.StopReason);
        w.WriteString("line", summary.Line);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    static void WriteCause(Utf8JsonWriter w, Finding cause)
    {
        w.WriteStartObject();
        w.WriteString("sentence", cause.Sentence);
        w.WriteString("signature", cause.Signature);
        w.WriteStartArray("rules");
        foreach (var name in cause.Explains) w.WriteStringValue(name);
        w.WriteEndArray();
        if (cause.Unimplemented.Count > 0) Parity.Snapshot.WriteStrings(w, "unimplemented", cause.Unimplemented);
        w.WritePropertyName("example");
        WriteExample(w, cause.Example);
        w.WriteEndObject();
    }

    /// <summary>One operation's summary (<see cref="OperationSummary"/>): its rules counted by enforcement, the worst
    /// enforcement of each kind of rule it has (the matrix's row), the failing rules worst first.</summary>
    static void WriteOperation(Utf8JsonWriter w, OperationSummary op)
    {
        w.WriteStartObject();
        w.WriteString("operation", op.Operation);
        w.WriteBoolean("looksUnimplemented", op.LooksUnimplemented);
        w.WriteNumber("rules", op.Rules.Count);
        foreach (var e in Enum.GetValues<Enforcement>()) w.WriteNumber(OperationSummary.Wire(e), op.Count(e));
        w.WriteNumber("cases", op.Cases);
        w.WriteNumber("failed", op.Failed);
        w.WriteStartObject("kinds");
        foreach (var kind in op.Rules.Select(r => r.Kind).Distinct())
            w.WriteString(kind, OperationSummary.Wire(op.Of(kind)!.Value));
        w.WriteEndObject();
        Parity.Snapshot.WriteStrings(w, "failing", op.Failing.Select(r => r.Rule));
        w.WriteEndObject();
    }

    /// <summary><c>knownFailures</c>: the list's file, the failing checks it holds and those it does not, the entries
    /// now fixed (remove them) and those nothing in this run matched.</summary>
    static void WriteKnown(Utf8JsonWriter w, string path, KnownFailureResult known)
    {
        w.WriteStartObject("knownFailures");
        w.WriteString("file", path);
        Parity.Snapshot.WriteStrings(w, "known", known.Known.Select(k => k.ToString()));
        Parity.Snapshot.WriteStrings(w, "new", known.New.Select(k => k.ToString()));
        Parity.Snapshot.WriteStrings(w, "fixed", known.Fixed.Select(k => k.ToString()));
        Parity.Snapshot.WriteStrings(w, "notRun", known.NotRun.Select(k => k.ToString()));
        w.WriteEndObject();
    }

    /// <summary><c>"known": true</c> on a failure every part of which the known-failures list holds.</summary>
    static void WriteKnownMark(Utf8JsonWriter w, Verdict v, bool known)
    {
        if (v.Kind == VerdictKind.Fail && known) w.WriteBoolean("known", true);
    }

    static void WriteRule(Utf8JsonWriter w, RuleReport r, KnownFailureResult? known)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("verdict", r.Verdict.Wire);
        WriteKnownMark(w, r.Verdict, known?.IsKnown(r.Id) == true);
        w.WriteString("reason", r.Verdict.Reason);
        w.WriteNumber("cases", r.Cases);
        w.WriteNumber("failed", r.Failed);
        w.WriteNumber("observed", r.Observed);
        w.WriteBoolean("complete", r.Complete);
        w.WriteString("operation", r.Counterexample?.Case.Operation);
        w.WriteStartArray("operations");
        foreach (var op in r.Operations)
        {
            w.WriteStartObject();
            w.WriteString("operation", op.Operation);
            w.WriteString("verdict", op.Verdict.Wire);
            w.WriteString("enforcement", OperationSummary.Wire(OperationSummary.Judge(op)));
            WriteKnownMark(w, op.Verdict, known?.IsKnown(r.Id, null, op.Operation) == true);
            w.WriteNumber("cases", op.Cases);
            w.WriteNumber("failed", op.Failed);
            w.WriteNumber("serverErrors", op.ServerErrors);
            w.WriteStartArray("checks");
            foreach (var c in op.Checks)
                WriteCheck(w, c, whole: false, known?.IsKnown(r.Id, c.Check.Name, op.Operation) == true);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("counterexample");
        WriteExampleOrNull(w, r.Counterexample);
        w.WriteStartArray("checks");
        foreach (var c in r.Checks) WriteCheck(w, c, whole: true, known?.IsKnown(r.Id, c.Check.Name) == true);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One check's verdict and counts; <paramref name="whole"/> (a rule's checks) adds the reason and the
    /// counterexample, which an operation's entry leaves to its rule; <paramref name="known"/>, a listed failure.</summary>
    static void WriteCheck(Utf8JsonWriter w, CheckOutcome c, bool whole, bool known)
    {
        w.WriteStartObject();
        w.WriteString("check", c.Check.Name);
        w.WriteString("verdict", c.Verdict.Wire);
        WriteKnownMark(w, c.Verdict, known);
        w.WriteNumber("cases", c.Cases);
        w.WriteNumber("failed", c.Failed);
        if (whole)
        {
            w.WriteNumber("observed", c.Observed);
            w.WriteString("reason", c.Verdict.Reason);
            w.WriteString("operation", c.Counterexample?.Case.Operation);
            w.WritePropertyName("counterexample");
            WriteExampleOrNull(w, c.Counterexample);
        }
        w.WriteEndObject();
    }

    static void WriteExampleOrNull(Utf8JsonWriter w, Counterexample? c)
    {
        if (c is null) w.WriteNullValue();
        else WriteExample(w, c);
    }

    static void WriteExample(Utf8JsonWriter w, Counterexample c)
    {
        w.WriteStartObject();
        w.WriteString("caseId", c.Case.Id);
        w.WriteString("operation", c.Case.Operation);
        w.WriteString("rule", c.Case.Rule.Value);
        w.WriteString("expect", Generators.ContractWords.Wire(c.Case.Expect));
        w.WriteString("check", c.Check);
        w.WriteString("note", c.Case.Note);
        w.WriteString("reason", c.Reason);
        w.WriteBoolean("shrunk", c.Shrunk);
        w.WriteStartObject("request");
        WriteHeaders(w, c.Case.Headers);
        WriteBody(w, c.Case.Body, int.MaxValue);
        w.WriteEndObject();
        WriteAnswer(w, "answer", c.Answer);
        if (c.Retry is { } retry) WriteAnswer(w, "retryAnswer", retry);
        w.WriteEndObject();
    }

    static void WriteAnswer(Utf8JsonWriter w, string name, Answer a)
    {
        w.WriteStartObject(name);
        if (a.Failure is { } failure)
        {
            w.WriteString("noAnswer", failure.ToString());
            w.WriteString("detail", a.FailureDetail);
        }
        else
        {
            w.WriteNumber("status", a.Status);
            WriteHeaders(w, a.Headers);
            WriteBody(w, a.Body, AnswerBodyLimit);
        }
        w.WriteNumber("elapsedMs", Math.Round(a.Elapsed.TotalMilliseconds, 1));
        w.WriteEndObject();
    }

    static void WriteHeaders(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        w.WriteStartObject("headers");
        foreach (var (k, v) in headers) w.WriteString(k, v);
        w.WriteEndObject();
    }

    static void WriteBody(Utf8JsonWriter w, byte[] body, int limit)
    {
        if (Shown.Text(body) is { } text) w.WriteString("body", Shown.Clip(text, limit));
        else w.WriteString("bodyBase64", Convert.ToBase64String(body.AsSpan(0, Math.Min(body.Length, limit))));
    }
}
