using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotifyContract.Generators.Requests;

/// <summary>
/// A tiny immutable JSON tree: requests are edited as trees (one path set or removed) and rendered to exact bytes.
/// Our own tree rather than JsonNode so a value can also be raw bytes (invalid UTF-8) and edits stay cheap.
/// </summary>
internal abstract record Json
{
    public sealed record Str(string Value) : Json
    {
        /// <summary>The value escaped once, for a value many requests share (a pooled token of up to 4 KB).</summary>
        public JsonEncodedText? Escaped { get; private init; }

        public static Str Shared(string value) =>
            new(value) { Escaped = JsonEncodedText.Encode(value, Options.Encoder) };
    }
    public sealed record Num(long Value) : Json;
    public sealed record Bool(bool Value) : Json;
    public sealed record Null : Json { public static readonly Null Value = new(); }
    public sealed record Arr(ImmutableArray<Json> Items) : Json;
    public sealed record Obj(ImmutableArray<KeyValuePair<string, Json>> Members) : Json
    {
        public static readonly Obj Empty = new(ImmutableArray<KeyValuePair<string, Json>>.Empty);
        public Json? this[string name] => IndexOf(name) is var i and >= 0 ? Members[i].Value : null;

        public int IndexOf(string name)
        {
            for (var i = 0; i < Members.Length; i++) if (Members[i].Key == name) return i;
            return -1;
        }
    }
    /// <summary>
    /// A string value written straight from a longer string: length cases slice up to 40,000 characters from a cached
    /// fill, and copying each slice out first cost as much as the rest of the case.
    /// </summary>
    public sealed record Chars(string Source, int Start, int Length) : Json;
    /// <summary>Bytes written as they are (a string value holding invalid UTF-8).</summary>
    public sealed record Raw(byte[] Utf8) : Json;

    /// <summary>Whether this is a string value (whole or sliced) holding exactly <paramref name="text"/>.</summary>
    public bool IsText(string text) => this switch
    {
        Str s => s.Value == text,
        Chars c => c.Source.AsSpan(c.Start, c.Length).SequenceEqual(text),
        _ => false,
    };

    /// <summary>An object of the members that have a value (a null value leaves the member out).</summary>
    public static Obj Object(params ReadOnlySpan<(string Name, Json? Value)> members)
    {
        var count = 0;
        foreach (var m in members) if (m.Value is not null) count++;
        var present = new KeyValuePair<string, Json>[count];
        count = 0;
        foreach (var (name, value) in members)
            if (value is not null) present[count++] = KeyValuePair.Create(name, value);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(present));
    }

    // Relaxed escaping keeps non-ASCII text as UTF-8 in the body (what an SDK sends); the JSON meaning is the same.
    static readonly JsonWriterOptions Options =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic] static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] static Utf8JsonWriter? writer;

    /// <summary>The exact body bytes, written into a reused per-thread buffer.</summary>
    public byte[] ToBytes()
    {
        buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        Write(writer, this);
        writer.Flush();
        var bytes = GC.AllocateUninitializedArray<byte>(buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(bytes);
        return bytes;
    }

    static void Write(Utf8JsonWriter w, Json j)
    {
        switch (j)
        {
            case Str { Escaped: { } escaped }: w.WriteStringValue(escaped); break;
            case Str s: w.WriteStringValue(s.Value); break;
            case Chars c: w.WriteStringValue(c.Source.AsSpan(c.Start, c.Length)); break;
            case Num n: w.WriteNumberValue(n.Value); break;
            case Bool b: w.WriteBooleanValue(b.Value); break;
            case Null: w.WriteNullValue(); break;
            case Raw r: w.WriteRawValue(r.Utf8, skipInputValidation: true); break;
            case Arr a:
                w.WriteStartArray();
                foreach (var item in a.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case Obj o:
                w.WriteStartObject();
                foreach (var m in o.Members) { w.WritePropertyName(m.Key); Write(w, m.Value); }
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>
    /// Sets (or, with <paramref name="value"/> null, removes) the member at a model path below <paramref name="node"/>,
    /// whose members are <paramref name="members"/> (an operation's input, or a structure's). <c>member</c> is a list's
    /// first item; <c>key</c> the first entry's key of a map (the value is the key's text), <c>value</c> its value. A
    /// missing container is created as its smallest valid value first, so the edit is the request's only fault.
    /// </summary>
    public static Json? Edit(Json? node, Contract.Member? owner, IReadOnlyList<Contract.Member> members,
        ReadOnlySpan<string> path, Json? value)
    {
        if (path.IsEmpty) return value;
        var head = path[0];
        if (owner is { Type: Contract.MemberType.List } list && head == "member")
        {
            var items = node is Arr a && !a.Items.IsEmpty ? a.Items : [ValidValues.Minimal(list.Item!)];
            var first = Edit(items[0], list.Item, list.Item!.Members ?? [], path[1..], value);
            return new Arr(first is null ? items.RemoveAt(0) : items.SetItem(0, first));
        }
        if (owner is { Type: Contract.MemberType.Map } map && head is "key" or "value")
        {
            var entries = node is Obj o && !o.Members.IsEmpty ? o.Members
                : [KeyValuePair.Create(ValidValues.Shortest(map.Key!), ValidValues.Minimal(map.Value!))];
            var (key, entry) = entries[0];
            var changed = head == "key"
                ? KeyValuePair.Create(value?.Text() ?? throw new ArgumentException("a map key is a string"), entry)
                : KeyValuePair.Create(key, Edit(entry, map.Value, map.Value!.Members ?? [], path[1..], value)!);
            return new Obj(entries.SetItem(0, changed));
        }
        var obj = node as Obj ?? (owner is null ? Obj.Empty : ValidValues.Minimal(owner) as Obj ?? Obj.Empty);
        var member = members.FirstOrDefault(m => m.Name == head);
        var i = obj.IndexOf(head);
        var child = Edit(i < 0 ? null : obj.Members[i].Value, member, member?.Members ?? [], path[1..], value);
        var updated = KeyValuePair.Create(head, child!);
        return new Obj(child is null ? (i < 0 ? obj.Members : obj.Members.RemoveAt(i))
            : i < 0 ? obj.Members.Add(updated) : obj.Members.SetItem(i, updated));
    }

    /// <summary>A string value's text (whole or sliced); null for anything else.</summary>
    public string? Text() => this switch
    {
        Str s => s.Value,
        Chars c => c.Source.Substring(c.Start, c.Length),
        _ => null,
    };
}
