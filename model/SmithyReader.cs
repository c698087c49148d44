using System.Text.Json;

namespace NotifyContract.Model;

/// <summary>
/// Reads a Smithy 2.0 JSON AST (and Smithy 1's <c>enum</c> trait) into a <see cref="ServiceModel"/>: the one awsJson
/// service shape, its operations (resources' too), and every shape their inputs, outputs and errors reach. Traits that
/// change what a valid request is are read (<c>required</c>, <c>idempotencyToken</c>, <c>length</c>, <c>range</c>,
/// <c>pattern</c>, <c>enum</c>/<c>enumValue</c>); traits that do not (documentation, HTTP bindings, which awsJson
/// ignores, pagination, ...) are passed over; any other trait of the <c>smithy.api</c> namespace is refused, naming the
/// shape, rather than silently not checked.
/// </summary>
public sealed class SmithyReader
{
    const string Api = "smithy.api#";

    /// <summary>Read into the shapes (<c>required</c> and the rest are read where they apply).</summary>
    static readonly HashSet<string> Understood =
    [
        "required", "idempotencyToken", "length", "range", "pattern", "enum", "enumValue", "readonly", "default",
        "error", "input", "output",
    ];

    /// <summary>Traits with no bearing on an awsJson request's validity.</summary>
    static readonly HashSet<string> Passed =
    [
        "documentation", "deprecated", "httpQuery", "httpHeader", "httpLabel", "httpPayload", "httpPrefixHeaders",
        "httpQueryParams", "httpResponseCode", "httpError", "http", "paginated", "title", "externalDocumentation",
        "examples", "tags", "since", "suppress", "sensitive", "clientOptional", "addedDefault", "idempotent",
        "retryable", "unstable", "internal", "private", "recommended", "auth", "optionalAuth", "noReplace",
        "references", "resourceIdentifier", "mixin", "trait", "protocolDefinition", "authDefinition", "idRef",
        "xmlName", "xmlNamespace", "xmlAttribute", "xmlFlattened", "jsonName", "cors", "endpoint", "hostLabel",
        "mediaType", "property", "notProperty", "nestedProperties", "box",
    ];

    static readonly Dictionary<string, ShapeKind> Simple = new()
    {
        ["string"] = ShapeKind.String, ["enum"] = ShapeKind.String, ["integer"] = ShapeKind.Integer,
        ["long"] = ShapeKind.Long, ["boolean"] = ShapeKind.Boolean, ["timestamp"] = ShapeKind.Timestamp,
    };

    readonly string file;
    readonly JsonElement shapes;
    readonly IReadOnlyDictionary<string, string> pagePatterns;
    readonly Dictionary<string, Shape> built = [];
    readonly HashSet<string> building = [];

    SmithyReader(string file, JsonElement shapes, IReadOnlyDictionary<string, string> pagePatterns)
    {
        this.file = file;
        this.shapes = shapes;
        this.pagePatterns = pagePatterns;
    }

    /// <param name="pagePatterns">Each pattern as the published pages print it, by shape name (botocore's); a shape
    /// not listed takes the model's own text.</param>
    public static ServiceModel Read(JsonElement root, ModelFile source,
        IReadOnlyDictionary<string, string>? pagePatterns = null)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("smithy", out _)
            || !root.TryGetProperty("shapes", out var shapes) || shapes.ValueKind != JsonValueKind.Object)
            throw new ModelException($"{source.Name} is not a Smithy JSON AST (no \"smithy\" version and \"shapes\")");
        var reader = new SmithyReader(source.Name, shapes, pagePatterns ?? new Dictionary<string, string>());
        return reader.Service(source);
    }

    ServiceModel Service(ModelFile source)
    {
        var services = shapes.EnumerateObject().Where(s => Type(s.Value) == "service").ToList();
        if (services.Count != 1)
            throw Bad($"holds {services.Count} service shapes; the harness reads exactly one");
        var (id, service) = (services[0].Name, services[0].Value);
        var traits = Traits(service);
        var contentType =
            traits.TryGetProperty("aws.protocols#awsJson1_1", out _) ? "application/x-amz-json-1.1"
            : traits.TryGetProperty("aws.protocols#awsJson1_0", out _) ? "application/x-amz-json-1.0"
            : throw Bad($"service {id} speaks no awsJson protocol (awsJson1_0 or awsJson1_1); the harness frames no other");
        var aws = traits.TryGetProperty("aws.api#service", out var a) ? a : default;
        var signing = traits.TryGetProperty("aws.auth#sigv4", out var s) && Text(s, "name") is { } n ? n
            : Text(aws, "endpointPrefix") ?? Text(aws, "arnNamespace") ?? LocalName(id).ToLowerInvariant();
        var operations = OperationIds(service).Distinct().Select(Operation).OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        return new(LocalName(id), contentType, signing, Text(aws, "sdkId") ?? LocalName(id),
            Text(service, "version") ?? "", operations, [source]);
    }

    /// <summary>The service's operations and those of its resources, nested ones included.</summary>
    IEnumerable<string> OperationIds(JsonElement container)
    {
        foreach (var key in new[] { "operations", "collectionOperations" })
            foreach (var target in Targets(container, key))
                yield return target;
        foreach (var key in new[] { "create", "put", "read", "update", "delete", "list" })
            if (container.TryGetProperty(key, out var one) && Text(one, "target") is { } target)
                yield return target;
        foreach (var resource in Targets(container, "resources"))
            foreach (var op in OperationIds(ShapeElement(resource, "a resource")))
                yield return op;
    }

    Operation Operation(string id)
    {
        var op = ShapeElement(id, "an operation");
        if (Type(op) != "operation") throw Bad($"{id} is listed as an operation but is a {Type(op)}");
        var traits = Traits(op);
        Refuse(id, traits);
        Shape Io(string key) => op.TryGetProperty(key, out var io) && Text(io, "target") is { } t && t != Api + "Unit"
            ? Build(t)
            : new Shape(Api + "Unit", ShapeKind.Structure);
        var input = Io("input");
        var output = Io("output");
        if (input.Kind != ShapeKind.Structure || output.Kind != ShapeKind.Structure)
            throw Bad($"{id}: its input and output must be structures");
        return new(LocalName(id), input, output, [.. Targets(op, "errors").Select(LocalName)],
            traits.TryGetProperty(Api + "readonly", out _));
    }

    Shape Build(string id)
    {
        if (built.TryGetValue(id, out var done)) return done;
        if (Prelude(id) is { } prelude) return built[id] = prelude;
        if (!building.Add(id)) throw Bad($"{id} is recursive; the harness reads only finite shapes");
        var e = ShapeElement(id, "a shape");
        var type = Type(e);
        var traits = Traits(e);
        Refuse(id, traits);
        var name = LocalName(id);
        var shape = type switch
        {
            _ when Simple.TryGetValue(type, out var kind) => Constrained(new Shape(name, kind), id, traits) with
            {
                Enum = type == "enum" ? EnumValues(e) : Smithy1Enum(traits),
            },
            "structure" => new Shape(name, ShapeKind.Structure)
            {
                Members = [.. Members(e).Select(m => MemberOf(id, m.Name, m.Value))],
            },
            "list" => Constrained(new Shape(name, ShapeKind.List), id, traits) with
            {
                Item = MemberOf(id, "member", Child(e, id, "member")),
            },
            "map" => Constrained(new Shape(name, ShapeKind.Map), id, traits) with
            {
                Key = MemberOf(id, "key", Child(e, id, "key")),
                Value = MemberOf(id, "value", Child(e, id, "value")),
            },
            _ => throw Bad($"{id} is a {type} shape, which the harness cannot read"),
        };
        building.Remove(id);
        return built[id] = shape;
    }

    /// <summary>The prelude's simple shapes; its others (Blob, Document, ...) are refused where they are used.</summary>
    static Shape? Prelude(string id) => id switch
    {
        Api + "String" => new("String", ShapeKind.String),
        Api + "Integer" or Api + "PrimitiveInteger" => new("Integer", ShapeKind.Integer),
        Api + "Long" or Api + "PrimitiveLong" => new("Long", ShapeKind.Long),
        Api + "Boolean" or Api + "PrimitiveBoolean" => new("Boolean", ShapeKind.Boolean),
        Api + "Timestamp" => new("Timestamp", ShapeKind.Timestamp),
        _ => null,
    };

    Member MemberOf(string owner, string name, JsonElement member)
    {
        var target = Text(member, "target") ?? throw Bad($"{owner}${name} has no target");
        var traits = Traits(member);
        Refuse($"{owner}${name}", traits);
        var shape = Build(target);
        // A constraint on the member itself applies to this member only: a copy of its target carries it.
        if (new[] { "length", "range", "pattern" }.Any(t => traits.TryGetProperty(Api + t, out _)))
            shape = Constrained(shape, $"{owner}${name}", traits);
        return new(name, shape, traits.TryGetProperty(Api + "required", out _),
            traits.TryGetProperty(Api + "idempotencyToken", out _));
    }

    Shape Constrained(Shape shape, string id, JsonElement traits)
    {
        if (traits.TryGetProperty(Api + "length", out var length))
            shape = shape with
            {
                MinLength = Number(length, "min", id) is { } min and > 0 ? min : null,
                MaxLength = Number(length, "max", id),
            };
        if (traits.TryGetProperty(Api + "range", out var range))
            shape = shape with { Min = Number(range, "min", id), Max = Number(range, "max", id) };
        if (traits.TryGetProperty(Api + "pattern", out var p))
        {
            var model = p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Bad($"{id}: a pattern must be a string");
            shape = shape with { Pattern = new(pagePatterns.GetValueOrDefault(shape.Name, model), model) };
        }
        return shape;
    }

    static IReadOnlyList<string> EnumValues(JsonElement e) =>
        [.. Members(e).Select(m => Traits(m.Value).TryGetProperty(Api + "enumValue", out var v)
            && v.ValueKind == JsonValueKind.String ? v.GetString()! : m.Name)];

    static IReadOnlyList<string>? Smithy1Enum(JsonElement traits) =>
        traits.TryGetProperty(Api + "enum", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(v => Text(v, "value")).OfType<string>()]
            : null;

    /// <summary>Any <c>smithy.api</c> trait that is neither read nor known to be harmless.</summary>
    void Refuse(string id, JsonElement traits)
    {
        foreach (var t in traits.EnumerateObject())
            if (t.Name.StartsWith(Api, StringComparison.Ordinal) && t.Name[Api.Length..] is var local
                && !Understood.Contains(local) && !Passed.Contains(local))
                throw Bad($"{id} carries the trait {t.Name}, which the harness cannot read");
    }

    JsonElement ShapeElement(string id, string what) =>
        shapes.TryGetProperty(id, out var e) ? e : throw Bad($"{what} {id} is referred to but not defined");

    JsonElement Child(JsonElement e, string id, string name) =>
        e.TryGetProperty(name, out var c) ? c : throw Bad($"{id} has no {name}");

    long? Number(JsonElement o, string name, string id)
    {
        if (!o.TryGetProperty(name, out var v)) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d == decimal.Truncate(d)
            && d is >= long.MinValue and <= long.MaxValue
            ? (long)d
            : throw Bad($"{id}: {name} {v.GetRawText()} is not a whole number the harness can use");
    }

    static IEnumerable<JsonProperty> Members(JsonElement e) =>
        e.TryGetProperty("members", out var m) && m.ValueKind == JsonValueKind.Object ? m.EnumerateObject() : [];

    static IEnumerable<string> Targets(JsonElement e, string key) =>
        e.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(t => Text(t, "target")).OfType<string>()
            : [];

    static readonly JsonElement NoTraits = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>A shape's or member's traits; an empty object when it has none.</summary>
    static JsonElement Traits(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object
            ? t
            : NoTraits;

    static string Type(JsonElement e) => Text(e, "type") ?? "";

    static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    static string LocalName(string id) => id[(id.IndexOf('#') + 1)..];

    ModelException Bad(string why) => new($"model {file}: {why}");
}
