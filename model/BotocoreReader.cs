using System.Text.Json;

namespace NotifyContract.Model;

/// <summary>
/// Reads botocore's JSON form of a service (<c>service-2.json</c>: what boto3, moto and LocalStack are built on) into
/// the same <see cref="ServiceModel"/> as <see cref="SmithyReader"/>. <c>min</c>/<c>max</c> are lengths on strings,
/// lists and maps and a range on integers; <c>required</c> is the structure's list. Only the <c>json</c> protocol is
/// read; shape types and member flags that change the wire form and that the harness does not model are refused.
/// </summary>
public sealed class BotocoreReader
{
    static readonly Dictionary<string, ShapeKind> Kinds = new()
    {
        ["string"] = ShapeKind.String, ["integer"] = ShapeKind.Integer, ["long"] = ShapeKind.Long,
        ["boolean"] = ShapeKind.Boolean, ["timestamp"] = ShapeKind.Timestamp, ["structure"] = ShapeKind.Structure,
        ["list"] = ShapeKind.List, ["map"] = ShapeKind.Map,
    };

    /// <summary>Flags that change how a value goes on the wire (or make a shape something else).</summary>
    static readonly string[] Refused = ["jsonvalue", "timestampFormat", "streaming", "eventstream", "document", "union"];

    readonly string file;
    readonly JsonElement shapes;
    readonly Dictionary<string, Shape> built = [];
    readonly HashSet<string> building = [];

    BotocoreReader(string file, JsonElement shapes)
    {
        this.file = file;
        this.shapes = shapes;
    }

    public static bool Is(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metadata", out _)
        && root.TryGetProperty("operations", out _) && root.TryGetProperty("shapes", out _);

    public static ServiceModel Read(JsonElement root, ModelFile source)
    {
        if (!Is(root)) throw new ModelException($"{source.Name} is not a botocore model (no metadata, operations and shapes)");
        var reader = new BotocoreReader(source.Name, root.GetProperty("shapes"));
        var meta = root.GetProperty("metadata");
        var protocol = Text(meta, "protocol");
        var version = Text(meta, "jsonVersion") ?? "1.0";
        if (protocol != "json" || version is not ("1.0" or "1.1"))
            throw reader.Bad($"its protocol is {protocol ?? "unnamed"} {version}; the harness frames only awsJson 1.0 and 1.1");
        var operations = root.GetProperty("operations").EnumerateObject()
            .Select(o => reader.Operation(o.Name, o.Value)).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        return new(
            Text(meta, "targetPrefix") ?? throw reader.Bad("its metadata names no targetPrefix"),
            $"application/x-amz-json-{version}",
            Text(meta, "signingName") ?? Text(meta, "endpointPrefix") ?? throw reader.Bad("no signingName or endpointPrefix"),
            Text(meta, "serviceId") ?? Text(meta, "targetPrefix")!,
            Text(meta, "apiVersion") ?? "",
            operations,
            [source]);
    }

    /// <summary>Each shape's pattern as botocore (the published pages) prints it, by shape name.</summary>
    public static IReadOnlyDictionary<string, string> Patterns(JsonElement root) =>
        root.GetProperty("shapes").EnumerateObject()
            .Where(s => Text(s.Value, "pattern") is not null)
            .ToDictionary(s => s.Name, s => Text(s.Value, "pattern")!);

    Operation Operation(string name, JsonElement op)
    {
        Shape Io(string key) => op.TryGetProperty(key, out var io) && Text(io, "shape") is { } shape
            ? Build(shape)
            : new Shape("Unit", ShapeKind.Structure);
        var (input, output) = (Io("input"), Io("output"));
        if (input.Kind != ShapeKind.Structure || output.Kind != ShapeKind.Structure)
            throw Bad($"operation {name}: its input and output must be structures");
        var errors = op.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => Text(e, "shape")).OfType<string>().ToList()
            : [];
        return new(name, input, output, errors);
    }

    Shape Build(string name)
    {
        if (built.TryGetValue(name, out var done)) return done;
        if (!building.Add(name)) throw Bad($"shape {name} is recursive; the harness reads only finite shapes");
        var e = shapes.TryGetProperty(name, out var s) ? s : throw Bad($"shape {name} is referred to but not defined");
        var type = Text(e, "type") ?? "";
        if (!Kinds.TryGetValue(type, out var kind)) throw Bad($"shape {name} is a {type}, which the harness cannot read");
        RefuseFlags(name, e);
        var shape = new Shape(name, kind);
        long? Bound(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetInt64(out var n) ? n
            : e.TryGetProperty(key, out _) ? throw Bad($"shape {name}: {key} is not a whole number") : null;
        shape = kind switch
        {
            ShapeKind.Integer or ShapeKind.Long => shape with { Min = Bound("min"), Max = Bound("max") },
            ShapeKind.String or ShapeKind.List or ShapeKind.Map => shape with
            {
                MinLength = Bound("min") is { } min and > 0 ? min : null,
                MaxLength = Bound("max"),
            },
            _ => shape,
        };
        if (Text(e, "pattern") is { } pattern) shape = shape with { Pattern = new(pattern, pattern) };
        if (e.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            shape = shape with { Enum = [.. values.EnumerateArray().Select(v => v.GetString()).OfType<string>()] };
        shape = kind switch
        {
            ShapeKind.Structure => shape with { Members = Members(name, e) },
            ShapeKind.List => shape with { Item = Child(name, e, "member") },
            ShapeKind.Map => shape with { Key = Child(name, e, "key"), Value = Child(name, e, "value") },
            _ => shape,
        };
        building.Remove(name);
        return built[name] = shape;
    }

    IReadOnlyList<Member> Members(string name, JsonElement e)
    {
        var required = e.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet()
            : [];
        if (!e.TryGetProperty("members", out var members)) return [];
        return [.. members.EnumerateObject().Select(m =>
        {
            RefuseFlags($"{name}${m.Name}", m.Value);
            return new Member(m.Name, Build(Text(m.Value, "shape") ?? throw Bad($"member {name}${m.Name} has no shape")),
                required.Contains(m.Name),
                m.Value.TryGetProperty("idempotencyToken", out var token) && token.ValueKind == JsonValueKind.True);
        })];
    }

    Member Child(string name, JsonElement e, string key) =>
        e.TryGetProperty(key, out var c) && Text(c, "shape") is { } shape
            ? new(key, Build(shape))
            : throw Bad($"shape {name} has no {key}");

    void RefuseFlags(string where, JsonElement e)
    {
        foreach (var flag in Refused)
            if (e.TryGetProperty(flag, out _)) throw Bad($"{where} is marked {flag}, which the harness cannot read");
    }

    static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    ModelException Bad(string why) => new($"model {file}: {why}");
}
