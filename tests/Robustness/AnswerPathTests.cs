using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using NotifyContract.Generators;
using NotifyContract.Generators.Contract;
using NotifyContract.Harness.Checks;
using NotifyContract.Harness.Cli;
using NotifyContract.Harness.Oracle;
using NotifyContract.Harness.Parity;
using NotifyContract.Harness.Report;
using NotifyContract.Harness.Run;
using NotifyContract.Harness.Targets;
using NotifyContract.Tests.Support;
using ConformanceRun = NotifyContract.Harness.Run.Conformance;

namespace NotifyContract.Tests.Robustness;

/// <summary>Answers as a property sees them: shown so a shrunk one can be pasted into a test.</summary>
public sealed record Served(Answer[] Answers)
{
    public override string ToString() => string.Join("\n", Answers.Select(Show));

    static string Show(Answer a) => a.Failure is { } f
        ? $"Answer.None(NoAnswer.{f}, {Quote(a.FailureDetail!)})"
        : $"HTTP {a.Status} [{string.Join(", ", a.Headers.Select(h => $"{Quote(h.Key)}: {Quote(h.Value)}"))}] " +
          (Shown.Text(a.Body) is { } text ? Quote(text) : $"base64 {Convert.ToBase64String(a.Body)}");

    /// <summary>A C# string literal: printable ASCII as it is, any other unit (a lone surrogate too) as <c>\uXXXX</c>.
    /// </summary>
    static string Quote(string s) => $"\"{string.Concat(s.Select(c => c switch
    {
        '"' or '\\' => $"\\{c}",
        >= ' ' and <= '~' => c.ToString(),
        _ => $"\\u{(int)c:X4}",
    }))}\"";
}

/// <summary>Bytes a server writes, shown as Latin-1 with every other byte escaped.</summary>
public sealed record Wire(byte[] Bytes)
{
    public override string ToString() => string.Concat(Bytes.Select(b => b is >= 0x20 and <= 0x7E and not (byte)'\\'
        ? ((char)b).ToString() : $"\\x{b:X2}"));
}

/// <summary>
/// No answer a server sends may stop a run (issue 23): any status, headers, media type and body (JSON with every
/// escape, nesting depth and number form; near-JSON; random bytes), or no answer at all, goes through the whole
/// answer path (the reading, every check of the registry by the judge, the tally and shrinking, the diagnosis, every
/// report writer, the resend command, the snapshot recorder and the parity check, a merged report) without an
/// exception, with a verdict for every exchange, an exit code that is a verdict (0, 1 or 3), and report.json,
/// junit.xml and report.md well-formed. The shrunk answers the property found are kept below as named facts.
/// </summary>
public sealed class AnswerPathTests : IDisposable
{
    const string Terminate = "NotifyTerminateProvisionedProductEngineWorkflowResult";
    static readonly RecordSet Records = new(["rec-robust-0001"]);
    static readonly Profile Documented = Profile.Load("documented");
    static readonly Judge Judge = new(Documented);

    /// <summary>One suite per way a case is judged: both sides of a length, a type fault, a protocol fault, an
    /// unpicked reading (oneReading), the record lookup both ways, and the replay: every check, in few cases.</summary>
    static readonly IReadOnlyList<RuleSuite> Suites = [.. Rules.For(Notify.Get(Terminate), Records)
        .Where(s => s.Rule.Value is "RecordId.maxLength" or "Status.type" or "Protocol.notJson"
            or "Protocol.wrongContentType" or "Record.notFound" or "Valid.accepted" or "Idempotency.replay"
            or "Idempotency.conflict")];

    /// <summary>Few cases, shrinking included; one suite at a time, so each answer meets the same cases every time.</summary>
    static readonly RunSettings Settings = new(Seed: 7, MaxTest: 2, Concurrency: 1, ShrinkBudget: 3);

    static readonly Resend Resend = new("http://127.0.0.1:9/", "us-east-1", Signing.FakeKey);

    readonly string root = Path.Combine(Path.GetTempPath(), "notify-robust-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Any_answers_get_a_verdict_and_well_formed_reports() =>
        Prop.ForAll(Arb.From(AnyAnswers.Served, AnyAnswers.Smaller), served => Holds(served.Answers))
            .Check(PropertyRuns.Config(tests: 40, size: 20));

    /// <summary>The same over the wire: the bytes a server writes (any status line, headers and framing) come through the
    /// transport (its header decoding, throttling detection and retries, the cutting of secrets) as an answer to judge.
    /// </summary>
    [Fact]
    public void Any_bytes_a_server_writes_come_through_the_transport_as_an_answer_to_judge()
    {
        byte[] wire = [];
        using var server = new LoopbackServer((_, c, stop) => c.Stream.WriteAsync(Volatile.Read(ref wire), stop).AsTask());
        using var target = Transport.Cases.Http(server.Url);
        Prop.ForAll(Arb.From(AnyAnswers.Wire, AnyAnswers.Shorter), bytes =>
            {
                Volatile.Write(ref wire, bytes.Bytes);
                return Holds([target.Send(Transport.Cases.Valid())]);
            })
            .Check(PropertyRuns.Config(tests: 10, size: 15));
    }

    [Fact]
    public void The_suites_of_the_property_meet_every_check_of_the_registry()
    {
        Answer[] answers =
        [
            Http(200, "{}"), Http(400, """{"__type":"InvalidParametersException","message":"m"}"""),
            Http(400, """{"__type":"ValidationException","fieldList":[{"path":"/RecordId","message":"m"}]}"""),
            Http(500, "<html></html>", ("Content-Type", "text/html")),
        ];
        var met = (
            from s in Suites
            from c in Explore.Cases(s, Settings)
            from a in answers
            from j in Judge.Checks(c, a, c.Rule == RuleId.IdempotencyReplay || c.Then is not null ? a : null)
            select j.Check).ToHashSet();
        Assert.Equal(Registry.All.Select(c => c.Name), Registry.All.Where(met.Contains).Select(c => c.Name));
    }

    static Answer Http(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))], Encoding.UTF8.GetBytes(body),
            TimeSpan.FromMilliseconds(3));

    AnswerReading ReadWhole(Answer a)
    {
        Holds([a]);
        return a.Reading;
    }

    /// <summary>Issue 23: a Java or .NET service echoing a lone-surrogate probe. Was "harness error:
    /// InvalidOperationException: Cannot read incomplete UTF-16 JSON text as string", exit 2.</summary>
    [Theory]
    [InlineData("message", @"\ud800")]
    [InlineData("message", @"\udc00")]
    [InlineData("Message", @"\ud800")]
    [InlineData("Message", @"\udc00")]
    public void A_message_echoing_a_lone_surrogate_is_read_as_its_escape(string member, string escape)
    {
        var r = ReadWhole(Http(400, $$"""{"__type":"InvalidParametersException","{{member}}":"v {{escape}} x"}"""));
        Assert.Equal(("InvalidParametersException", $"v {escape} x"), (r.Code, r.Message));
    }

    [Theory]
    [InlineData(@"\ud800")]
    [InlineData(@"\udc00")]
    public void An_error_code_holding_a_lone_surrogate_is_read_as_its_escape(string escape)
    {
        var r = ReadWhole(Http(400, $$"""{"__type":"InvalidParametersException{{escape}}","message":"v"}"""));
        Assert.Equal(($"InvalidParametersException{escape}", "v"), (r.Code, r.Message));
    }

    /// <summary>Found by the property: System.Text.Json throws on such a name while it looks for another member (one
    /// as long: <c>__type</c>).</summary>
    [Fact]
    public void A_member_name_holding_a_lone_surrogate_leaves_the_body_readable()
    {
        var r = ReadWhole(Http(307, """{"\uDD83":"\u0018\u0032","message":"m"}"""));
        Assert.Equal((BodyShape.JsonObject, null, "m"), (r.Shape, r.Code, r.Message));
    }

    /// <summary>Found by the property: a lone low surrogate and a line feed in <c>code</c>.</summary>
    [Fact]
    public void A_code_member_holding_a_lone_low_surrogate_is_read_as_its_escape() =>
        Assert.Equal(@"\uDFE9", ReadWhole(Http(879, """{"code":"\uDFE9\n"}""")).Code);

    /// <summary>A lone surrogate's escape reads as the text <c>\\ud800</c> (an escaped backslash) reads as: .NET text
    /// cannot hold it, and a report shows it so either way.</summary>
    [Fact]
    public void A_pair_of_escapes_reads_as_its_character_and_a_lone_one_as_its_escape() =>
        Assert.Equal("\U0001F600 \\ud800 \\ud800",
            ReadWhole(Http(400, """{"message":"\ud83d\ude00 \ud800 \\ud800"}""")).Message);

    /// <summary>Found by the property: XML 1.0 cannot hold U+FFFF, and the code is in the failure's reason.</summary>
    [Fact]
    public void An_error_code_header_holding_a_noncharacter_still_gives_a_junit_xml_that_parses() =>
        Assert.Equal("InvalidParametersException\uFFFF",
            ReadWhole(Http(112, "", ("x-amzn-ErrorType", "InvalidParametersException\uFFFF"))).Code);

    /// <summary>Found by the property: the transport's reason quotes what the server sent (.NET: "Received an invalid
    /// header name: '...'"), control characters and all; junit.xml cannot hold them, a terminal obeys them.</summary>
    [Fact]
    public void A_transport_reason_quoting_control_characters_and_a_lone_surrogate_is_shown_escaped() =>
        Assert.Equal(@"Received an invalid header name: 'X-A\u001B[31m\uDC64'.",
            ReadWhole(Answer.None(NoAnswer.Connection, TimeSpan.Zero,
                "Received an invalid header name: 'X-A\u001B[31m\uDC64'.")).FailureDetail);

    [Fact]
    public void Json_nested_deeper_than_the_readers_default_is_still_read_as_json()
    {
        var nested = new string('[', 100) + new string(']', 100);
        var r = ReadWhole(Http(400, $$"""{"a":{{nested}},"__type":"ValidationException"}"""));
        Assert.Equal((BodyShape.JsonObject, "ValidationException"), (r.Shape, r.Code));
    }

    [Fact]
    public void A_smithy_field_list_is_read_entry_by_entry_as_sent()
    {
        var r = ReadWhole(Http(400, """
            {"__type":"ValidationException","message":"2 validation errors","fieldList":[
              {"path":"/RecordId","message":"Value 'v\ud800' at '/RecordId' failed to satisfy constraint"},
              {"path":5},"not an entry",{"message":"no path"}]}
            """));
        Assert.Equal([("/RecordId", @"Value 'v\ud800' at '/RecordId' failed to satisfy constraint"), (null, null),
            (null, "no path")], r.FieldList);
    }

    /// <summary>The whole answer path for a target answering <paramref name="answers"/> in turn; asserts where it breaks.</summary>
    bool Holds(Answer[] answers)
    {
        foreach (var a in answers) ReadsWellFormed(a.Reading);

        var exchanges = new List<(Case Case, Answer Answer)>();
        var recorder = new SnapshotRecorder();
        RunResult run;
        using (var target = new Answering(answers))
            run = ConformanceRun.Run(Suites, target, Judge, Settings, state => state.Answered = (c, a) =>
            {
                exchanges.Add((c, a));
                recorder.Record(c, a, Agreement.Readings(Documented, c, a));
            });
        foreach (var (c, a) in exchanges)
        {
            var judged = Judge.Checks(c, a);
            Assert.Contains(judged, j => j.Check == Registry.NoServerError);
            Assert.All(judged, j => WellFormed(j.Verdict.Reason));
        }

        var verdicts = Verdicts.Of(run);
        Assert.Contains(Commands.Exit(run, verdicts.Summary), new[] { 0, 1, 3 });
        var dir = Path.Combine(root, Guid.NewGuid().ToString("N"));
        try
        {
            Reports.Write(dir, verdicts, "notify-contract --seed 7", Resend);
            ReportsParse(dir);
            var merged = Path.Combine(dir, "merged");
            MergedReport.Read([Path.Combine(dir, "report.json")]).Write(merged);
            ReportsParse(merged);

            var snapshotFile = Path.Combine(dir, "snapshot.jsonl");
            recorder.Snapshot(SnapshotHeader.Current(ServiceContract.Default, Settings.Seed, Settings.MaxTest, [Terminate], Records.Known,
                run.Target, Documented.Name)).Write(snapshotFile);
            var parity = new Judge(Documented, [new SnapshotParity(Snapshot.Read(snapshotFile)).MatchesSnapshot]);
            Assert.All(exchanges, x => Assert.NotEmpty(parity.Checks(x.Case, x.Answer)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        return true;
    }

    /// <summary>Everything read from an answer is text .NET and every format can hold: no lone surrogate.</summary>
    static void ReadsWellFormed(AnswerReading r)
    {
        foreach (var text in new[] { r.Code, r.Message, r.Disagreement, r.ContentType, r.FailureDetail, r.Describe(),
                     r.Kind.ToString() }.Concat(r.FieldList.SelectMany(f => new[] { f.Path, f.Message })))
            WellFormed(text);
    }

    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static void WellFormed(string? text)
    {
        if (text is not null) StrictUtf8.GetByteCount(text); // throws on a lone surrogate
    }

    /// <summary>report.json parses and holds only well-formed strings, junit.xml parses, report.md is UTF-8.</summary>
    static void ReportsParse(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
        EveryString(json.RootElement);
        XDocument.Load(Path.Combine(dir, "junit.xml"));
        StrictUtf8.GetString(File.ReadAllBytes(Path.Combine(dir, "report.md")));
    }

    static void EveryString(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: e.GetString(); break; // throws on an escaped lone surrogate
            case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) EveryString(item); break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    _ = p.Name;
                    EveryString(p.Value);
                }
                break;
        }
    }

    /// <summary>A target that answers the given answers in turn, whatever it is sent.</summary>
    sealed class Answering(IReadOnlyList<Answer> answers) : ITarget
    {
        int next = -1;
        public string Describe => "answering";
        public RecordSet Records => AnswerPathTests.Records;
        public Answer Send(Case c) => answers[Interlocked.Increment(ref next) % answers.Count];
        public void Dispose() { }
    }
}

/// <summary>Arbitrary answers: what awsJson1.1 and Smithy servers send, and anything else.</summary>
public static class AnyAnswers
{
    static readonly string[] Names = ["__type", "code", "message", "Message", "fieldList", "path", "Code", "__TYPE"];
    static readonly Gen<string> Name = Gen.Elements(Names);

    static readonly Gen<string> Code = Gen.Frequency(
        (3, Gen.Elements("InvalidParametersException", "ResourceNotFoundException", "ValidationException",
            "ThrottlingException", "UnrecognizedClientException", "AccessDeniedException",
            "com.amazonaws.servicecatalog#InvalidParametersException", "aws.protocoltests#Foo:http://internal/", "#",
            ":", " ", "")),
        (1, AnyJson.Text),
        (1, from code in Gen.Elements("InvalidParametersException", "Throttling") from text in AnyJson.Text
            select code + text));

    static readonly Gen<string> MediaType = Gen.Frequency(
        (3, Gen.Elements("application/x-amz-json-1.1", "application/json", "application/x-amz-json-1.0; charset=utf-8",
            "text/html", "TEXT/HTML; charset=iso-8859-1", "text/plain", ";", "")),
        (1, AnyJson.Text));

    static Gen<string> Member(string name, Gen<string> value) =>
        from v in value from key in AnyJson.Literal(name) select $"{key}:{v}";

    static readonly Gen<string> Anything = AnyJson.Value(2, Name);

    /// <summary>A Smithy validation entry, its members sometimes of the wrong type.</summary>
    static readonly Gen<string> Field = Gen.Frequency(
        (4, from path in Gen.Frequency((2, AnyJson.AnyLiteral), (1, Anything))
            from message in Gen.Frequency((2, AnyJson.AnyLiteral), (1, Anything))
            select $"{{\"path\":{path},\"message\":{message}}}"),
        (1, Anything));

    /// <summary>An error body as awsJson1.1 and Smithy servers write it, and with members of any type.</summary>
    static readonly Gen<string> ErrorBody = Gen.ListOf(Gen.Frequency(
            (3, Member("__type", Code.SelectMany(AnyJson.Literal))),
            (1, Member("code", Code.SelectMany(AnyJson.Literal))),
            (2, Member("message", AnyJson.AnyLiteral)),
            (2, Member("Message", AnyJson.AnyLiteral)),
            (2, Member("fieldList",
                Gen.ListOf(Field).ScaleSize(AnyJson.Nested).Select(f => $"[{string.Join(",", f)}]"))),
            (1, AnyJson.Member(Name, Anything))))
        .Select(AnyJson.Object);

    static readonly Gen<byte[]> Body = AnyJson.Body(ErrorBody, Name);

    static readonly Gen<KeyValuePair<string, string>> Header = Gen.Frequency(
        (2, Code.Select(v => KeyValuePair.Create("x-amzn-ErrorType", v))),
        (2, MediaType.Select(v => KeyValuePair.Create("Content-Type", v))),
        (1, Gen.Elements("0", "-5", "99999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
            "soon").Select(v => KeyValuePair.Create("Retry-After", v))),
        (2, from name in AnyJson.Text from value in AnyJson.Text select KeyValuePair.Create(name, value)));

    static readonly Gen<Answer> Http =
        from status in Gen.Frequency(
            (3, Gen.Elements(200, 204, 307, 400, 401, 403, 404, 413, 429, 500, 502, 503)), (1, Gen.Choose(100, 999)))
        from headers in Gen.ListOf(Header)
        from body in Body
        select new Answer(status, [.. headers], body, TimeSpan.FromMilliseconds(3));

    static readonly Gen<Answer> None =
        from why in Gen.Elements(Enum.GetValues<NoAnswer>())
        from detail in AnyJson.Text
        select Answer.None(why, TimeSpan.FromMilliseconds(3), detail);

    /// <summary>An answer as bytes on the wire: a status line, headers (their text as Latin-1, so any byte),
    /// the body framed by its length, by the connection's end or in chunks.</summary>
    public static readonly Gen<Wire> Wire =
        from status in Gen.Frequency((3, Gen.Elements(200, 400, 403, 429, 500, 503)), (1, Gen.Choose(100, 999)))
        from reason in Gen.Elements("OK", "", "Bad Request", "caf\u00e9", "\u0001\u001b[31m")
        from headers in Gen.ListOf(Header).ScaleSize(size => size / 3)
        from body in Body
        from framing in Gen.Elements("length", "close", "chunked")
        select new Wire([.. Encoding.Latin1.GetBytes($"HTTP/1.1 {status} {reason}\r\n" +
            string.Concat(headers.Select(h => $"{h.Key}: {h.Value}\r\n")) + framing switch
            {
                "length" => $"Content-Length: {body.Length}\r\n\r\n",
                "chunked" => $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n",
                _ => "Connection: close\r\n\r\n",
            }), .. body, .. framing == "chunked" ? "\r\n0\r\n\r\n"u8.ToArray() : []]);

    /// <summary>The wire answer cut shorter: what a server that hangs up writes.</summary>
    public static IEnumerable<Wire> Shorter(Wire w)
    {
        if (w.Bytes.Length > 1) yield return new(w.Bytes[..(w.Bytes.Length / 2)]);
    }

    public static readonly Gen<Served> Served =
        Gen.NonEmptyListOf(Gen.Frequency((9, Http), (1, None))).Select(a => new Served([.. a]));

    /// <summary>Fewer answers, then each with fewer headers or a shorter body.</summary>
    public static IEnumerable<Served> Smaller(Served s)
    {
        var a = s.Answers;
        if (a.Length > 1)
            for (var i = 0; i < a.Length; i++) yield return new([.. a[..i], .. a[(i + 1)..]]);
        for (var i = 0; i < a.Length; i++)
        {
            foreach (var fewer in Fewer(a[i])) yield return new([.. a[..i], fewer, .. a[(i + 1)..]]);
        }
    }

    static IEnumerable<Answer> Fewer(Answer a)
    {
        for (var h = 0; h < a.Headers.Count; h++)
            yield return a with { Headers = [.. a.Headers.Take(h), .. a.Headers.Skip(h + 1)] };
        if (a.Body.Length > 0) yield return a with { Body = a.Body[..(a.Body.Length / 2)] };
        if (a.Body.Length > 1) yield return a with { Body = a.Body[1..] };
    }
}
