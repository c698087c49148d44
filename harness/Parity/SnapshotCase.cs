using System.Text.Json;
using NotifyContract.Generators;
using NotifyContract.Harness.Targets;

namespace NotifyContract.Harness.Parity;

/// <summary>
/// What a target answered to one case, reduced to what parity compares: the HTTP status, the error code read by the
/// awsJson1.1 rules (<see cref="AnswerReading"/>) and the body's shape (<c>empty</c>, <c>object</c>, <c>json</c>: JSON
/// but not an object, <c>text</c>: not JSON, <c>html</c>, <c>binary</c>: not UTF-8), plus the readings of the case's
/// ambiguity the answer agreed with. No answer: status 0, shape <c>none</c> and <see cref="NoAnswer"/> (timeout,
/// connection, throttled, budget). Never a body or a header.
/// </summary>
public sealed record SnapshotCase(
    string CaseId,
    string Operation,
    string Rule,
    int Status,
    string? ErrorCode,
    string BodyShape,
    IReadOnlyList<string> Agrees,
    string? NoAnswer = null)
{
    public (string Operation, string Rule, string CaseId) Key => (Operation, Rule, CaseId);

    /// <summary>Throttled or over the budget: the target never judged the case, so parity has nothing to compare.</summary>
    public bool Unanswered => NoAnswer is "throttled" or "budget";

    public static SnapshotCase Of(Case c, Answer a, IReadOnlyList<string> agrees)
    {
        var r = a.Reading;
        return r.Failure is { } failure
            ? new(c.Id, c.Operation, c.Rule.Value, 0, null, "none", [.. agrees.Order()],
                failure.ToString().ToLowerInvariant())
            : new(c.Id, c.Operation, c.Rule.Value, r.Status, r.Code, Shape(r.Shape), [.. agrees.Order()]);
    }

    static string Shape(Targets.BodyShape shape) => shape switch
    {
        Targets.BodyShape.Empty => "empty",
        Targets.BodyShape.JsonObject => "object",
        Targets.BodyShape.OtherJson => "json",
        Targets.BodyShape.Html => "html",
        Targets.BodyShape.NotUtf8 => "binary",
        _ => "text",
    };

    /// <summary>
    /// The parity rule: the same status and the same error code. An error's body shape does not count (the code
    /// may come in a header or the body, both conformant); a success's does, with <c>{}</c> and an empty body the same.
    /// </summary>
    public bool SameAnswer(SnapshotCase other) =>
        Status == other.Status && ErrorCode == other.ErrorCode && NoAnswer == other.NoAnswer
        && (Status is < 200 or >= 300 || SuccessShape(BodyShape) == SuccessShape(other.BodyShape));

    static string SuccessShape(string shape) => shape == "empty" ? "object" : shape;

    /// <summary>One line: <c>HTTP 400 InvalidParametersException</c>, <c>HTTP 200 {}</c>, <c>no answer (timeout)</c>.</summary>
    public string Describe() =>
        NoAnswer is { } why ? $"no answer ({why})"
        : $"HTTP {Status}" + (ErrorCode is { } code ? $" {code}" : "") + BodyShape switch
        {
            "empty" => " (empty body)",
            "object" when ErrorCode is null => " {}",
            "json" => " (JSON, not an object)",
            "text" => " (not JSON)",
            "html" => " (an HTML page)",
            "binary" => " (not UTF-8)",
            _ => "",
        };

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("caseId", CaseId);
        w.WriteString("operation", Operation);
        w.WriteString("rule", Rule);
        w.WriteNumber("status", Status);
        w.WriteString("errorCode", ErrorCode);
        w.WriteString("bodyShape", BodyShape);
        Snapshot.WriteStrings(w, "agrees", Agrees);
        if (NoAnswer is not null) w.WriteString("noAnswer", NoAnswer);
        w.WriteEndObject();
    }

    internal static SnapshotCase Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        var code = o.GetProperty("errorCode");
        return new(Snapshot.Text(o, "caseId"), Snapshot.Text(o, "operation"), Snapshot.Text(o, "rule"),
            o.GetProperty("status").GetInt32(),
            code.ValueKind == JsonValueKind.Null ? null : code.GetString(),
            Snapshot.Text(o, "bodyShape"), Snapshot.Strings(o, "agrees"),
            o.TryGetProperty("noAnswer", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null);
    }
}
