using System.Text.Json;
using NotifyContract.Generators.Contract;
using NotifyContract.Model;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Parity;

/// <summary>
/// <c>--diff-model OLD NEW</c> on two committed models trimmed from the embedded one (<c>Parity/models/</c>): NEW adds
/// DescribePortfolio, raises PortfolioDisplayName's maximum from 100 to 200, adds EVERYONE to DescribePortfolioShareType,
/// makes CreatePortfolio's Description required, and gives DeletePortfolio's Id a lowercase-only pattern. Nothing else.
/// </summary>
public class ModelDiffTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-diff-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly string Old = Path.Combine(AppContext.BaseDirectory, "Parity", "models", "old.smithy.json"),
        New = Path.Combine(AppContext.BaseDirectory, "Parity", "models", "new.smithy.json");

    static string Version(string file) => ServiceContract.From(ModelFiles.Load(file)).Version;

    [Fact]
    public void It_prints_exactly_the_known_differences_and_exits_1()
    {
        var (exit, stdout, stderr) = Cli.Run(null, "--diff-model", Old, New, "--report", dir);

        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        Assert.Equal(
            $"model diff: {Old} ({Version(Old)}) -> {New} ({Version(New)}): 1 operation added, 0 operations removed, " +
            "1 rule added, 0 rules removed, 3 rules changed\n" +
            "+ DescribePortfolio: operation added (22 rules)\n" +
            "+ CreatePortfolio Description.required: required\n" +
            "~ CreatePortfolio DisplayName.maxLength: at most 100 code points -> at most 200 code points\n" +
            @"~ DeletePortfolio Id.pattern: matches ^[a-zA-Z0-9_\-]*$ -> matches ^[a-z0-9_\-]*$" + "\n" +
            "~ DescribePortfolioShares Type.enum: one of ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT, " +
            "ORGANIZATION_MEMBER_ACCOUNT -> one of ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT, " +
            "ORGANIZATION_MEMBER_ACCOUNT, EVERYONE\n" +
            $"Report: {Path.Combine(dir, "model-diff.json")}\n", stdout);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "model-diff.json"))).RootElement;
        Assert.False(json.GetProperty("same").GetBoolean());
        Assert.Equal((Old, Version(Old)), (json.GetProperty("old").GetProperty("file").GetString(),
            json.GetProperty("old").GetProperty("contractVersion").GetString()));
        var added = Assert.Single(json.GetProperty("operations").EnumerateArray());
        Assert.Equal(("DescribePortfolio", "added", 22), (added.GetProperty("operation").GetString(),
            added.GetProperty("change").GetString(), added.GetProperty("rules").GetInt32()));
        Assert.Equal(
        [
            ("CreatePortfolio", "Description.required", "added", null, "required"),
            ("CreatePortfolio", "DisplayName.maxLength", "changed", "at most 100 code points", "at most 200 code points"),
            ("DeletePortfolio", "Id.pattern", "changed", @"matches ^[a-zA-Z0-9_\-]*$", @"matches ^[a-z0-9_\-]*$"),
            ("DescribePortfolioShares", "Type.enum", "changed",
                "one of ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT, ORGANIZATION_MEMBER_ACCOUNT",
                "one of ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT, ORGANIZATION_MEMBER_ACCOUNT, EVERYONE"),
        ], json.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("operation").GetString(),
            r.GetProperty("rule").GetString(), r.GetProperty("change").GetString(), r.GetProperty("old").GetString(),
            r.GetProperty("new").GetString())));
    }

    [Fact]
    public void The_other_way_round_the_same_changes_are_removals_and_moves_back()
    {
        var (exit, stdout, _) = Cli.Run(null, "--diff-model", New, Old, "--report", dir);

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n');
        Assert.Equal("- DescribePortfolio: operation removed (22 rules)", lines[1]);
        Assert.Equal("- CreatePortfolio Description.required: required", lines[2]);
        Assert.Equal("~ CreatePortfolio DisplayName.maxLength: at most 200 code points -> at most 100 code points", lines[3]);
    }

    [Fact]
    public void Models_that_agree_on_every_rule_exit_0()
    {
        // Another file of the same contract: only its documentation differs.
        var copy = Path.Combine(dir, "copy.smithy.json");
        File.WriteAllText(copy, File.ReadAllText(Old).Replace("\"smithy.api#input\": {}",
            "\"smithy.api#input\": {}, \"smithy.api#documentation\": \"another word\""));
        var (exit, stdout, _) = Cli.Run(null, "--diff-model", Old, copy, "--report", dir);
        Assert.Equal(0, exit);
        Assert.EndsWith(": the models agree on every rule\n" + $"Report: {Path.Combine(dir, "model-diff.json")}\n", stdout);
        Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "model-diff.json"))).RootElement
            .GetProperty("same").GetBoolean());
    }

    [Theory]
    [InlineData("missing", "notify-contract: cannot read the model ")]
    [InlineData("not-json", "notify-contract: model ")]
    public void A_bad_model_file_is_exit_2_and_one_line(string which, string starts)
    {
        var bad = Path.Combine(dir, "bad.json");
        if (which == "not-json") File.WriteAllText(bad, "{ not json");
        var (exit, stdout, stderr) = Cli.Run(null, "--diff-model", Old, bad, "--report", dir);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith(starts, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void It_takes_exactly_two_files()
    {
        var (exit, _, stderr) = Cli.Run(null, "--diff-model", Old, "--report", dir);
        Assert.Equal(2, exit);
        Assert.StartsWith("notify-contract: --diff-model takes two model files: OLD NEW", stderr);
    }
}
