using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Conformance;

/// <summary>A whole run against a target, its reports written to a folder of its own; cleaned up after the class.</summary>
public abstract class ReportedRun : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "notify-verdicts-"
        + Guid.NewGuid().ToString("N"));
    public Verdicts Verdicts { get; }
    public JsonElement Json { get; }
    public XDocument Junit { get; }
    public string[] Markdown { get; }

    protected ReportedRun(LoopbackServer server, IReadOnlyList<string> records, int maxTest, int shrinkBudget)
    {
        using (server)
        using (var target = Runs.Endpoint(server.Url, records, TimeSpan.FromSeconds(10)))
        {
            var (run, _) = Runs.Against(target, maxTest: maxTest, shrinkBudget: shrinkBudget);
            Verdicts = Verdicts.Of(run);
            Reports.Write(Directory, run, replay: "./run-tests.sh --seed 7");
        }
        Json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "report.json"))).RootElement;
        Junit = XDocument.Load(Path.Combine(Directory, "junit.xml"));
        Markdown = File.ReadAllLines(Path.Combine(Directory, "report.md"));
    }

    public IReadOnlyList<RuleReport> Rules => Verdicts.Rules;

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A target that checks required members and the Status enum only, and never looks a record up.</summary>
public sealed class RequiredAndEnumOnlyRun() : ReportedRun(PartialServers.RequiredAndEnumOnly(), ["rec-partial-0001"],
    maxTest: 5, shrinkBudget: 20);

/// <summary>A target that answers every request HTTP 500 text/html (an emulator without these operations).</summary>
public sealed class UnimplementedRun() : ReportedRun(HostileServers.Html(500), [], maxTest: 2, shrinkBudget: 3);

/// <summary>
/// Verdicts name the fault: against a target that enforces some rules and not others, each rule's checks say which
/// side it gets wrong; nothing cascades from the record lookup into the constraint rules, and the diagnosis names
/// the causes first.
/// </summary>
public class PartialTargetTests(RequiredAndEnumOnlyRun partial) : IClassFixture<RequiredAndEnumOnlyRun>
{
    static readonly string[] LengthAndPattern = [".minLength", ".maxLength", ".pattern"];

    [Fact]
    public void Only_the_record_lookup_and_the_unchecked_constraints_fail_each_on_its_own_check()
    {
        var failing = partial.Rules.SelectMany(r => r.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail)
            .Select(c => (r.Id, c.Check.Name))).ToList();

        Assert.Contains(("Record.notFound", "recordLookup"), failing);
        Assert.All(failing.Where(f => f.Id != "Record.notFound"), f =>
        {
            Assert.Equal("rejects", f.Name);
            Assert.Contains(LengthAndPattern, k => f.Id.EndsWith(k, StringComparison.Ordinal));
        });
        foreach (var passing in new[] { "Valid.accepted", "Idempotency.replay", "Status.enum", "Server.noServerError" })
            Assert.Equal(VerdictKind.Pass, partial.Rules.Rule(passing).Verdict.Kind);
        Assert.All(partial.Rules.Where(r => r.Id.EndsWith(".required", StringComparison.Ordinal)),
            r => Assert.Equal(VerdictKind.Pass, r.Verdict.Kind));
    }

    [Fact]
    public void Length_and_pattern_rules_fail_on_rejects_while_accepts_holds_everywhere()
    {
        var maxLength = partial.Rules.Where(r => r.Id.EndsWith(".maxLength", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(maxLength);
        Assert.All(maxLength, r =>
        {
            Assert.Equal(VerdictKind.Fail, r.Verdict.Kind);
            Assert.Equal("rejects", r.Counterexample!.Check);
        });
        Assert.All(partial.Rules.SelectMany(r => r.Checks).Where(c => c.Check == Registry.Accepts), accepts =>
        {
            Assert.Equal(VerdictKind.Pass, accepts.Verdict.Kind);
            Assert.True(accepts.Cases > 0);
        });
        Assert.All(partial.Rules.Where(r => r.Id.EndsWith(".pattern", StringComparison.Ordinal)
            && r.Checks.Any(c => c.Check == Registry.Rejects)), r => Assert.Equal(VerdictKind.Fail, r.Verdict.Kind));
    }

    [Fact]
    public void The_diagnosis_says_records_are_never_looked_up_and_lengths_and_patterns_go_unchecked()
    {
        var causes = partial.Verdicts.Causes;
        Assert.Equal(2, causes.Count);
        Assert.Equal("no request was answered ResourceNotFoundException: the target does not look records up",
            causes[0].Sentence);
        Assert.Equal(["Record.notFound[recordLookup]"], causes[0].Explains);
        Assert.StartsWith("length and pattern violations are accepted on every member: the target checks only required members, Status",
            causes[1].Sentence);
        Assert.All(causes[1].Explains, e => Assert.EndsWith("[rejects]", e));
        // Every failing check is explained, and the report opens with the causes.
        Assert.Equal(partial.Rules.Sum(r => r.Checks.Count(c => c.Verdict.Kind == VerdictKind.Fail)),
            causes.Sum(c => c.Explains.Count));
        Assert.Equal($"- {causes[0].Sentence}.", partial.Markdown[2][..(causes[0].Sentence.Length + 3)]);
        Assert.Equal(causes[1].Sentence, partial.Json.GetProperty("diagnosis")[1].GetProperty("sentence").GetString());
    }

    [Fact]
    public void A_rules_reason_counterexample_and_operation_come_from_the_same_case() =>
        ReportConsistency.Holds(partial);

    [Fact]
    public void Junit_has_one_uniquely_named_test_per_rule_check_and_operation_with_its_own_counterexample() =>
        ReportConsistency.JunitHolds(partial);

    [Fact]
    public void Each_operation_counts_its_length_and_pattern_rules_ignored_its_required_ones_enforced_and_the_lookup_wrong()
    {
        Assert.Equal(Notify.Names.Count, partial.Verdicts.Operations.Count);
        Assert.All(partial.Verdicts.Operations, o =>
        {
            Assert.False(o.LooksUnimplemented);
            Assert.Equal(Enforcement.Ignored, o.Of("maxLength"));
            Assert.Equal(Enforcement.Ignored, o.Of("pattern"));
            Assert.Equal(Enforcement.Enforced, o.Of("required"));
            Assert.Equal(Enforcement.Enforced, o.Of("enum"));
            Assert.Equal(Enforcement.Wrong, o.Of("Record")); // a valid request for an unknown record answered 200
            Assert.Null(o.Of("minValue")); // no member of a Notify operation has one
            Assert.Equal(0, o.Count(Enforcement.Crashing));
        });
    }

    [Fact]
    public void The_markdown_table_shows_each_checks_count()
    {
        var row = partial.Markdown.Single(l => l.StartsWith("| `RecordId.maxLength` |", StringComparison.Ordinal));
        Assert.Matches(@"\*\*rejects\*\* 0/\d+, accepts (\d+)/\1", row);
    }
}

public class UnimplementedTargetTests(UnimplementedRun unimplemented) : IClassFixture<UnimplementedRun>
{
    [Fact]
    public void The_reports_first_line_says_every_request_got_500_html_and_the_operations_look_unimplemented()
    {
        var failingRules = unimplemented.Rules.Count(r => r.Verdict.Kind == VerdictKind.Fail);
        var first = $"every request got HTTP 500 text/html: the operations look unimplemented ({failingRules} rules)";
        Assert.Equal("# NotifyContract conformance report", unimplemented.Markdown[0]);
        Assert.StartsWith($"- {first}. Example:", unimplemented.Markdown[2]);
        Assert.Equal([first], unimplemented.Verdicts.Summary.Causes);
        var diagnosis = Assert.Single(unimplemented.Json.GetProperty("diagnosis").EnumerateArray());
        Assert.Equal("HTTP 500 text/html", diagnosis.GetProperty("signature").GetString());
    }

    [Fact]
    public void Every_operation_looks_unimplemented_and_every_rule_that_ran_there_crashes()
    {
        Assert.All(unimplemented.Verdicts.Operations, o =>
        {
            Assert.True(o.LooksUnimplemented);
            Assert.Equal(o.Rules.Count, o.Count(Enforcement.Crashing) + o.Count(Enforcement.Skipped));
            Assert.True(o.Count(Enforcement.Crashing) > 0);
        });
        Assert.Contains(unimplemented.Markdown, l => l.StartsWith("Look unimplemented", StringComparison.Ordinal));
    }

    [Fact]
    public void A_constraint_rules_counterexample_breaks_that_rule()
    {
        var status = unimplemented.Rules.Rule("Status.enum");
        Assert.Equal("rejects", status.Counterexample!.Check);
        Assert.Equal(NotifyContract.Generators.Expectation.InvalidParametersException,
            status.Counterexample.Case.Expect);
    }

    [Fact]
    public void Equal_500s_on_a_retry_fail_noServerError_not_replaySame()
    {
        var replay = unimplemented.Rules.Rule("Idempotency.replay");
        // No known record here: the replay is skipped; what the retry would show is in the oracle tests.
        Assert.Equal(VerdictKind.Skipped, replay.Verdict.Kind);
        var server = unimplemented.Rules.Rule("Server.noServerError");
        Assert.Equal(["noServerError"], server.Checks.Select(c => c.Check.Name));
        Assert.Equal(3, server.Operations.Count);
    }

    [Fact]
    public void A_rules_reason_counterexample_and_operation_come_from_the_same_case() =>
        ReportConsistency.Holds(unimplemented);

    [Fact]
    public void Junit_has_one_uniquely_named_test_per_rule_check_and_operation_with_its_own_counterexample() =>
        ReportConsistency.JunitHolds(unimplemented);
}

static class ReportConsistency
{
    static readonly Regex JunitName = new(@"^[A-Za-z][A-Za-z0-9.]*(\[[a-zA-Z]+\])?@Notify[A-Za-z]+$");

    public static void Holds(ReportedRun run)
    {
        foreach (var r in run.Rules.Where(r => r.Verdict.Kind == VerdictKind.Fail))
        {
            var example = r.Counterexample!;
            Assert.Equal(r.Verdict.Reason, example.Reason);
            Assert.Equal(r.Checks.First(c => c.Verdict.Kind == VerdictKind.Fail).Counterexample, example);
        }
        foreach (var c in run.Rules.SelectMany(r => r.Checks).Where(c => c.Verdict.Kind == VerdictKind.Fail))
            Assert.Equal(c.Verdict.Reason, c.Counterexample!.Reason);

        foreach (var rule in run.Json.GetProperty("rules").EnumerateArray())
        {
            var example = rule.GetProperty("counterexample");
            if (example.ValueKind == JsonValueKind.Null) continue;
            Assert.Equal(rule.GetProperty("reason").GetString(), example.GetProperty("reason").GetString());
            Assert.Equal(rule.GetProperty("operation").GetString(), example.GetProperty("operation").GetString());
            foreach (var check in rule.GetProperty("checks").EnumerateArray()
                .Where(c => c.GetProperty("verdict").GetString() == "fail"))
            {
                Assert.Equal(check.GetProperty("reason").GetString(),
                    check.GetProperty("counterexample").GetProperty("reason").GetString());
                Assert.Equal(check.GetProperty("operation").GetString(),
                    check.GetProperty("counterexample").GetProperty("operation").GetString());
                Assert.Equal(check.GetProperty("check").GetString(),
                    check.GetProperty("counterexample").GetProperty("check").GetString());
            }
        }
    }

    public static void JunitHolds(ReportedRun run)
    {
        var cases = run.Junit.Descendants("testcase").ToList();
        var names = cases.Select(c => (string)c.Attribute("name")!).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches(JunitName, n));
        Assert.All(cases, c => Assert.EndsWith("@" + (string)c.Attribute("classname")!, (string)c.Attribute("name")!));

        foreach (var rule in run.Rules)
        foreach (var op in rule.Operations)
        foreach (var check in op.Checks.Where(c => c.Verdict.Kind == VerdictKind.Fail))
        {
            var failure = cases
                .Single(c => (string)c.Attribute("name")! == JunitReport.Name(rule.Id, check.Check.Name, op.Operation))
                .Element("failure")!;
            Assert.Equal(check.Verdict.Reason, (string)failure.Attribute("message")!);
            Assert.StartsWith($"case {check.Counterexample!.Case.Id}", failure.Value);
            Assert.Equal(op.Operation, check.Counterexample.Case.Operation);
        }
    }
}

/// <summary>A target whose every answer carries terminal escapes: in its error code header and in its body.</summary>
public sealed class EscapingRun() : ReportedRun(HostileServers.Raw(EscapingAnswer), [], maxTest: 1, shrinkBudget: 2)
{
    const string Body = "oops \u001b[2J\u001b]0;pwned\u0007";

    static byte[] EscapingAnswer => System.Text.Encoding.UTF8.GetBytes(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\n" +
        $"x-amzn-ErrorType: Evil\u001b[31mCode\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}");
}

public class EscapingTargetTests(EscapingRun escaping) : IClassFixture<EscapingRun>
{
    static bool Drives(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    [Fact]
    public void A_targets_escapes_reach_neither_the_console_lines_nor_report_md()
    {
        var summary = escaping.Verdicts.Summary;
        Assert.Contains(summary.Causes, c => c.Contains(@"HTTP 400 Evil\u001B[31mCode application/x-amz-json-1.1"));
        Assert.DoesNotContain(summary.Causes.Append(summary.Line), line => line.Any(Drives));
        Assert.DoesNotContain(escaping.Markdown, line => line.Any(Drives));
        Assert.Contains(escaping.Markdown, line => line == @"oops \u001B[2J\u001B]0;pwned\u0007");
    }

    [Fact]
    public void Report_html_shows_a_targets_escapes_as_text_and_stays_well_formed_xml()
    {
        var html = File.ReadAllText(Path.Combine(escaping.Directory, "report.html"));
        Assert.DoesNotContain(html, Drives);
        Assert.Contains(@"oops \u001B[2J\u001B]0;pwned\u0007", html);
        Assert.NotNull(XDocument.Load(System.Xml.XmlReader.Create(new StringReader(html),
            new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Parse })).Root);
    }
}
