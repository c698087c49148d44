using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace NotifyContract.Tests.Support;

/// <summary>
/// JSON as a hostile peer writes it, for the robustness properties (answers a target sends, requests the stub gets):
/// strings holding any UTF-16 unit (controls, lone surrogates, noncharacters, pairs), each written raw or in every
/// escape JSON has; every number form (huge, tiny, negative zero, past any integer type); values of the wrong type;
/// nesting past parsers' depth limits; and text that is nearly JSON. Sizes follow FsCheck's size.
/// </summary>
public static class AnyJson
{
    /// <summary>One UTF-16 unit or pair, the kinds weighted so every kind turns up in a few strings.</summary>
    public static readonly Gen<string> Unit = Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7E).Select(Char)),
        (2, Gen.Choose(0x00, 0x1F).Select(Char)),
        (1, Gen.Choose(0x7F, 0x9F).Select(Char)),
        (2, Gen.Choose(0xD800, 0xDFFF).Select(Char)), // lone, unless two happen to pair
        (1, Gen.Elements("\uFFFE", "\uFFFF", "\uFEFF", "\u2028", "\u202E", "\u200D", "\u001B[31m")),
        (2, Gen.Choose(0xA0, 0xFFFD).Where(c => !char.IsSurrogate((char)c)).Select(Char)),
        (2, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));

    /// <summary>Any text: a run of <see cref="Unit"/>s.</summary>
    public static readonly Gen<string> Text = Gen.ListOf(Unit).Select(string.Concat);

    /// <summary>A JSON string literal of <paramref name="text"/>: each unit raw (a raw lone surrogate becomes U+FFFD in
    /// UTF-8, a raw control makes it not JSON) or escaped as <c>\u00e9</c>, <c>\u00E9</c> or its short escape.</summary>
    public static Gen<string> Literal(string text) =>
        Gen.CollectToArray(text, c => Gen.Elements(Forms(c))).Select(parts => $"\"{string.Concat(parts)}\"");

    /// <summary>A JSON string literal of any text.</summary>
    public static readonly Gen<string> AnyLiteral = Text.SelectMany(Literal);

    /// <summary>Numbers in every form JSON allows, and some it does not (a leading plus, NaN, a bare dot).</summary>
    public static readonly Gen<string> Number = Gen.OneOf(
        Gen.Elements("0", "-0", "1e999", "-1E-999", "1.5e+10", "0.0000000000000000000001", "9007199254740993",
            "-9223372036854775809", "18446744073709551616", new string('9', 400), "1" + new string('0', 5000),
            "+1", "NaN", "-Infinity", ".5", "01"),
        Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Choose(-1000, 1000).Select(n => (n / 7.0).ToString("R", CultureInfo.InvariantCulture)));

    static readonly Gen<string> Scalar = Gen.Frequency(
        (4, AnyLiteral), (2, Number), (1, Gen.Elements("true", "false", "null")));

    /// <summary>Any JSON value nested up to <paramref name="depth"/> levels, members named from
    /// <paramref name="names"/> or any text.</summary>
    public static Gen<string> Value(int depth, Gen<string> names) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Gen.ListOf(Value(depth - 1, names)).ScaleSize(Nested).Select(items => $"[{string.Join(",", items)}]")),
            (2, Gen.ListOf(Member(names, Value(depth - 1, names))).ScaleSize(Nested).Select(Object)));

    /// <summary>Each level holds fewer members, so a value's size grows with the size, not with its power.</summary>
    public static int Nested(int size) => size / 3;

    /// <summary>One <c>"name": value</c>, the name from <paramref name="names"/> or any text, escaped or not.</summary>
    public static Gen<string> Member(Gen<string> names, Gen<string> value) =>
        from name in Gen.Frequency((3, names), (1, Text))
        from key in Literal(name)
        from v in value
        select $"{key}:{v}";

    public static string Object(IEnumerable<string> members) => $"{{{string.Join(",", members)}}}";

    /// <summary>Arrays or objects nested past the depth parsers allow (64 in System.Text.Json), around any value.</summary>
    public static readonly Gen<string> Deep =
        from depth in Gen.Choose(60, 300)
        from inner in Scalar
        from objects in Gen.Elements(true, false)
        select objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + inner + new string('}', depth)
            : new string('[', depth) + inner + new string(']', depth);

    /// <summary>Nearly JSON: a valid text cut short, with a byte flipped, or with trailing garbage.</summary>
    public static Gen<byte[]> Broken(Gen<string> json) =>
        from text in json
        let bytes = Encoding.UTF8.GetBytes(text)
        from how in Gen.Choose(0, 2)
        from at in Gen.Choose(0, Math.Max(0, bytes.Length - 1))
        from b in Gen.Choose(0, 255)
        select how switch
        {
            0 => bytes[..at],
            1 when bytes.Length > 0 => [.. bytes[..at], (byte)b, .. bytes[(at + 1)..]],
            _ => [.. bytes, .. "}]\",x"u8],
        };

    /// <summary>Any bytes at all (mostly not UTF-8).</summary>
    public static readonly Gen<byte[]> Bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));

    /// <summary>A body: mostly <paramref name="shaped"/> (what the peer should send, its members of any type), else any
    /// JSON value with members named from <paramref name="names"/>, JSON nested too deep, near-JSON, any bytes, any
    /// text, or one of a few small ones (empty, <c>{}</c>, <c>null</c>, an HTML page).</summary>
    public static Gen<byte[]> Body(Gen<string> shaped, Gen<string> names) => Gen.Frequency(
        (5, shaped.Select(Encoding.UTF8.GetBytes)),
        (2, Value(3, names).Select(Encoding.UTF8.GetBytes)),
        (1, Deep.Select(Encoding.UTF8.GetBytes)),
        (1, Broken(shaped)),
        (1, Bytes),
        (1, Text.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Elements("", "{}", "null", "[]", "<!DOCTYPE html><html>", "<html><body>x</body></html>")
            .Select(Encoding.UTF8.GetBytes)));

    static string Char(int c) => ((char)c).ToString();

    /// <summary>Every way a JSON string may hold the unit (or pair) <paramref name="c"/>.</summary>
    static string[] Forms(char c)
    {
        var escaped = new List<string> { $"\\u{(int)c:x4}", $"\\u{(int)c:X4}" };
        escaped.AddRange(c switch
        {
            '"' => ["\\\""], '\\' => ["\\\\"], '/' => ["/", "\\/"], '\b' => ["\\b"], '\f' => ["\\f"], '\n' => ["\\n"],
            '\r' => ["\\r"], '\t' => ["\\t"],
            _ => [c.ToString()], // raw: a control here is not JSON, a lone surrogate becomes U+FFFD in UTF-8
        });
        return [.. escaped];
    }
}
