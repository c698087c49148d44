using System.Text.Json;
using System.Text.Json.Nodes;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using Member = NotifyContract.Model.Member;
using NotifyContract.Harness.Cli;
using NotifyContract.Model;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.ModelReading;

/// <summary>The model reader: both published forms read alike, <c>--model</c> takes another file, bad ones are one line.</summary>
public sealed class ModelReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-model-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static JsonObject Embedded(string name)
    {
        using var stream = typeof(ModelFiles).Assembly.GetManifestResourceStream("models/" + name)!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    static JsonObject Smithy() => Embedded("service-catalog.smithy.json");

    string Write(JsonNode model, string name = "model.json")
    {
        var file = Path.Combine(dir, name);
        File.WriteAllText(file, model.ToJsonString());
        return file;
    }

    /// <summary>Every member of every operation's input as one line of facts, for comparing two readings.</summary>
    static IEnumerable<string> Facts(ServiceModel model) => model.Operations.SelectMany(op =>
        Flatten(op.Input.Members, op.Name).Append($"{op.Name} errors={string.Join(",", op.Errors.Order())}"));

    static IEnumerable<string> Flatten(IEnumerable<Member> members, string path) => members.SelectMany(m =>
    {
        var s = m.Target;
        var here = $"{path}.{m.Name}";
        var line = $"{here} {s.Kind} required={m.Required} token={m.IdempotencyToken} length={s.MinLength}..{s.MaxLength} " +
                   $"range={s.Min}..{s.Max} enum={string.Join("|", s.Enum ?? [])} pattern={s.Pattern?.Page}";
        return Flatten([.. s.Members, .. new[] { s.Item, s.Key, s.Value }.OfType<Member>()], here).Prepend(line);
    });

    [Fact]
    public void The_Smithy_file_and_botocores_form_say_the_same_of_every_operation()
    {
        var botocore = ModelFiles.Load(Path.Combine(AppContext.BaseDirectory, "model-botocore.json"));
        var embedded = ModelFiles.Embedded;
        Assert.Equal(90, embedded.Operations.Count);
        Assert.Equal(Facts(embedded), Facts(botocore));
        Assert.Equal(("AWS242ServiceCatalogService", "application/x-amz-json-1.1", "servicecatalog"),
            (botocore.TargetPrefix, botocore.ContentType, botocore.SigningName));
        Assert.Equal((embedded.TargetPrefix, embedded.ContentType, embedded.SigningName),
            (botocore.TargetPrefix, botocore.ContentType, botocore.SigningName));
    }

    [Fact]
    public void The_embedded_model_has_the_facts_the_model_files_give()
    {
        var contract = ServiceContract.Default;
        var members = contract.Operations.SelectMany(o => o.AllMembers()).ToList();
        Assert.Equal(20, members.Count(m => m.IdempotencyToken));
        Assert.Equal(75, contract.Operations.Count(o => o.Errors.Contains("InvalidParametersException")));
        Assert.Equal(76, contract.Operations.Count(o => o.Errors.Contains("ResourceNotFoundException")));
        // The anchors the Smithy file adds, kept apart: the page's Id pattern searches, the model's is whole.
        var id = members.First(m => m.Shape == "Id").Pattern!;
        Assert.Equal((@"^[a-zA-Z0-9_\-]*", @"^[a-zA-Z0-9_\-]*$"), (id.Page.Regex, id.Model.Regex));
        Assert.True(id.Search("ab cd") && !id.Full("ab cd"));
    }

    [Fact]
    public void An_alternation_the_Smithy_file_anchored_without_grouping_searches_looser_than_the_page()
    {
        // FACTS: ProvisionedProductNameOrArn, ^a|b$ is not \A(?:a|b)\z: searched, the Smithy form takes "a!!! bad".
        var member = ServiceContract.Default.Get("TerminateProvisionedProduct").Find("ProvisionedProductName")!;
        var smithy = member.Pattern!.Model;
        Assert.True(smithy.Search("a!!! bad"));
        Assert.False(member.Pattern.Page.Full("a!!! bad"));
        Assert.False(smithy.Full("a!!! bad"));
        Assert.True(smithy.Full("my-product.v2") && smithy.Full("arn:aws:servicecatalog:us-east-1:123456789012:x"));
    }

    [Fact]
    public void A_newer_model_given_with_model_changes_the_rules_it_changes()
    {
        var model = Smithy();
        var shapes = model["shapes"]!.AsObject();
        shapes["com.amazonaws.servicecatalog#PortfolioDisplayName"]!["traits"]!["smithy.api#length"]!["max"] = 120;
        var file = Write(model);

        var a = Arguments.Parse(["--model", file, "--operation", "CreatePortfolio", "--export-cases", Path.Combine(dir, "c.jsonl"),
            "--max-test", "0"])!;
        Assert.NotEqual(ServiceContract.Default.Version, a.Contract.Version);
        Assert.Equal(0, Commands.Run(a));
        var atMax = File.ReadLines(Path.Combine(dir, "c.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(c => c.GetProperty("rule").GetString() == "DisplayName.maxLength"
                        && c.GetProperty("note").GetString()!.StartsWith("at the maximum: 120 code points"))
            .ToList();
        Assert.NotEmpty(atMax);
    }

    [Fact]
    public void Botocores_form_alone_is_a_model_too()
    {
        var a = Arguments.Parse(["--model", Path.Combine(AppContext.BaseDirectory, "model-botocore.json")])!;
        Assert.Equal(90, a.Contract.Operations.Count);
        // One source: both readings read its (unanchored) pattern.
        var id = a.Contract.Get("DescribeRecord").Find("Id")!.Pattern!;
        Assert.Equal(id.Page.Regex, id.Model.Regex);
    }

    public static TheoryData<string, string> BadModels => new()
    {
        { "not JSON", "is not JSON" },
        { "[1, 2]", "is not a Smithy JSON AST" },
        { """{"smithy": "2.0", "shapes": {}}""", "holds 0 service shapes" },
    };

    [Theory, MemberData(nameof(BadModels))]
    public void A_file_that_is_no_model_is_one_line_and_exit_2(string text, string expected)
    {
        var file = Path.Combine(dir, "bad.json");
        File.WriteAllText(file, text);
        var (exit, stdout, err) = Cli.Run(null, "--model", file, "--dry-run");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(expected, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        { "trait", "com.amazonaws.servicecatalog#AddTags carries the trait smithy.api#uniqueItems" },
        { "union", "com.amazonaws.servicecatalog#Tag is a union shape" },
        { "pattern", "shape IdempotencyToken: pattern (?=x)y: lookarounds and named groups is outside the regex syntax" },
        { "protocol", "speaks no awsJson protocol" },
    };

    [Theory, MemberData(nameof(Unreadable))]
    public void A_model_the_harness_cannot_read_names_the_shape_in_one_line(string change, string expected)
    {
        var model = Smithy();
        var shapes = model["shapes"]!.AsObject();
        JsonObject Shape(string name) => shapes["com.amazonaws.servicecatalog#" + name]!.AsObject();
        switch (change)
        {
            case "trait": Shape("AddTags")["traits"]!["smithy.api#uniqueItems"] = new JsonObject(); break;
            case "union": Shape("Tag")["type"] = "union"; break;
            case "pattern": Shape("IdempotencyToken")["traits"]!["smithy.api#pattern"] = "(?=x)y"; break;
            case "protocol": Shape("AWS242ServiceCatalogService")["traits"]!.AsObject().Remove("aws.protocols#awsJson1_1"); break;
        }
        var (exit, _, err) = Cli.Run(null, "--model", Write(model), "--dry-run");
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", err);
    }
}
