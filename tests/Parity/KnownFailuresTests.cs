using NotifyContract.Generators.Contract;
using NotifyContract.Harness;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;

namespace NotifyContract.Tests.Parity;

/// <summary>The known-failures file: its four entry forms, what a run's results become against it, and the writer.</summary>
public class KnownFailuresTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-known-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    const string Term = "NotifyTerminateProvisionedProductEngineWorkflowResult",
        Prov = "NotifyProvisionProductEngineWorkflowResult";

    static CheckResult Fail(string rule, string? check, string op = Term) => new(rule, check, op, VerdictKind.Fail);
    static CheckResult Pass(string rule, string? check, string op = Term) => new(rule, check, op, VerdictKind.Pass);

    [Fact]
    public void The_four_forms_comments_and_blank_lines_parse()
    {
        var known = KnownFailures.Parse("k.txt", ServiceContract.Default,
        [
            "# floci: no length or pattern checks",
            "",
            "RecordId.maxLength",
            $"  RecordId.pattern@{Term}   # inline comment",
            "Record.notFound[recordLookup]",
            $"WorkflowToken.maxLength[rejects]@{Prov}",
        ]);
        Assert.Equal(
        [
            new KnownFailure("RecordId.maxLength", null, null, 3),
            new KnownFailure("RecordId.pattern", null, Term, 4),
            new KnownFailure("Record.notFound", "recordLookup", null, 5),
            new KnownFailure("WorkflowToken.maxLength", "rejects", Prov, 6),
        ], known.Entries);
        Assert.Equal($"WorkflowToken.maxLength[rejects]@{Prov}", known.Entries[3].ToString());
    }

    [Fact]
    public void A_whole_operation_is_listed_as_at_Operation_and_matches_every_rule_and_check_of_it()
    {
        var known = KnownFailures.Parse("k.txt", ServiceContract.Default, ["", $"@{Prov}  # unimplemented"]);
        Assert.Equal([new KnownFailure(null, null, Prov, 2)], known.Entries);
        Assert.Equal($"@{Prov}", known.Entries[0].ToString());

        var result = known.Compare([Fail("RecordId.maxLength", "rejects", Prov), Fail("Server.envelope", "envelope", Prov),
            Pass("Status.enum", "rejects", Prov), Fail("RecordId.maxLength", "rejects")]);
        Assert.Equal(2, result.Known.Count);
        Assert.Equal([Fail("RecordId.maxLength", "rejects")], result.New);
        Assert.Empty(result.Fixed);
    }

    [Theory]
    [InlineData("@", "line 2: '@' is not Rule, Rule@Operation, Rule[check], Rule[check]@Operation or @Operation")]
    [InlineData("@NotifySomething", "line 2: unknown operation 'NotifySomething'")]
    [InlineData("[rejects]@NotifySomething", "line 2: '[rejects]@NotifySomething' is not")]
    [InlineData("RecordId maxLength", "line 2: 'RecordId maxLength' is not Rule, Rule@Operation, Rule[check], Rule[check]@Operation or @Operation")]
    [InlineData("RecordId.maxLength[", "line 2: 'RecordId.maxLength[' is not")]
    [InlineData("RecordId.maxLength@NotifySomething", "line 2: unknown operation 'NotifySomething'")]
    [InlineData("RecordId.maxLenght", "line 2: unknown rule 'RecordId.maxLenght'")]
    [InlineData("RecordId.maxLength[reject]", "line 2: unknown check 'reject' (known: accepts, rejects)")]
    public void A_malformed_line_is_one_line_naming_it(string line, string expected)
    {
        var e = Assert.Throws<HarnessException>(() => KnownFailures.Parse("k.txt", ServiceContract.Default, ["# ok", line],
            new HashSet<string> { "RecordId.maxLength" }, new HashSet<string> { "rejects", "accepts" }));
        Assert.StartsWith($"known-failures k.txt {expected}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Every_rule_and_check_a_run_reports_may_be_listed()
    {
        Assert.Superset(new HashSet<string> { "Server.noServerError", "Server.envelope", "Auth.unsigned",
            "Idempotency.conflict", "Output.shape" }, ParityPlan.RuleIds(ServiceContract.Default).ToHashSet());
        Assert.Superset(new HashSet<string> { "rightMember", "envelope", "sameToken", "matchesSnapshot" },
            ParityPlan.CheckNames.ToHashSet());
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        var e = Assert.Throws<HarnessException>(() => KnownFailures.Read(Path.Combine(dir, "nope.txt"), ServiceContract.Default));
        Assert.StartsWith("cannot read the known-failures file", e.Message);
    }

    [Fact]
    public void Failures_are_known_or_new_and_listed_ones_that_pass_are_fixed()
    {
        var known = KnownFailures.Parse("k.txt", ServiceContract.Default,
        [
            "RecordId.maxLength",                    // fails on both operations: known
            $"RecordId.pattern[rejects]@{Term}",     // passes now: fixed
            "Record.notFound",                       // only its recordLookup check fails: known
            $"Status.enum@{Prov}",                   // Provision did not run: not run
        ]);
        var result = known.Compare(
        [
            Fail("RecordId.maxLength", "rejects"), Fail("RecordId.maxLength", "rejects", Prov),
            Pass("RecordId.pattern", "rejects"),
            Fail("Record.notFound", "recordLookup"), Pass("Record.notFound", "noServerError"),
            Fail("WorkflowToken.minLength", "rejects"),
            Pass("Status.enum", "rejects"),
        ]);
        Assert.Equal(["RecordId.maxLength[rejects]@" + Term, "RecordId.maxLength[rejects]@" + Prov,
            "Record.notFound[recordLookup]@" + Term], result.Known.Select(r => r.ToString()));
        Assert.Equal([Fail("WorkflowToken.minLength", "rejects")], result.New);
        Assert.Equal(["RecordId.pattern[rejects]@" + Term], result.Fixed.Select(f => f.ToString()));
        Assert.Equal(["Status.enum@" + Prov], result.NotRun.Select(f => f.ToString()));
        Assert.False(result.Green);
        Assert.Contains(result.Lines(),
            l => l == $"`RecordId.pattern[rejects]@{Term}` (line 2) passes now: remove it from the file");
        Assert.True(result.IsKnown("RecordId.maxLength"));
        Assert.True(result.IsKnown("Record.notFound", "recordLookup", Term));
        Assert.False(result.IsKnown("WorkflowToken.minLength"));
        Assert.False(result.IsKnown("RecordId.pattern"));
    }

    [Fact]
    public void The_written_file_lists_the_failing_set_sorted_and_turns_the_same_run_green()
    {
        var results = new[]
        {
            Fail("WorkflowToken.minLength", "rejects"), Fail("RecordId.maxLength", null, Prov),
            Fail("RecordId.maxLength", null, Prov), Pass("Status.enum", "rejects"),
        };
        var file = Path.Combine(dir, "known.txt");
        KnownFailures.Write(file, results, "http://127.0.0.1:4566/ (seed 7)");

        var lines = File.ReadAllLines(file);
        Assert.StartsWith("# Known failures of http://127.0.0.1:4566/ (seed 7)", lines[0]);
        Assert.Equal([$"RecordId.maxLength@{Prov}", $"WorkflowToken.minLength[rejects]@{Term}"],
            lines.Where(l => !l.StartsWith('#')));
        var result = KnownFailures.Read(file, ServiceContract.Default).Compare(results);
        Assert.True(result.Green);
        Assert.Empty(result.Fixed);
        Assert.Equal(3, result.Known.Count);
    }

    [Fact]
    public void The_written_file_lists_unimplemented_operations_whole_before_the_rest()
    {
        var results = new[]
        {
            Fail("RecordId.maxLength", "rejects", Prov), Fail("Server.envelope", "envelope", Prov),
            Fail("WorkflowToken.minLength", "rejects"), Pass("Status.enum", "rejects"),
        };
        var file = Path.Combine(dir, "known.txt");
        KnownFailures.Write(file, results, "moto", whole: [Prov, "NotifyUpdateProvisionedProductEngineWorkflowResult"]);

        var lines = File.ReadAllLines(file);
        Assert.Contains(lines, l => l.StartsWith("# Entries: Rule, Rule@Operation, Rule[check], Rule[check]@Operation or @Operation", StringComparison.Ordinal));
        // An operation with nothing failing needs no line.
        Assert.Equal([$"@{Prov}", $"WorkflowToken.minLength[rejects]@{Term}"], lines.Where(l => !l.StartsWith('#')));
        Assert.True(KnownFailures.Read(file, ServiceContract.Default).Compare(results).Green);
    }

    [Fact]
    public void An_unwritable_file_is_one_line()
    {
        var e = Assert.Throws<HarnessException>(() =>
            KnownFailures.Write(Path.Combine(dir, "no", "such", "dir.txt"), [], "x"));
        Assert.StartsWith("cannot write the known-failures file", e.Message);
    }
}
