using System.Text.Json;
using NotifyContract.Generators;

namespace NotifyContract.Harness.Oracle;

/// <summary>
/// Which error codes answer each expectation, and which reading of the ambiguous semantics to judge by
/// (none: ambiguous cases are observed). Loaded from <c>profiles/NAME.json</c>, embedded in the harness.
/// </summary>
public sealed record Profile(
    string Name,
    IReadOnlyDictionary<string, string[]> Accept,
    IReadOnlyDictionary<AmbiguityKind, string> Readings)
{
    /// <summary>Profiles travel inside the assembly (<c>profiles/*.json</c> as embedded resources), so the tool and
    /// the NuGet library in a consumer's test project judge by the same files without a folder beside them.</summary>
    const string ResourcePrefix = "NotifyContract.Harness.profiles.";

    static readonly System.Reflection.Assembly Assembly = typeof(Profile).Assembly;

    public static IEnumerable<string> Names =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix) && n.EndsWith(".json"))
            .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order();

    public static Profile Load(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
            ?? throw new HarnessException($"unknown profile '{name}' (known: {string.Join(", ", Names)})");
        try
        {
            var file = JsonSerializer.Deserialize<ProfileFile>(stream, JsonOptions) ?? throw new JsonException("empty");
            return new(file.Name, file.Accept,
                file.Readings.ToDictionary(r => Enum.Parse<AmbiguityKind>(r.Key, ignoreCase: true), r => r.Value));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new HarnessException($"profile {name} is malformed: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The same profile, judging each question the user picked a reading for (<c>--patterns</c>,
    /// <c>--lengths</c>, <c>--content-type</c>, <c>--signatures</c>; null: as the profile says).</summary>
    public Profile WithReadings(string? patterns, string? lengths, string? contentType, string? signatures = null) =>
        WithReading(AmbiguityKind.Patterns, patterns)
            .WithReading(AmbiguityKind.Lengths, lengths)
            .WithReading(AmbiguityKind.ContentType, contentType)
            .WithReading(AmbiguityKind.Signatures, signatures);

    /// <summary>The same profile, judging one question by the user's reading.</summary>
    public Profile WithReading(AmbiguityKind kind, string? reading) =>
        reading is null
            ? this
            : this with { Readings = new Dictionary<AmbiguityKind, string>(Readings) { [kind] = reading } };

    public bool Accepts(Expectation expected, string? code) =>
        code is not null && Accept.TryGetValue(expected.Wire(), out var codes) && codes.Contains(code);

    static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    sealed record ProfileFile(string Name, Dictionary<string, string[]> Accept, Dictionary<string, string> Readings);
}
