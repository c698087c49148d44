using System.Security.Cryptography;
using System.Text.Json;

namespace NotifyContract.Model;

/// <summary>
/// Where the model comes from: the copies embedded in this assembly (models/README.md), or a file the user gives
/// (<c>--model FILE</c>: a Smithy JSON AST or botocore's form, told apart by their top-level members).
/// </summary>
public static class ModelFiles
{
    const string SmithyFile = "service-catalog.smithy.json";
    const string BotocoreFile = "servicecatalog-2015-12-10.botocore-1.43.11.json";

    /// <summary>The embedded model: the Smithy file, with each pattern as botocore (the published pages) prints it.</summary>
    public static ServiceModel Embedded => embedded.Value;

    static readonly Lazy<ServiceModel> embedded = new(() =>
    {
        var (smithyBytes, botocoreBytes) = (Resource(SmithyFile), Resource(BotocoreFile));
        using var smithy = JsonDocument.Parse(smithyBytes);
        using var botocore = JsonDocument.Parse(botocoreBytes);
        var model = SmithyReader.Read(smithy.RootElement, File("smithy", SmithyFile, smithyBytes,
                "awslabs/aws-sdk-kotlin codegen/sdk/aws-models/service-catalog.json at 05ea93b9"),
            BotocoreReader.Patterns(botocore.RootElement));
        return model with
        {
            Files = [.. model.Files, File("botocore", BotocoreFile, botocoreBytes,
                "botocore 1.43.11 botocore/data/servicecatalog/2015-12-10/service-2.json (the patterns as the published pages print them)")],
        };
    });

    /// <summary>A model file the user gives; a <see cref="ModelException"/> (one line) when it cannot be read as one.</summary>
    public static ServiceModel Load(string path)
    {
        byte[] bytes;
        try { bytes = System.IO.File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or NotSupportedException)
        {
            throw new ModelException($"cannot read the model {path}: {e.Message}");
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw new ModelException($"model {path} is not JSON: {e.Message.Split('\n')[0]}"); }
        using (doc)
        {
            var root = doc.RootElement;
            var name = Path.GetFileName(path);
            return BotocoreReader.Is(root)
                ? BotocoreReader.Read(root, File("botocore", name, bytes, path))
                : SmithyReader.Read(root, File("smithy", name, bytes, path));
        }
    }

    static ModelFile File(string format, string name, byte[] bytes, string origin) =>
        new(format, name, Convert.ToHexStringLower(SHA256.HashData(bytes)), origin);

    static byte[] Resource(string name)
    {
        using var stream = typeof(ModelFiles).Assembly.GetManifestResourceStream("models/" + name)
            ?? throw new InvalidOperationException($"models/{name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
