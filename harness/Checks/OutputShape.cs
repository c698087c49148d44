using System.Text.Json;
using NotifyContract.Model;

namespace NotifyContract.Harness.Checks;

/// <summary>
/// Whether a success answer's body fits the operation's output shape as awsJson writes it: a JSON object; each member
/// of the model's type (strings and enum values as strings, integers as whole numbers, timestamps as epoch seconds,
/// structures and maps as objects, lists as arrays); required members present; enum values among the listed ones.
/// Members the model does not name are allowed (a newer server may add some). Lengths and patterns are not judged
/// here: a server's own data is not the caller's request.
/// </summary>
static class OutputShape
{
    /// <summary>The first place the body departs from the shape (<c>/ProductViewDetail/Status: ...</c>), or null.</summary>
    public static string? Problem(byte[] body, Shape output)
    {
        if (body.Length == 0) return null; // an empty body reads as the empty output (DESIGN.md)
        // Most success answers: the empty output, which fits a shape that requires nothing (not parsed again).
        if (body is [(byte)'{', (byte)'}'] && output.Kind == ShapeKind.Structure && !output.Members.Any(m => m.Required))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return Problem(doc.RootElement, output, "");
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }

    static string? Problem(JsonElement value, Shape shape, string path)
    {
        string Here() => path.Length == 0 ? "the body" : path;
        string Wrong(string expected) => $"{Here()}: expected {expected}, got {Kind(value)}";
        switch (shape.Kind)
        {
            case ShapeKind.Structure:
                if (value.ValueKind != JsonValueKind.Object) return Wrong("an object");
                foreach (var m in shape.Members)
                {
                    if (!value.TryGetProperty(m.Name, out var member) || member.ValueKind == JsonValueKind.Null)
                    {
                        if (m.Required) return $"{path}/{m.Name}: required, missing";
                        continue;
                    }
                    if (Problem(member, m.Target, $"{path}/{m.Name}") is { } problem) return problem;
                }
                return null;
            case ShapeKind.List:
                if (value.ValueKind != JsonValueKind.Array) return Wrong("an array");
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    if (Problem(item, shape.Item!.Target, $"{path}/{i++}") is { } problem) return problem;
                return null;
            case ShapeKind.Map:
                if (value.ValueKind != JsonValueKind.Object) return Wrong("an object (a map)");
                foreach (var entry in value.EnumerateObject())
                {
                    if (shape.Key!.Target.Enum is { } keys && !keys.Contains(entry.Name))
                        return $"{path}: the key {Quote(entry.Name)} is not one of {string.Join(", ", keys)}";
                    if (Problem(entry.Value, shape.Value!.Target, $"{path}/{entry.Name}") is { } problem) return problem;
                }
                return null;
            case ShapeKind.String:
                if (value.ValueKind != JsonValueKind.String) return Wrong("a string");
                return shape.Enum is { } values && Text(value) is var text && !values.Contains(text)
                    ? $"{Here()}: {Quote(text)} is not one of {string.Join(", ", values)}"
                    : null;
            case ShapeKind.Integer or ShapeKind.Long:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : Wrong("a whole number");
            case ShapeKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Wrong("true or false");
            case ShapeKind.Timestamp:
                return value.ValueKind == JsonValueKind.Number ? null : Wrong("epoch seconds (a number)");
            default:
                return null;
        }
    }

    /// <summary>A string member's text; one .NET cannot hold (a lone surrogate escape) shown as its escape.</summary>
    static string Text(JsonElement value)
    {
        try { return value.GetString()!; }
        catch (InvalidOperationException) { return value.GetRawText()[1..^1]; }
    }

    static string Quote(string s) => JsonSerializer.Serialize(s.Length > 60 ? s[..60] + "..." : s);

    static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };
}
