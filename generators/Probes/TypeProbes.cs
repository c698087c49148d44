using NotifyContract.Generators.Contract;
using NotifyContract.Generators.Requests;
using static NotifyContract.Generators.Probes.Probes;

namespace NotifyContract.Generators.Probes;

/// <summary>
/// <c>X.type</c>: the member's JSON type is valid (and, when optional, <c>null</c> or absent); any other JSON type is
/// rejected by the deserializer before validation, so it expects a client error, not a specific code. awsJson sends
/// a timestamp as epoch seconds (a number). A map's key has no type rule: JSON keys are always strings.
/// JSON's edges go here too: the falsy values of every other type (a server written as <c>value || []</c> turns
/// <c>false</c>, <c>0</c> and <c>""</c> into valid input), numbers a parser mishandles (<c>1e400</c>, a 400-digit
/// integer; for an integer <c>1.5</c> and one past its bits; <c>-0</c> is the integer 0), and a string holding U+0000
/// where the member takes any character (C strings and databases end at it: a 500 there is a crash).
/// </summary>
internal static class TypeProbes
{
    static readonly Json Number = new Json.Num(7), Boolean = new Json.Bool(true), Text = new Json.Str("x"),
        EmptyObject = Json.Obj.Empty, EmptyList = new Json.Arr([]), False = new Json.Bool(false),
        Zero = new Json.Num(0), EmptyText = new Json.Str("");

    static Json Raw(string json) => new Json.Raw(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Numbers no integer (nor timestamp) parser should take: past a double, four hundred digits.</summary>
    static readonly (Json Value, string Note)[] Huge =
    [
        (Raw("1e400"), "1e400, past a double"),
        (Raw("1" + new string('0', 399)), "a 400-digit integer"),
    ];

    /// <summary>What a value is, for the case's note.</summary>
    static string Name(Json j) => j switch
    {
        Json.Str { Value: "" } => "empty string",
        Json.Str => "string",
        Json.Num { Value: 0 } => "number 0",
        Json.Num => "number",
        Json.Bool { Value: false } => "false",
        Json.Bool => "boolean",
        Json.Obj => "object",
        Json.Arr => "array",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    public static ConstraintProbes? For(Member m)
    {
        if (m.Name == "key") return null;
        var (right, wrong) = m.Type switch
        {
            MemberType.String => (ValidValues.Minimal(m), new[] { Number, Boolean, EmptyObject, EmptyList, False, Zero }),
            MemberType.Structure => (ValidValues.Minimal(m), new[] { Text, Number, Boolean, EmptyList, False, Zero, EmptyText }),
            MemberType.List => (ValidValues.Minimal(m), new[] { EmptyObject, Text, Number, Boolean, False, Zero, EmptyText }),
            MemberType.Map => (ValidValues.Minimal(m), new[] { Text, Number, Boolean, EmptyList, False, Zero, EmptyText }),
            MemberType.Integer => (ValidValues.Minimal(m), new[] { new Json.Str("7"), Boolean, EmptyObject, EmptyList, False, EmptyText }),
            MemberType.Boolean => (new Json.Bool(true), new[] { new Json.Str("true"), new Json.Num(1), EmptyObject, EmptyList, Zero, EmptyText }),
            MemberType.Timestamp => (new Json.Num(1_700_000_000),
                new[] { new Json.Str("2023-11-14T22:13:20Z"), Boolean, EmptyObject, EmptyList, False, EmptyText }),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Type, $"no JSON type for {m.Path}"),
        };
        // A list's item or a map's value has no "absent": null there is a sparse list or map, which the model does
        // not allow.
        var optional = !m.Required && m.Name is not ("member" or "value");
        return Fixed(m, ConstraintKind.Type,
        [
            Set(m, Valid, right, note: $"a JSON {Name(right)}"),
            .. optional
                ? [Set(m, Valid, Json.Null.Value, note: "an explicit null for an optional member: the same as absent"),
                   Set(m, Valid, value: null, note: "absent")]
                : Array.Empty<Probe>(),
            .. wrong.Select(w => Set(m, Expectation.ClientError, w, note: $"a JSON {Name(w)}")),
            .. Numbers(m),
            .. Nul(m),
        ]);
    }

    /// <summary>Numbers at a parser's edges: an integer's <c>-0</c> (valid where 0 is), <c>1.5</c> and one past its
    /// bits; a timestamp's fractional seconds (valid); both refuse <c>1e400</c> and a 400-digit integer.</summary>
    static IEnumerable<Probe> Numbers(Member m) => m.Type switch
    {
        MemberType.Integer =>
        [
            .. 0 >= (m.MinValue ?? long.MinValue) && 0 <= (m.MaxValue ?? long.MaxValue)
                ? [Set(m, Valid, Raw("-0"), note: "-0: the integer 0")] : Array.Empty<Probe>(),
            Set(m, Expectation.ClientError, Raw("1.5"), note: "1.5, not a whole number"),
            m.Shape is "Long" || m.MaxValue > int.MaxValue
                ? Set(m, Expectation.ClientError, Raw("9223372036854775808"), note: "2^63, past a 64-bit integer")
                : Set(m, Expectation.ClientError, Raw("2147483648"), note: "2^31, past a 32-bit integer"),
            .. Huge.Select(h => Set(m, Expectation.ClientError, h.Value, note: h.Note)),
        ],
        MemberType.Timestamp =>
        [
            Set(m, Valid, Raw("1700000000.5"), note: "fractional epoch seconds"),
            .. Huge.Select(h => Set(m, Expectation.ClientError, h.Value, note: h.Note)),
        ],
        _ => [],
    };

    /// <summary>A string holding U+0000, where the member takes any character at that length (no enum, no pattern):
    /// valid. A pattern that refuses it meets it among its own characters (<see cref="PatternProbes"/>).</summary>
    static IEnumerable<Probe> Nul(Member m)
    {
        if (m.Type != MemberType.String || m.Enum is not null || m.Pattern is not null) yield break;
        var value = "a\u0000b";
        if (value.Length >= (m.MinLength ?? 0) && value.Length <= (m.MaxLength ?? int.MaxValue))
            yield return Set(m, Valid, value, note: "a string holding U+0000");
    }
}
