using System.Text.RegularExpressions;
using NotifyContract.Fixtures;
using NotifyContract.Fixtures.Mutants;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Parity;

/// <summary>
/// <c>--shard K/N</c> and the merge of a run's shards: every suite in exactly one part, the parts balanced by cases,
/// and the N shards' reports merged into exactly the unsharded run's report.json, report.md and junit.xml (timings
/// aside), failures, counts and counterexamples included; the shards' snapshots into the unsharded snapshot.
/// </summary>
public sealed class ShardTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-shard-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly RunSettings Settings = new(Seed: 3, MaxTest: 3, Concurrency: 4, ShrinkBudget: 20);

    /// <summary>The cases a suite sends when all hold, as requests, and one for the suite itself.</summary>
    static double Size(RuleSuite s) =>
        1 + (s.SkipReason is null ? (s.Boundary.Count + s.RandomCases(Settings.MaxTest)) * Plan.Cost(s) : 0);

    [Fact]
    public void Every_suite_of_every_operation_lands_in_exactly_one_shard_and_the_shards_are_balanced_by_cases()
    {
        var suites = Rules.All(ServiceContract.Default, new RecordSet(["rec-1"]));
        var largest = suites.Max(Size);
        for (var n = 1; n <= 6; n++)
        {
            var parts = Enumerable.Range(1, n).Select(k => new Shard(k, n).Of(suites, Settings)).ToList();
            var placed = parts.SelectMany(p => p).ToList();
            Assert.Equal(suites.Count, placed.Count);
            Assert.Equal(Enumerable.Range(0, suites.Count), placed.Order());
            var even = suites.Sum(Size) / n;
            Assert.All(parts, p => Assert.InRange(p.Sum(i => Size(suites[i])), even - largest, even + largest));
        }
    }

    [Fact]
    public void A_suite_added_elsewhere_moves_few_others_and_only_to_a_neighbouring_shard()
    {
        var suites = Rules.All(ServiceContract.Default, new RecordSet(["rec-1"]));
        var added = suites.Append(suites[0] with { Operation = "SomeNewOperation" }).ToList();
        var before = Shard.Parts(suites, Settings, 3);
        var after = Shard.Parts(added, Settings, 3);
        var moved = Enumerable.Range(0, suites.Count).Where(i => before[i] != after[i]).ToList();
        Assert.All(moved, i => Assert.Equal(1, Math.Abs(before[i] - after[i])));
        Assert.True(moved.Count <= suites.Count / 100, $"{moved.Count} of {suites.Count} suites moved");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_shards_reports_merge_into_the_unsharded_report(int n)
    {
        // Failures of several kinds, so verdicts, counts and counterexamples are compared: a Notify operation's dropped
        // length and type checks and a limit it rejects, an empty-account operation's unchecked length and pattern.
        using var target = StubTarget.Start([], TimeSpan.FromSeconds(5), new StubOptions
        {
            DropMappings = ["RecordId.maxLength", "Status.type"],
            MappingOverrides = Variants.Faulty.Single(v => v.Name == "WorkflowToken-maxLength-rejects-the-limit")
                .Options.MappingOverrides,
            UncheckedRules = ["AcceptLanguage.maxLength@DescribeProduct", "Id.pattern@DescribeProduct"],
        });
        var suites = Rules.All(ServiceContract.Default, target.Records,
            [.. Notify.Names, "DescribeProduct", "ListPortfolios"]);
        var judge = new Judge(Profile.Load("documented"));
        const string replay = "./run-tests.sh --seed 3 --max-test 3";

        var whole = Harness.Run.Conformance.Run(suites, target, judge, Settings);
        var wholeVerdicts = Verdicts.Of(whole);
        Assert.Contains(wholeVerdicts.Rules, r => r.Counterexample is { Shrunk: true });
        Assert.True(wholeVerdicts.Rules.Count(r => r.Counterexample is not null) >= 4, wholeVerdicts.Summary.Line);
        Reports.Write(Path.Combine(dir, "whole"), wholeVerdicts, replay);

        var shards = Enumerable.Range(1, n).Select(k =>
        {
            var shard = new Shard(k, n);
            var indices = shard.Of(suites, Settings);
            var run = Harness.Run.Conformance.Run([.. indices.Select(i => suites[i])], target, judge, Settings);
            var folder = Path.Combine(dir, $"shard{k}");
            Reports.Write(folder, Verdicts.Of(run) with
            {
                Shard = new(shard, indices, suites.Count, replay, null, null),
            }, $"{replay} --shard {shard}");
            return folder;
        }).Reverse().ToList(); // any order

        var (merged, mergedReplay, resend) = ShardMerge.Reports(shards, ServiceContract.Default)!.Value;
        Reports.Write(Path.Combine(dir, "merged"), merged, mergedReplay, resend);

        foreach (var file in new[] { "report.json", "report.md", "junit.xml" })
            Assert.Equal(WithoutTimings(File.ReadAllText(Path.Combine(dir, "whole", file))),
                WithoutTimings(File.ReadAllText(Path.Combine(dir, "merged", file))));
        Assert.Equal(Files(Path.Combine(dir, "whole", Resend.Folder)), Files(Path.Combine(dir, "merged", Resend.Folder)));
    }

    [Fact]
    public void Shards_of_different_runs_or_a_missing_shard_are_refused_in_one_line()
    {
        var suites = Rules.All(ServiceContract.Default, new RecordSet(["rec-1"]), [ServiceCatalog.NotifyTerminate]);
        string Write(int k, int n, long seed)
        {
            var shard = new Shard(k, n);
            var indices = shard.Of(suites, Settings);
            var run = new RunResult("t", "documented", seed, 3, [.. indices.Select(i => Tally(suites[i]))], null,
                TimeSpan.Zero, 0);
            var folder = Path.Combine(dir, $"s{k}-{n}-{seed}");
            Reports.Write(folder, Verdicts.Of(run) with { Shard = new(shard, indices, suites.Count, "r", null, null) },
                "r");
            return folder;
        }
        static SuiteOutcome Tally(RuleSuite s) => new(s, [], new Dictionary<AnswerKind, int>(), Verdict.Skipped("x"));

        var missing = Assert.Throws<Harness.HarnessException>(() =>
            ShardMerge.Reports([Write(1, 3, 1), Write(3, 3, 1)], ServiceContract.Default));
        Assert.Equal("shard 2/3 is missing", missing.Message);
        var other = Assert.Throws<Harness.HarnessException>(() =>
            ShardMerge.Reports([Write(1, 2, 1), Write(2, 2, 2)], ServiceContract.Default));
        Assert.Contains("are shards of different runs", other.Message);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("a/b")]
    public void A_bad_shard_exits_2_with_one_line(string shard)
    {
        var (exit, _, err) = Cli.Run(null, "--shard", shard, "--dry-run");
        Assert.Equal(2, exit);
        Assert.Equal($"notify-contract: --shard takes K/N, the K-th of N parts (1 <= K <= N <= 1000, e.g. 2/3), not '{shard}'",
            err.Trim());
    }

    [Fact]
    public void The_shards_snapshots_merge_into_the_unsharded_snapshot_and_their_exports_hold_its_cases()
    {
        string[] run = ["--operation", ServiceCatalog.NotifyTerminate, "--operation", "DescribeProduct", "--seed", "3",
            "--max-test", "2"];
        string Path_(string name) => Path.Combine(dir, name);
        Assert.Equal(0, Cli.Run(null, [.. run, "--write-snapshot", Path_("whole.jsonl"), "--report", Path_("w")]).Exit);
        Assert.Equal(0, Cli.Run(null, [.. run, "--export-cases", Path_("whole-cases.jsonl")]).Exit);
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(0, Cli.Run(null, [.. run, "--shard", $"{k}/3", "--write-snapshot", Path_($"s{k}.jsonl"),
                "--report", Path_($"r{k}")]).Exit);
            Assert.Equal(0, Cli.Run(null, [.. run, "--shard", $"{k}/3", "--export-cases", Path_($"c{k}.jsonl")]).Exit);
        }

        var (exit, _, err) = Cli.Run(null, "--merge-reports", Path_("s1.jsonl"), Path_("s2.jsonl"), Path_("s3.jsonl"),
            "--report", Path_("merged"));
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(Path_("whole.jsonl")), File.ReadAllText(Path_("merged/snapshot.jsonl")));
        var shardCases = Enumerable.Range(1, 3).SelectMany(k => File.ReadAllLines(Path_($"c{k}.jsonl"))).ToList();
        Assert.Equal(File.ReadAllLines(Path_("whole-cases.jsonl")).Order(StringComparer.Ordinal),
            shardCases.Order(StringComparer.Ordinal));
        Assert.All(Enumerable.Range(1, 3), k => Assert.NotEmpty(File.ReadAllLines(Path_($"c{k}.jsonl"))));
    }

    /// <summary>The text with what differs between two runs of the same cases blanked: timings (elapsed seconds, each
    /// answer's milliseconds) and what the stub stamps on each answer (its date and request id).</summary>
    static string WithoutTimings(string text) => Regex.Replace(
        Regex.Replace(text, @"(""elapsed(Seconds|Ms)"": |time=""| in )[0-9.]+", "$1#"),
        @"(Date|x-amzn-RequestId)(""?: ""?)[^""\n<]+", "$1$2#");

    static IEnumerable<(string, byte[])> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Order().Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            : [];
}
