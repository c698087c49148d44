using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Generators;

/// <summary>
/// The edge catalogue and the engines' realistic values are in the cases, labelled as the checker (its own reading of
/// the contract) says. Lengths here are counted by <see cref="PublishedContract.CodePoints"/>, grapheme clusters by
/// <see cref="StringInfo"/>: the unit JMESPath's length() counts, which the edges are built to catch.
/// </summary>
public class EdgeCatalogueTests
{
    static readonly RecordSet Records = new(["rec-nc0000000000001"]);
    const string Provision = "NotifyProvisionProductEngineWorkflowResult";

    static readonly List<Case> Boundary = Notify.Suites(Records).SelectMany(s => s.Boundary).ToList();

    static IEnumerable<Case> Of(string rule, string operation = Provision) =>
        Boundary.Where(c => c.Operation == operation && c.Rule.Value == rule);

    static string Member(Case c, string path) =>
        PublishedContract.StringAt(JsonDocument.Parse(c.Body).RootElement, path)!;

    [Fact]
    public void Every_boundary_case_says_what_it_probes()
    {
        Assert.All(Boundary, c => Assert.False(string.IsNullOrWhiteSpace(c.Note), $"{c.Id} has no note"));
        Assert.All(Boundary, c => Assert.Null(CaseChecker.Problem(c, Records)));
    }

    [Fact]
    public void A_non_BMP_letter_at_a_UniqueTag_limit_is_a_length_unit_ambiguity()
    {
        var c = Assert.Single(Of("ResourceIdentifier.UniqueTag.Key.maxLength"),
            c => c.Note == "127 BMP + U+1D400: 128 code points, 129 UTF-16 units");
        Assert.Equal(Expectation.Observe, c.Expect);
        Assert.Equal(AmbiguityKind.Lengths, c.Ambiguity!.Kind);
        Assert.Equal(Expectation.ResourceNotFoundException, c.Ambiguity.ByReading["codepoints"]);
        Assert.Equal(Expectation.InvalidParametersException, c.Ambiguity.ByReading["utf16"]);
        Assert.Contains(Of("ResourceIdentifier.UniqueTag.Value.maxLength"),
            c => Member(c, "ResourceIdentifier.UniqueTag.Value").Contains("\U00020000"));
    }

    [Theory]
    [InlineData("FailureReason", 2048)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", 128)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", 256)]
    public void Grapheme_clusters_sit_at_the_limit_and_one_past_it(string member, int max)
    {
        var cases = Of(member + ".maxLength").Select(c => (c, s: Member(c, member))).ToList();
        bool Clustered(string s) => new StringInfo(s).LengthInTextElements < PublishedContract.CodePoints(s);
        // At the limit in code points, fewer clusters: valid (or, with non-BMP characters, a length-unit question).
        Assert.Contains(cases, x => PublishedContract.CodePoints(x.s) == max && Clustered(x.s)
            && x.c.Expect == Expectation.ResourceNotFoundException);
        // One past it in code points, yet at most the limit in clusters: what a text-element count lets through.
        Assert.Contains(cases, x => PublishedContract.CodePoints(x.s) == max + 1
            && new StringInfo(x.s).LengthInTextElements <= max
            && x.c.Expect == Expectation.InvalidParametersException);
    }

    [Fact]
    public void Wide_characters_and_ReDoS_shapes_reach_every_limit()
    {
        var cjk = Assert.Single(Of("FailureReason.maxLength"),
            c => Member(c, "FailureReason") == new string('\u4E2D', 2048));
        Assert.Equal(Expectation.ResourceNotFoundException, cjk.Expect);
        foreach (var (member, max) in new[] { ("WorkflowToken", 20000), ("RecordId", 100), ("FailureReason", 2048), ("IdempotencyToken", 128),
                     ("ResourceIdentifier.UniqueTag.Key", 128), ("ResourceIdentifier.UniqueTag.Value", 256) })
        {
            Assert.Contains(Of(member + ".pattern"), c => Member(c, member).Length == max
                && c.Expect != Expectation.ResourceNotFoundException);
            Assert.Contains(Of(member + ".maxLength"), c => Member(c, member).Length >= Math.Min(2 * max, 10_001));
        }
    }

    [Theory]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "\n", Expectation.InvalidParametersException)] // anchored in both sources
    [InlineData("IdempotencyToken", "\n", Expectation.Observe)] // only the model anchors it
    [InlineData("FailureReason", "\u2028", Expectation.ResourceNotFoundException)]
    [InlineData("FailureReason", "\u0085", Expectation.ResourceNotFoundException)]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "\u2028", Expectation.ResourceNotFoundException)] // a line separator is \p{Z}
    [InlineData("ResourceIdentifier.UniqueTag.Key", "\u0085", Expectation.InvalidParametersException)]
    [InlineData("ResourceIdentifier.UniqueTag.Value", "e\u0301", Expectation.InvalidParametersException)] // a mark is no \p{L}
    [InlineData("FailureReason", "\uFFFD", Expectation.ResourceNotFoundException)]
    [InlineData("FailureReason", "\uFEFF", Expectation.ResourceNotFoundException)]
    [InlineData("FailureReason", "\u007F", Expectation.ResourceNotFoundException)]
    [InlineData("FailureReason", "\uFFFE", Expectation.Observe)]
    [InlineData("FailureReason", "\u270C\U0001F3FD", Expectation.Observe)]
    public void Character_edges_are_labelled_by_both_sources(string member, string tail, Expectation expect)
    {
        var c = Assert.Single(Of(member + ".pattern"), c => Member(c, member) is var s && s.Length == 3 + tail.Length
            && s.EndsWith(tail));
        Assert.Equal(expect, c.Expect);
        if (expect == Expectation.Observe)
        {
            Assert.Equal(AmbiguityKind.Patterns, c.Ambiguity!.Kind);
            Assert.Contains("page", c.Ambiguity.Why);
            Assert.Contains("current service model", c.Ambiguity.Why);
        }
    }

    [Fact]
    public void A_lone_surrogate_goes_as_the_JSON_escape_and_expects_a_client_error()
    {
        foreach (var member in new[] { "WorkflowToken", "IdempotencyToken", "ResourceIdentifier.UniqueTag.Key" })
        {
            var c = Assert.Single(Of(member + ".pattern"),
                c => Encoding.UTF8.GetString(c.Body).Contains("\"\\ud800\""));
            Assert.Equal(Expectation.ClientError, c.Expect);
        }
        Assert.DoesNotContain(Of("FailureReason.pattern"), c => Encoding.UTF8.GetString(c.Body).Contains("\\ud800"));
    }

    [Fact]
    public void An_explicit_null_for_an_optional_member_is_absent()
    {
        foreach (var member in new[] { "FailureReason", "ResourceIdentifier", "Outputs" })
            Assert.Contains(Of(member + ".type"), c => c.Expect == Expectation.ResourceNotFoundException
                && Encoding.UTF8.GetString(c.Body).Contains($"\"{member}\":null"));
    }

    [Fact]
    public void Another_or_no_Content_Type_is_observed_under_strict_and_lenient()
    {
        var cases = Of("Protocol.wrongContentType").ToList();
        Assert.All(cases, c => Assert.Equal(AmbiguityKind.ContentType, c.Ambiguity!.Kind));
        Assert.Contains(cases, c => c.Headers.All(h => h.Key != "Content-Type"));
        Assert.Contains(cases, c => c.Headers.Any(h => h.Key == "Content-Type" && h.Value == "text/plain"));
    }

    [Fact]
    public void Bases_send_what_the_public_engines_send()
    {
        var requests = Notify.Suites(Records).Where(s => s.Rule == RuleId.RecordNotFound)
            .SelectMany(s => s.Random!.Generator.Sample(400, new Rnd(17), 50))
            .Select(c => JsonDocument.Parse(c.Body).RootElement).ToList();
        var failed = requests.Where(r => r.GetProperty("Status").GetString() == "FAILED").ToList();
        // FAILED carries Outputs: [] wherever the operation has Outputs (the Python engine always sends the list).
        Assert.Contains(failed, r => r.TryGetProperty("Outputs", out var o) && o.GetArrayLength() == 0);
        Assert.DoesNotContain(failed, r => r.TryGetProperty("Outputs", out var o) && o.GetArrayLength() > 0);
        var outputs = requests.Where(r => r.TryGetProperty("Outputs", out _))
            .Select(r => r.GetProperty("Outputs")).ToList();
        Assert.Equal(8, outputs.Max(o => o.GetArrayLength()));
        var values = outputs.SelectMany(o => o.EnumerateArray()).ToList();
        Assert.Contains(values, v => v.GetProperty("OutputValue").GetString() is "False" or "" or "(sensitive value)");
        Assert.Contains(values, v => v.GetProperty("OutputValue").GetString()!.StartsWith("['"));
        Assert.True(values.Count(v => v.TryGetProperty("Description", out _)) < values.Count / 2,
            "Description is usually absent");

        var reasons = failed.Select(r => r.GetProperty("FailureReason").GetString()!).ToList();
        Assert.All(reasons, s => Assert.True(
            PublishedContract.CodePoints(s) <= 2048 && s.All(ch => !char.IsSurrogate(ch)),
            "a base's FailureReason must be valid under every reading: at most 2,048 code points, BMP only"));
        Assert.Contains(reasons, s => PublishedContract.CodePoints(s) == 2048 && s.EndsWith("..."));
        Assert.Contains(reasons, s => s.Contains("\r\n") && s.Contains('\t') && s.Any(ch => ch > 0x7F));
    }
}
