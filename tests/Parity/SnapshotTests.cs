using System.Text;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Targets;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Parity;

/// <summary>The snapshot file: sorted JSON Lines that read back as written, the parity rule, and what is refused.</summary>
public class SnapshotTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("notify-snapshot-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    const string Term = ServiceCatalog.NotifyTerminate, Prov = ServiceCatalog.NotifyProvision;

    static SnapshotHeader Header() =>
        SnapshotHeader.Current(ServiceContract.Default, 7, 3, [Prov, Term], ["rec-1"], "http://127.0.0.1:1/", "documented");

    static SnapshotCase Reply(string id, string op, string rule, int status, string? code = null,
        string shape = "object") =>
        new(id, op, rule, status, code, shape, []);

    static Answer Http(int status, string body, params (string, string)[] headers) =>
        new(status, [.. headers.Select(h => KeyValuePair.Create(h.Item1, h.Item2))], Encoding.UTF8.GetBytes(body),
            TimeSpan.Zero);

    static Case Case(string id, string op = Term, string rule = "RecordId.pattern") =>
        new(id, op, new RuleId(rule), Expectation.Observe, null, [],
            "{\"WorkflowToken\":\"secret-token\"}"u8.ToArray());

    [Fact]
    public void A_snapshot_is_sorted_one_answer_per_case_and_reads_back_as_written()
    {
        var snapshot = Snapshot.Of(Header(),
        [
            Reply("term.b.2", Term, "b", 400, "InvalidParametersException"),
            Reply("prov.z.1", Prov, "z", 200, shape: "empty"),
            Reply("term.a.9", Term, "a", 400, "ResourceNotFoundException") with { Agrees = ["search"] },
            Reply("term.b.1", Term, "b", 0, shape: "none") with { NoAnswer = "timeout" },
            Reply("term.b.2", Term, "b", 500), // the same case again: the first answer stays
        ]);
        var file = Path.Combine(dir, "s.jsonl");
        snapshot.Write(file);

        var lines = File.ReadAllLines(file);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("{\"snapshot\":\"notify-contract-snapshot/1\",", lines[0]);
        Assert.Equal(["prov.z.1", "term.a.9", "term.b.1", "term.b.2"], snapshot.Cases.Select(c => c.CaseId));
        Assert.Equal("""{"caseId":"term.b.2","operation":"NotifyTerminateProvisionedProductEngineWorkflowResult","rule":"b","status":400,"errorCode":"InvalidParametersException","bodyShape":"object","agrees":[]}""", lines[4]);

        var read = Snapshot.Read(file);
        Assert.Equal(snapshot.Header with { Operations = [], Records = [] },
            read.Header with { Operations = [], Records = [] });
        Assert.Equal(snapshot.Header.Operations, read.Header.Operations);
        Assert.Equal(snapshot.Cases.Select(c => c with { Agrees = [] }),
            read.Cases.Select(c => c with { Agrees = [] }));
        Assert.Equal(["search"], read.Cases[1].Agrees);
        Assert.Equal("timeout", read.Cases[2].NoAnswer);

        var again = Path.Combine(dir, "again.jsonl");
        read.Write(again);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(again));
    }

    [Fact]
    public void A_snapshot_taken_on_aws_says_when_and_where_and_reads_it_back()
    {
        var seen = new AwsSighting("2026-01-31", "eu-west-3");
        var file = Path.Combine(dir, "aws.jsonl");
        Snapshot.Of(Header() with { SeenOnAws = seen }, [Reply("term.b.2", Term, "b", 400, "InvalidParametersException")])
            .Write(file);

        Assert.Contains(""","contractVersion":"model-""", File.ReadLines(file).First());
        Assert.EndsWith(""","seenOnAws":{"date":"2026-01-31","region":"eu-west-3"},"cases":1}""", File.ReadLines(file).First());
        Assert.Equal(seen, Snapshot.Read(file).Header.SeenOnAws);
        Assert.Equal(35, seen.DaysBefore(new DateTime(2026, 3, 7, 23, 59, 0, DateTimeKind.Utc)));

        // Without it (not taken on AWS) the header has no such field; a malformed date is refused.
        Snapshot.Of(Header(), []).Write(file);
        Assert.DoesNotContain("seenOnAws", File.ReadAllText(file));
        Assert.Null(Snapshot.Read(file).Header.SeenOnAws);
        File.WriteAllText(file, File.ReadAllText(file).Replace(""","cases":0""",
            ""","seenOnAws":{"date":"31/01/2026","region":"eu-west-3"},"cases":0"""));
        var e = Assert.Throws<HarnessException>(() => Snapshot.Read(file));
        Assert.Contains("seenOnAws.date '31/01/2026' is not yyyy-MM-dd", e.Message);
    }

    [Fact]
    public void A_case_records_the_answer_never_the_request()
    {
        var c = SnapshotCase.Of(Case("term.RecordId.pattern.1"),
            Http(400, "{\"message\":\"no\"}",
                ("x-amzn-ErrorType", "aws.protocoltests#InvalidParametersException:http://internal")), ["full"]);
        Assert.Equal((400, "InvalidParametersException", "object"), (c.Status, c.ErrorCode, c.BodyShape));
        Assert.Equal(["full"], c.Agrees);

        var file = Path.Combine(dir, "s.jsonl");
        Snapshot.Of(Header(), [c]).Write(file);
        Assert.DoesNotContain("secret-token", File.ReadAllText(file));

        var none = SnapshotCase.Of(Case("x"), Answer.None(NoAnswer.Throttled, TimeSpan.Zero, "still throttled"), []);
        Assert.True(none.Unanswered);
        Assert.Equal("no answer (throttled)", none.Describe());
    }

    public static TheoryData<string, string, bool> Pairs() => new()
    {
        // status | code | shape, for the snapshot's answer and the target's
        { "200||empty", "200||object", true },          // {} and an empty 200 body are the same
        { "200||object", "200||text", false },          // a 200 that is not JSON is not {}
        { "400|InvalidParametersException|object", "400|InvalidParametersException|empty", true }, // code in a header or the body
        { "400|InvalidParametersException|object", "400|ValidationException|object", false },
        { "400|ResourceNotFoundException|object", "404|ResourceNotFoundException|object", false },
        { "500||text", "500||object", true },
        { "400||object", "400|SerializationException|object", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Parity_is_the_same_status_and_error_code(string snapshot, string target, bool same)
    {
        static SnapshotCase Parse(string s)
        {
            var p = s.Split('|');
            return Reply("id", Term, "r", int.Parse(p[0]), p[1].Length == 0 ? null : p[1], p[2]);
        }
        Assert.Equal(same, Parse(snapshot).SameAnswer(Parse(target)));
        Assert.Equal(same, Parse(target).SameAnswer(Parse(snapshot)));
    }

    [Fact]
    public void No_answer_matches_only_the_same_kind_of_no_answer()
    {
        var timeout = SnapshotCase.Of(Case("x"), Answer.None(NoAnswer.Timeout, TimeSpan.Zero, "t"), []);
        var reset = SnapshotCase.Of(Case("x"), Answer.None(NoAnswer.Connection, TimeSpan.Zero, "r"), []);
        Assert.True(timeout.SameAnswer(timeout));
        Assert.False(timeout.SameAnswer(reset));
        Assert.False(timeout.SameAnswer(SnapshotCase.Of(Case("x"), Http(200, "{}"), [])));
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "", "is malformed: empty file" },
        { "not json", "line 1 is malformed" },
        { """{"snapshot":"other/1"}""", "line 1 is malformed: not a notify-contract-snapshot/1 header" },
        { """{"snapshot":"notify-contract-snapshot/1","seed":1}""", "line 1 is malformed" },
        { HeaderLine(2) + "\n" + CaseLine, "the header says 2 cases, the file holds 1" },
        { HeaderLine(1) + "\n{\"caseId\":\"x\"}", "line 2 is malformed" },
        { HeaderLine(2) + "\n" + CaseLine + "\n" + CaseLine, "a case appears twice" },
    };

    static string HeaderLine(int cases) =>
        $$"""{"snapshot":"notify-contract-snapshot/1","target":"t","profile":"documented","seed":1,"maxTest":1,"operations":[],"records":[],"harnessVersion":"1","contractVersion":"c","cases":{{cases}}}""";

    const string CaseLine = """{"caseId":"x","operation":"o","rule":"r","status":200,"errorCode":null,"bodyShape":"empty","agrees":[]}""";

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_snapshot_is_one_line(string text, string expected)
    {
        var file = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(file, text);
        var e = Assert.Throws<HarnessException>(() => Snapshot.Read(file));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_snapshot_is_one_line()
    {
        var e = Assert.Throws<HarnessException>(() => Snapshot.Read(Path.Combine(dir, "nope.jsonl")));
        Assert.StartsWith("cannot read the snapshot", e.Message);
    }

    [Fact]
    public void Another_contract_or_harness_release_is_refused_a_new_commit_is_not()
    {
        var snapshot = Snapshot.Of(Header(), []);
        snapshot.CheckVersions("s.jsonl", ServiceContract.Default);
        var release = Snapshot.HarnessVersion.Split('+')[0];
        (snapshot with { Header = snapshot.Header with { HarnessVersion = release + "+0123abc" } }).CheckVersions("s.jsonl", ServiceContract.Default);

        var other = Assert.Throws<HarnessException>(() =>
            (snapshot with { Header = snapshot.Header with { ContractVersion = "model-000000000000" } }).CheckVersions("s.jsonl", ServiceContract.Default));
        Assert.Contains("its cases no longer regenerate", other.Message);
        Assert.Throws<HarnessException>(() =>
            (snapshot with { Header = snapshot.Header with { HarnessVersion = "0.0.1" } }).CheckVersions("s.jsonl", ServiceContract.Default));
        Assert.Throws<HarnessException>(() =>
            (snapshot with { Header = snapshot.Header with { Operations = ["NotifySomethingElse"] } }).CheckVersions("s.jsonl", ServiceContract.Default));
    }

    [Fact]
    public void Cases_that_no_longer_regenerate_are_refused()
    {
        var snapshot = Snapshot.Of(Header(),
            [Reply("a", Term, "RecordId.pattern", 200), Reply("b", Term, "RecordId.pattern", 200)]);
        snapshot.CheckRegenerated("s.jsonl", [Case("b"), Case("a")]);
        snapshot.CheckRegenerated("s.jsonl", [Case("b"), Case("a"), Case("c")]); // c: sent after the snapshot's run stopped
        var e = Assert.Throws<HarnessException>(() => snapshot.CheckRegenerated("s.jsonl", [Case("a"), Case("c")]));
        Assert.Equal("snapshot s.jsonl: 1 of its 2 cases no longer regenerate (first: b; another harness or generator " +
                     "version?); take a new one with --write-snapshot", e.Message);
    }

    [Fact]
    public void The_contract_version_is_a_hash_of_the_model()
    {
        var model = NotifyContract.Model.ModelFiles.Embedded;
        Assert.Matches("^model-[0-9a-f]{12}$", ServiceContract.Default.Version);
        Assert.Equal(ServiceContract.Default.Version, ServiceContract.From(model).Version);
        var op = model.Find(Term)!;
        var longer = op with { Input = op.Input with { Members = [.. op.Input.Members.Select(m => m.Name == "RecordId"
            ? m with { Target = m.Target with { MaxLength = 101 } } : m)] } };
        Assert.NotEqual(ServiceContract.Default.Version, ServiceContract.From(model with
        {
            Operations = [.. model.Operations.Select(o => o.Name == Term ? longer : o)],
        }).Version);
    }
}
